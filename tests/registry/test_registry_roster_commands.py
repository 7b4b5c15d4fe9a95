"""`xiezuo import_roster` / `xiezuo export_roster`: exit codes, --json, and the round trip."""

import io
import json

import pytest
from django.core.management import call_command

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.models import AuditEvent
from xiezuo.registry.models import Household, Person, StatusChange
from xiezuo.registry.roster.columns import COLUMNS
from xiezuo.registry.services import household_import, roster_export

HEADER = [c.header for c in COLUMNS if c.key != "other_causes"]

pytestmark = pytest.mark.django_db
JSON_KEYS = {"rows", "households_created", "households_updated", "persons_created",
             "persons_updated", "unchanged", "rejected", "ignored_columns", "errors", "report"}


def run(*args) -> tuple[int, dict | str]:
    out = io.StringIO()
    try:
        call_command("import_roster", *args, stdout=out, stderr=io.StringIO())
        code = 0
    except SystemExit as e:
        code = e.code
    text = out.getvalue()
    return code, (json.loads(text) if "--json" in args and text else text)


def test_json_output_has_every_field_and_exit_0_with_rejected_rows(areas, tmp_path, household, person, write_xlsx):
    rows = household("H1", 2) + [person("H2", 1, 证件号码="123")]
    rows[0]["备注"] = "x"
    f = write_xlsx(tmp_path / "r.xlsx", rows, header=[*HEADER, "备注"])
    code, d = run(str(f), "--json")
    assert code == 0
    assert JSON_KEYS <= set(d)
    assert (d["rows"], d["persons_created"], d["rejected"], d["ignored_columns"]) == (
        3, 2, 1, ["备注"])
    assert d["errors"][0] == {"row": 4, "column": "证件号码", "value": "123",
                              "reason": d["errors"][0]["reason"]}
    assert d["report"].endswith(".xlsx")
    assert d["rows"] == d["persons_created"] + d["persons_updated"] + d["unchanged"] + d["rejected"]


def test_a_missing_required_column_exits_2_naming_it(areas, tmp_path, household, write_xlsx):
    f = write_xlsx(tmp_path / "r.xlsx", household("H1", 1), header=[h for h in HEADER
                                                                    if h != "证件号码"] + ["身份证"])
    code, d = run(str(f), "--json")
    assert code == 2 and "前 10 行" in d["error"]  # without 证件号码 there is no header row
    f = write_xlsx(tmp_path / "r2.xlsx", household("H1", 1), header=[h for h in HEADER
                                                                     if h != "行政村"])
    code, d = run(str(f), "--json")
    assert code == 2 and "行政村" in d["error"]


def test_unreadable_and_unknown_files_exit_2(areas, tmp_path):
    bad = tmp_path / "r.xlsx"
    bad.write_bytes(b"not a workbook")
    assert run(str(bad))[0] == 2
    other = tmp_path / "r.pdf"
    other.write_bytes(b"%PDF")
    assert run(str(other))[0] == 2
    assert run(str(tmp_path / "missing.xlsx"))[0] == 2


def test_strict_exits_3_and_stores_nothing(areas, tmp_path, household, person, write_xlsx):
    rows = household("H1", 2) + [person("H2", 1, 证件号码="123")]
    code, d = run(str(write_xlsx(tmp_path / "r.xlsx", rows)), "--strict", "--json")
    assert code == 3 and d["rejected"] == 1 and d["stored"] is False
    assert Person.objects.count() == 0


def test_dry_run_exits_0_and_stores_nothing(areas, tmp_path, household, write_xlsx):
    code, d = run(str(write_xlsx(tmp_path / "r.xlsx", household("H1", 2))), "--dry-run", "--json")
    assert code == 0 and d["persons_created"] == 2 and d["stored"] is False
    assert Person.objects.count() == 0


def test_report_path_and_county_option(areas, tmp_path, household, write_xlsx):
    report = tmp_path / "e.xlsx"
    code, d = run(str(write_xlsx(tmp_path / "r.xlsx", household("H1", 2))), "--county", "621124",
                  "--report", str(report), "--json")
    assert code == 0 and d["report"] == str(report) and report.exists()
    code, d = run(str(write_xlsx(tmp_path / "r.xlsx", household("H1", 2))), "--county",
                  "999999", "--json")
    assert code == 2


def test_allow_moves_option(areas, tmp_path, household, write_xlsx):
    household_import(path=write_xlsx(tmp_path / "a.xlsx", household("H1", 2)))
    mover = household("H1", 2)[1]
    f = write_xlsx(tmp_path / "b.xlsx", [{**mover, "户编号": "H9", "与户主关系": "户主"}])
    assert run(str(f), "--json")[1]["rejected"] == 1
    assert run(str(f), "--allow-moves", "--json")[1]["persons_updated"] == 1


def test_text_output(areas, tmp_path, household, write_xlsx):
    code, text = run(str(write_xlsx(tmp_path / "r.xlsx", household("H1", 2))))
    assert code == 0 and "2 people created" in text


# --- export -------------------------------------------------------------------------------------

@pytest.fixture
def _populated(household,write_xlsx):
    def _populated(tmp_path):
        rows = (household("H1", 3, 脱贫属性="已脱贫（享受政策）", 脱贫年度="2018", 其他致贫原因="因病、缺技术")
                + household("H2", 2, 人均纯收入="", **{"务工时间（月）": ""})
                + household("H3", 1, **{"乡(镇)": "辛店镇", "行政村": "测试辛店镇1村"}))
        rows[3]["参加大病医疗"] = ""
        header = [*HEADER, "其他致贫原因"]
        r = household_import(path=write_xlsx(tmp_path / "src.xlsx", rows, header=header))
        assert r.rejected == 0, r.errors
        return rows
    return _populated


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_reports_everything_unchanged(areas, tmp_path, suffix, _populated):
    _populated(tmp_path)
    out = tmp_path / f"export{suffix}"
    assert roster_export(path=out) == 6
    history = StatusChange.objects.count()
    r = household_import(path=out)
    assert (r.rows, r.unchanged, r.persons_created, r.persons_updated, r.households_created,
            r.households_updated, r.rejected) == (6, 6, 0, 0, 0, 0, 0)
    assert r.ignored_columns == []
    assert StatusChange.objects.count() == history


def test_export_xlsx_keeps_ids_as_text_in_roster_column_order(areas, tmp_path, _populated):
    from openpyxl import load_workbook

    rows = _populated(tmp_path)
    out = tmp_path / "e.xlsx"
    call_command("export_roster", "--out", str(out), stdout=io.StringIO())
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[:28] == HEADER and header[28] == "其他致贫原因"
    ids = [ws.cell(row=i, column=8) for i in range(2, ws.max_row + 1)]
    assert all(c.data_type == "s" and c.number_format == "@" for c in ids)
    assert {c.value for c in ids} == {r["证件号码"] for r in rows}


def test_export_csv_has_a_bom_for_excel_and_reads_back(areas, tmp_path, _populated):
    _populated(tmp_path)
    out = tmp_path / "e.csv"
    roster_export(path=out, township_code="621124103")
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode()) and data.decode("utf-8-sig").count("\n") == 2


def test_export_by_township_and_scoping(areas, users, tmp_path, _populated):
    _populated(tmp_path)
    assert roster_export(path=tmp_path / "t.csv", township_code="621124100000") == 5
    assert roster_export(path=tmp_path / "c.csv", county_code="621124") == 6
    assert roster_export(actor=users["township_clerk"], path=tmp_path / "x.csv") == 5
    assert roster_export(actor=users["other_clerk"], path=tmp_path / "y.csv") == 1


def test_export_is_audited_and_refused_to_roles_without_full_ids(areas, users, tmp_path, _populated):
    from django.core.exceptions import PermissionDenied

    _populated(tmp_path)
    roster_export(actor=users["county_admin"], path=tmp_path / "a.xlsx")
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor == users["county_admin"] and event.new == {"rows": 6}
    for role in ("leadership", "auditor", "fund_officer", "east_officer"):
        with pytest.raises(PermissionDenied):
            roster_export(actor=users[role], path=tmp_path / "b.xlsx")


def test_import_of_an_export_after_an_edit_updates_only_that(areas, tmp_path, _populated):
    _populated(tmp_path)
    out = tmp_path / "e.csv"
    roster_export(path=out)
    p = Person.objects.order_by("id").first()
    Person.objects.filter(pk=p.pk).update(education="小学" if p.education != "小学" else "高中")
    Household.objects.filter(number="H2").update(phone="13900000000")
    r = household_import(path=out)
    assert (r.persons_updated, r.households_updated, r.unchanged) == (1, 1, 5)


def test_csv_import_from_written_rows(areas, tmp_path, household, write_csv):
    r = household_import(path=write_csv(tmp_path / "r.csv", household("H1", 2)))
    assert r.persons_created == 2

"""The agricultural population import (`population_import`, `xiezuo import_population`, the web
page) and the figures page: every rule with exact counts, exit codes, audit, scope, refusals,
and that poverty incidence uses the imported figure."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings as dj
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from xiezuo.accounts.models import AuditEvent
from xiezuo.core.models import Job
from xiezuo.regions.choices import Level, Side
from xiezuo.regions.models import Area
from xiezuo.regions.reference import LINTAO, TAOYANG, XINDIAN
from xiezuo.registry import population, selectors
from xiezuo.registry.models import AreaPopulation
from xiezuo.registry.population import TEMPLATE_HEADER, population_import
from xiezuo.registry.services import household_import

pytestmark = pytest.mark.django_db

H = ["区划代码", "地区名称", "农业人口", "年份", "来源"]
T_V1, T_V2 = "621124100201", "621124100202"  # 洮阳镇's two villages in the `areas` fixture
X_V1 = "621124103201"  # 辛店镇's first
JSON_KEYS = {"rows", "populations_created", "populations_updated", "unchanged", "rejected",
             "ignored_columns", "errors", "report", "notes", "header_row", "dry_run", "strict",
             "stored", "import_id", "file"}


def row(code="", agricultural="", year="2016", source="", name="") -> dict:
    return {"区划代码": code, "地区名称": name, "农业人口": agricultural, "年份": year, "来源": source}


@pytest.fixture
def xlsx(write_xlsx):
    def xlsx(tmp_path, rows, *, header=H, name="pop.xlsx", **kw) -> Path:
        return write_xlsx(tmp_path / name, rows, header=header, **kw)
    return xlsx


def run(*args) -> tuple[int, dict | str]:
    out = io.StringIO()
    try:
        call_command("import_population", *map(str, args), stdout=out, stderr=io.StringIO())
        code = 0
    except SystemExit as e:
        code = e.code
    text = out.getvalue()
    return code, (json.loads(text) if "--json" in args and text else text)


def figures() -> dict[str, tuple]:
    return {p.area.code: (p.agricultural, p.year, p.source, p.synthetic)
            for p in AreaPopulation.objects.select_related("area")}


def counts(r) -> tuple:
    return r.rows, r.populations_created, r.populations_updated, r.unchanged, r.rejected


# --- cells, without a database ---------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("621124100201", "621124100201"), (621124100201, "621124100201"),
    ("621124100", "621124100000"), ("621124", "621124000000"), (" ６２１１２４ ", "621124000000"),
    ("", None), (None, None),
])
def test_codes_are_read_as_12_digits_padding_short_prefixes(value, expected):
    assert population.parse_code(value) == expected


@pytest.mark.parametrize("value", ["6211", "62112410020", "6211241002011", "洮阳镇", "6.21124E+11"])
def test_codes_of_another_length_or_not_digits_are_refused(value):
    with pytest.raises(population.cells.CellError):
        population.parse_code(value)


@pytest.mark.parametrize(("value", "expected"), [
    ("1234", 1234), ("1,234", 1234), ("12,345,678", 12345678), ("1，234", 1234), ("1 234", 1234),
    (1234, 1234), (1234.0, 1234), ("0", 0), ("2,000人", 2000), ("１２３", 123), ("500.0", 500),
])
def test_population_is_a_non_negative_whole_number(value, expected):
    assert population.parse_population(value) == expected


@pytest.mark.parametrize(("value", "reason"), [
    ("", "不能为空"), (None, "不能为空"), ("-5", "负数"), (-5, "负数"), ("12.5", "不是整数"),
    (12.5, "不是整数"), ("12,34", "千位分隔"), ("abc", "不是整数"), ("100000000", "超出范围"),
    (True, "不是整数"),
])
def test_population_cells_that_are_not_a_count_say_why(value, reason):
    with pytest.raises(population.cells.CellError) as e:
        population.parse_population(value)
    assert reason in e.value.reason


@pytest.mark.parametrize(("value", "expected"), [
    ("2016", 2016), (2016, 2016), (2016.0, 2016), ("2016年", 2016), ("", None)])
def test_years_as_text_numbers_or_with_nian(value, expected):
    assert population.parse_year(value, this_year=2024) == expected


@pytest.mark.parametrize("value", ["1999", "2025", "16", "二〇一六"])
def test_years_outside_2000_to_this_year_are_refused(value):
    with pytest.raises(population.cells.CellError):
        population.parse_year(value, this_year=2024)


# --- the import ------------------------------------------------------------------------------

def test_each_row_creates_a_real_figure_for_county_township_and_villages(areas, tmp_path, xlsx):
    f = xlsx(tmp_path, [row(LINTAO, "493400", source="临洮县统计局"), row(TAOYANG, "30000"),
                        row(T_V1, "1,200"), row(T_V2, 800)])
    r = population_import(path=f, source="2016 年统计年鉴")
    assert counts(r) == (4, 4, 0, 0, 0) and r.stored and r.errors == [] and r.report is None
    assert figures() == {
        LINTAO: (493400, 2016, "临洮县统计局", False),
        TAOYANG: (30000, 2016, "2016 年统计年鉴", False),
        T_V1: (1200, 2016, "2016 年统计年鉴", False), T_V2: (800, 2016, "2016 年统计年鉴", False)}


def test_short_codes_numeric_cells_a_title_above_and_csv_in_gb18030(areas, tmp_path, write_csv,
        xlsx):
    f = xlsx(tmp_path, [row("621124100", 30000), row("621124", 493400), row("", "", "")],
             above=[["临洮县 2016 年农业人口"]], raw={(2, "区划代码"): 621124100201,
                                                 (2, "农业人口"): 1200.0, (2, "年份"): 2016})
    r = population_import(path=f)
    assert counts(r) == (3, 3, 0, 0, 0) and r.header_row == 2
    assert set(figures()) == {TAOYANG, LINTAO, T_V1} and figures()[T_V1][0] == 1200
    c = write_csv(tmp_path / "pop.csv", [row(X_V1, "1,500", source="统计局")], header=H,
                  encoding="gb18030")
    assert counts(population_import(path=c)) == (1, 1, 0, 0, 0)
    assert figures()[X_V1] == (1500, 2016, "统计局", False)


def test_header_spellings_and_unknown_columns(areas, tmp_path, xlsx):
    header = ["统计用区划代码", "乡镇", "农业人口（人）", "年度", "数据来源"]
    rows = [{"统计用区划代码": TAOYANG, "乡镇": "洮阳镇", "农业人口（人）": "30000", "年度": "2017",
             "数据来源": "统计局"}]
    r = population_import(path=xlsx(tmp_path, rows, header=header))
    assert counts(r) == (1, 1, 0, 0, 0) and r.ignored_columns == ["乡镇"]
    assert figures()[TAOYANG] == (30000, 2017, "统计局", False)


REJECTIONS = [  # (row dict, column, value, a piece of the reason)
    (row("621124999999", 10), "区划代码", "621124999999", "没有区划代码为 621124999999 的地区"),
    (row("350104000000", 10), "区划代码", "350104000000", "不是受援方（西部）的地区"),
    (row("620000000000", 10), "区划代码", "620000000000", "只按县、乡镇和行政村导入"),
    (row("12345", 10), "区划代码", "12345", "不是区划代码"),
    (row(T_V1, "-3"), "农业人口", "-3", "不能为负数"),
    (row(T_V1, "12.5"), "农业人口", "12.5", "不是整数"),
    (row(T_V1, ""), "农业人口", "", "不能为空"),
    (row(T_V1, 10, year="1999"), "年份", "1999", "年份应为"),
    (row(T_V1, 10, source="来" * 201), "来源", "来" * 201, "来源过长"),
    (row("", 10), "区划代码", "", "区划代码为空"),
]


@pytest.mark.parametrize(("bad", "column", "value", "reason"), REJECTIONS)
def test_a_bad_row_is_rejected_naming_row_column_value_and_reason(areas, tmp_path, bad, column,
                                                                  value, reason, xlsx):
    r = population_import(path=xlsx(tmp_path, [row(T_V2, 800), bad]))
    assert counts(r) == (2, 1, 0, 0, 1) and set(figures()) == {T_V2}
    (e,) = r.errors
    assert (e.row, e.column, e.value) == (3, column, value) and reason in e.reason
    assert Path(r.report).is_file()


def test_one_row_with_several_bad_cells_counts_once_with_every_error(areas, tmp_path, xlsx):
    r = population_import(path=xlsx(tmp_path, [row("abc", "x", year="20")]))
    assert counts(r) == (1, 0, 0, 0, 1)
    assert [e.column for e in r.errors] == ["农业人口", "区划代码", "年份"]


def test_the_same_area_twice_rejects_the_later_row_naming_the_earlier(areas, tmp_path, xlsx):
    r = population_import(path=xlsx(tmp_path, [row(T_V1, 100), row(T_V2, 200),
                                                row("621124100201", 150)]))
    assert counts(r) == (3, 2, 0, 0, 1)
    assert r.errors[0].row == 4 and "与第 2 行是同一地区" in r.errors[0].reason
    assert figures()[T_V1][0] == 100


def test_without_a_year_column_the_year_option_applies_else_every_row_is_refused(areas, tmp_path,
        xlsx):
    header = ["区划代码", "农业人口"]
    f = xlsx(tmp_path, [row(T_V1, 100), row(T_V2, 200)], header=header)
    r = population_import(path=f)
    assert counts(r) == (2, 0, 0, 0, 2) and not figures()
    assert r.errors[0].column is None and "--year" in r.errors[0].reason
    r = population_import(path=f, year=2018)
    assert counts(r) == (2, 2, 0, 0, 0) and figures()[T_V1][1] == 2018


def test_a_blank_year_or_source_cell_takes_the_option_a_filled_one_wins(areas, tmp_path, xlsx):
    f = xlsx(tmp_path, [row(T_V1, 100, year="", source=""), row(T_V2, 200, year="2019",
                                                                 source="乡政府")])
    r = population_import(path=f, year=2017, source="统计局")
    assert counts(r) == (2, 2, 0, 0, 0)
    assert figures() == {T_V1: (100, 2017, "统计局", False), T_V2: (200, 2019, "乡政府", False)}


def test_a_name_resolves_when_the_code_is_blank_and_the_name_is_unique_in_the_county(areas,
                                                                                   tmp_path, xlsx):
    # A second 测试洮阳镇1村 under 辛店镇 makes that name ambiguous in the county.
    Area.objects.create(code="621124103209", name="测试洮阳镇1村", level=Level.VILLAGE,
                        parent=areas[XINDIAN], side=Side.WEST)
    f = xlsx(tmp_path, [row(name="洮阳镇", agricultural=30000),
                        row(name="测试洮阳镇2村", agricultural=800),
                        row(name="测试洮阳镇1村", agricultural=900),
                        row(name="不存在村", agricultural=10),
                        row(code=T_V1, name="辛店镇", agricultural=1200)])
    r = population_import(path=f)
    assert counts(r) == (5, 3, 0, 0, 2)
    assert figures() == {TAOYANG: (30000, 2016, "", False), T_V2: (800, 2016, "", False),
                         T_V1: (1200, 2016, "", False)}  # a code wins over a name
    ambiguous, unknown = r.errors
    assert (ambiguous.row, ambiguous.column) == (4, "地区名称")
    assert "有 2 个名为“测试洮阳镇1村”的地区（621124100201、621124103209）" in ambiguous.reason
    assert (unknown.row, unknown.column) == (5, "地区名称") and "没有名为“不存在村”" in unknown.reason


def test_reimporting_the_same_file_changes_nothing(areas, tmp_path, xlsx):
    f = xlsx(tmp_path, [row(LINTAO, 493400), row(TAOYANG, 30000), row(T_V1, 1200)])
    population_import(path=f, source="统计局")
    before = figures()
    events = AuditEvent.objects.exclude(action="import").count()
    r = population_import(path=f, source="统计局")
    assert counts(r) == (3, 0, 0, 3, 0) and r.stored
    assert figures() == before
    assert AuditEvent.objects.exclude(action="import").count() == events


def test_a_changed_figure_is_updated_and_audited_with_old_and_new(areas, users, tmp_path, xlsx):
    population_import(path=xlsx(tmp_path, [row(T_V1, 1200), row(T_V2, 800)]), source="统计局")
    created = AuditEvent.objects.filter(action="create", object_type="registry.areapopulation")
    assert created.count() == 2 and created.first().old is None
    r = population_import(actor=users["county_admin"], source="统计局",
                          path=xlsx(tmp_path, [row(T_V1, 1250), row(T_V2, 800)], name="b.xlsx"))
    assert counts(r) == (2, 0, 1, 1, 0)
    event = AuditEvent.objects.get(action="update", object_type="registry.areapopulation")
    assert event.actor == users["county_admin"] and event.area_code == T_V1
    assert event.old == {"agricultural": 1200, "year": 2016, "source": "统计局", "synthetic": False}
    assert event.new == {"agricultural": 1250, "year": 2016, "source": "统计局", "synthetic": False}
    assert "b.xlsx 第 2 行" in event.note
    imp = AuditEvent.objects.filter(action="import").latest("at")
    assert imp.new["populations_updated"] == 1 and imp.new["unchanged"] == 1
    assert (Path(dj.DATA_DIR) / imp.new["file"]).is_file()
    assert (Path(dj.DATA_DIR) / f"{imp.new['file']}.summary.json").is_file()


def test_a_synthetic_figure_is_replaced_by_the_real_one(areas, tmp_path, xlsx):
    AreaPopulation.objects.create(area=areas[TAOYANG], agricultural=30000, year=2016,
                                  source="合成演示数据", synthetic=True)
    r = population_import(path=xlsx(tmp_path, [row(TAOYANG, 30000, source="统计局")]))
    assert counts(r) == (1, 0, 1, 0, 0)
    assert figures()[TAOYANG] == (30000, 2016, "统计局", False)


def test_an_earlier_year_does_not_replace_a_later_real_figure(areas, tmp_path, xlsx):
    population_import(path=xlsx(tmp_path, [row(TAOYANG, 31000, year="2019")]))
    r = population_import(path=xlsx(tmp_path, [row(TAOYANG, 30000, year="2016")], name="b.xlsx"))
    assert counts(r) == (1, 0, 0, 0, 1)
    assert (r.errors[0].column, r.errors[0].value) == ("年份", "2016")
    assert "已有 2019 年的农业人口 31000" in r.errors[0].reason
    assert figures()[TAOYANG][:2] == (31000, 2019)


def test_a_township_unlike_the_sum_of_its_villages_is_a_note_not_a_rejection(areas, tmp_path, xlsx):
    f = xlsx(tmp_path, [row(TAOYANG, 2100), row(T_V1, 1200), row(T_V2, 800),
                        row(XINDIAN, 900), row(X_V1, 900)])
    r = population_import(path=f)
    assert counts(r) == (5, 5, 0, 0, 0) and r.errors == []
    (note,) = r.notes
    assert {k: note[k] for k in ("row", "code", "figure", "parts", "parts_sum")} == {
        "row": 2, "code": TAOYANG, "figure": 2100, "parts": 2, "parts_sum": 2000}
    assert "洮阳镇" in note["note"] and "2000" in note["note"] and "+100" in note["note"]
    assert r.as_json()["notes"] == [note]


def test_strict_stores_nothing_when_a_row_is_rejected_and_dry_run_nothing_at_all(areas, tmp_path,
        xlsx):
    f = xlsx(tmp_path, [row(T_V1, 100), row(T_V2, "-1")])
    r = population_import(path=f, strict=True)
    assert r.refused and not r.stored and counts(r) == (2, 1, 0, 0, 1) and not figures()
    r = population_import(path=xlsx(tmp_path, [row(T_V1, 100)], name="b.xlsx"), dry_run=True)
    assert counts(r) == (1, 1, 0, 0, 0) and not r.stored and not figures()
    assert not AuditEvent.objects.exists()


def test_the_writes_are_one_transaction(areas, tmp_path, monkeypatch, xlsx):
    calls = []

    def failing_audit(**kw):
        calls.append(kw)
        if len(calls) == 3:
            raise RuntimeError("stopped half-way")

    monkeypatch.setattr(population, "audit_record", failing_audit)
    with pytest.raises(RuntimeError):
        population_import(path=xlsx(tmp_path, [row(T_V1, 100), row(T_V2, 200), row(X_V1, 300)]))
    assert not AreaPopulation.objects.exists()


def test_the_error_report_has_the_error_then_the_row_as_the_file_held_it(areas, tmp_path, xlsx):
    from openpyxl import load_workbook

    target = tmp_path / "errors.xlsx"
    r = population_import(path=xlsx(tmp_path, [row(T_V1, 100), row(T_V2, "abc", source="x")]),
                          report_path=target)
    assert r.report == str(target)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0] == ("行号", "列", "值", "原因", *H)
    assert rows[1][:3] == (3, "农业人口", "abc") and rows[1][4:] == (T_V2, None, "abc", "2016", "x")


def test_a_township_clerk_may_import_only_areas_in_their_township(areas, users, tmp_path, xlsx):
    f = xlsx(tmp_path, [row(TAOYANG, 2000), row(T_V1, 1200), row(X_V1, 900), row(LINTAO, 9)])
    r = population_import(actor=users["township_clerk"], path=f)
    assert counts(r) == (4, 2, 0, 0, 2) and set(figures()) == {TAOYANG, T_V1}
    assert [(e.row, e.column) for e in r.errors] == [(4, "区划代码"), (5, "区划代码")]
    assert all("不在您负责的区域内" in e.reason for e in r.errors)


@pytest.mark.parametrize("role", ["case_worker", "fund_officer", "east_officer", "leadership",
                                  "auditor"])
def test_a_role_that_may_not_edit_the_registry_cannot_import(areas, users, tmp_path, role, xlsx):
    with pytest.raises(PermissionDenied):
        population_import(actor=users[role], path=xlsx(tmp_path, [row(T_V1, 100)]))
    assert not figures()


def test_incidence_by_township_uses_the_imported_figure(areas, users, tmp_path, household,
        write_xlsx, xlsx):
    household_import(path=write_xlsx(tmp_path / "roster.xlsx", household("H1", 3)))
    admin = users["county_admin"]
    by_code = {i.code: i for i in selectors.incidence_by_township(user=admin)}
    assert by_code[TAOYANG].poor == 3 and by_code[TAOYANG].incidence is None
    population_import(path=xlsx(tmp_path, [row(TAOYANG, "1,200")]))
    taoyang = {i.code: i for i in selectors.incidence_by_township(user=admin)}[TAOYANG]
    assert (taoyang.poor, taoyang.population, str(taoyang.incidence)) == (3, 1200, "0.25")


# --- the command ----------------------------------------------------------------------------

def test_the_command_prints_the_shared_json_shape_and_exits_0_with_rejected_rows(areas,
                                                                                 tmp_path, xlsx):
    f = xlsx(tmp_path, [row(T_V1, 100), row(T_V2, "x")], header=[*H, "备注"])
    code, d = run(f, "--json", "--source", "统计局")
    assert code == 0 and set(d) == JSON_KEYS
    assert (d["rows"], d["populations_created"], d["populations_updated"], d["unchanged"],
            d["rejected"], d["ignored_columns"]) == (2, 1, 0, 0, 1, ["备注"])
    assert d["errors"] == [{"row": 3, "column": "农业人口", "value": "x",
                            "reason": d["errors"][0]["reason"]}]
    assert d["report"].endswith(".xlsx") and d["stored"] is True and d["notes"] == []
    assert d["rows"] == (d["populations_created"] + d["populations_updated"] + d["unchanged"]
                         + d["rejected"])


def test_a_missing_required_column_or_an_unreadable_file_exits_2_naming_it(areas, tmp_path, xlsx):
    code, d = run(xlsx(tmp_path, [row(T_V1, 100)], header=["地区名称", "农业人口"]), "--json")
    assert code == 2 and "缺少必需的列：区划代码" in d["error"]
    code, d = run(xlsx(tmp_path, [row(T_V1, 100)], header=["区划代码", "人口"], name="b.xlsx"),
                  "--json")
    assert code == 2 and "农业人口" in d["error"]
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    assert run(bad)[0] == 2
    assert run(tmp_path / "missing.csv")[0] == 2
    assert run(xlsx(tmp_path, [row(T_V1, 100)], name="c.xlsx"), "--year", "1980")[0] == 2
    assert not figures()


def test_strict_exits_3_and_dry_run_exits_0_storing_nothing(areas, tmp_path, xlsx):
    f = xlsx(tmp_path, [row(T_V1, 100), row(T_V2, "-1")])
    code, d = run(f, "--strict", "--json")
    assert code == 3 and d["rejected"] == 1 and d["stored"] is False
    code, d = run(xlsx(tmp_path, [row(T_V1, 100)], name="b.xlsx"), "--dry-run", "--json")
    assert code == 0 and d["populations_created"] == 1 and d["dry_run"] and not d["stored"]
    assert not figures()


def test_the_command_text_summary_and_year_option(areas, tmp_path, xlsx):
    f = xlsx(tmp_path, [row(T_V1, 100, year=""), row(TAOYANG, 99, year="")])
    code, text = run(f, "--year", "2018", "--report", tmp_path / "r.xlsx")
    assert code == 0 and "2 rows: 2 figures created" in text and "note:" in text
    assert figures()[T_V1][1] == 2018 and (tmp_path / "r.xlsx").is_file()


# --- the pages ------------------------------------------------------------------------------


@pytest.fixture
def upload(xlsx_bytes):
    """upload(client, …) -> the response to the import page's POST of these rows."""
    def _upload(client, rows, name="农业人口.xlsx", **options):
        data = [H, *[[r[h] for h in H] for r in rows]]
        return client.post(reverse("registry:population_import"), {
            "file": SimpleUploadedFile(name, xlsx_bytes(data)), **options})
    return _upload


def test_upload_runs_the_import_as_a_job_with_its_result_notes_and_report(client, users, areas,
        upload):
    client.force_login(users["county_admin"])
    r = upload(client, [row(TAOYANG, 2100), row(T_V1, 1200), row(T_V2, 800), row(X_V1, "x")],
                source="统计局")
    job = Job.objects.get(kind="registry.population_import")
    assert r.status_code == 302 and r["Location"] == reverse("core:job_detail", args=[job.pk])
    assert job.status == Job.Status.DONE and job.total == 4
    assert (job.result["rows"], job.result["populations_created"], job.result["rejected"]) == (
        4, 3, 1)
    assert job.result_url == reverse("registry:population_import_result", args=[job.pk])
    assert figures()[T_V1] == (1200, 2016, "统计局", False)
    page = client.get(job.result_url).content.decode()
    assert "新增农业人口数字" in page and "“x”不是整数" in page and "之和 2000 不同" in page
    report = client.get(reverse("registry:population_import_report", args=[job.pk]))
    assert report.status_code == 200 and report["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.filter(action="export", object_id=str(job.pk)).exists()
    # The upload is gone; the import keeps its own copy under uploads/population.
    assert not list((Path(dj.DATA_DIR) / "uploads" / "population" / "incoming").glob("*/*"))
    # The job is its starter's: another registry editor gets 404.
    client.force_login(users["township_clerk"])
    assert client.get(job.result_url).status_code == 404
    assert client.get(reverse("registry:population_import_report",
                              args=[job.pk])).status_code == 404


def test_a_township_clerks_upload_rejects_rows_outside_the_township(client, users, areas, upload):
    client.force_login(users["township_clerk"])
    upload(client, [row(T_V1, 1200), row(X_V1, 900)])
    job = Job.objects.get(kind="registry.population_import")
    assert (job.result["populations_created"], job.result["rejected"]) == (1, 1)
    assert "不在您负责的区域内" in job.result["errors"][0]["reason"]
    assert set(figures()) == {T_V1}


def test_a_refused_file_and_a_strict_or_dry_run_upload_say_so(client, users, areas, xlsx_bytes,
        upload):
    client.force_login(users["county_admin"])
    client.post(reverse("registry:population_import"), {
        "file": SimpleUploadedFile("a.xlsx", xlsx_bytes([["地区名称", "农业人口"], ["洮阳镇", 1]]))})
    upload(client, [row(T_V1, 1), row(T_V2, "-1")], strict="on")
    upload(client, [row(T_V1, 1)], dry_run="on")
    refused, strict, dry = Job.objects.filter(kind="registry.population_import").order_by(
        "created_at")
    assert refused.status == Job.Status.FAILED
    assert "缺少必需的列：区划代码" in client.get(refused.result_url).content.decode()
    assert "全部没有保存" in client.get(strict.result_url).content.decode()
    assert "试运行" in client.get(dry.result_url).content.decode()
    assert not figures()


def test_rejections_and_notes_are_in_the_users_language(client, users, areas, upload):
    client.force_login(users["county_admin"])
    client.cookies[dj.LANGUAGE_COOKIE_NAME] = "en"
    upload(client, [row(TAOYANG, 2100), row(T_V1, 1200), row(T_V2, "x")])
    page = client.get(Job.objects.get().result_url).content.decode()
    translation.activate(dj.LANGUAGE_CODE)  # the middleware leaves English active in this thread
    assert "“x” is not a whole number" in page and "Figures added" in page
    assert "its villages in this file (1) add up to 1200 (a difference of +900)" in page


def test_the_list_shows_the_figures_of_the_users_area_only(client, users, areas, tmp_path, xlsx):
    population_import(path=xlsx(tmp_path, [row(LINTAO, 493400), row(TAOYANG, 30001),
                                           row(T_V1, 1201), row(XINDIAN, 40001)]),
                      source="统计局")
    AreaPopulation.objects.create(area=areas[T_V2], agricultural=777, year=2016,
                                  source="合成演示数据", synthetic=True)
    client.force_login(users["township_clerk"])
    html = client.get(reverse("registry:population_list")).content.decode()
    assert "30001" in html and "1201" in html and "777" in html and "合成演示数据" in html
    assert "40001" not in html and "493400" not in html
    assert reverse("registry:population_template") in html
    client.force_login(users["county_admin"])
    html = client.get(reverse("registry:population_list")).content.decode()
    assert all(n in html for n in ("493400", "30001", "1201", "40001", "777"))


def test_the_template_is_a_workbook_with_the_header_row(client, users, areas):
    from openpyxl import load_workbook

    client.force_login(users["township_clerk"])
    r = client.get(reverse("registry:population_template"))
    assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment")
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    # the header on row 3 below the title and the hint, after the 序号 column; then the
    # example row the import skips (tests/test_import_templates.py)
    assert [c.value for c in ws[3]][1:] == TEMPLATE_HEADER == H
    assert ws.cell(4, 1).value == "示例"
    assert all(c.value is None for row in ws.iter_rows(min_row=5) for c in row)


PAGES = [("registry:population_list", []), ("registry:population_import", []),
         ("registry:population_template", []),
         ("registry:population_import_result", ["00000000-0000-0000-0000-000000000000"]),
         ("registry:population_import_report", ["00000000-0000-0000-0000-000000000000"])]


@pytest.mark.parametrize("role", ["case_worker", "fund_officer", "east_officer", "leadership",
                                  "auditor"])
def test_every_role_that_may_not_edit_the_registry_is_refused(client, users, areas, role, upload):
    client.force_login(users[role])
    for name, args in PAGES:
        assert client.get(reverse(name, args=args)).status_code == 403, name
    assert upload(client, [row(T_V1, 1)]).status_code == 403
    assert not Job.objects.exists() and not figures()


def test_anonymous_users_are_sent_to_log_in(client, areas, upload):
    for name, args in PAGES:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
    assert upload(client, [row(T_V1, 1)]).status_code == 302
    assert not figures()


def test_the_navigation_links_the_figures_for_registry_editors_only(client, users, areas):
    url = reverse("registry:population_list")
    client.force_login(users["township_clerk"])
    assert f'href="{url}"' in client.get(reverse("registry:household_list")).content.decode()
    client.force_login(users["case_worker"])
    assert f'href="{url}"' not in client.get(reverse("registry:household_list")).content.decode()

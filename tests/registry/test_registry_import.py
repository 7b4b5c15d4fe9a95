"""One test per import rule of issue 3, each with its exact counts."""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.models import AuditEvent
from xiezuo.regions.models import Area
from xiezuo.registry import crypto, idnumber
from xiezuo.registry.models import Household, Person, RosterImport, StatusChange
from xiezuo.registry.roster.columns import COLUMNS
from xiezuo.registry.roster.read import RosterFormatError
from xiezuo.registry.services import household_import

HEADER = [c.header for c in COLUMNS if c.key != "other_causes"]
XVILLAGE1 = "测试辛店镇1村"

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parent / "data"


def counts(r) -> tuple:
    return (r.rows, r.households_created, r.households_updated, r.persons_created,
            r.persons_updated, r.unchanged, r.rejected)


def reasons(r) -> list[tuple]:
    return [(e.row, e.column, e.reason) for e in r.errors]


# --- the header ---------------------------------------------------------------------------------

def test_header_below_merged_title_rows_is_found_and_rows_numbered_as_excel(areas, tmp_path, household, write_xlsx):
    rows = household("H1", 2)
    rows[1]["文化程度"] = "博士"
    f = write_xlsx(tmp_path / "r.xlsx", rows, above=[["临洮县建档立卡花名册"], ["制表：扶贫办"]])
    r = household_import(path=f)
    assert r.header_row == 3
    assert counts(r) == (2, 1, 0, 1, 0, 0, 1)
    assert [(e.row, e.column, e.value) for e in r.errors] == [(5, "文化程度", "博士")]


def test_header_spellings_differing_in_brackets_and_spaces_are_the_same_column(areas, tmp_path, household, write_xlsx):
    header = [{"乡(镇)": "乡（镇）", "姓名": "姓 名", "务工时间（月）": "务工时间(月)"}.get(h, h)
              for h in HEADER]
    f = write_xlsx(tmp_path / "r.xlsx", household("H1", 2), header=header)
    r = household_import(path=f)
    assert counts(r) == (2, 1, 0, 2, 0, 0, 0)
    assert r.ignored_columns == []
    assert Person.objects.filter(months_worked=6).count() == 2


def test_unknown_columns_are_ignored_and_listed(areas, tmp_path, household, write_xlsx):
    rows = household("H1", 2)
    for row in rows:
        row["备注"] = "无"
    f = write_xlsx(tmp_path / "r.xlsx", rows, header=[*HEADER, "备注", "帮扶责任人"])
    r = household_import(path=f)
    assert r.ignored_columns == ["备注", "帮扶责任人"]
    assert counts(r) == (2, 1, 0, 2, 0, 0, 0)


def test_a_missing_required_column_refuses_the_whole_file_naming_it(areas, tmp_path, household, write_xlsx):
    f = write_xlsx(tmp_path / "r.xlsx", household("H1", 2),
                   header=[h for h in HEADER if h not in ("户编号", "与户主关系")])
    with pytest.raises(RosterFormatError, match="户编号、与户主关系"):
        household_import(path=f)
    assert Person.objects.count() == 0


def test_no_header_in_the_first_ten_rows_refuses_the_file(areas, tmp_path, household, write_xlsx):
    f = write_xlsx(tmp_path / "r.xlsx", household("H1", 1), above=[["标题"]] * 10)
    with pytest.raises(RosterFormatError, match="前 10 行"):
        household_import(path=f)


# --- cells --------------------------------------------------------------------------------------

def test_blank_rows_are_skipped_and_not_counted(areas, tmp_path, household, write_xlsx):
    a, b = household("H1", 2)
    f = write_xlsx(tmp_path / "r.xlsx", [a, None, None, b, None])
    r = household_import(path=f)
    assert counts(r) == (2, 1, 0, 2, 0, 0, 0)


def test_cells_are_trimmed_and_full_width_digits_and_letters_converted(areas, tmp_path, new_id, person, write_xlsx):
    number = new_id(7)
    wide = " " + "".join(chr(ord(c) + 0xFEE0) for c in number[:9]) + "\u3000" + number[9:] + " "
    rows = [person("Ｈ１", 1, 证件号码=wide, 姓名="  张三 ", **{"务工时间（月）": "１２"})]
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert counts(r) == (1, 1, 0, 1, 0, 0, 0)
    p = Person.objects.get()
    assert (p.name, p.household.number, p.months_worked) == ("张三", "H1", 12)
    assert crypto.decrypt_id(p.id_cipher) == number


def test_lowercase_x_and_old_15_digit_numbers_are_normalised(areas, tmp_path, household, new_id, write_xlsx):
    x = next(n for n in (new_id(s) for s in range(200)) if n.endswith("X"))
    old18 = new_id(3, born=datetime.date(1962, 1, 1))
    rows = household("H1", 2)
    rows[0]["证件号码"] = x.lower()
    rows[1]["证件号码"] = idnumber.narrow(old18)
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert counts(r) == (2, 1, 0, 2, 0, 0, 0)
    assert {crypto.decrypt_id(p.id_cipher) for p in Person.objects.all()} == {x, old18}


def test_dates_may_be_text_excel_serials_or_date_cells(areas, tmp_path, person, write_xlsx):
    rows = [person("H1", 1, 首次识别时间="2015/3/1"), person("H2", 1, 首次识别时间="2015年3月1日"),
            person("H3", 1), person("H4", 1), person("H5", 1, 首次识别时间="20150301")]
    raw = {(2, "首次识别时间"): 42064, (3, "首次识别时间"): datetime.date(2015, 3, 1)}
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows, raw=raw))
    assert counts(r) == (5, 5, 0, 5, 0, 0, 0)
    assert set(Household.objects.values_list("first_identified", flat=True)) == {
        datetime.date(2015, 3, 1)}


def test_a_bad_date_is_rejected_naming_row_column_value(areas, tmp_path, person, write_xlsx):
    rows = [person("H1", 1, 首次识别时间="2015-02-30"), person("H2", 1, 首次识别时间="下个月")]
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert counts(r) == (2, 0, 0, 0, 0, 0, 2)
    assert [(e.row, e.column, e.value) for e in r.errors] == [
        (2, "首次识别时间", "2015-02-30"), (3, "首次识别时间", "下个月")]


def test_category_values_outside_the_list_are_rejected_listing_the_allowed(areas, tmp_path, household, write_xlsx):
    rows = household("H1", 3)
    rows[1]["健康状况"] = "良好"
    rows[2]["脱贫属性"] = "已脱贫"  # a household column: the household's rows now disagree
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert r.rejected == 3 and r.persons_created == 0
    health = [e for e in r.errors if e.column == "健康状况"]
    assert len(health) == 1 and health[0].row == 3
    assert "允许的值：健康、长期慢性病、患有大病、残疾" in health[0].reason
    status = [e for e in r.errors if e.column == "脱贫属性"]
    assert status[0].row == 4 and "未脱贫、已脱贫（享受政策）、已脱贫（不再享受政策）、返贫" in \
        status[0].reason


def test_category_values_ignore_bracket_width_and_benren_huozhu_is_the_head(areas, tmp_path, household, write_xlsx):
    rows = household("H1", 2, 脱贫属性="已脱贫(享受政策)", 脱贫年度="2018",
                     务工状况="乡(镇)内务工")
    rows[0]["与户主关系"] = "本人或户主"
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert counts(r) == (2, 1, 0, 2, 0, 0, 0)
    h = Household.objects.get()
    assert (h.exit_status, h.exit_year) == ("已脱贫（享受政策）", 2018)
    assert set(Person.objects.values_list("relation", "employment")) == {
        ("户主", "乡（镇）内务工"), ("配偶", "乡（镇）内务工")}


def test_an_id_in_a_numeric_cell_longer_than_15_digits_is_rejected_with_why(areas, tmp_path, household, write_xlsx):
    rows = household("H1", 1) + household("H2", 1)
    raw = {(0, "证件号码"): float(rows[0]["证件号码"][:17] + "0")}
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows, raw=raw))
    assert counts(r) == (2, 1, 0, 1, 0, 0, 1)
    (e,) = r.errors
    assert (e.row, e.column) == (2, "证件号码")
    assert "15 位有效数字" in e.reason and "文本" in e.reason


def test_an_id_saved_as_scientific_notation_text_in_a_csv_is_rejected(areas, tmp_path, household, write_csv):
    rows = household("H1", 1) + household("H2", 1)
    rows[0]["证件号码"] = "6.21124E+17"
    r = household_import(path=write_csv(tmp_path / "r.csv", rows))
    assert counts(r) == (2, 1, 0, 1, 0, 0, 1)
    assert "科学计数法" in r.errors[0].reason


@pytest.mark.parametrize("bad, why", [
    ("62112419800506137", "18 位"),
    ("621124198013061372", "不是有效日期"),
    ("991124198005061372", "省级代码 99"),
    ("621124198005061379", "校验码"),
])
def test_each_kind_of_bad_id_is_rejected(areas, tmp_path, bad, why, person, write_xlsx):
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", [person("H1", 1, 证件号码=bad)]))
    assert counts(r) == (1, 0, 0, 0, 0, 0, 1)
    assert why in r.errors[0].reason


# --- households ---------------------------------------------------------------------------------

def test_a_household_without_a_head_is_rejected_whole(areas, tmp_path, household, write_xlsx):
    rows = household("H1", 3) + household("H2", 2)
    rows[0]["与户主关系"] = "之子"
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert counts(r) == (5, 1, 0, 2, 0, 0, 3)
    assert [(e.row, e.column) for e in r.errors] == [(2, None), (3, None), (4, None)]
    assert "没有户主" in r.errors[0].reason
    # the household's problem is said once; its other rows point to it
    assert [e.reason for e in r.errors[1:]] == ["户编号 H1 整户未导入，原因见第 2 行"] * 2


def test_a_household_with_two_heads_is_rejected_whole(areas, tmp_path, household, write_xlsx):
    rows = household("H1", 3)
    rows[2]["与户主关系"] = "户主"
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert counts(r) == (3, 0, 0, 0, 0, 0, 3)
    assert "2 个户主（第 2、4 行）" in r.errors[0].reason


def test_household_fields_must_agree_across_its_rows(areas, tmp_path, household, write_xlsx):
    rows = household("H1", 3) + household("H2", 1)
    rows[1]["人均纯收入"] = "3000"
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert counts(r) == (4, 1, 0, 1, 0, 0, 3)
    assert {e.column for e in r.errors} == {None}
    assert "“人均纯收入”不一致" in r.errors[0].reason
    assert "2800.50（第 2 行）" in r.errors[0].reason and "3000.00（第 3 行）" in r.errors[0].reason


def test_blank_household_cells_do_not_conflict(areas, tmp_path, household, write_xlsx):
    rows = household("H1", 2)
    for k in ("人均纯收入", "联系电话", "自然村"):
        rows[1][k] = ""
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert counts(r) == (2, 1, 0, 2, 0, 0, 0)
    assert str(Household.objects.get().income_per_capita) == "2800.50"


def test_a_member_rejected_for_its_own_cell_leaves_the_rest_of_the_household(areas, tmp_path, household, write_xlsx):
    rows = household("H1", 3)
    rows[2]["劳动技能"] = "壮劳力"
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert counts(r) == (3, 1, 0, 2, 0, 0, 1)


# --- areas --------------------------------------------------------------------------------------

def test_a_township_outside_the_county_is_rejected(areas, tmp_path, household, write_xlsx):
    rows = household("H1", 2, **{"乡(镇)": "城关镇"}) + household("H2", 1)
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert counts(r) == (3, 1, 0, 1, 0, 0, 2)
    assert r.errors[0].column == "乡(镇)" and "不属于临洮县" in r.errors[0].reason


def test_a_county_cell_naming_another_county_is_rejected(areas, tmp_path, household, write_xlsx):
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", household("H1", 1, 县="渭源县")))
    assert counts(r) == (1, 0, 0, 0, 0, 0, 1)
    assert r.errors[0].column == "县"


def test_an_unknown_village_is_a_question_not_a_new_village(areas, tmp_path, household,
                                                           write_xlsx):
    # a typo for 测试洮阳镇1村: every row of the household is rejected, the reason names the
    # closest known villages, nothing is created
    rows = household("H1", 2, 行政村="测试洮阳镇l村") + household("H2", 1)
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert counts(r) == (3, 1, 0, 1, 0, 0, 2) and r.villages_created == 0
    assert {e.column for e in r.errors} == {"行政村"} and {e.row for e in r.errors} == {2, 3}
    assert "洮阳镇没有名为“测试洮阳镇l村”的行政村" in r.errors[0].reason
    assert "测试洮阳镇1村" in r.errors[0].reason
    assert not Area.objects.filter(name="测试洮阳镇l村").exists()
    assert r.new_villages == [{"township": "洮阳镇", "township_code": "621124100000",
                               "village": "测试洮阳镇l村", "rows": 2, "created": False,
                               "suggestions": r.new_villages[0]["suggestions"]}]
    assert "测试洮阳镇1村" in r.new_villages[0]["suggestions"]


def test_a_confirmed_new_village_is_created_under_its_township(areas, tmp_path, household,
                                                               write_xlsx):
    rows = household("H1", 2, 行政村="新建村") + household("H2", 1, 行政村="新建村")
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows),
                         new_villages={("621124100000", "新建村")})
    assert counts(r) == (3, 2, 0, 3, 0, 0, 0) and r.villages_created == 1
    assert [(v["village"], v["created"]) for v in r.new_villages] == [("新建村", True)]
    v = Area.objects.get(name="新建村")
    assert (v.parent.code, v.level, v.code, v.synthetic) == ("621124100000", "village",
                                                            "621124100203", False)
    assert Household.objects.filter(village=v).count() == 2
    # a second import finds the village it made
    r2 = household_import(path=write_xlsx(tmp_path / "r2.xlsx", rows))
    assert (r2.villages_created, r2.unchanged, r2.new_villages) == (0, 3, [])


def test_a_township_clerk_imports_only_their_township(areas, users, tmp_path, household, write_xlsx):
    rows = household("H1", 2) + household("H2", 1, **{"乡(镇)": "辛店镇", "行政村": XVILLAGE1})
    r = household_import(actor=users["township_clerk"],
                         path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert counts(r) == (3, 1, 0, 2, 0, 0, 1)
    assert "不在您负责的区域内" in r.errors[0].reason


def test_a_clerk_cannot_take_over_a_household_stored_in_another_township(areas, users,
                                                                          tmp_path, household, write_xlsx):
    household_import(path=write_xlsx(tmp_path / "a.xlsx", household(
        "H1", 1, **{"乡(镇)": "辛店镇", "行政村": XVILLAGE1})))
    r = household_import(actor=users["township_clerk"],
                         path=write_xlsx(tmp_path / "b.xlsx", household("H1", 2, seed0=77)))
    assert counts(r) == (2, 0, 0, 0, 0, 0, 2)
    assert r.errors[0].reason == "此行不能在您负责的区域内导入"
    assert Household.objects.get(number="H1").township.name == "辛店镇"


def _where_words(household) -> list[str]:
    return [household.number, household.township.name, household.village.name]


@pytest.mark.parametrize("dry_run", [True, False])
def test_an_id_registered_in_another_township_is_refused_without_saying_where(
        areas, users, tmp_path, dry_run, household, person, write_xlsx):
    """A clerk of 辛店镇 learns only that the row cannot be imported in their scope: not the
    household number, township or village where the ID number is registered."""
    taken = household("T-77", 2)  # 洮阳镇, 测试洮阳镇1村
    household_import(path=write_xlsx(tmp_path / "a.xlsx", taken))
    stored = Household.objects.get(number="T-77")
    row = {**person("X-1", 1, **{"乡(镇)": "辛店镇", "行政村": XVILLAGE1}),
           "证件号码": taken[1]["证件号码"]}
    r = household_import(actor=users["other_clerk"], dry_run=dry_run,
                         path=write_xlsx(tmp_path / "b.xlsx", [row]))
    assert r.rejected == 1
    assert [e.reason for e in r.errors] == ["此行不能在您负责的区域内导入"]
    text = json.dumps(r.as_json(), ensure_ascii=False)
    for word in _where_words(stored):
        assert word not in text, word
    assert Person.objects.get(id_hash=crypto.id_hash(taken[1]["证件号码"])).household == stored


def test_a_household_number_of_another_township_is_refused_without_saying_where(
        areas, users, tmp_path, household, write_xlsx):
    household_import(path=write_xlsx(tmp_path / "a.xlsx", household("H9", 1)))
    stored = Household.objects.get(number="H9")
    r = household_import(actor=users["other_clerk"], dry_run=True, path=write_xlsx(
        tmp_path / "b.xlsx", household("H9", 1, seed0=50, **{"乡(镇)": "辛店镇",
                                                              "行政村": XVILLAGE1})))
    assert [e.reason for e in r.errors] == ["此行不能在您负责的区域内导入"]
    text = json.dumps(r.as_json(), ensure_ascii=False)
    assert stored.township.name not in text and stored.village.name not in text


def test_inside_the_scope_the_household_of_a_known_id_is_still_named(areas, users, tmp_path, household, person, write_xlsx):
    """The county officer (whose area holds both) is told where, to decide on a move."""
    taken = household("T-77", 1)
    household_import(path=write_xlsx(tmp_path / "a.xlsx", taken))
    row = {**person("X-1", 1, **{"乡(镇)": "辛店镇", "行政村": XVILLAGE1}),
           "证件号码": taken[0]["证件号码"]}
    r = household_import(actor=users["county_admin"], dry_run=True,
                         path=write_xlsx(tmp_path / "b.xlsx", [row]))
    assert "已登记在户 T-77" in r.errors[0].reason


def test_roles_that_do_not_edit_the_registry_cannot_import(areas, users, tmp_path, household, write_xlsx):
    from django.core.exceptions import PermissionDenied

    f = write_xlsx(tmp_path / "r.xlsx", household("H1", 1))
    for role in ("case_worker", "fund_officer", "east_officer", "leadership", "auditor"):
        with pytest.raises(PermissionDenied):
            household_import(actor=users[role], path=f)
    assert Person.objects.count() == 0


# --- identity -----------------------------------------------------------------------------------

def test_the_same_id_twice_in_a_file_rejects_the_later_row_naming_the_earlier(areas, tmp_path, household, write_xlsx):
    rows = household("H1", 2) + household("H2", 2)
    rows[3]["证件号码"] = rows[0]["证件号码"]
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert counts(r) == (4, 2, 0, 3, 0, 0, 1)
    assert reasons(r) == [(5, "证件号码", "证件号码与第 2 行重复")]


def test_an_id_stored_in_another_household_is_rejected_unless_moves_allowed(areas, tmp_path, household, person, write_xlsx):
    household_import(path=write_xlsx(tmp_path / "a.xlsx", household("H1", 3)))
    mover = household("H1", 3)[2]
    rows = [person("H2", 1), {**mover, "户编号": "H2", "与户主关系": "配偶"}]
    f = write_xlsx(tmp_path / "b.xlsx", rows)
    r = household_import(path=f)
    assert counts(r) == (2, 1, 0, 1, 0, 0, 1)
    assert r.errors[0].column == "证件号码" and "已登记在户 H1" in r.errors[0].reason
    assert "--allow-moves" in r.errors[0].reason

    r = household_import(path=f, allow_moves=True)
    assert counts(r) == (2, 0, 0, 0, 1, 1, 0)
    assert Person.objects.get(id_hash=crypto.id_hash(mover["证件号码"])).household.number == "H2"
    assert Household.objects.get(number="H1").members.count() == 2


# --- re-import, history, traces -----------------------------------------------------------------

def test_importing_the_same_file_again_changes_nothing(areas, tmp_path, household, write_xlsx):
    f = write_xlsx(tmp_path / "r.xlsx", household("H1", 3) + household("H2", 2))
    first = household_import(path=f)
    assert counts(first) == (5, 2, 0, 5, 0, 0, 0)
    before = list(Person.objects.values_list("id", "version", "updated_at"))
    again = household_import(path=f)
    assert counts(again) == (5, 0, 0, 0, 0, 5, 0)
    assert list(Person.objects.values_list("id", "version", "updated_at")) == before
    assert StatusChange.objects.count() == 2  # one per household, at creation


def test_changed_fields_count_as_updated_and_status_changes_enter_history(areas, tmp_path, household, write_xlsx):
    household_import(path=write_xlsx(tmp_path / "a.xlsx", household("H1", 3) + household("H2", 1)))
    rows = household("H1", 3, 脱贫属性="已脱贫（享受政策）", 脱贫年度="2018") + household("H2", 1)
    rows[1]["文化程度"] = "高中"
    f = write_xlsx(tmp_path / "b.xlsx", rows)
    r = household_import(path=f)
    assert counts(r) == (4, 0, 1, 0, 1, 3, 0)
    h = Household.objects.get(number="H1")
    assert (h.exit_status, h.exit_year, h.version) == ("已脱贫（享受政策）", 2018, 2)
    change = StatusChange.objects.filter(household=h).latest("id")
    assert (change.old, change.new, change.source) == ("未脱贫", "已脱贫（享受政策）", "import")
    assert change.source_import.original_name == "b.xlsx" and change.source_row == 2
    p = Person.objects.get(source_row=3, household=h)
    assert (p.education, p.version) == ("高中", 2)


def test_every_import_keeps_its_file_and_summary_and_each_record_its_row(areas, tmp_path, household, write_xlsx):
    f = write_xlsx(tmp_path / "名单.xlsx", household("H1", 2))
    r = household_import(path=f)
    imp = RosterImport.objects.get()
    kept = Path(settings.DATA_DIR) / imp.file
    assert kept.read_bytes() == f.read_bytes() and imp.file.startswith("uploads/")
    summary = json.loads(Path(str(kept) + ".summary.json").read_text("utf-8"))
    assert summary["persons_created"] == 2 and imp.summary["rows"] == 2
    assert r.import_id == imp.pk
    assert sorted(Person.objects.values_list("source_import", "source_row")) == [
        (imp.pk, 2), (imp.pk, 3)]
    event = AuditEvent.objects.get(action=AuditAction.IMPORT)
    assert event.object_id == str(imp.pk) and event.new["persons_created"] == 2


# --- strict, dry run ----------------------------------------------------------------------------

def test_strict_stores_nothing_when_any_row_would_be_rejected(areas, tmp_path, household, person, write_xlsx):
    rows = household("H1", 2) + [person("H2", 1, 证件号码="123")]
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows), strict=True)
    assert r.refused and not r.stored
    assert counts(r) == (3, 1, 0, 2, 0, 0, 1)
    assert (Person.objects.count(), Household.objects.count(), RosterImport.objects.count()) == (
        0, 0, 0)
    ok = household_import(path=write_xlsx(tmp_path / "ok.xlsx", household("H1", 2)), strict=True)
    assert ok.stored and not ok.refused and Person.objects.count() == 2


def test_dry_run_counts_like_a_real_run_and_stores_nothing(areas, tmp_path, household, write_xlsx):
    f = write_xlsx(tmp_path / "r.xlsx", household("H1", 2, 行政村="又一村") + household("H2", 1))
    dry = household_import(path=f, dry_run=True, new_villages=True)
    assert (Person.objects.count(), Area.objects.filter(name="又一村").count()) == (0, 0)
    real = household_import(path=f, new_villages=True)
    assert counts(dry) == counts(real) == (3, 2, 0, 3, 0, 0, 0)
    assert dry.villages_created == real.villages_created == 1
    assert not dry.stored and real.stored


# --- formats ------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_utf8_or_gb18030(areas, tmp_path, encoding, household, write_csv):
    rows = household("H1", 2, 务工状况="乡（镇）外县内务工")
    r = household_import(path=write_csv(tmp_path / "r.csv", rows, encoding=encoding))
    assert counts(r) == (2, 1, 0, 2, 0, 0, 0)
    assert Person.objects.filter(employment="乡（镇）外县内务工").count() == 2


def test_legacy_xls(areas):
    """tests/registry/data/roster-legacy.xls (made by make_legacy_xls.py with xlwt)."""
    r = household_import(path=DATA / "roster-legacy.xls")
    assert r.header_row == 2
    assert counts(r) == (4, 1, 0, 3, 0, 0, 1)
    assert (r.errors[0].row, r.errors[0].column) == (6, "证件号码")
    assert "15 位有效数字" in r.errors[0].reason
    assert Household.objects.get(number="X001").first_identified == datetime.date(2015, 3, 1)
    son = Person.objects.get(name="旧表丙")  # the 15-digit number in a numeric cell, widened
    assert len(crypto.decrypt_id(son.id_cipher)) == 18 and son.birth_date.year == 1978


def test_error_report_has_the_error_columns_then_the_original_row(areas, tmp_path, household, write_xlsx):
    from python_calamine import CalamineWorkbook

    rows = household("H1", 2)
    rows[1]["文化程度"] = "博士"
    raw = {(0, "证件号码"): float(rows[0]["证件号码"][:17] + "0")}
    report = tmp_path / "out" / "errors.xlsx"
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows, raw=raw),
                         report_path=report)
    assert r.report == str(report)
    sheet = CalamineWorkbook.from_path(str(report)).get_sheet_by_index(0).to_python()
    assert sheet[0][:5] == ["行号", "列", "值", "原因", "县"]
    assert len(sheet) == 1 + len(r.errors)
    by_col = {row[1]: row for row in sheet[1:]}
    assert by_col["文化程度"][4 + HEADER.index("文化程度")] == "博士"
    assert by_col["文化程度"][4 + HEADER.index("姓名")] == rows[1]["姓名"]
    # the damaged number is shown as the file held it (15 significant digits), as text
    assert by_col["证件号码"][4 + HEADER.index("证件号码")].startswith(
        f"{rows[0]['证件号码'][0]}.{rows[0]['证件号码'][1:6]}")


def test_json_result_adds_up(areas, tmp_path, household, person, write_xlsx):
    rows = household("H1", 2) + [person("H2", 1, 证件号码="x")] + household("H3", 1)
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    d = r.as_json()
    assert d["rows"] == (d["persons_created"] + d["persons_updated"] + d["unchanged"]
                         + d["rejected"])
    assert d["errors"] == [{"row": 4, "column": "证件号码", "value": "x",
                            "reason": d["errors"][0]["reason"]}]
    json.dumps(d, ensure_ascii=False, default=str)

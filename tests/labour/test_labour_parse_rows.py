"""The labour imports' row parsers are pure: tables of cells in, values or errors out, with no
database (the area lookup is a stand-in)."""

import datetime
from decimal import Decimal

import pytest

from xiezuo.labour.imports import OPENING_COLUMNS, SURVEY_COLUMNS, OpeningsImport, SurveyImport
from xiezuo.tabular import cells
from xiezuo.tabular.pipeline import Row

ID = "11010519491231002X"  # GB 11643's published example


class Areas:
    """Stands in for AreaLookup: two names and one code."""

    def resolve(self, value):
        found = {"临洮县": "621124000000", "621124": "621124000000", "仓山区": "350104000000"}
        if value not in found:
            raise cells.CellError(f"没有名为“{value}”的地区")
        return found[value]


def _row(columns, values: dict) -> Row:
    return Row(5, values, header_for={c.key: c.header for c in columns})


def _survey(values):
    spec = SurveyImport()
    spec.areas, spec.today = Areas(), datetime.date(2026, 12, 1)
    row = _row(SURVEY_COLUMNS, values)
    return spec.parse_row(row), [(e.column, e.value, e.reason) for e in row.errors]


def _opening(values):
    spec = OpeningsImport()
    spec.areas = Areas()
    base = {"credit_code": "91350100M000100Y43", "employer": "某厂", "title": "焊工",
            "positions": "3", "wage": "4500", "area": "临洮县"}
    row = _row(OPENING_COLUMNS, {**base, **values})
    return spec.parse_row(row), [(e.column, e.reason) for e in row.errors]


SURVEY_CASES = [
    ({"id_number": ID, "willing": "是"}, {"willing": True}, []),
    ({"id_number": ID, "willing": "否", "can_work_away": "是"},
     {"willing": False, "can_work_away": True}, []),
    ({"id_number": ID, "willing": "是", "skills": "焊工；电工、焊工"},
     {"skills": "焊工;电工"}, []),
    ({"id_number": ID, "willing": "是", "expected_wage": "3500"},
     {"expected_wage": Decimal("3500")}, []),
    ({"id_number": ID, "willing": "是", "destinations": "临洮县;仓山区"},
     {"destinations": "350104000000;621124000000"}, []),
    ({"id_number": ID, "willing": ""}, {}, [("就业意愿", "", "此列不能为空")]),
    ({"id_number": ID, "willing": "是", "expected_wage": "200000"}, {},
     [("期望月薪", "200000", "月薪超过 100000 元，请核对")]),
    ({"id_number": ID, "willing": "是", "destinations": "火星"}, {},
     [("意向地区", "火星", "没有名为“火星”的地区")]),
    ({"id_number": ID, "willing": "是", "note": "x" * 501}, {},
     [("备注", cells.shown("x" * 501), "内容过长（最多 500 个字符）")]),
]


@pytest.mark.parametrize(("cells_in", "values", "errors"), SURVEY_CASES)
def test_survey_parse_row_from_a_table(cells_in, values, errors):
    (number, got), found = _survey(cells_in)
    assert found == errors
    assert {k: got[k] for k in values} == values
    if not errors:
        assert number == ID


def test_survey_parse_row_names_a_bad_id_number():
    (number, _v), found = _survey({"id_number": "110105194912310021", "willing": "是"})
    assert number is None and [c for c, _v, _r in found] == ["证件号码"]


OPENING_CASES = [
    ({}, {"positions": 3, "wage": Decimal("4500"), "area": "621124000000", "min_age": 16,
          "max_age": 60, "skills": ""}, []),
    ({"skills": "电工、焊工；电工"}, {"skills": "焊工;电工"}, []),  # sorted, once each
    ({"min_age": "30", "max_age": "20"}, {}, [("最高年龄", "最高年龄不能小于最低年龄 30")]),
    ({"positions": ""}, {}, [("招聘人数", "此列不能为空")]),
    ({"title": ""}, {}, [("岗位名称", "此列不能为空")]),
    ({"wage": "200000"}, {}, [("月薪", "月薪超过 100000 元，请核对")]),
    ({"area": "火星"}, {}, [("工作地点", "没有名为“火星”的地区")]),
    ({"start_date": "2030-01-01"}, {"start_date": datetime.date(2030, 1, 1)}, []),
]


@pytest.mark.parametrize(("cells_in", "values", "errors"), OPENING_CASES)
def test_openings_parse_row_from_a_table(cells_in, values, errors):
    got, found = _opening(cells_in)
    assert found == errors
    assert {k: got[k] for k in values} == values


def test_openings_parse_row_rejects_a_bad_credit_code():
    _got, found = _opening({"credit_code": "123"})
    assert [c for c, _r in found] == ["统一社会信用代码"]

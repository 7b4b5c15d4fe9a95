"""Every list's "导出 Excel": typed cells, a title row, the scope line, a frozen header with an
autofilter, widths that fit Chinese text, text that never runs as a formula, a Chinese file name."""

import datetime
import io
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xiezuo.tabular.listexport import XCol, display_width, typed, write_list

COLUMNS = [
    XCol("编号", "code"), XCol("名称", "name"), XCol("人数", "n", kind="int"),
    XCol("金额（元）", "amount", kind="money"), XCol("日期", "day", kind="date"),
    XCol("是否脱贫", "done"), XCol("计算", lambda r: r["n"] * 2, kind="int"),
]
ROWS = [
    {"code": "621124100201", "name": "测试洮阳镇1村", "n": 3, "amount": Decimal("1234.5"),
     "day": datetime.date(2019, 3, 1), "done": True},
    {"code": "621124100202", "name": "=HYPERLINK(\"http://x\")", "n": 0, "amount": None,
     "day": None, "done": False},
]


def _book(**kw):
    buf = io.BytesIO()
    n = write_list(buf, title="测试名单", columns=COLUMNS, rows=ROWS, scope="临洮县", **kw)
    buf.seek(0)
    return n, load_workbook(buf).active


def test_title_scope_line_and_header_come_before_the_rows():
    n, ws = _book(filters="2019年")
    assert n == 2
    assert ws["A1"].value == "测试名单" and ws["A1"].font.bold
    assert "范围：临洮县" in ws["A2"].value and "条件：2019年" in ws["A2"].value
    assert "共 2 条" in ws["A2"].value
    assert [c.value for c in ws[3]] == ["编号", "名称", "人数", "金额（元）", "日期", "是否脱贫", "计算"]
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:G5"


def test_numbers_money_and_dates_are_typed_cells_with_formats():
    _n, ws = _book()
    assert ws["C4"].value == 3 and ws["C4"].number_format == "#,##0"
    assert ws["D4"].value == pytest.approx(1234.5) and ws["D4"].number_format == "#,##0.00"
    assert ws["E4"].value.date() == datetime.date(2019, 3, 1)
    assert ws["E4"].number_format == "yyyy-mm-dd"
    assert ws["G4"].value == 6
    assert ws["A4"].value == "621124100201" and ws["A4"].data_type == "s"  # a code stays text
    assert ws["F4"].value == "是" and ws["F5"].value == "否"
    assert ws["D5"].value is None and ws["E5"].value is None


def test_text_that_looks_like_a_formula_stays_text():
    _n, ws = _book()
    assert ws["B5"].data_type == "s" and ws["B5"].value.startswith("=HYPERLINK")


def test_widths_count_chinese_characters_double():
    _n, ws = _book()
    assert display_width("测试") == 4 and display_width("ab") == 2
    assert ws.column_dimensions["B"].width >= display_width("=HYPERLINK(\"http://x\")")
    assert ws.column_dimensions["A"].width >= 12


@pytest.mark.parametrize("value,kind,expected", [
    ("12", "int", 12), ("1.005", "money", Decimal("1.00")), (None, "int", None),
    ("", "text", None), (True, "text", "是"), ("abc", "money", "abc"),
    (datetime.datetime(2019, 1, 2, 3, 4), "date", datetime.date(2019, 1, 2)),
])
def test_typed_turns_values_into_cells_of_their_kind(value, kind, expected):
    assert typed(value, kind) == expected


def test_an_unknown_kind_is_refused_when_the_column_is_declared():
    with pytest.raises(ValueError):
        XCol("x", "x", kind="number")


# --- a real list page: the registry's households -------------------------------------------------

@pytest.fixture
def two_households(areas):
    from xiezuo.registry.models import Household

    out = {}
    for number, village in (("T001", "621124100201"), ("X001", "621124103201")):
        v = areas[village]
        out[number] = Household.objects.create(
            county=v.parent.parent, township=v.parent, village=v, number=number, size=1,
            income_per_capita=Decimal("3200.50"), first_identified=datetime.date(2014, 5, 1))
    return out


def test_the_household_list_exports_only_the_users_scope_with_a_chinese_file_name(
        client, users, two_households):
    client.force_login(users["township_clerk"])
    response = client.get(reverse("registry:household_list") + "?format=xlsx")
    assert response.status_code == 200
    disposition = unquote(response["Content-Disposition"])
    assert "建档立卡贫困户-" in disposition and disposition.endswith('.xlsx')
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    numbers = [r[0] for r in ws.iter_rows(min_row=4, values_only=True)]
    assert numbers == ["T001"]
    assert "洮阳镇" in ws["A2"].value
    header = [c.value for c in ws[3]]
    money = ws.cell(row=4, column=header.index("人均纯收入（元）") + 1)
    assert money.value == pytest.approx(3200.5) and money.number_format == "#,##0.00"


def test_the_household_list_page_offers_the_export_with_its_filters(client, users, two_households):
    client.force_login(users["county_admin"])
    html = client.get(reverse("registry:household_list") + "?number=T0&page=1").content.decode()
    assert "导出 Excel" in html
    assert "format=xlsx" in html and "page=1&amp;format" not in html

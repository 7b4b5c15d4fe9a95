"""The error report a clerk opens: where and why in red beside the row as the file held it, the
bad cell filled, header frozen, columns wide enough to read."""

from openpyxl import load_workbook

from xiezuo.tabular.errors import RowError
from xiezuo.tabular.read import Sheet
from xiezuo.tabular.report import write_error_report


def test_the_bad_cell_is_highlighted_and_the_sheet_is_readable(tmp_path):
    sheet = Sheet(header_row=1, headers=["姓名", "证件号码", "行政村"], columns={},
                  rows=[(2, ["张三", "621124198001010011", "不存在村"]), (3, ["李四", "x", "甲村"])])
    errors = [RowError(2, "行政村", "不存在村", "洮阳镇没有名为“不存在村”的行政村"),
              RowError(3, "证件号码", "x", "=不是证件号码")]
    path = write_error_report(tmp_path / "errors.xlsx", sheet=sheet, errors=errors)
    ws = load_workbook(path).active
    assert [c.value for c in ws[1]] == ["行号", "列", "值", "原因", "姓名", "证件号码", "行政村"]
    assert ws.freeze_panes == "E2"
    assert ws["G2"].fill.fgColor.rgb.endswith("F8D0CC")  # 行政村 of row 2
    assert not ws["E2"].fill.fgColor.rgb.endswith("F8D0CC")
    assert ws["F3"].fill.fgColor.rgb.endswith("F8D0CC")  # 证件号码 of row 3
    assert ws["D2"].font.color.rgb.endswith("9C0006")
    assert ws["D3"].value == "=不是证件号码" and ws["D3"].data_type == "s"  # never a formula
    assert ws["F2"].value == "621124198001010011" and ws["F2"].data_type == "s"
    assert ws.column_dimensions["D"].width >= 40

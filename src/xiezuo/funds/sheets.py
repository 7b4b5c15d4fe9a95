"""Reading and writing the funds' spreadsheets, with the roster import's rules for cells.

Pure functions over rows of cells (plus the file readers), tested without a database:
- the header row is the first of the first 10 rows that holds all the key columns; rows above
  it (titles, merged cells) are ignored;
- header spellings that differ only in full-width/half-width characters or spaces are the same
  column (金额(元) = 金额（元）); unknown columns are ignored and listed;
- blank rows are skipped and not counted; cells are trimmed and full-width characters converted;
- dates may be text (2018-06-01, 2018/6/1, 2018年6月1日, 20180601) or Excel serial numbers.
"""

import datetime
import re
import unicodedata
from pathlib import Path

from django.utils.translation import gettext as _

from xiezuo.registry.roster.columns import header_key
from xiezuo.registry.roster.read import RosterFormatError, read_sheets
from xiezuo.registry.roster.read import is_blank as is_blank  # used by funds.imports

HEADER_SCAN = 10
EXCEL_EPOCH = datetime.date(1899, 12, 30)


class SheetError(Exception):
    """The whole file is refused (unreadable, no header, a required column missing)."""


# 乡（镇）, 乡(镇) and ' 乡 (镇) ' are one column: the roster import's rule, its function.
norm_header = header_key


def norm_cell(value):
    if isinstance(value, str):
        value = unicodedata.normalize("NFKC", value).strip()
        return value
    return value


def read_rows(path: Path, original_name: str = "") -> list[list]:
    """All rows of the first sheet of an .xlsx/.xls/.ods or a .csv (UTF-8 or GB18030), read by
    the registry's reader (the upload is kept under another name: its suffix decides)."""
    try:
        sheets, _kind, _encoding = read_sheets(
            path, suffix=Path(original_name or path.name).suffix, csv_delimiters=None)
    except RosterFormatError as exc:
        raise SheetError(str(exc)) from exc
    return [list(r) for r in sheets[0][1]] if sheets else []


def find_header(rows: list[list], keys: tuple[str, ...]) -> int:
    """Index of the header row: the first of the first 10 holding every key column."""
    wanted = {norm_header(k) for k in keys}
    for i, row in enumerate(rows[:HEADER_SCAN]):
        if wanted <= {norm_header(c) for c in row}:
            return i
    raise SheetError(_("前 %(n)d 行中找不到表头（需要同时含有：%(keys)s）")
                     % {"n": HEADER_SCAN, "keys": "、".join(keys)})


def map_columns(header: list, known: dict[str, str], required: tuple[str, ...],
                ) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """(field -> column index, field -> column as the file spells it, ignored columns).

    `known` maps a header spelling to a field name. A missing required column refuses the file.
    """
    by_norm = {norm_header(k): f for k, f in known.items()}
    index, spelled, ignored = {}, {}, []
    for i, cell in enumerate(header):
        if cell is None or not str(cell).strip():
            continue
        field = by_norm.get(norm_header(cell))
        if field and field not in index:
            index[field], spelled[field] = i, str(cell).strip()
        else:
            ignored.append(str(cell).strip())
    names = {f: k for k, f in known.items()}
    missing = [names[f] for f in required if f not in index]
    if missing:
        raise SheetError(_("缺少必需的列：%(columns)s") % {"columns": "、".join(missing)})
    return index, spelled, ignored


def parse_date(value) -> datetime.date:
    """A date from a date cell, an Excel serial number or text; ValueError names the value."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 100000:
            return EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise ValueError(_("日期不正确：%(v)s") % {"v": value})
    text = norm_cell(str(value or ""))
    if not text:
        raise ValueError(_("日期不能为空"))
    if re.fullmatch(r"\d{1,5}(\.0+)?", text) and not re.fullmatch(r"\d{8}", text):
        return parse_date(float(text))
    m = (re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?", text)
         or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text))
    if not m:
        raise ValueError(_("日期格式不正确：%(v)s（请写成 2018-06-01）") % {"v": text})
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValueError(_("日期不存在：%(v)s") % {"v": text}) from None


def cell_text(value) -> str:
    """A cell as text: 2018.0 from Excel reads as "2018", None as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()[:10]
    return norm_cell(str(value))


def write_xlsx(path_or_buffer, sheets: list[tuple[str, list[str], list[list]]]) -> None:
    """Write sheets of (title, header, rows) with openpyxl's write-only mode (large exports);
    no text cell is left for a spreadsheet to run as a formula (tabular.safe)."""
    from openpyxl import Workbook

    from xiezuo.tabular.safe import safe_row

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(safe_row(header, sheet=sheet))
        for row in rows:
            sheet.append(safe_row(row, sheet=sheet))
    workbook.save(path_or_buffer)

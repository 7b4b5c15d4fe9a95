"""Reading and writing the funds' spreadsheets, with the roster import's rules for cells.

Pure functions over rows of cells (plus the file readers), tested without a database:
- the header row is the first of the first 10 rows that holds all the key columns; rows above
  it (titles, merged cells) are ignored;
- header spellings that differ only in full-width/half-width characters or spaces are the same
  column (金额(元) = 金额（元）); unknown columns are ignored and listed;
- blank rows are skipped and not counted; cells are trimmed and full-width characters converted;
- dates may be text (2018-06-01, 2018/6/1, 2018年6月1日, 20180601) or Excel serial numbers.
"""

import csv
import datetime
import io
import re
import unicodedata
from pathlib import Path

HEADER_SCAN = 10
EXCEL_EPOCH = datetime.date(1899, 12, 30)


class SheetError(Exception):
    """The whole file is refused (unreadable, no header, a required column missing)."""


def norm_header(text) -> str:
    """乡（镇） and 乡(镇) and ' 乡 (镇) ' are one column."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


def norm_cell(value):
    if isinstance(value, str):
        value = unicodedata.normalize("NFKC", value).strip()
        return value
    return value


def is_blank(row) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


def read_rows(path: Path, original_name: str = "") -> list[list]:
    """All rows of the first sheet of an .xlsx/.xls/.ods or a .csv (UTF-8 or GB18030)."""
    name = (original_name or path.name).lower()
    if name.endswith(".csv"):
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise SheetError("CSV 文件既不是 UTF-8 也不是 GB18030 编码")
        return [list(r) for r in csv.reader(io.StringIO(text))]
    try:
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_path(str(path))
        return [list(r) for r in workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)]
    except Exception as exc:  # calamine raises its own types for every unreadable file
        raise SheetError(f"无法读取文件：{exc}") from exc


def find_header(rows: list[list], keys: tuple[str, ...]) -> int:
    """Index of the header row: the first of the first 10 holding every key column."""
    wanted = {norm_header(k) for k in keys}
    for i, row in enumerate(rows[:HEADER_SCAN]):
        if wanted <= {norm_header(c) for c in row}:
            return i
    raise SheetError("前 10 行中找不到表头（需要同时含有：" + "、".join(keys) + "）")


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
        raise SheetError("缺少必需的列：" + "、".join(missing))
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
        raise ValueError(f"日期不正确：{value}")
    text = norm_cell(str(value or ""))
    if not text:
        raise ValueError("日期不能为空")
    if re.fullmatch(r"\d{1,5}(\.0+)?", text) and not re.fullmatch(r"\d{8}", text):
        return parse_date(float(text))
    m = (re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?", text)
         or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text))
    if not m:
        raise ValueError(f"日期格式不正确：{text}（请写成 2018-06-01）")
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValueError(f"日期不存在：{text}") from None


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
    """Write sheets of (title, header, rows) with openpyxl's write-only mode (large exports)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path_or_buffer)

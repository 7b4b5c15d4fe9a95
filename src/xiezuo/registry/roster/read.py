"""Read a roster file into raw rows, keeping each cell's type (text, number, date).

The type matters: an ID number that arrives as a number has already been damaged by Excel, so
the rules must know it was a number, not the digits it shows now.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from xiezuo.registry.roster.columns import (
    BY_HEADER_KEY,
    COLUMNS,
    HEADER_MARKERS,
    HEADER_SEARCH_ROWS,
    header_key,
)

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
CSV_SUFFIXES = {".csv", ".txt"}


class RosterFormatError(ValueError):
    """The file cannot be imported at all (unreadable, no header, a required column missing)."""


@dataclass
class Sheet:
    header_row: int  # as Excel numbers rows (1-based)
    headers: list[str]  # the header cells as the file spells them (trimmed)
    #: column index -> canonical column key, for the columns the import knows
    columns: dict[int, str]
    #: (row number as Excel numbers it, raw cells) for every non-blank row below the header
    rows: list[tuple[int, list]]
    ignored_columns: list[str] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    kind: str = ""  # xlsx, xls or csv
    encoding: str = ""
    sheet_name: str = ""

    @property
    def header_for(self) -> dict[str, str]:
        """Column key -> the header as the file spells it (errors name columns that way)."""
        return {key: self.headers[i] for i, key in self.columns.items()}


def is_blank(cells: list) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in cells)


def _read_excel(path: Path, suffix: str) -> list[tuple[str, list[list]]]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        return [(name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
                for name in wb.sheet_names]
    except Exception as e:  # calamine raises its own error types for damaged files
        if suffix == ".xls":
            return _read_xls_with_xlrd(path, e)
        raise RosterFormatError(_("无法读取 Excel 文件：%(e)s") % {"e": e}) from e


def _read_xls_with_xlrd(path: Path, first_error: Exception) -> list[tuple[str, list[list]]]:
    """Legacy .xls that calamine cannot open: xlrd as the fallback."""
    import xlrd

    try:
        book = xlrd.open_workbook(str(path))
    except Exception as e:
        raise RosterFormatError(_("无法读取 .xls 文件：%(e)s") % {"e": first_error}) from e
    out = []
    for sheet in book.sheets():
        rows = []
        for r in range(sheet.nrows):
            row = []
            for cell in sheet.row(r):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode).date())
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    row.append("")
                else:
                    row.append(cell.value)
            rows.append(row)
        out.append((sheet.name, rows))
    return out


def decode_csv(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) if it decodes, else GB18030 (what Chinese Excel saves)."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as e:
        raise RosterFormatError(_("CSV 文件既不是 UTF-8 也不是 GB18030 编码")) from e


def _read_csv(path: Path, delimiters: str | None) -> tuple[list[list], str]:
    text, encoding = decode_csv(path.read_bytes())
    dialect = csv.excel
    if delimiters:
        try:
            dialect = csv.Sniffer().sniff(text[:8192], delimiters=delimiters)
        except csv.Error:
            pass
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)], encoding


def read_sheets(path: str | Path, *, suffix: str | None = None,
                csv_delimiters: str | None = ",\t;") -> tuple[list[tuple[str, list[list]]], str, str]:
    """Every sheet of a workbook (.xlsx, .xls, .ods) or the one of a .csv, as raw typed cells:
    ([(sheet name, rows)], kind, encoding). `suffix` overrides the file's own (an upload kept
    under another name); `csv_delimiters` are those the CSV sniffer may choose (None: commas).
    Every import reads its file through here (roster, labour survey, openings, funds)."""
    path = Path(path)
    suffix = (suffix or path.suffix).lower()
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(path, suffix), suffix.lstrip("."), ""
    if suffix in CSV_SUFFIXES:
        rows, encoding = _read_csv(path, csv_delimiters)
        return [("", rows)], "csv", encoding
    raise RosterFormatError(
        _("不支持的文件类型 %(s)s：请上传 .xlsx、.xls 或 .csv 文件") % {"s": suffix or "?"})


def find_header(rows: list[list], markers: tuple[str, ...] = HEADER_MARKERS) -> int | None:
    """Index of the first of the first 10 rows that holds every marker (the roster's: 姓名 and
    证件号码)."""
    wanted = [header_key(m) for m in markers]
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = {header_key(v) for v in row if v is not None}
        if all(m in keys for m in wanted):
            return i
    return None


def sheet_from_rows(rows: list[list], *, columns: tuple = COLUMNS,
                    markers: tuple[str, ...] = HEADER_MARKERS, kind: str = "",
                    encoding: str = "", sheet_name: str = "") -> Sheet | None:
    """The header, the known columns and the non-blank data rows; None without a header.

    `columns` are objects with `header`, `key` and `required` (the roster's by default)."""
    h = find_header(rows, markers)
    if h is None:
        return None
    by_header = BY_HEADER_KEY if columns is COLUMNS else {header_key(c.header): c
                                                          for c in columns}
    headers = ["" if v is None else str(v).strip() for v in rows[h]]
    found: dict[int, str] = {}
    ignored: list[str] = []
    for i, text in enumerate(headers):
        col = by_header.get(header_key(text))
        if col is None or col.key in found.values():
            if text:
                ignored.append(text)
            continue
        found[i] = col.key
    missing = [c.header for c in columns if c.required and c.key not in found.values()]
    data = [(h + 2 + j, list(r)) for j, r in enumerate(rows[h + 1:]) if not is_blank(list(r))]
    return Sheet(header_row=h + 1, headers=headers, columns=found, rows=data,
                 ignored_columns=ignored, missing_columns=missing, kind=kind, encoding=encoding,
                 sheet_name=sheet_name)


def read_roster(path: str | Path) -> Sheet:
    """The roster in `path` (.xlsx, .xls or .csv), from the first sheet that has a header.

    Raises RosterFormatError when no sheet has a header in its first 10 rows or a required
    column is missing; the message names what is missing.
    """
    sheet = first_sheet(path)
    if sheet is None:
        raise RosterFormatError(
            _("前 %(n)d 行中没有同时含“姓名”和“证件号码”的表头行") % {"n": HEADER_SEARCH_ROWS})
    return sheet


def first_sheet(path: str | Path, *, columns: tuple = COLUMNS,
                markers: tuple[str, ...] = HEADER_MARKERS,
                csv_delimiters: str | None = ",\t;") -> Sheet | None:
    """The first sheet of `path` whose first 10 rows hold a header with every marker; None when
    no sheet has one. A missing required column refuses the file (RosterFormatError)."""
    sheets, kind, encoding = read_sheets(path, csv_delimiters=csv_delimiters)
    for name, rows in sheets:
        sheet = sheet_from_rows(rows, columns=columns, markers=markers, kind=kind,
                                encoding=encoding, sheet_name=name)
        if sheet is None:
            continue
        if sheet.missing_columns:
            raise RosterFormatError(
                _("缺少必需的列：%(cols)s（表头在第 %(row)d 行）")
                % {"cols": "、".join(sheet.missing_columns), "row": sheet.header_row})
        return sheet
    return None

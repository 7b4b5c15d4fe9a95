"""Read an imported file into raw rows, keeping each cell's type (text, number, date).

The type matters: an ID number that arrives as a number has already been damaged by Excel, so
the rules must know it was a number, not the digits it shows now. Every import reads its file
here: `read_table(path, columns=…, markers=…)` finds the header (the first of the first 10 rows
holding every marker), maps the known columns and returns the non-blank rows below it.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from xiezuo.tabular import guard
from xiezuo.tabular.cells import has_control
from xiezuo.tabular.columns import header_key
from xiezuo.tabular.errors import FileRefused

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
CSV_SUFFIXES = {".csv", ".txt"}
HEADER_SEARCH_ROWS = 10  # the header is one of the first 10 rows (titles may stand above it)
IGNORED_SHOWN = 50  # ignored columns listed in a summary


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
    #: the rows (as Excel numbers them) with a control character in some text cell
    control_rows: set[int] = field(default_factory=set)
    kind: str = ""  # xlsx, xls or csv
    encoding: str = ""
    sheet_name: str = ""

    @property
    def header_for(self) -> dict[str, str]:
        """Column key -> the header as the file spells it (errors name columns that way)."""
        return {key: self.headers[i] for i, key in self.columns.items()}


def is_blank(cells: list) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in cells)


#: a template's example row starts with this (tabular.template); the reader skips it
EXAMPLE_MARK = "示例"
#: the clerk's own row numbering (a template's first column): neither read nor "ignored"
ROW_NUMBER_KEYS = frozenset(header_key(h) for h in ("序号", "行号"))


def is_example_row(cells: list) -> bool:
    """A template's example row: its first cell says 示例 (tabular.template)."""
    first = cells[0] if cells else None
    return isinstance(first, str) and first.strip().startswith(EXAMPLE_MARK)


def _read_excel(path: Path, suffix: str) -> list[tuple[str, list[list]]]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        return [(name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
                for name in wb.sheet_names]
    except (KeyboardInterrupt, SystemExit):
        raise
    # calamine raises its own error types for damaged files, and a Rust panic as pyo3's
    # PanicException, which is a BaseException
    except BaseException as e:
        if suffix == ".xls":
            return _read_xls_with_xlrd(path, e)
        raise FileRefused(_("无法读取 Excel 文件：%(e)s") % {"e": e}) from e


def _read_xls_with_xlrd(path: Path, first_error: Exception) -> list[tuple[str, list[list]]]:
    """Legacy .xls that calamine cannot open: xlrd as the fallback."""
    import xlrd

    try:
        book = xlrd.open_workbook(str(path))
    except Exception as e:
        raise FileRefused(_("无法读取 .xls 文件：%(e)s") % {"e": first_error}) from e
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
        raise FileRefused(_("CSV 文件既不是 UTF-8 也不是 GB18030 编码")) from e


def _read_csv(path: Path, delimiters: str | None, name: str) -> tuple[list[list], str]:
    text, encoding = decode_csv(path.read_bytes())
    dialect = csv.excel
    if delimiters:
        try:
            dialect = csv.Sniffer().sniff(text[:8192], delimiters=delimiters)
        except csv.Error:
            pass
    max_rows = guard.limit("MAX_ROWS") + HEADER_SEARCH_ROWS
    max_columns = guard.limit("MAX_COLUMNS")
    rows: list[list] = []
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        for r in reader:
            if len(r) > max_columns:
                while r and not r[-1].strip():
                    r.pop()
                if len(r) > max_columns:
                    raise FileRefused(_("文件 %(f)s 第 %(row)d 行有 %(n)d 列，超过上限 %(max)d 列")
                                      % {"f": name, "row": reader.line_num, "n": len(r),
                                         "max": max_columns})
            rows.append(r)
            if len(rows) > max_rows:
                raise FileRefused(_("文件 %(f)s 超过 %(max)d 行；请分成几个文件导入")
                                  % {"f": name, "max": guard.limit("MAX_ROWS")})
    except csv.Error as e:
        if "field larger than field limit" in str(e):
            raise FileRefused(
                _("文件 %(f)s 第 %(row)d 行有一个单元格超过 %(max)d 个字符，不是可以导入的表格")
                % {"f": name, "row": reader.line_num, "max": csv.field_size_limit()}) from e
        raise FileRefused(_("文件 %(f)s 第 %(row)d 行无法按 CSV 读取：%(e)s")
                          % {"f": name, "row": reader.line_num, "e": e}) from e
    return rows, encoding


def read_sheets(path: str | Path, *, suffix: str | None = None,
                csv_delimiters: str | None = ",\t;",
                name: str | None = None) -> tuple[list[tuple[str, list[list]]], str, str]:
    """Every sheet of a workbook (.xlsx, .xls) or the one of a .csv, as raw typed cells:
    ([(sheet name, rows)], kind, encoding). `suffix` overrides the file's own (an upload kept
    under another name); `csv_delimiters` are those the CSV sniffer may choose (None: commas);
    `name` is the file's name in messages. Every import reads its file through here (roster,
    population, labour survey, openings, funds), after `guard.check_file`."""
    path = Path(path)
    suffix = (suffix or path.suffix).lower()
    if suffix not in EXCEL_SUFFIXES | CSV_SUFFIXES:
        raise FileRefused(
            _("不支持的文件类型 %(s)s：请上传 .xlsx、.xls 或 .csv 文件") % {"s": suffix or "?"})
    name = name or path.name
    # Size, type from the content, zip bomb, used range: before any reader allocates a byte.
    guard.check_file(path, suffix=suffix, name=name)
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(path, suffix), suffix.lstrip("."), ""
    rows, encoding = _read_csv(path, csv_delimiters, name)
    return [("", rows)], "csv", encoding


def find_header(rows: list[list], markers: tuple[str, ...], *,
                any_marker: bool = False) -> int | None:
    """Index of the first of the first 10 rows that holds every marker (any one of them, with
    `any_marker`: spellings of one column)."""
    wanted = [header_key(m) for m in markers]
    test = any if any_marker else all
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = {header_key(v) for v in row if v is not None}
        if test(m in keys for m in wanted):
            return i
    return None


def sheet_from_rows(rows: list[list], *, columns: tuple, markers: tuple[str, ...],
                    any_marker: bool = False, kind: str = "", encoding: str = "",
                    sheet_name: str = "") -> Sheet | None:
    """The header, the known columns and the non-blank data rows; None without a header.

    `columns` are objects with `header`, `key` and `required` (`Col`, or the roster's `Column`)."""
    h = find_header(rows, markers, any_marker=any_marker)
    if h is None:
        return None
    by_header = _by_header(columns)
    longest = guard.limit("MAX_CELL_CHARS")
    headers = ["" if v is None else str(v).strip()[:longest] for v in rows[h]]
    found: dict[int, str] = {}
    ignored: list[str] = []
    for i, text in enumerate(headers):
        col = by_header.get(header_key(text))
        if col is None or col.key in found.values():
            if text and header_key(text) not in ROW_NUMBER_KEYS:
                ignored.append(text)
            continue
        found[i] = col.key
    if len(ignored) > IGNORED_SHOWN:  # a header of a million columns lists a few of them
        ignored = ignored[:IGNORED_SHOWN] + [
            _("……另 %(n)d 列") % {"n": len(ignored) - IGNORED_SHOWN}]
    ignored = [t if len(t) <= 100 else t[:100] + "…" for t in ignored]
    missing = [c.header for c in columns if c.required and c.key not in found.values()]
    data = []
    control: set[int] = set()
    # One pass over each row's text cells for blank, too long and control characters: this
    # runs for every row of the file (100,000 sales rows: 1.2 million cells).
    for j, r in enumerate(rows[h + 1:]):
        r = list(r)
        texts = [v for v in r if type(v) is str]
        if len(texts) + r.count(None) == len(r) and not "".join(texts).strip():
            continue  # blank (is_blank)
        if is_example_row(r):
            continue
        if texts and max(map(len, texts)) > longest:
            i, v = next((i, v) for i, v in enumerate(r) if type(v) is str and len(v) > longest)
            raise FileRefused(
                _("%(sheet)s第 %(row)d 行“%(col)s”列的单元格有 %(n)d 个字符，超过上限 %(max)d")
                % {"sheet": f"{sheet_name} " if sheet_name else "", "row": h + 2 + j,
                   "col": headers[i] if i < len(headers) and headers[i] else i + 1,
                   "n": len(v), "max": longest})
        if texts and has_control(texts):
            control.add(h + 2 + j)
        data.append((h + 2 + j, r))
    return Sheet(header_row=h + 1, headers=headers, columns=found, rows=data,
                 ignored_columns=ignored, missing_columns=missing, kind=kind, encoding=encoding,
                 sheet_name=sheet_name, control_rows=control)


_BY_HEADER: dict[int, tuple[tuple, dict]] = {}


def _by_header(columns: tuple) -> dict:
    hit = _BY_HEADER.get(id(columns))
    if hit is None or hit[0] is not columns:
        hit = _BY_HEADER[id(columns)] = (columns, {header_key(c.header): c for c in columns})
    return hit[1]


def first_sheet(path: str | Path, *, columns: tuple, markers: tuple[str, ...],
                any_marker: bool = False, csv_delimiters: str | None = ",\t;",
                suffix: str | None = None, name: str | None = None) -> Sheet | None:
    """The first sheet of `path` whose first 10 rows hold a header with every marker; None when
    no sheet has one. A missing required column refuses the file (FileRefused)."""
    sheets, kind, encoding = read_sheets(path, csv_delimiters=csv_delimiters, suffix=suffix,
                                         name=name)
    for name, rows in sheets:
        sheet = sheet_from_rows(rows, columns=columns, markers=markers, any_marker=any_marker,
                                kind=kind, encoding=encoding, sheet_name=name)
        if sheet is None:
            continue
        if sheet.missing_columns:
            raise FileRefused(
                _("缺少必需的列：%(cols)s（表头在第 %(row)d 行）")
                % {"cols": "、".join(sheet.missing_columns), "row": sheet.header_row})
        return sheet
    return None


def read_table(path: str | Path, *, columns: tuple, markers: tuple[str, ...],
               any_marker: bool = False, csv_delimiters: str | None = ",\t;",
               suffix: str | None = None, name: str | None = None,
               no_header: str = "") -> Sheet:
    """The first sheet whose first 10 rows hold a header with all `markers`; FileRefused when
    none has (with `no_header` as the reason, if given) or a required column is missing."""
    sheet = first_sheet(path, columns=columns, markers=markers, any_marker=any_marker,
                        csv_delimiters=csv_delimiters, suffix=suffix, name=name)
    if sheet is None:
        raise FileRefused(no_header or _("前 %(n)d 行中没有含“%(m)s”的表头行")
                          % {"n": HEADER_SEARCH_ROWS, "m": "”和“".join(markers)})
    return sheet

"""Reading a spreadsheet (.xlsx, .xls, .csv) whose header row may sit below a title.

The registry's roster reader is bound to the roster's own columns (its header detection looks
for 姓名 and 证件号码 and maps the roster's headers), so this small reader takes the column table
as a parameter. It reuses the registry's generic pieces: header normalisation (`header_key`),
CSV decoding (UTF-8 or GB18030), blank-row test, the `Sheet` shape and the error-report writer.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from xiezuo.registry.roster.columns import header_key
from xiezuo.registry.roster.read import (
    CSV_SUFFIXES,
    EXCEL_SUFFIXES,
    RosterFormatError,
    Sheet,
    decode_csv,
    is_blank,
)

HEADER_SEARCH_ROWS = 10


class TableFormatError(RosterFormatError):
    """The file cannot be imported at all (unreadable, no header, a required column missing)."""


@dataclass(frozen=True)
class Col:
    header: str
    key: str
    required: bool = False


def _excel_rows(path: Path) -> list[tuple[str, list[list]]]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        return [(name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
                for name in wb.sheet_names]
    except Exception as e:  # calamine has its own error types for damaged files
        raise TableFormatError(_("无法读取 Excel 文件：%(e)s") % {"e": e}) from e


def _csv_rows(path: Path) -> tuple[list[list], str]:
    text, encoding = decode_csv(path.read_bytes())
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)], encoding


def _sheet(rows: list[list], columns: tuple[Col, ...], markers: tuple[str, ...], *,
           kind: str, encoding: str, name: str) -> Sheet | None:
    by_key = {header_key(c.header): c for c in columns}
    wanted = [header_key(m) for m in markers]
    h = next((i for i, row in enumerate(rows[:HEADER_SEARCH_ROWS])
              if all(m in {header_key(v) for v in row if v is not None} for m in wanted)), None)
    if h is None:
        return None
    headers = ["" if v is None else str(v).strip() for v in rows[h]]
    found: dict[int, str] = {}
    ignored: list[str] = []
    for i, text in enumerate(headers):
        col = by_key.get(header_key(text))
        if col is None or col.key in found.values():
            if text:
                ignored.append(text)
            continue
        found[i] = col.key
    missing = [c.header for c in columns if c.required and c.key not in found.values()]
    data = [(h + 2 + j, list(r)) for j, r in enumerate(rows[h + 1:]) if not is_blank(list(r))]
    return Sheet(header_row=h + 1, headers=headers, columns=found, rows=data,
                 ignored_columns=ignored, missing_columns=missing, kind=kind, encoding=encoding,
                 sheet_name=name)


def read_table(path: str | Path, *, columns: tuple[Col, ...], markers: tuple[str, ...]) -> Sheet:
    """The first sheet whose first 10 rows hold a header with all `markers`."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        sheets, kind, encoding = _excel_rows(path), suffix.lstrip("."), ""
    elif suffix in CSV_SUFFIXES:
        rows, encoding = _csv_rows(path)
        sheets, kind = [("", rows)], "csv"
    else:
        raise TableFormatError(
            _("不支持的文件类型 %(s)s：请上传 .xlsx、.xls 或 .csv 文件") % {"s": suffix or "?"})
    for name, rows in sheets:
        sheet = _sheet(rows, columns, markers, kind=kind, encoding=encoding, name=name)
        if sheet is None:
            continue
        if sheet.missing_columns:
            raise TableFormatError(
                _("缺少必需的列：%(cols)s（表头在第 %(row)d 行）")
                % {"cols": "、".join(sheet.missing_columns), "row": sheet.header_row})
        return sheet
    raise TableFormatError(_("前 %(n)d 行中没有含“%(m)s”的表头行")
                           % {"n": HEADER_SEARCH_ROWS, "m": "”和“".join(markers)})

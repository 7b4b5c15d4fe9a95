"""The error report: one line per error, the error's columns, then the original row as read."""

from pathlib import Path

from django.utils.translation import gettext as _

from xiezuo.tabular import cells
from xiezuo.tabular.errors import RowError
from xiezuo.tabular.read import Sheet
from xiezuo.tabular.safe import safe_cell, safe_row


def write_error_report(path: str | Path, *, sheet: Sheet | None, errors: list[RowError],
                       omitted: int = 0) -> Path:
    """`omitted`: errors not listed (beyond the first MAX_ERRORS), said on a last line."""
    from openpyxl import Workbook

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("错误报告"))
    headers = [_("行号"), _("列"), _("值"), _("原因")]
    original = [cells.shown(h) for h in sheet.headers] if sheet else []
    # What the file held goes back as text no spreadsheet runs as a formula (tabular.safe).
    ws.append(safe_row(headers + list(original), sheet=ws))
    by_row = dict(sheet.rows) if sheet else {}
    for e in errors:
        line = safe_row([e.row, e.column or "", e.value, e.reason], sheet=ws)
        # The original cells as text, so an ID number shows what the file held, not a float.
        line += [_text_cell(ws, cells.shown(v)) for v in by_row.get(e.row, [])]
        ws.append(line)
    if omitted:
        ws.append(["", "", "", _("……另有 %(n)d 个错误未列出；请改正以上错误后重新导入") % {"n": omitted}])
    wb.save(path)
    return path


def _text_cell(ws, value: str):
    from openpyxl.cell import WriteOnlyCell

    c = safe_cell(value, sheet=ws)
    if c is value:
        c = WriteOnlyCell(ws, value=value)
    c.number_format = "@"
    return c

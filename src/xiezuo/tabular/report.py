"""The error report: one line per error, the error's columns, then the original row as read."""

from pathlib import Path

from django.utils.translation import gettext as _

from xiezuo.tabular import cells
from xiezuo.tabular.errors import RowError
from xiezuo.tabular.read import Sheet
from xiezuo.tabular.safe import safe_cell, safe_row


def write_error_report(path: str | Path, *, sheet: Sheet | None, errors: list[RowError],
                       omitted: int = 0) -> Path:
    """`omitted`: errors not listed (beyond the first MAX_ERRORS), said on a last line.

    One line per error: where and why, then the row as the file held it with the bad cell
    filled red, so a clerk finds it at once; the header stays frozen and columns are wide
    enough to read in Excel and WPS."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from xiezuo.tabular.listexport import display_width

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("错误报告"))
    headers = [_("行号"), _("列"), _("值"), _("原因")]
    original = [cells.shown(h) for h in sheet.headers] if sheet else []
    widths = [8, 14, 22, 60] + [min(40, max(8, display_width(h) + 2)) for h in original]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "E2"  # the header, and where/why, stay on screen beside the row
    bold, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    bad_fill, red = PatternFill("solid", fgColor="F8D0CC"), Font(color="9C0006")
    # What the file held goes back as text no spreadsheet runs as a formula (tabular.safe).
    head = []
    for h in headers + list(original):
        c = safe_cell(h, sheet=ws)
        c = c if isinstance(c, Cell) else WriteOnlyCell(ws, value=c)
        c.font, c.fill = bold, head_fill
        head.append(c)
    ws.append(head)
    by_row = dict(sheet.rows) if sheet else {}
    bad_index = {h: i for i, h in enumerate(original)}
    for e in errors:
        line = safe_row([e.row, e.column or "", e.value], sheet=ws)
        reason = safe_cell(e.reason, sheet=ws)
        reason = reason if isinstance(reason, Cell) else WriteOnlyCell(ws, value=reason)
        reason.font = red
        line.append(reason)
        # The original cells as text, so an ID number shows what the file held, not a float.
        row_cells = [_text_cell(ws, cells.shown(v)) for v in by_row.get(e.row, [])]
        i = bad_index.get(e.column or "")
        if i is not None and i < len(row_cells):
            row_cells[i].fill = bad_fill
        ws.append(line + row_cells)
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

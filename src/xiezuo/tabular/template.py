"""The template every import page offers: a workbook made from the import's own column spec.

Made from the spec (`Importer.columns`, `markers`, `template`), a template cannot drift from
what the import reads: a column renamed in the spec is renamed in the template, and a test fills
every template and imports it. The workbook, for Excel, WPS and LibreOffice alike:

- sheet 1 (filled in and uploaded): a title row, a line saying how to fill it in, the header
  row (one spelling per column, required ones marked by the notes), then one example row, grey
  and italic, whose first cell (the 序号 column) reads 示例. The reader skips such a row
  (`read.is_example_row`), so a clerk may leave it in place. Columns whose values are digits
  that must stay text (ID numbers, codes) are formatted as text for 1,000 rows, so Excel does not
  turn 621124… into 6.21124E+17;
- sheet 2 (填写说明): each column with 必填/选填, what goes in it and the example.

The header row sits within the first rows the reader searches (`read.HEADER_SEARCH_ROWS`) and
holds every marker, so the template is found as any other file would be.
"""

import io
from dataclasses import dataclass, field

from django.http import FileResponse
from django.utils.translation import gettext as _

from xiezuo.tabular.columns import header_key
from xiezuo.tabular.read import EXAMPLE_MARK

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: the leading column that carries the example mark (the clerk's own numbering below it); an
#: import with a 序号 column of its own (the SMS delivery report) gets the other spelling
ROW_NUMBER_HEADERS = ("序号", "行号")
TEXT_ROWS = 1000  # rows formatted as text in the columns that must stay text
TITLE_ROW, HINT_ROW, HEADER_ROW, EXAMPLE_ROW = 1, 2, 3, 4


@dataclass(frozen=True)
class ImportTemplate:
    """What a template adds to the import's columns: its title, an example value per column
    (by column key) and a note on the columns that need one. `text` names the columns kept as
    text (digits that are not numbers); by default every column whose example is a string of
    digits."""

    title: str
    example: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)
    text: tuple[str, ...] | None = None
    #: sheet names are at most 31 characters (Excel's limit)
    sheet: str = ""


def template_columns(columns: tuple) -> list:
    """One column per key, as the spec first spells it, in the spec's order."""
    seen, out = set(), []
    for c in columns:
        if c.key not in seen:
            seen.add(c.key)
            out.append(c)
    return out


def row_number_header(columns: tuple) -> str:
    keys = {header_key(c.header) for c in columns}
    return next(h for h in ROW_NUMBER_HEADERS if header_key(h) not in keys)


def _is_digits(value) -> bool:
    return isinstance(value, str) and value.replace("、", "").isdigit()


def _fit_width(ws, *, landscape: bool) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need


def template_workbook(spec) -> bytes:
    """The template of an import spec (an `Importer` subclass or instance with `template`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from xiezuo.tabular.listexport import display_width

    t: ImportTemplate = spec.template
    cols = template_columns(spec.columns)
    unknown = set(t.example) - {c.key for c in cols}
    assert not unknown, f"template example for columns the import does not read: {unknown}"
    text_keys = set(t.text if t.text is not None
                    else (k for k, v in t.example.items() if _is_digits(v)))
    wb = Workbook()
    ws = wb.active
    title = str(t.title)
    ws.title = str(t.sheet or title)[:31]
    ws.cell(TITLE_ROW, 1, title).font = Font(bold=True, size=14)
    ws.cell(HINT_ROW, 1, _("第 %(h)d 行是表头，请勿修改；灰色的“示例”行导入时自动跳过，可保留或删除；"
                           "从第 %(r)d 行起每行填一条。各列说明见“填写说明”工作表。")
            % {"h": HEADER_ROW, "r": EXAMPLE_ROW + 1}).font = Font(color="555555")
    head_fill = PatternFill("solid", fgColor="DDE6F0")
    required_fill = PatternFill("solid", fgColor="F8D7A8")
    headers = [row_number_header(spec.columns)] + [c.header for c in cols]
    for i, h in enumerate(headers, start=1):
        cell = ws.cell(HEADER_ROW, i, h)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = required_fill if i > 1 and cols[i - 2].required else head_fill
    example = [EXAMPLE_MARK] + [t.example.get(c.key) for c in cols]
    grey = Font(italic=True, color="808080")
    for i, v in enumerate(example, start=1):
        cell = ws.cell(EXAMPLE_ROW, i, v)
        cell.font = grey
        if i > 1 and cols[i - 2].key in text_keys:
            cell.data_type = "s"
    for i, c in enumerate(cols, start=2):
        letter = get_column_letter(i)
        longest = max(display_width(c.header), display_width(example[i - 1] or ""))
        ws.column_dimensions[letter].width = min(40, max(10, longest + 4))
        if c.key in text_keys:
            for (cell,) in ws.iter_rows(min_row=EXAMPLE_ROW, max_row=EXAMPLE_ROW + TEXT_ROWS,
                                        min_col=i, max_col=i):
                cell.number_format = "@"
    ws.column_dimensions["A"].width = 8
    ws.freeze_panes = ws.cell(EXAMPLE_ROW, 2)
    # The hint spans the header's width and wraps, so it prints whole instead of running off
    # column A; the sheet prints landscape, one page wide (a clerk prints the template to fill in).
    last = get_column_letter(len(headers))
    ws.merge_cells(f"A{HINT_ROW}:{last}{HINT_ROW}")
    ws.cell(HINT_ROW, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[HINT_ROW].height = 32
    _fit_width(ws, landscape=True)

    notes = wb.create_sheet(_("填写说明"))
    notes.append([_("%(t)s：填写说明") % {"t": title}])
    notes["A1"].font = Font(bold=True, size=14)
    notes.append([_("列名"), _("必填"), _("说明"), _("示例")])
    for cell in notes[2]:
        cell.font, cell.fill = Font(bold=True), head_fill
    for c in cols:
        v = t.example.get(c.key)
        note = str(t.notes.get(c.key, ""))
        if getattr(c, "choices", ()):  # the roster's columns know their values
            note = "；".join(x for x in (note, _("可填：%(v)s") % {"v": "、".join(c.choices)}) if x)
        notes.append([c.header, _("必填") if c.required else _("选填"), note,
                      "" if v is None else str(v)])
    notes.append([])
    notes.append([_("第一个工作表的第 %(h)d 行是表头；“%(m)s”行（%(c)s列写着“%(m)s”）导入时跳过。")
                  % {"h": HEADER_ROW, "m": EXAMPLE_MARK, "c": headers[0]}])
    for letter, width in zip("ABCD", (20, 8, 70, 30), strict=True):
        notes.column_dimensions[letter].width = width
    for (cell,) in notes.iter_rows(min_row=3, min_col=3, max_col=3):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    _fit_width(notes, landscape=False)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def template_response(spec) -> FileResponse:
    """The template as a download named for what it is (`<title>.xlsx`, Chinese kept)."""
    return FileResponse(io.BytesIO(template_workbook(spec)), as_attachment=True,
                        filename=f"{spec.template.title!s}.xlsx", content_type=XLSX)

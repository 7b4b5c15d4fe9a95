"""Every list page's "导出 Excel": the rows the user sees, as a workbook a clerk can use at once.

A list view answers `?format=xlsx` by passing the same selector's rows (same user, same filters)
to `xlsx_response` with a column spec:

    COLUMNS = [XCol("户编号", "number", width=22), XCol("乡镇", "village.parent.name"),
               XCol("人口", "member_count", kind="int"), XCol("金额（元）", "amount", kind="money"),
               XCol("登记日期", "registered_on", kind="date")]
    if wants_xlsx(request):
        return xlsx_response(title="建档立卡贫困户", columns=COLUMNS, rows=qs,
                             filename="贫困户名单", scope=scope_label(user), filters="2019年")

What the file holds, for Excel and WPS alike: a title row (the list's name), a second row with
the scope, the filters and when it was made, then the frozen header with an autofilter; numbers,
money and dates as typed cells with a number format (a sum in Excel works), text cells kept from
running as formulas (tabular.safe), column widths from the header and the data (CJK characters
counted double), and a Chinese file name (RFC 5987 in Content-Disposition, which Django's
FileResponse writes). Names go beside codes by listing both columns.

openpyxl's write-only mode keeps memory flat for a county's 57,000 rows. A list longer than
`settings.LIST_EXPORT_JOB_ROWS` rows (5,000 unless XIEZUO_LIST_EXPORT_JOB_ROWS says otherwise) is
not built in the request: `xlsx_response` raises `ExportTooLarge`, and the shell
(core.listexports) answers with a background job that runs the same request again, for the same
user with the same filters and sorting, inside `export_to(folder)`: there `xlsx_response` writes
the file into the folder, reporting its progress, instead of answering with it. Every list gets
the job this way; no list view knows about it.
"""

import datetime
import io
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.utils import timezone

from xiezuo.tabular.safe import safe_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    "text": None,
    "int": "#,##0",
    "money": "#,##0.00",
    "decimal": "#,##0.####",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}
MAX_WIDTH = 60


@dataclass(frozen=True)
class XCol:
    """One column: its header, where the value comes from, its type and (optional) width."""

    header: str  # or a lazy translation: written as str()
    #: a dotted attribute path ("village.parent.name", a method is called) or f(row) -> value
    value: str | Callable[[Any], Any]
    kind: str = "text"
    width: int | None = None

    def __post_init__(self):
        if self.kind not in FORMATS:
            raise ValueError(f"unknown column kind {self.kind!r}")

    def get(self, row) -> Any:
        if callable(self.value):
            v = self.value(row)
        else:
            v = row
            for part in self.value.split("."):
                if v is None:
                    break
                v = row_get(v, part)
                if callable(v) and not isinstance(v, type):
                    v = v()
        return typed(v, self.kind)


def row_get(obj, name: str):
    if isinstance(obj, dict):
        return obj.get(name)
    # choices: a field with choices shows its label, as on the page
    display = getattr(obj, f"get_{name}_display", None)
    if display is not None:
        return display()
    return getattr(obj, name, None)


def typed(v, kind: str):
    """The cell value for its kind: numbers as numbers, dates as dates, the rest as text."""
    if v is None or v == "":
        return None
    if kind in {"int", "money", "decimal", "percent"}:
        if isinstance(v, bool):
            return int(v)
        if isinstance(v, int | float):
            return v
        try:
            d = Decimal(str(v))
        except ArithmeticError:
            return str(v)
        if kind == "int":
            return int(d)
        # openpyxl writes Decimal as a number; 2 places for money keeps 0.10 + 0.20 exact in Excel
        return d.quantize(Decimal("0.01")) if kind == "money" else d
    if kind == "date":
        if isinstance(v, datetime.datetime):
            return timezone.localtime(v).date() if timezone.is_aware(v) else v.date()
        return v
    if kind == "datetime":
        if isinstance(v, datetime.datetime) and timezone.is_aware(v):
            return timezone.localtime(v).replace(tzinfo=None)  # Excel has no time zones
        return v
    if isinstance(v, bool):
        return "是" if v else "否"
    return str(v)


def display_width(text) -> int:
    """Columns a text takes in a spreadsheet: wide (CJK) characters count two."""
    s = str(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


#: how often (in rows) a job's export reports its progress
PROGRESS_EVERY = 1000


def write_list(out, *, title: str, columns: list[XCol], rows: Iterable, scope: str = "",
               filters: str = "", sheet_title: str = "",
               progress: Callable[[int, int | None], None] | None = None) -> int:
    """Write the list to `out` (a path or a binary buffer); return the number of data rows.
    `progress(done, total)` is called every PROGRESS_EVERY rows read (total None when the rows
    have no length)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    total = len(rows) if hasattr(rows, "__len__") else None
    values = []
    for r in rows:
        values.append([c.get(r) for c in columns])
        if progress and len(values) % PROGRESS_EVERY == 0:
            progress(len(values), total)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet((sheet_title or title)[:31] or "Sheet1")
    n = len(columns)
    widths = []
    for i, c in enumerate(columns):
        if c.width:
            widths.append(c.width)
            continue
        longest = max([display_width(str(c.header))] + [
            display_width(row[i].strftime("%Y-%m-%d %H:%M") if isinstance(row[i], datetime.datetime)
                          else f"{row[i]:,}" if isinstance(row[i], int | Decimal) else row[i])
            for row in values[:2000] if row[i] is not None])
        widths.append(min(MAX_WIDTH, max(6, longest + 2)))
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A4"  # the title, the scope line and the header stay on screen
    last = get_column_letter(n)
    ws.auto_filter.ref = f"A3:{last}{3 + len(values)}"

    def cell(value, **style):
        c = WriteOnlyCell(ws, value=value)
        for k, v in style.items():
            setattr(c, k, v)
        return c

    ws.append([cell(str(title), font=Font(bold=True, size=14))])
    made = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    info = "　".join(x for x in (scope and f"范围：{scope}", filters and f"条件：{filters}",
                                  f"共 {len(values)} 条", f"导出时间：{made}") if x)
    ws.append([cell(info, font=Font(color="555555"))])
    head_fill = PatternFill("solid", fgColor="DDE6F0")
    ws.append([cell(str(c.header), font=Font(bold=True), fill=head_fill,
                    alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
               for c in columns])
    fmts = [FORMATS[c.kind] for c in columns]
    for row in values:
        out_row = []
        for v, fmt in zip(row, fmts, strict=True):
            if isinstance(v, str):
                out_row.append(safe_cell(v, sheet=ws))
            elif fmt and v is not None:
                out_row.append(cell(v, number_format=fmt))
            else:
                out_row.append(v)
        ws.append(out_row)
    wb.save(out)
    return len(values)


def wants_xlsx(request) -> bool:
    return request.GET.get("format") == "xlsx"


class ExportTooLarge(Exception):  # noqa: N818 - a signal to the shell, not an error
    """A list too long to build in the request: the shell answers with a background job."""

    def __init__(self, *, rows: int, title: str, filename: str):
        super().__init__(f"{rows} rows")
        self.rows, self.title, self.filename = rows, title, filename


@dataclass
class ExportTarget:
    """Where a background job's export goes, and what it wrote there."""

    folder: Path
    progress: Callable[[int, int | None], None] | None = None
    path: Path | None = None
    rows: int = 0


_target: ContextVar[ExportTarget | None] = ContextVar("list_export_target", default=None)


@contextmanager
def export_to(folder: Path, *, progress=None) -> Iterator[ExportTarget]:
    """Within this block `xlsx_response` writes the list into `folder` (the job's) whatever its
    length, and answers 204; the target says which file it wrote and how many rows."""
    target = ExportTarget(folder=Path(folder), progress=progress)
    token = _target.set(target)
    try:
        yield target
    finally:
        _target.reset(token)


def job_threshold() -> int | None:
    """Lists longer than this export through a background job (None: never)."""
    return getattr(settings, "LIST_EXPORT_JOB_ROWS", None)


def _count(rows) -> tuple[int, Iterable]:
    if isinstance(rows, QuerySet):
        return rows.count(), rows
    if not hasattr(rows, "__len__"):
        rows = list(rows)
    return len(rows), rows


def export_file_name(filename: str) -> str:
    filename = str(filename).replace("/", "_").replace("\\", "_")
    return f"{filename}-{timezone.localdate().strftime('%Y%m%d')}.xlsx"


def xlsx_response(*, title: str, columns: list[XCol], rows: Iterable, filename: str,
                  scope: str = "", filters: str = "") -> FileResponse | HttpResponse:
    """The list as a downloaded workbook named `<filename>-<date>.xlsx` (Chinese kept); a list
    longer than `job_threshold()` raises ExportTooLarge (the shell starts a job)."""
    target = _target.get()
    if target is not None:  # inside the job: write the file
        target.folder.mkdir(parents=True, exist_ok=True)
        target.path = target.folder / export_file_name(filename)
        target.rows = write_list(target.path, title=title, columns=columns, rows=rows,
                                 scope=scope, filters=filters, progress=target.progress)
        return HttpResponse(status=204)
    limit = job_threshold()
    if limit is not None:
        n, rows = _count(rows)
        if n > limit:
            raise ExportTooLarge(rows=n, title=str(title), filename=filename)
    buffer = io.BytesIO()
    write_list(buffer, title=title, columns=columns, rows=rows, scope=scope, filters=filters)
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=export_file_name(filename),
                        content_type=XLSX)

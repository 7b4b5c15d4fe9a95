"""One pipeline for every file import: the import gives the hooks, the pipeline the sequence.

An import is an `Importer` subclass (a spec): its `columns` and header `markers` (how the
header row is found), `parse_row` (pure: cells in, a record out, errors on the row; no
database), `match` (reads the database before the transaction: areas, people, existing rows;
decides what is created, updated or unchanged and rejects rows), `write` (inside the one
`transaction.atomic()`, in bulk) and `import_record` (the part's import row, which keeps the
file and its summary). `run_import(spec, …)` owns the rest, the same for every import:

1. the permission check (`spec.check(actor)`), then reading through `tabular.read` with the
   hostile-file guard; a file that cannot be imported at all raises `FileRefused` (the one way
   to refuse a whole file; the commands exit 2);
2. per row, the text-cell checks (`cells.stored_text_problems`), then `parse_row`;
3. `match`, outside any transaction; then the errors sorted and counted (`rejected` counts rows),
   the accounting `rows == created + updated + unchanged + rejected` asserted, the error cap
   (`keep_errors`) and the error report;
4. `--dry-run` stops here (nothing written), and so does `--strict` with a rejected row
   (`result.refused`, exit 3);
5. otherwise the file is kept under DATA_DIR/uploads/<folder>, and in one transaction the import
   row is created, `write` runs, the summary is stored on the import row and the import is
   audited; the summary is also written beside the kept file.

Two switches for imports whose decisions must hold until they are written:

- `locked = True`: `match` runs inside the one transaction (so `select_for_update` on
  PostgreSQL keeps what it read until the write: a fund's unspent money, a figure's old value);
  a dry run opens the transaction too and writes nothing.
- `rehearse(rows)` (locked imports only): writes that may still refuse a row (a service that
  checks a row only as it writes it, under its own locks) run inside a savepoint before the
  summary is counted; rows they refuse are rejected like any other. The savepoint is rolled back
  on a dry run and on a refused --strict run, so a dry run reports what a real run would do.

`run_import` sets `spec.path` and `spec.original_name` before any hook runs, and `spec.sha256`
and `spec.kept` before `import_record`. An import with no import row of its own returns None
from `import_record`; its summary is then kept only beside the file. The progress callback
(the web job's bar) hears the reading, every `PROGRESS_EVERY` rows checked and the end.
"""

import json
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.tabular import cells
from xiezuo.tabular.errors import RowError
from xiezuo.tabular.files import default_report_path, file_sha256, keep_copy
from xiezuo.tabular.read import Sheet, read_table
from xiezuo.tabular.report import write_error_report
from xiezuo.tabular.result import ImportResult
from xiezuo.tabular.safe import mask_ids, mask_phones

Progress = Callable[[int, int, str], None] | None
SUMMARY_ERRORS_KEPT = 1000  # on the import row; the full list is in the error report
PROGRESS_EVERY = 2000  # rows checked between two progress reports
SAMPLE_ROWS = 10  # rows a dry run's sample shows (the preview before 正式导入)
SAMPLE_COLUMNS = 60  # and columns (a hostile header may have thousands)


@dataclass
class Row:
    """One non-blank row of the file: its cells by column key and the errors found in it."""

    row: int  # as Excel numbers rows (1-based)
    raw: dict  # column key -> the cell as read (text, number, date or None)
    header_for: dict[str, str] = field(default_factory=dict)  # column key -> header as spelled
    errors: list[RowError] = field(default_factory=list)
    record: object = None  # what parse_row made of it

    def error(self, key: str | None, reason: str) -> None:
        """Reject the row: the error names the column as the file spells it and the value."""
        self.errors.append(RowError(self.row, self.header_for.get(key) if key else None,
                                    cells.shown(self.raw.get(key)) if key else "", reason))

    @property
    def ok(self) -> bool:
        return not self.errors


def rows_of(sheet: Sheet) -> list[Row]:
    """The sheet's rows keyed by column (a short row has None for its missing cells)."""
    keys = list(sheet.columns.items())
    header_for = sheet.header_for
    if len(keys) < 2:
        return [Row(row_no, {key: (raw[i] if i < len(raw) else None) for i, key in keys},
                    header_for) for row_no, raw in sheet.rows]
    # itemgetter over the row padded to the widest known column: a third of the dict-comprehension
    # cost, for every row of the file
    pick = itemgetter(*(i for i, _k in keys))
    names = [key for _i, key in keys]
    width = max(i for i, _k in keys) + 1
    return [Row(row_no, dict(zip(names, pick(raw if len(raw) >= width
                                             else [*raw, *[None] * (width - len(raw))]),
                                 strict=True)),
                header_for) for row_no, raw in sheet.rows]


class Importer:
    """The hooks one import gives the pipeline (see the module's docstring)."""

    columns: tuple = ()
    markers: tuple[str, ...] = ()
    csv_delimiters: str | None = None
    #: column key -> most characters, for the lengths parse_row does not check itself
    limits: dict[str, int] = {}
    kind: str = ""  # names the error report (<kind>-errors-…) and the audit note
    folder: str = ""  # under DATA_DIR/uploads, where the file is kept
    #: the reason a file with no header row is refused (default: names the markers)
    no_header: str = ""
    #: the header row holds any one of the markers (spellings of one column), not all of them
    any_marker: bool = False
    #: match (and rehearse, and write) inside the one transaction (see the module's docstring)
    locked: bool = False
    #: the import page's template (tabular.template.ImportTemplate: title, example, notes)
    template = None
    #: set by run_import: the file, its name as uploaded, and (when stored) its hash and copy
    path: Path
    original_name: str = ""
    sha256: str = ""
    kept: str = ""

    def __init__(self, *, actor=None, dry_run: bool = False, strict: bool = False,
                 progress: Progress = None) -> None:
        self.actor, self.progress = actor, progress
        self.result = self.new_result(dry_run=dry_run, strict=strict)

    # --- the hooks ------------------------------------------------------------------------

    def new_result(self, *, dry_run: bool, strict: bool) -> ImportResult:
        return ImportResult(dry_run=dry_run, strict=strict)

    def check(self, actor) -> None:
        """Refuse an actor who may not import this (raise); None is the operator."""

    def prepare(self) -> None:
        """Read what parse_row needs from the database (area names…), once, before parsing."""

    def parse_row(self, row: Row) -> object:
        """Pure: the row's record from its cells, `row.error(key, reason)` for each problem."""
        raise NotImplementedError

    def match(self, rows: list[Row]) -> None:
        """Before the transaction: read what exists, add row errors, set the result's counts
        (created, updated, unchanged) and keep what `write` needs on the spec."""
        raise NotImplementedError

    def rehearse(self, rows: list[Row]) -> None:
        """Locked imports only, inside a savepoint of the transaction, on a dry run too: the
        writes that may still refuse a row (add the row's error and correct the counts)."""

    def write(self, imp) -> None:
        """Inside the one transaction: store what `match` decided, in bulk."""
        raise NotImplementedError

    def import_record(self, *, kept: str, sha: str, original_name: str):
        """Create (inside the transaction) the part's import row for the kept file; None for
        an import that has none (its summary is kept beside the file only)."""
        raise NotImplementedError

    def audit(self, imp, summary: dict, original_name: str) -> None:
        """Record the import in the audit log (inside the transaction)."""
        raise NotImplementedError


def _report(progress: Progress, done: int, total: int, message: str) -> None:
    if progress:
        progress(done, total, message)


def run_import(spec: Importer, *, path: str | Path, report_path: str | Path | None = None,
               original_name: str = "") -> ImportResult:
    """Read, parse, match, then (unless a dry run or a refused --strict run) write in one
    transaction. Raises FileRefused when the file cannot be imported at all."""
    path = Path(path)
    spec.path, spec.original_name = path, original_name or path.name
    spec.check(spec.actor)
    result, progress = spec.result, spec.progress
    _report(progress, 0, 0, _("正在读取文件"))
    sheet = read_table(path, columns=spec.columns, markers=spec.markers,
                       any_marker=spec.any_marker, csv_delimiters=spec.csv_delimiters,
                       suffix=Path(original_name).suffix or None if original_name else None,
                       no_header=str(spec.no_header))
    result.header_row, result.ignored_columns = sheet.header_row, list(sheet.ignored_columns)
    if result.dry_run:
        result.sample = sample_of(sheet)
    spec.prepare()
    rows = rows_of(sheet)
    total = len(rows)
    limits, control_rows = spec.limits, sheet.control_rows
    for n, row in enumerate(rows, 1):
        for key, reason in cells.stored_text_problems(
                row.raw, limits, control=row.row in control_rows):
            row.error(key, reason)
        row.record = spec.parse_row(row)
        if n % PROGRESS_EVERY == 0:
            _report(progress, n, total, _("已检查 %(n)d / %(total)d 行") % {"n": n, "total": total})
    result.rows = total
    assert spec.locked or type(spec).rehearse is Importer.rehearse, "rehearse needs locked"
    with transaction.atomic() if spec.locked else nullcontext():
        spec.match(rows)
        savepoint = transaction.savepoint() if spec.locked else None
        spec.rehearse(rows)
        _count(spec, rows, sheet, path, report_path)
        _report(progress, total, total, _("已检查 %(n)d 行") % {"n": total})
        if result.dry_run or result.refused:
            if savepoint:
                transaction.savepoint_rollback(savepoint)
            return result
        if savepoint:
            transaction.savepoint_commit(savepoint)
        summary = _store(spec, path)
    (Path(settings.DATA_DIR) / f"{spec.kept}.summary.json").write_text(json.dumps(
        {**summary, "sha256": spec.sha256, "original_name": spec.original_name[:255]},
        ensure_ascii=False, indent=1, default=str), "utf-8")
    _report(progress, total, total, _("已保存"))
    return result


def sample_of(sheet: Sheet, rows: int = SAMPLE_ROWS) -> dict:
    """What a preview shows of the file: the header row as spelled, which columns the import
    reads, the first rows as text. ID and mobile numbers are masked (a page, not an audited
    view of them; the error report, the uploader's own, keeps them whole)."""
    def shown(v) -> str:
        return mask_phones(mask_ids(cells.shown(v)))

    width = min(len(sheet.headers), SAMPLE_COLUMNS)
    return {"header_row": sheet.header_row, "sheet": sheet.sheet_name,
            "headers": [[h, i in sheet.columns] for i, h in enumerate(sheet.headers[:width])],
            "rows": [[n, [shown(raw[i] if i < len(raw) else None) for i in range(width)]]
                     for n, raw in sheet.rows[:rows]],
            "total": len(sheet.rows)}


def _count(spec: Importer, rows: list[Row], sheet: Sheet, path: Path,
           report_path: str | Path | None) -> None:
    """The errors sorted and counted, every row accounted for once, the error report."""
    result = spec.result
    errors = sorted((e for r in rows for e in r.errors), key=lambda e: (e.row, e.column or ""))
    result.errors, result.rejected = errors, len({e.row for e in errors})
    assert result.rows == result.rows_written() + result.unchanged + result.rejected, (
        result.rows, result.counts(), result.unchanged, result.rejected)
    result.keep_errors()
    if result.errors or report_path:
        target = (Path(report_path) if report_path
                  else default_report_path(path, prefix=spec.kind))
        result.report = str(write_error_report(target, sheet=sheet, errors=result.errors,
                                               omitted=result.errors_omitted))


def _store(spec: Importer, path: Path) -> dict:
    """Keep the file, then in one transaction the import row, the writes, the summary and the
    audit event. Returns the summary."""
    result = spec.result
    spec.sha256 = sha = file_sha256(path)
    spec.kept = kept = str(keep_copy(path, sha, folder=spec.folder))
    with transaction.atomic():
        imp = spec.import_record(kept=kept, sha=sha, original_name=spec.original_name[:255])
        spec.write(imp)
        result.stored, result.file = True, kept
        result.import_id = imp.pk if imp is not None else None
        summary = result.as_json()
        summary["errors"] = summary["errors"][:SUMMARY_ERRORS_KEPT]
        if imp is not None:
            imp.summary = summary
            imp.save(update_fields=["summary"])
        spec.audit(imp, summary, spec.original_name)
    return summary

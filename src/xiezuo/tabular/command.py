"""The frame every file-import command shares: its arguments, exit codes and printed summary.

`xiezuo import_roster`, `import_population`, `import_labour_survey`, `import_openings` and
`import_funds` subclass `ImportCommand`, add their own options and call their service in `run()`:

- exit 0 when the file was processed, even with rejected rows;
- exit 2 (EXIT_FORMAT) when the file cannot be imported at all (unreadable, no header row,
  a required column missing), the reason on stderr (and as `{"error": …}` with --json);
- exit 3 (EXIT_STRICT) when --strict refused the file because a row would be rejected.
"""

import json

from django.core.management.base import BaseCommand

from xiezuo.tabular.errors import FileRefused
from xiezuo.tabular.result import ImportResult

EXIT_FORMAT = 2  # the file cannot be imported at all (unreadable, required column missing)
EXIT_STRICT = 3  # --strict and some row would be rejected: nothing stored
ERRORS_SHOWN = 20  # in the text summary; the error report (--report) has every one


class ImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("file", help=".xlsx, .xls or .csv")
        self.add_import_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help="check and count, store nothing")
        parser.add_argument("--strict", action="store_true",
                            help="store nothing (exit 3) if any row would be rejected")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--report", help="where to write the .xlsx error report")

    def add_import_arguments(self, parser) -> None:
        """The command's own options."""

    def run(self, options: dict) -> ImportResult:
        raise NotImplementedError

    def summary(self, result: ImportResult) -> str:
        """The first line of the text output; by default the counts under their own names."""
        counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in result.counts().items())
        return (f"{result.rows} rows: {counts}, {result.unchanged} unchanged, "
                f"{result.rejected} rejected.")

    def notes(self, result: ImportResult) -> list[str]:
        """Lines after the errors (warnings that reject nothing)."""
        return []

    def as_json(self, result: ImportResult) -> dict:
        return result.as_json()

    def handle(self, *args, **o):
        try:
            r = self.run(o)
        except FileNotFoundError as e:
            self._refuse(o, f"{o['file']}: {e.strerror}")
        except FileRefused as e:
            self._refuse(o, str(e))
        if o["json"]:
            self.stdout.write(json.dumps(self.as_json(r), ensure_ascii=False, default=str))
        else:
            self._write_text(r)
        if r.refused:
            raise SystemExit(EXIT_STRICT)

    def _write_text(self, r: ImportResult) -> None:
        self.stdout.write(self.summary(r))
        if r.ignored_columns:
            self.stdout.write("Ignored columns: " + ", ".join(r.ignored_columns))
        for e in r.errors[:ERRORS_SHOWN]:
            self.stdout.write(f"  row {e.row} [{e.column or '-'}] {e.value!r}: {e.reason}")
        if len(r.errors) > ERRORS_SHOWN:
            self.stdout.write(f"  … {len(r.errors) - ERRORS_SHOWN} more errors")
        for note in self.notes(r):
            self.stdout.write(f"  note: {note}")
        if r.report:
            self.stdout.write(f"Error report: {r.report}")
        if r.dry_run:
            self.stdout.write("Dry run: nothing stored.")
        elif r.refused:
            self.stdout.write("--strict: rows were rejected, nothing stored.")

    def refusal_json(self, message: str) -> dict:
        """What --json prints for a refused file."""
        return {"error": message}

    def _refuse(self, o: dict, message: str):
        if o["json"]:
            self.stdout.write(json.dumps(self.refusal_json(message), ensure_ascii=False))
        self.stderr.write(message)
        raise SystemExit(EXIT_FORMAT)

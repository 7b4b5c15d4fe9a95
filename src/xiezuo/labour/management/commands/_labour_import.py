"""The shared frame of the labour import commands (exit codes as the roster import's)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from xiezuo.labour.tabular import TableFormatError


class ImportCommand(BaseCommand):
    #: the service to call; set by subclasses
    service = None
    created_key = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help=".xlsx, .xls or .csv")
        parser.add_argument("--dry-run", action="store_true", help="check only, store nothing")
        parser.add_argument("--strict", action="store_true",
                            help="store nothing if any row is rejected (exit 3)")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")
        parser.add_argument("--report", help="where to write the error report (.xlsx)")

    def handle(self, *args, **options):
        try:
            result = type(self).service(path=options["file"], dry_run=options["dry_run"],
                                        strict=options["strict"], report_path=options["report"])
        except FileNotFoundError as e:
            self._refuse(options, f"{options['file']}: {e.strerror}")
        except TableFormatError as e:
            self._refuse(options, str(e))
        summary = result.as_json()
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, default=str))
        else:
            created = {k: v for k, v in summary.items() if k.endswith(("_created", "_updated"))}
            self.stdout.write(
                f"rows {summary['rows']}, " + ", ".join(f"{k} {v}" for k, v in created.items())
                + f", unchanged {summary['unchanged']}, rejected {summary['rejected']}")
            for e in summary["errors"][:50]:
                self.stdout.write(f"  row {e['row']} [{e['column'] or '-'}] {e['value']!r}: "
                                  f"{e['reason']}")
            if summary["report"]:
                self.stdout.write(f"error report: {summary['report']}")
            if result.refused:
                self.stderr.write("--strict: rows were rejected, nothing was stored")
            elif result.dry_run:
                self.stdout.write("dry run: nothing was stored")
        if result.refused:
            sys.exit(3)

    def _refuse(self, options, message: str):
        if options["json"]:
            self.stdout.write(json.dumps({"error": message}, ensure_ascii=False))
            sys.exit(2)
        raise CommandError(message, returncode=2)

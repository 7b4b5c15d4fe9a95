import json

from django.core.management.base import BaseCommand

from xiezuo.registry.roster.read import RosterFormatError
from xiezuo.registry.services import household_import

EXIT_FORMAT = 2  # the file cannot be imported at all (unreadable, required column missing)
EXIT_STRICT = 3  # --strict and some row would be rejected: nothing stored


class Command(BaseCommand):
    help = ("Import a poor-household roster (建档立卡花名册) from .xlsx, .xls or .csv. Exit 0 when "
            "the file was processed (even with rejected rows), 2 when it cannot be imported, "
            "3 when --strict refused it.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--county", help="12-digit (or 6-digit) county code; default: the "
                            "western county of the default partnership")
        parser.add_argument("--dry-run", action="store_true", help="check and count, store nothing")
        parser.add_argument("--strict", action="store_true",
                            help="store nothing (exit 3) if any row would be rejected")
        parser.add_argument("--allow-moves", action="store_true",
                            help="an ID already stored in another household moves to this one")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--report", help="where to write the .xlsx error report")

    def handle(self, *args, **o):
        try:
            r = household_import(actor=None, path=o["file"], county_code=o["county"],
                                 dry_run=o["dry_run"], strict=o["strict"],
                                 allow_moves=o["allow_moves"], report_path=o["report"])
        except (RosterFormatError, FileNotFoundError) as e:
            if o["json"]:
                self.stdout.write(json.dumps({"error": str(e)}, ensure_ascii=False))
            self.stderr.write(str(e))
            raise SystemExit(EXIT_FORMAT) from e
        if o["json"]:
            keys = ("rows", "households_created", "households_updated", "persons_created",
                    "persons_updated", "unchanged", "rejected", "ignored_columns", "errors",
                    "report", "villages_created", "header_row", "dry_run", "strict", "stored")
            data = r.as_json()
            self.stdout.write(json.dumps({k: data[k] for k in keys}, ensure_ascii=False))
        else:
            self.stdout.write(
                f"{r.rows} rows: {r.persons_created} people created, {r.persons_updated} "
                f"updated, {r.unchanged} unchanged, {r.rejected} rejected; households "
                f"{r.households_created} created, {r.households_updated} updated; "
                f"{r.villages_created} new villages.")
            if r.ignored_columns:
                self.stdout.write("Ignored columns: " + ", ".join(r.ignored_columns))
            for e in r.errors[:20]:
                self.stdout.write(f"  row {e.row} [{e.column or '-'}] {e.value!r}: {e.reason}")
            if len(r.errors) > 20:
                self.stdout.write(f"  … {len(r.errors) - 20} more errors")
            if r.report:
                self.stdout.write(f"Error report: {r.report}")
            if r.dry_run:
                self.stdout.write("Dry run: nothing stored.")
            elif r.refused:
                self.stdout.write("--strict: rows were rejected, nothing stored.")
        if r.refused:
            raise SystemExit(EXIT_STRICT)

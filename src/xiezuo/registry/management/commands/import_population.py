import json

from django.core.management.base import BaseCommand

from xiezuo.registry.population import RosterFormatError, population_import

EXIT_FORMAT = 2  # the file cannot be imported at all (unreadable, required column missing)
EXIT_STRICT = 3  # --strict and some row would be rejected: nothing stored


class Command(BaseCommand):
    help = ("Import agricultural population figures (农业人口, the denominator of poverty "
            "incidence) from .xlsx, .xls or .csv: columns 区划代码, 农业人口, optional 地区名称, "
            "年份, 来源. Exit 0 when the file was processed (even with rejected rows), 2 when it "
            "cannot be imported, 3 when --strict refused it.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--year", type=int, help="the year of rows whose 年份 is blank "
                            "(or of every row, when the file has no 年份 column)")
        parser.add_argument("--source", default="", help="the source of rows whose 来源 is blank")
        parser.add_argument("--county", help="the county (6 or 12 digits) 地区名称 are looked up "
                            "in; default: the western county of the default partnership")
        parser.add_argument("--dry-run", action="store_true", help="check and count, store nothing")
        parser.add_argument("--strict", action="store_true",
                            help="store nothing (exit 3) if any row would be rejected")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--report", help="where to write the .xlsx error report")

    def handle(self, *args, **o):
        try:
            r = population_import(actor=None, path=o["file"], year=o["year"],
                                  source=o["source"], county_code=o["county"],
                                  dry_run=o["dry_run"], strict=o["strict"],
                                  report_path=o["report"])
        except (RosterFormatError, FileNotFoundError) as e:
            if o["json"]:
                self.stdout.write(json.dumps({"error": str(e)}, ensure_ascii=False))
            self.stderr.write(str(e))
            raise SystemExit(EXIT_FORMAT) from e
        if o["json"]:
            self.stdout.write(json.dumps(r.as_json(), ensure_ascii=False, default=str))
        else:
            self.stdout.write(
                f"{r.rows} rows: {r.populations_created} figures created, "
                f"{r.populations_updated} updated, {r.unchanged} unchanged, "
                f"{r.rejected} rejected.")
            if r.ignored_columns:
                self.stdout.write("Ignored columns: " + ", ".join(r.ignored_columns))
            for e in r.errors[:20]:
                self.stdout.write(f"  row {e.row} [{e.column or '-'}] {e.value!r}: {e.reason}")
            if len(r.errors) > 20:
                self.stdout.write(f"  … {len(r.errors) - 20} more errors")
            for n in r.notes:
                self.stdout.write(f"  note: {n['note']}")
            if r.report:
                self.stdout.write(f"Error report: {r.report}")
            if r.dry_run:
                self.stdout.write("Dry run: nothing stored.")
            elif r.refused:
                self.stdout.write("--strict: rows were rejected, nothing stored.")
        if r.refused:
            raise SystemExit(EXIT_STRICT)

"""xiezuo import_town_pairings FILE [--county CODE | --partnership PAIR] [--dry-run] [--strict] [--json]
[--report PATH]"""

from xiezuo.regions.options import add_county_options, county_from
from xiezuo.tabular.command import ImportCommand
from xiezuo.tabular.result import ImportResult


class Command(ImportCommand):
    help = ("Import town–township pairings (.xlsx/.xls/.csv): one row per pairing (东部镇（街道）, "
            "临洮乡镇, 结对日期, 结束日期 …). Unknown towns and townships are rejected rows, never new "
            "areas.")

    def add_import_arguments(self, parser) -> None:
        add_county_options(parser, what="whose townships are paired")

    def run(self, options: dict) -> ImportResult:
        from xiezuo.pairing.pairing_imports import town_pairings_import

        return town_pairings_import(path=options["file"], county_code=county_from(options),
                                    dry_run=options["dry_run"], strict=options["strict"],
                                    report_path=options.get("report"))

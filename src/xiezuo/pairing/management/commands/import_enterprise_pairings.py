"""xiezuo import_enterprise_pairings FILE [--county CODE | --partnership PAIR] [--dry-run] [--strict] [--json]
[--report PATH]"""

from xiezuo.regions.options import add_county_options, county_from
from xiezuo.tabular.command import ImportCommand
from xiezuo.tabular.result import ImportResult


class Command(ImportCommand):
    help = ("Import enterprise–village pairings (.xlsx/.xls/.csv): one row per pairing (企业 or "
            "企业信用代码, 结对乡镇, 结对村, 结对形式, 结对日期 …). Unknown enterprises and villages are rejected "
            "rows, never new records.")

    def add_import_arguments(self, parser) -> None:
        add_county_options(parser, what="whose villages are paired")

    def run(self, options: dict) -> ImportResult:
        from xiezuo.pairing.pairing_imports import enterprise_pairings_import

        return enterprise_pairings_import(path=options["file"], county_code=county_from(options),
                                          dry_run=options["dry_run"], strict=options["strict"],
                                          report_path=options.get("report"))

"""xiezuo import_donations FILE [--county CODE | --partnership PAIR] [--dry-run] [--strict]
[--json] [--report PATH]"""

from xiezuo.regions.options import add_county_options, county_from
from xiezuo.tabular.command import ImportCommand
from xiezuo.tabular.result import ImportResult


class Command(ImportCommand):
    help = ("Import a donation ledger (.xlsx/.xls/.csv): one row per donation (捐赠日期, 捐赠单位 "
            "or 捐赠人, 捐赠方类别, 金额或折价（元）, 用途, 受赠乡镇/受赠村 …). Unknown places, "
            "organisations and households are rejected rows, never new records.")

    def add_import_arguments(self, parser) -> None:
        add_county_options(parser, what="whose townships and villages receive the donations")

    def run(self, options: dict) -> ImportResult:
        from xiezuo.pairing.imports import donations_import

        return donations_import(path=options["file"], county_code=county_from(options),
                                dry_run=options["dry_run"],
                                strict=options["strict"], report_path=options.get("report"))

    def notes(self, result) -> list[str]:
        return [f"households linked {result.households_linked}"]

"""xiezuo import_pairing_activities FILE [--county CODE | --partnership PAIR] [--dry-run] [--strict] [--json]
[--report PATH]"""

from xiezuo.regions.options import add_county_options, county_from
from xiezuo.tabular.command import ImportCommand
from xiezuo.tabular.result import ImportResult


class Command(ImportCommand):
    help = ("Import the pairings' activities (.xlsx/.xls/.csv): one row per activity (活动日期, "
            "活动类型, the pairing's two ends: 东部镇（街道） and 临洮乡镇, or 企业 and 结对村; 捐款（元）, 物资折价（元） …). "
            "A pairing not recorded rejects the row.")

    def add_import_arguments(self, parser) -> None:
        add_county_options(parser, what="whose pairings did the activities")

    def run(self, options: dict) -> ImportResult:
        from xiezuo.pairing.pairing_imports import activities_import

        return activities_import(path=options["file"], county_code=county_from(options),
                                 dry_run=options["dry_run"], strict=options["strict"],
                                 report_path=options.get("report"))

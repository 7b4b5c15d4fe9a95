from xiezuo.industry.imports import linkages_import
from xiezuo.tabular.command import ImportCommand


class Command(ImportCommand):
    help = ("Import interest linkages (户编号 or 证件号码, 项目编号 or 项目名称, 联结方式, 年度, "
            "户年收益（元）, 备注). Exit 0 when processed, 2 when the file is refused, 3 when "
            "--strict refused rejected rows.")

    def run(self, o):
        return linkages_import(path=o["file"], dry_run=o["dry_run"], strict=o["strict"],
                               report_path=o["report"])

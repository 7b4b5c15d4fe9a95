from xiezuo.registry.area_import import area_list_import
from xiezuo.tabular.command import ImportCommand


class Command(ImportCommand):
    help = ("Load a statistics-bureau division code list (.csv/.xlsx with code, name, level, "
            "parent_code, side, or 区划代码, 名称, 级别, 上级代码, 协作方): new areas are created, "
            "names corrected; nothing is moved or created under an unknown parent. Exit codes: "
            "0 done, 2 file refused, 3 --strict with rejected rows.")

    def run(self, o):
        return area_list_import(path=o["file"], dry_run=o["dry_run"], strict=o["strict"],
                                report_path=o["report"])

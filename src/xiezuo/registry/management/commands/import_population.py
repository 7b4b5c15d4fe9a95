from xiezuo.regions.options import add_county_options, county_from
from xiezuo.registry.population import population_import
from xiezuo.tabular.command import ImportCommand


class Command(ImportCommand):
    help = ("Import agricultural population figures (农业人口, the denominator of poverty "
            "incidence) from .xlsx, .xls or .csv: columns 区划代码, 农业人口, optional 地区名称, "
            "年份, 来源. Exit 0 when the file was processed (even with rejected rows), 2 when it "
            "cannot be imported, 3 when --strict refused it.")

    def add_import_arguments(self, parser):
        parser.add_argument("--year", type=int, help="the year of rows whose 年份 is blank "
                            "(or of every row, when the file has no 年份 column)")
        parser.add_argument("--source", default="", help="the source of rows whose 来源 is blank")
        add_county_options(parser, what="whose 地区名称 are looked up")

    def run(self, o):
        return population_import(actor=None, path=o["file"], year=o["year"], source=o["source"],
                                 county_code=county_from(o), dry_run=o["dry_run"],
                                 strict=o["strict"], report_path=o["report"])

    def summary(self, r):
        return (f"{r.rows} rows: {r.populations_created} figures created, "
                f"{r.populations_updated} updated, {r.unchanged} unchanged, "
                f"{r.rejected} rejected.")

    def notes(self, r):
        return [n["note"] for n in r.notes]

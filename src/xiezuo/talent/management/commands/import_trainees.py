"""xiezuo import_trainees FILE [--class CODE] [--county CODE | --partnership PAIR] [--dry-run]
[--strict] [--json] [--report PATH]"""

from xiezuo.regions.options import add_county_options, county_from
from xiezuo.tabular.command import ImportCommand
from xiezuo.tabular.result import ImportResult


class Command(ImportCommand):
    help = ("Import a trainee roster (.xlsx/.xls/.csv): one row per trainee in a class "
            "(班次编号 column, or --class for the whole file). Each person is matched across "
            "classes and years; doubtful matches go to the merge page.")

    def add_import_arguments(self, parser) -> None:
        parser.add_argument("--class", dest="class_code", default="",
                            help="the code (班次编号) of the class every row attended")
        add_county_options(parser, what="whose townships the trainees come from")

    def run(self, options: dict) -> ImportResult:
        from xiezuo.talent.imports import trainees_import

        return trainees_import(path=options["file"], class_code=options["class_code"],
                               county_code=county_from(options),
                               dry_run=options["dry_run"], strict=options["strict"],
                               report_path=options.get("report"))

    def notes(self, result) -> list[str]:
        d = result.details()
        out = [f"trainees created {d['trainees_created']}, matched {d['trainees_matched']}"]
        if d["merge_candidates"]:
            out.append(f"{d['merge_candidates']} doubtful matches to check on the merge page")
        return out

from xiezuo.labour.imports import survey_import
from xiezuo.tabular.command import ImportCommand


class Command(ImportCommand):
    help = ("Import a labour survey (证件号码, 就业意愿, 可外出务工, 技能, 证书, 期望月薪, 意向地区, "
            "现工作单位, 备注). Exit 0 when processed, 2 when the file is refused, 3 when --strict "
            "refused rejected rows.")

    def run(self, o):
        return survey_import(path=o["file"], dry_run=o["dry_run"], strict=o["strict"],
                             report_path=o["report"])

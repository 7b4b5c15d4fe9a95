from xiezuo.labour.imports import openings_import
from xiezuo.tabular.command import ImportCommand


class Command(ImportCommand):
    help = ("Import openings from Excel (统一社会信用代码, 单位名称, 岗位名称, 招聘人数, 月薪, 工作地点, "
            "技能要求, 证书要求, 最低年龄, 最高年龄, 住宿, 到岗日期, 状态, 行业, 联系人, 联系电话, 备注). "
            "Exit codes as import_labour_survey.")

    def run(self, o):
        return openings_import(path=o["file"], dry_run=o["dry_run"], strict=o["strict"],
                               report_path=o["report"])

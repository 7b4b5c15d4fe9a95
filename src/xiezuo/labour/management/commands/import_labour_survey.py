from xiezuo.labour.imports import survey_import
from xiezuo.labour.management.commands._labour_import import ImportCommand


class Command(ImportCommand):
    help = ("Import a labour survey (证件号码, 就业意愿, 可外出务工, 技能, 证书, 期望月薪, 意向地区, "
            "现工作单位, 备注). Exit 0 when processed, 2 when the file is refused, 3 when --strict "
            "refused rejected rows.")
    service = staticmethod(survey_import)

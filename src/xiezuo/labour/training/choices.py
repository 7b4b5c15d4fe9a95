"""Category values of vocational training (plan ch.4.3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseKind(models.TextChoices):
    EMPLOYMENT_SKILLS = "skills", _("就业技能培训")
    LABOUR_BRAND = "brand", _("劳务品牌培训")
    OTHER = "other", _("其他培训")


class TraineeStatus(models.TextChoices):
    ENROLLED = "enrolled", _("在训")
    COMPLETED = "completed", _("已结业")
    DROPPED = "dropped", _("已退训")


class TraineeSource(models.TextChoices):
    YOUTH_LIST = "youth", _("两后生名单")
    REGISTRY = "registry", _("建档立卡人员")
    IMPORT = "import", _("Excel 导入")

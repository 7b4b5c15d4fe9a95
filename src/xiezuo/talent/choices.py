"""Category values of the talent part (plan ch.5, boxes 4–6)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClassKind(models.TextChoices):
    """What a training class is for; the plan's boxes count by these groups (below)."""

    PARTY_GOV = "party_gov", _("党政干部")
    ORG_DEPT = "org_dept", _("组工干部")
    RURAL_TALENT = "rural_talent", _("农村实用人才")
    EXPERT_LECTURE = "expert_lecture", _("专家讲座")
    KINDERGARTEN = "kindergarten", _("幼儿园教师")
    PRIMARY = "primary", _("小学教师")
    SECONDARY = "secondary", _("中学教师")
    MEDICAL = "medical", _("医疗骨干")
    NURSING = "nursing", _("护理骨干")
    MCH = "mch", _("妇幼保健")
    CDC = "cdc", _("疾控")


class KindGroup(models.TextChoices):
    """The groups the plan's targets count (box 4: cadres; box 5: teachers; box 6: each kind)."""

    CADRE = "cadre", _("干部及农村实用人才")
    EXPERT_LECTURE = "expert_lecture", _("专家讲座")
    TEACHER = "teacher", _("幼儿园、小学和中学教师")
    MEDICAL = "medical", _("医疗骨干")
    NURSING = "nursing", _("护理骨干")
    MCH = "mch", _("妇幼保健机构卫生技术人员")
    CDC = "cdc", _("疾控机构卫生技术人员")


#: the kinds of each group
GROUP_KINDS: dict[str, tuple[str, ...]] = {
    KindGroup.CADRE: (ClassKind.PARTY_GOV, ClassKind.ORG_DEPT, ClassKind.RURAL_TALENT),
    KindGroup.EXPERT_LECTURE: (ClassKind.EXPERT_LECTURE,),
    KindGroup.TEACHER: (ClassKind.KINDERGARTEN, ClassKind.PRIMARY, ClassKind.SECONDARY),
    KindGroup.MEDICAL: (ClassKind.MEDICAL,),
    KindGroup.NURSING: (ClassKind.NURSING,),
    KindGroup.MCH: (ClassKind.MCH,),
    KindGroup.CDC: (ClassKind.CDC,),
}


class Held(models.TextChoices):
    EAST = "east", _("东部（仓山区）")
    WEST = "west", _("西部（临洮县）")


class Sex(models.TextChoices):
    MALE = "男", _("男")
    FEMALE = "女", _("女")


class MergeReason(models.TextChoices):
    UNIT_DIFFERS = "unit_differs", _("姓名、出生日期相同，工作单位不同")
    NO_BIRTH_DATE = "no_birth_date", _("姓名、工作单位相同，缺出生日期")


class MergeState(models.TextChoices):
    OPEN = "open", _("待核实")
    MERGED = "merged", _("已合并")
    APART = "apart", _("确认为不同人")


class ActivityKind(models.TextChoices):
    """What paired hospitals do together (box 6)."""

    EXCHANGE = "exchange", _("学术交流")
    ROUNDS = "rounds", _("专家巡诊")
    GUIDANCE = "guidance", _("技术指导")
    FURTHER_TRAINING = "further_training", _("进修培训")


class NeedKind(models.TextChoices):
    PROJECT = "project", _("重大科技项目")
    ENTERPRISE = "enterprise", _("重点企业产品研发")


class ExpertStatus(models.TextChoices):
    """提出 → 受理 → 选派 → 在岗 → 完成 → 评价 (ch.5.4), one step at a time."""

    FILED = "filed", _("提出")
    ACCEPTED = "accepted", _("受理")
    ASSIGNED = "assigned", _("选派")
    ON_SITE = "on_site", _("在岗")
    DONE = "done", _("完成")
    EVALUATED = "evaluated", _("评价")


class ImportKind(models.TextChoices):
    TRAINEES = "trainees", _("培训学员名单")

"""Category values of the roster, exactly as in registry/data/registry-fields.md.

The stored value is the roster's own Chinese text, so an import stores what the file says and an
export writes it back unchanged; the label is the same text marked for translation.
`tests/registry/test_registry_choices.py` checks these lists against the package's copy of the
reference file.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Relation(models.TextChoices):
    HEAD = "户主", _("户主")
    SPOUSE = "配偶", _("配偶")
    SON = "之子", _("之子")
    DAUGHTER = "之女", _("之女")
    DAUGHTER_IN_LAW = "之儿媳", _("之儿媳")
    SON_IN_LAW = "之女婿", _("之女婿")
    GRANDSON = "之孙子", _("之孙子")
    GRANDDAUGHTER = "之孙女", _("之孙女")
    DAUGHTERS_SON = "之外孙子", _("之外孙子")
    DAUGHTERS_DAUGHTER = "之外孙女", _("之外孙女")
    FATHER = "之父", _("之父")
    MOTHER = "之母", _("之母")
    WIFES_FATHER = "之岳父", _("之岳父")
    WIFES_MOTHER = "之岳母", _("之岳母")
    HUSBANDS_FATHER = "之公公", _("之公公")
    HUSBANDS_MOTHER = "之婆婆", _("之婆婆")
    GRANDFATHER = "之祖父", _("之祖父")
    GRANDMOTHER = "之祖母", _("之祖母")
    MATERNAL_GRANDFATHER = "之外祖父", _("之外祖父")
    MATERNAL_GRANDMOTHER = "之外祖母", _("之外祖母")
    OTHER = "其他", _("其他")


# Spellings some county exports use for a category value, read as the standard value.
RELATION_ALIASES = {"本人或户主": Relation.HEAD, "本人": Relation.HEAD}


class Education(models.TextChoices):
    ILLITERATE = "文盲或半文盲", _("文盲或半文盲")
    PRIMARY = "小学", _("小学")
    JUNIOR = "初中", _("初中")
    SENIOR = "高中", _("高中")
    COLLEGE = "大专及以上", _("大专及以上")
    PRESCHOOL = "学龄前儿童", _("学龄前儿童")


class Schooling(models.TextChoices):
    NOT_IN_SCHOOL = "非在校生", _("非在校生")
    PRESCHOOL = "学前教育", _("学前教育")
    PRIMARY = "小学", _("小学")
    GRADE7 = "七年级", _("七年级")
    GRADE8 = "八年级", _("八年级")
    GRADE9 = "九年级", _("九年级")
    SENIOR1 = "高中一年级", _("高中一年级")
    SENIOR2 = "高中二年级", _("高中二年级")
    SENIOR3 = "高中三年级", _("高中三年级")
    VOC1 = "中职一年级", _("中职一年级")
    VOC2 = "中职二年级", _("中职二年级")
    VOC3 = "中职三年级", _("中职三年级")
    HVOC1 = "高职一年级", _("高职一年级")
    HVOC2 = "高职二年级", _("高职二年级")
    HVOC3 = "高职三年级", _("高职三年级")
    COLLEGE = "大专及以上", _("大专及以上")


class Health(models.TextChoices):
    HEALTHY = "健康", _("健康")
    CHRONIC = "长期慢性病", _("长期慢性病")
    SERIOUS = "患有大病", _("患有大病")
    DISABLED = "残疾", _("残疾")


class LabourCapacity(models.TextChoices):
    ORDINARY = "普通劳动力", _("普通劳动力")
    SKILLED = "技能劳动力", _("技能劳动力")
    WEAK = "弱劳动力或半劳动力", _("弱劳动力或半劳动力")
    LOST = "丧失劳动力", _("丧失劳动力")
    NONE = "无劳动力", _("无劳动力")


#: the capacities that count as labour force (劳动力) for the labour part
LABOUR_FORCE_CAPACITIES = (LabourCapacity.ORDINARY, LabourCapacity.SKILLED)


class Employment(models.TextChoices):
    IN_TOWNSHIP = "乡（镇）内务工", _("乡（镇）内务工")
    IN_COUNTY = "乡（镇）外县内务工", _("乡（镇）外县内务工")
    IN_PROVINCE = "县外省内务工", _("县外省内务工")
    OUT_OF_PROVINCE = "省外务工", _("省外务工")
    OTHER = "其他", _("其他")


class PovertyAttribute(models.TextChoices):
    GENERAL = "一般贫困户", _("一般贫困户")
    LOW_INCOME = "低保贫困户", _("低保贫困户")
    DESTITUTE = "特困供养贫困户", _("特困供养贫困户")


class ExitStatus(models.TextChoices):
    NOT_EXITED = "未脱贫", _("未脱贫")
    EXITED_SUPPORTED = "已脱贫（享受政策）", _("已脱贫（享受政策）")
    EXITED = "已脱贫（不再享受政策）", _("已脱贫（不再享受政策）")
    RETURNED = "返贫", _("返贫")


EXITED_STATUSES = (ExitStatus.EXITED_SUPPORTED, ExitStatus.EXITED)


class Cause(models.TextChoices):
    ILLNESS = "因病", _("因病")
    DISABILITY = "因残", _("因残")
    SCHOOLING = "因学", _("因学")
    DISASTER = "因灾", _("因灾")
    LAND = "缺土地", _("缺土地")
    WATER = "缺水", _("缺水")
    SKILLS = "缺技术", _("缺技术")
    LABOUR = "缺劳力", _("缺劳力")
    CAPITAL = "缺资金", _("缺资金")
    TRANSPORT = "交通条件落后", _("交通条件落后")
    MOTIVATION = "自身发展动力不足", _("自身发展动力不足")
    OTHER = "其它", _("其它")


MAX_OTHER_CAUSES = 2


class MonitoringType(models.TextChoices):
    UNSTABLE = "脱贫不稳定户", _("脱贫不稳定户")
    MARGINAL = "边缘易致贫户", _("边缘易致贫户")
    SUDDEN = "突发严重困难户", _("突发严重困难户")


class Sex(models.TextChoices):
    MALE = "男", _("男")
    FEMALE = "女", _("女")


class ChangeSource(models.TextChoices):
    IMPORT = "import", _("导入文件")
    USER = "user", _("用户修改")
    DEMO = "demo", _("演示数据")


YES, NO = "是", "否"


class HouseholdEventKind(models.TextChoices):
    """What was done to a household by hand (its history beside the exit-status changes)."""

    CREATED = "created", _("手工建户")
    MEMBER_ADDED = "member_added", _("增加成员")
    MEMBER_REMOVED = "member_removed", _("减少成员")
    ID_CORRECTED = "id_corrected", _("更正证件号码")


class RemovalReason(models.TextChoices):
    """Why a member leaves a registered household (自然减员 and the other usual reasons)."""

    DEATH = "death", _("死亡")
    MARRIED_OUT = "married_out", _("婚出")
    MOVED_OUT = "moved_out", _("户籍迁出")
    SEPARATE = "separate", _("分户")
    WRONG = "wrong", _("识别错误或重复登记")
    OTHER = "other", _("其他")

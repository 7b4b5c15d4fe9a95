"""Category values of the outreach part (plan ch.4.2: 政策宣传“到每村每户”)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignKind(models.TextChoices):
    POLICY = "policy", _("政策宣传")
    JOBS = "jobs", _("岗位信息")


class Channel(models.TextChoices):
    """How a campaign reaches a village (the plan: 村干部、驻村工作队、广播、微信、短信、上门)."""

    CADRES = "cadres", _("村干部")
    WORK_TEAM = "work_team", _("驻村工作队")
    BROADCAST = "broadcast", _("广播")
    WECHAT = "wechat", _("微信")
    SMS = "sms", _("短信")
    VISIT = "visit", _("上门")


class ReachMethod(models.TextChoices):
    VISIT = "visit", _("入户宣传")
    SMS = "sms", _("短信")


class ReachResult(models.TextChoices):
    """What came of reaching a household. Reached: a visit that met the family, a delivered
    text. Sent: handed to the SMS platform, no delivery report yet."""

    REACHED = "reached", _("已入户宣传")
    NOT_HOME = "not_home", _("未遇到")
    SENT = "sent", _("已提交短信平台")
    DELIVERED = "delivered", _("短信已送达")
    FAILED = "failed", _("短信发送失败")


#: the results that count a household as reached
REACHED_RESULTS = (ReachResult.REACHED, ReachResult.DELIVERED)


class ContactSource(models.TextChoices):
    REGISTRY = "registry", _("建档立卡花名册")
    ENTERED = "entered", _("人工登记")

"""Category values of the social-participation part (plan ch.7 and ch.8.3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EnterpriseForm(models.TextChoices):
    """The two forms of enterprise–village pairing the plan names (第七章 2.)."""

    ONE = "one", _("一企帮一村")
    MANY = "many", _("多企帮一村")


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("走访")
    MONEY = "money", _("捐款")
    GOODS = "goods", _("捐物")
    PROJECT = "project", _("项目")
    OTHER = "other", _("其他")


class DonorCategory(models.TextChoices):
    """Who gave (第七章: 企业家及企业、侨胞、港澳台商、爱心人士、社会团体)."""

    ENTERPRISE = "enterprise", _("企业")
    SOCIAL_ORG = "social_org", _("社会团体")
    OVERSEAS_CHINESE = "overseas", _("侨胞")
    HK_MACAO_TAIWAN = "hmt", _("港澳台")
    INDIVIDUAL = "individual", _("个人")
    OTHER = "other", _("其他")


class DonationKind(models.TextChoices):
    MONEY = "money", _("资金")
    GOODS = "goods", _("物资（折价）")


class Purpose(models.TextChoices):
    EDUCATION = "education", _("捐资助学")
    CHARITY = "charity", _("慈善公益")
    MEDICAL = "medical", _("医疗救助")
    OTHER = "other", _("其他")


class VolunteerKind(models.TextChoices):
    VOLUNTEER = "volunteer", _("志愿者")
    SOCIAL_WORKER = "social_worker", _("社会工作者")

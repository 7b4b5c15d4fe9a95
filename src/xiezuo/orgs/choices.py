"""The organisations register's choices: what kind of body, what it does in the cooperation."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from xiezuo.regions.choices import Side

__all__ = ["CODE_REQUIRED", "OrgKind", "OrgRole", "Sector", "Side"]


class OrgKind(models.TextChoices):
    """What the body is in law (the credit code's registration category says the same)."""

    ENTERPRISE = "enterprise", _("企业")
    COOPERATIVE = "cooperative", _("农民专业合作社")
    HOSPITAL = "hospital", _("医院")
    SCHOOL = "school", _("学校")
    PUBLIC_BODY = "public_body", _("机关事业单位")
    SOCIAL_ORG = "social_org", _("社会组织")
    INDIVIDUAL = "individual", _("个人/个体")
    OTHER = "other", _("其他")


#: kinds registered with the market regulator, which always hold a credit code (GB 32100: 91,
#: 92, 93); the others (an individual donor, a village committee, a body still without one) may
#: be recorded without it
CODE_REQUIRED = frozenset({OrgKind.ENTERPRISE, OrgKind.COOPERATIVE})


class OrgRole(models.TextChoices):
    """What an organisation does in the cooperation; one organisation may hold several."""

    EMPLOYER = "employer", _("用工单位")
    INVESTOR = "investor", _("投资企业")
    BUYER = "buyer", _("采购单位")
    SUPPLIER = "supplier", _("供货主体")
    COOPERATIVE = "cooperative", _("合作社")
    HOSPITAL = "hospital", _("医院")
    SCHOOL = "school", _("学校")
    DONOR = "donor", _("捐赠方")
    SOCIAL_ORG = "social_org", _("社会组织")
    TRAINING_BASE = "training_base", _("培训基地")
    OTHER = "other", _("其他")


class Sector(models.TextChoices):
    """The organisation's line of business (labour matches on it, industry counts by it)."""

    MANUFACTURING = "manufacturing", _("制造业")
    CONSTRUCTION = "construction", _("建筑业")
    LOGISTICS = "logistics", _("交通运输与物流")
    RETAIL = "retail", _("批发零售")
    HOSPITALITY = "hospitality", _("住宿餐饮")
    SERVICES = "services", _("居民服务")
    HEALTH = "health", _("卫生与养老")
    IT = "it", _("信息技术")
    AGRICULTURE = "agriculture", _("农业")
    EDUCATION = "education", _("教育")
    OTHER = "other", _("其他")

"""Category values of the industry part (plan ch.3: industrial cooperation, consumption poverty
alleviation, investment promotion, the product showcase)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """The industry chains the plan names (ch.3.1), and the rest."""

    TCM = "tcm", _("中医药")
    POTATO = "potato", _("马铃薯")
    GRASS_LIVESTOCK = "grass_livestock", _("草牧")
    FRUIT_VEG = "fruit_veg", _("果蔬")
    BIOPHARMA = "biopharma", _("生物制药")
    LOGISTICS = "logistics", _("现代物流")
    TOURISM = "tourism", _("文化旅游")
    ENERGY = "energy", _("新型能源")
    OTHER = "other", _("其他")


class Stage(models.TextChoices):
    TALKS = "talks", _("洽谈")
    SIGNED = "signed", _("签约")
    STARTED = "started", _("开工")
    OPERATING = "operating", _("投产")
    ENDED = "ended", _("终止")


#: the order a project moves through; 终止 may follow any stage
STAGE_ORDER = [Stage.TALKS, Stage.SIGNED, Stage.STARTED, Stage.OPERATING]


class LinkageKind(models.TextChoices):
    """How a project's income reaches a poor household (利益联结方式)."""

    WAGES = "wages", _("务工工资")
    DIVIDEND = "dividend", _("入股分红")
    LAND_RENT = "land_rent", _("土地流转")
    ORDER = "order", _("订单收购")
    ASSET = "asset", _("资产收益")


class ReachKind(models.TextChoices):
    """How a registered poor household is reached, in the plan's ch.3 figures (VillageReach)."""

    LINKAGE = "linkage", _("利益联结")
    SALE = "sale", _("消费扶贫")


class EventKind(models.TextChoices):
    EXPO = "expo", _("展销会")
    PROMOTION = "promotion", _("推介会")
    NEGOTIATION = "negotiation", _("洽谈会")
    FAIR = "fair", _("博览会")


class EventSeries(models.TextChoices):
    """The platforms the plan names (ch.3.2–3.3)."""

    F518 = "518", _("5·18 海峡两岸经贸交易会")
    F618 = "618", _("6·18 海峡项目成果交易会")
    F918 = "918", _("9·18 中国国际投资贸易洽谈会")
    MINSHANG = "minshang", _("闽商陇上行")
    POTATO = "potato", _("定西马铃薯大会")
    CANGSHAN = "cangshan", _("仓山区临洮特色农产品促销")
    OTHER = "other", _("其他")


class FollowUp(models.TextChoices):
    """What became of a deal signed at an event."""

    PENDING = "pending", _("跟进中")
    PROJECT = "project", _("已落地为投资项目")
    SALE = "sale", _("已形成销售")
    DROPPED = "dropped", _("未落实")


class BuyerKind(models.TextChoices):
    CANTEEN = "canteen", _("机关食堂")
    ENTERPRISE = "enterprise", _("企业")
    RETAIL = "retail", _("商超")
    UNION = "union", _("工会")
    INDIVIDUAL = "individual", _("个人渠道")


class Channel(models.TextChoices):
    FAIR = "fair", _("展销会")
    DIRECT = "direct", _("直供直销")
    ECOMMERCE = "ecommerce", _("电商")
    CANTEEN_UNION = "canteen_union", _("机关食堂·工会采购")
    OTHER = "other", _("其他")


class Certification(models.TextChoices):
    GREEN = "green", _("绿色食品")
    ORGANIC = "organic", _("有机产品")
    GEO = "geo", _("地理标志")
    NONE = "none", _("无")


class ImportKind(models.TextChoices):
    LINKAGES = "linkages", _("利益联结")
    SALES = "sales", _("消费扶贫销售台账")

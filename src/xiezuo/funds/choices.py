from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    """Where a year's money comes from (the plan, ch.6 and ch.7)."""

    EAST_FISCAL = "east_fiscal", _("东部财政援助资金")
    DONATION = "donation", _("社会捐赠")
    OTHER = "other", _("其他")


class Category(models.TextChoices):
    """What a project builds (the plan, ch.6: roads, dangerous houses, drinking water, relocation)."""

    ROAD = "road", _("村组道路")
    HOUSING = "housing", _("危房改造")
    WATER = "water", _("安全饮水")
    RELOCATION = "relocation", _("易地搬迁")
    INDUSTRY = "industry", _("产业发展")
    TRAINING = "training", _("培训与劳务")
    OTHER = "other", _("其他")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("已立项")
    IN_PROGRESS = "in_progress", _("实施中")
    COMPLETED = "completed", _("已完工")
    CANCELLED = "cancelled", _("已撤销")


class EntryKind(models.TextChoices):
    """The money events the ledger records. Corrections are entries of their own, never edits."""

    ALLOCATION = "allocation", _("资金拨入")
    ALLOCATION_REVERSAL = "allocation_reversal", _("拨入冲销")
    BUDGET = "budget", _("项目预算")
    DISBURSEMENT = "disbursement", _("资金支出")
    DISBURSEMENT_REVERSAL = "disbursement_reversal", _("支出冲销")

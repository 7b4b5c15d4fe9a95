"""The industry part (plan ch.3): investment projects with their stages, money arrived and the
poor households tied to them (利益联结), trade events and the deals signed there, the
consumption-sales ledger (消费扶贫台账) and the product showcase (定西好货·临洮馆).

Scoping (industry.access): the west sees what stands in its townships and villages, the east
what its investors and buyers do; records naming households are scoped by the household.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xiezuo.industry.access import PartnershipScoped, WestOrEastScoped
from xiezuo.industry.choices import (
    BuyerKind,
    Certification,
    Channel,
    EventKind,
    EventSeries,
    FollowUp,
    ImportKind,
    LinkageKind,
    ReachKind,
    Sector,
    Stage,
)
from xiezuo.regions.scoping import ScopedQuerySet
from xiezuo.registry.models import VillageRollupQuerySet

HOUSEHOLD_CODE = "household__village__code"


def money(verbose, **kw) -> models.DecimalField:
    return models.DecimalField(verbose, max_digits=14, decimal_places=2,
                               validators=[MinValueValidator(Decimal("0"))], **kw)


class IndustryImport(models.Model):
    """One linkage or sales file given to an import, kept under DATA_DIR with its summary."""

    kind = models.CharField(_("类型"), max_length=16, choices=ImportKind.choices)
    file = models.CharField(_("保存的文件"), max_length=300)
    original_name = models.CharField(_("原文件名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    summary = models.JSONField(_("导入结果"), default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                           blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("导入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("产业数据导入")
        verbose_name_plural = _("产业数据导入")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.original_name


# --- investment projects ------------------------------------------------------------------------

class ProjectQuerySet(WestOrEastScoped):
    area_code_field = "area__code"
    east_code_field = "investor__area__code"


class InvestmentProject(models.Model):
    """An investment or industrial-cooperation project (招商引资/产业合作项目) in Lintao."""

    code = models.CharField(_("项目编号"), max_length=32, unique=True)
    name = models.CharField(_("项目名称"), max_length=200)
    investor = models.ForeignKey("orgs.Organisation", verbose_name=_("投资主体"),
                                 on_delete=models.PROTECT, related_name="industry_projects")
    introduced_by_east = models.BooleanField(
        _("东部引进"), default=False,
        help_text=_("投资主体不在东部，但由东部（仓山区）引进的，也计入东部引进企业"))
    sector = models.CharField(_("产业"), max_length=16, choices=Sector.choices)
    area = models.ForeignKey("regions.Area", verbose_name=_("建设地点（乡镇/村）"),
                             on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(_("阶段"), max_length=12, choices=Stage.choices,
                             default=Stage.TALKS, db_index=True)
    stage_on = models.DateField(_("进入本阶段日期"))
    signed_on = models.DateField(_("签约日期"), null=True, blank=True)
    contracted_amount = money(_("协议投资额（元）"), default=Decimal("0"))
    jobs_created = models.PositiveIntegerField(_("带动就业人数"), default=0)
    poor_employed = models.PositiveIntegerField(_("其中贫困人口就业"), default=0)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("投资项目")
        verbose_name_plural = _("投资项目")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class StageChangeQuerySet(WestOrEastScoped):
    area_code_field = "project__area__code"
    east_code_field = "project__investor__area__code"


class StageChange(models.Model):
    """A project's dated move from one stage to another (its history)."""

    project = models.ForeignKey(InvestmentProject, verbose_name=_("项目"),
                                on_delete=models.CASCADE, related_name="stage_changes")
    old = models.CharField(_("原阶段"), max_length=12, choices=Stage.choices, blank=True)
    new = models.CharField(_("新阶段"), max_length=12, choices=Stage.choices)
    date = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    objects = StageChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("项目阶段变更")
        verbose_name_plural = _("项目阶段变更")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.old} → {self.new}"


class ArrivalQuerySet(WestOrEastScoped):
    area_code_field = "project__area__code"
    east_code_field = "project__investor__area__code"


class InvestmentArrival(models.Model):
    """Money actually invested (到位资金) in a project, as one voucher shows it."""

    project = models.ForeignKey(InvestmentProject, verbose_name=_("项目"),
                                on_delete=models.PROTECT, related_name="arrivals")
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    date = models.DateField(_("到位日期"))
    amount = money(_("到位资金（元）"))
    note = models.CharField(_("备注"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ArrivalQuerySet.as_manager()

    class Meta:
        verbose_name = _("到位资金")
        verbose_name_plural = _("到位资金")
        ordering = ["-date", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0),
                                              name="industry_arrival_positive")]

    def __str__(self) -> str:
        return f"{self.project.code} {self.date} {self.amount}"


# --- interest linkage ---------------------------------------------------------------------------

class LinkageQuerySet(ScopedQuerySet):
    area_code_field = HOUSEHOLD_CODE


class Linkage(models.Model):
    """What one project brings one registered poor household in one year, and how."""

    project = models.ForeignKey(InvestmentProject, verbose_name=_("项目"),
                                on_delete=models.PROTECT, related_name="linkages")
    household = models.ForeignKey("registry.Household", verbose_name=_("贫困户"),
                                  on_delete=models.PROTECT, related_name="industry_linkages")
    kind = models.CharField(_("联结方式"), max_length=12, choices=LinkageKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    amount = money(_("户年收益（元）"))
    note = models.CharField(_("备注"), max_length=300, blank=True)
    source_import = models.ForeignKey(IndustryImport, verbose_name=_("来源文件"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    source_row = models.PositiveIntegerField(_("来源行号"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = LinkageQuerySet.as_manager()

    class Meta:
        verbose_name = _("利益联结")
        verbose_name_plural = _("利益联结")
        ordering = ["-year", "project_id", "household_id"]
        constraints = [models.UniqueConstraint(fields=["project", "household", "kind", "year"],
                                               name="industry_linkage_once")]

    def __str__(self) -> str:
        return f"{self.project.code} · {self.household.number} · {self.year}"


# --- trade events -------------------------------------------------------------------------------

class EventQuerySet(PartnershipScoped):
    area_code_field = "area__code"


class TradeEvent(models.Model):
    """A fair, promotion or negotiation (经贸活动) Lintao takes part in."""

    name = models.CharField(_("活动名称"), max_length=200)
    kind = models.CharField(_("类别"), max_length=12, choices=EventKind.choices)
    series = models.CharField(_("平台"), max_length=12, choices=EventSeries.choices,
                              default=EventSeries.OTHER)
    area = models.ForeignKey("regions.Area", verbose_name=_("举办地区"),
                             on_delete=models.PROTECT, related_name="+")
    place = models.CharField(_("地点"), max_length=200, blank=True)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"))
    participants = models.TextField(_("临洮参展单位与人员"), blank=True)
    participant_count = models.PositiveIntegerField(_("参展单位数"), default=0)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("经贸活动")
        verbose_name_plural = _("经贸活动")
        ordering = ["-started_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(ended_on__gte=models.F(
            "started_on")), name="industry_event_dates_ordered")]

    def __str__(self) -> str:
        return self.name


class DealQuerySet(PartnershipScoped):
    area_code_field = "event__area__code"


class Deal(models.Model):
    """A deal signed at an event, and its follow-up into a project or a sale."""

    event = models.ForeignKey(TradeEvent, verbose_name=_("活动"), on_delete=models.PROTECT,
                              related_name="deals")
    title = models.CharField(_("签约内容"), max_length=200)
    organisations = models.ManyToManyField("orgs.Organisation", verbose_name=_("签约单位"),
                                           related_name="industry_deals")
    amount = money(_("签约金额（元）"), default=Decimal("0"))
    follow_up = models.CharField(_("跟进情况"), max_length=12, choices=FollowUp.choices,
                                 default=FollowUp.PENDING)
    project = models.ForeignKey(InvestmentProject, verbose_name=_("落地项目"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="deals")
    sale = models.ForeignKey("Sale", verbose_name=_("形成的销售"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="deals")
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = DealQuerySet.as_manager()

    class Meta:
        verbose_name = _("签约项目")
        verbose_name_plural = _("签约项目")
        ordering = ["event_id", "id"]

    def __str__(self) -> str:
        return self.title


# --- consumption sales --------------------------------------------------------------------------

class SaleQuerySet(WestOrEastScoped):
    area_code_field = "township__code"
    east_code_field = "buyer__area__code"


class Sale(models.Model):
    """One sale of Lintao produce into Fuzhou (消费扶贫台账 row)."""

    date = models.DateField(_("销售日期"), db_index=True)
    product = models.CharField(_("产品"), max_length=100, db_index=True)
    township = models.ForeignKey("regions.Area", verbose_name=_("产地乡镇"),
                                 on_delete=models.PROTECT, related_name="+")
    supplier = models.ForeignKey("orgs.Organisation", verbose_name=_("供货主体"), null=True,
                                 blank=True, on_delete=models.PROTECT,
                                 related_name="industry_supplied")
    # the three nullable links below are indexed only where set (Meta): most sales have no
    # supplying household, event or import, and every index costs each of 100,000 imported rows
    supplier_household = models.ForeignKey(
        "registry.Household", verbose_name=_("供货贫困户"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", db_index=False)
    buyer = models.ForeignKey("orgs.Organisation", verbose_name=_("采购单位"),
                              on_delete=models.PROTECT, related_name="industry_bought")
    buyer_kind = models.CharField(_("采购方类别"), max_length=12, choices=BuyerKind.choices)
    channel = models.CharField(_("销售渠道"), max_length=16, choices=Channel.choices)
    quantity = models.DecimalField(_("数量"), max_digits=14, decimal_places=3,
                                   validators=[MinValueValidator(Decimal("0"))])
    unit = models.CharField(_("单位"), max_length=16)
    amount = money(_("金额（元）"))
    event = models.ForeignKey(TradeEvent, verbose_name=_("经贸活动"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="sales", db_index=False)
    households = models.ManyToManyField("registry.Household", verbose_name=_("带动贫困户"),
                                        through="SaleHousehold", related_name="industry_sales")
    note = models.CharField(_("备注"), max_length=300, blank=True)
    source_import = models.ForeignKey(IndustryImport, verbose_name=_("来源文件"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+",
                                      db_index=False)  # (source_import, source_row) below
    source_row = models.PositiveIntegerField(_("来源行号"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = SaleQuerySet.as_manager()

    class Meta:
        verbose_name = _("消费扶贫销售")
        verbose_name_plural = _("消费扶贫销售")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["source_import", "source_row"]),
                   models.Index(fields=["event"], condition=Q(event__isnull=False),
                                name="industry_sale_event_set"),
                   models.Index(fields=["supplier_household"],
                                condition=Q(supplier_household__isnull=False),
                                name="industry_sale_supplier_hh_set")]

    def __str__(self) -> str:
        return f"{self.date} {self.product} {self.amount}"


class SaleHousehold(models.Model):
    """A poor household that supplied a sale (the households it reached)."""

    sale = models.ForeignKey(Sale, on_delete=models.CASCADE, related_name="+")
    household = models.ForeignKey("registry.Household", on_delete=models.PROTECT,
                                  related_name="+")

    class Meta:
        verbose_name = _("销售带动贫困户")
        verbose_name_plural = _("销售带动贫困户")
        constraints = [models.UniqueConstraint(fields=["sale", "household"],
                                               name="industry_sale_household_once")]

    def __str__(self) -> str:
        return f"{self.sale_id} · {self.household_id}"


class SaleYearQuerySet(WestOrEastScoped):
    area_code_field = "township__code"  # the sale list's scope (SaleQuerySet)
    east_code_field = "buyer__area__code"


class SaleYear(models.Model):
    """Sales and their amount per township, buyer and year: what the plan's yearly sales figure
    sums, kept equal to grouping the sales by database triggers (industry/rollup.py). Never
    written by the application."""

    township = models.ForeignKey("regions.Area", verbose_name=_("产地乡镇"),
                                 on_delete=models.DO_NOTHING, db_constraint=False,
                                 db_index=False, related_name="+")
    buyer = models.ForeignKey("orgs.Organisation", verbose_name=_("采购单位"),
                              on_delete=models.DO_NOTHING, db_constraint=False,
                              db_index=False, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    sales = models.IntegerField(_("销售笔数"), default=0)
    #: whole cents: one exact integer sum on both databases
    cents = models.BigIntegerField(_("金额（分）"), default=0)

    objects = SaleYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("消费扶贫年度汇总")
        verbose_name_plural = _("消费扶贫年度汇总")
        constraints = [models.UniqueConstraint(fields=["township", "buyer", "year"],
                                               name="industry_saleyear_key")]

    def __str__(self) -> str:
        return f"{self.township_id} {self.buyer_id} {self.year}"


class SaleReach(models.Model):
    """How many of a year's sales name a household (reached that year when > 0), kept by
    database triggers (industry/rollup.py). Never written by the application."""

    household = models.ForeignKey("registry.Household", verbose_name=_("贫困户"),
                                  on_delete=models.DO_NOTHING, db_constraint=False,
                                  related_name="+", db_index=False)
    year = models.PositiveSmallIntegerField(_("年度"))
    links = models.IntegerField(_("销售笔数"), default=0)

    class Meta:
        verbose_name = _("销售带动贫困户年度汇总")
        verbose_name_plural = _("销售带动贫困户年度汇总")
        constraints = [models.UniqueConstraint(fields=["household", "year"],
                                               name="industry_salereach_key")]

    def __str__(self) -> str:
        return f"{self.household_id} {self.year} {self.links}"


class VillageReachQuerySet(VillageRollupQuerySet):
    """Scoped like the registry's village rollup: by the ids of the scope's villages."""


class VillageReach(models.Model):
    """Per village, year and kind (linkage, sale): the distinct registered households reached
    and the sum of their registered members, equal to household_list(via=kind, year) counted
    per village. Kept by database triggers that recount a (kind, village, year) whenever a
    linkage, a household's sales reach, or a household's village or member count changes
    (industry/rollup.py). Never written by the application."""

    kind = models.CharField(_("带动方式"), max_length=8, choices=ReachKind.choices)
    village = models.ForeignKey("regions.Area", verbose_name=_("行政村"),
                                on_delete=models.DO_NOTHING, db_constraint=False,
                                db_index=False, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    households = models.IntegerField(_("户数"), default=0)
    persons = models.IntegerField(_("登记人数"), default=0)

    objects = VillageReachQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政村带动贫困户年度汇总")
        verbose_name_plural = _("行政村带动贫困户年度汇总")
        constraints = [models.UniqueConstraint(fields=["kind", "village", "year"],
                                               name="industry_villagereach_key")]

    def __str__(self) -> str:
        return f"{self.kind} {self.village_id} {self.year}"


# --- the showcase -------------------------------------------------------------------------------

class ProductQuerySet(WestOrEastScoped):
    area_code_field = "township__code"
    east_code_field = "supplier__area__code"

    def published(self):
        """What the public showcase shows (no log-in): published products only."""
        return self.filter(published=True)


class Product(models.Model):
    """A Lintao product shown in the showcase (定西好货·临洮馆)."""

    name = models.CharField(_("产品名称"), max_length=100)
    township = models.ForeignKey("regions.Area", verbose_name=_("产地乡镇"),
                                 on_delete=models.PROTECT, related_name="+")
    supplier = models.ForeignKey("orgs.Organisation", verbose_name=_("供货主体"),
                                 on_delete=models.PROTECT, related_name="industry_products")
    certification = models.CharField(_("认证"), max_length=12, choices=Certification.choices,
                                     default=Certification.NONE)
    unit_price = money(_("单价（元）"))
    unit = models.CharField(_("计价单位"), max_length=16)
    how_to_order = models.CharField(_("订购方式"), max_length=300)
    description = models.TextField(_("产品介绍"), blank=True)
    #: the photo under DATA_DIR/showcase (a JPEG or PNG, checked from its content)
    photo = models.CharField(_("照片"), max_length=300, blank=True)
    photo_sha256 = models.CharField(_("照片 SHA-256"), max_length=64, blank=True)
    published = models.BooleanField(_("公开展示"), default=False, db_index=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("展示产品")
        verbose_name_plural = _("展示产品")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

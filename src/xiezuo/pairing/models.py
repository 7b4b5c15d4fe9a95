"""Social participation (plan ch.7, ch.8.3): town–township and enterprise–village pairings with
their activities, donations and what they reached, volunteers and their service activities.

Every record is scoped by its ends (pairing.access): the eastern town or the enterprise's area
on one side, the western township, village or place reached on the other. Organisations (the
enterprises, donors, schools and social organisations) are the one register's
(`orgs.Organisation`); households reached are the registry's. Agreements and receipts are
attached through the evidence register, which points at these records, not the other way.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xiezuo.pairing.access import EndsScopedQuerySet
from xiezuo.pairing.choices import (
    ActivityKind,
    DonationKind,
    DonorCategory,
    EnterpriseForm,
    Purpose,
    VolunteerKind,
)

MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


class TownPairingQuerySet(EndsScopedQuerySet):
    end_fields = ("east_town__code", "west_township__code")


class TownPairing(models.Model):
    """A Cangshan town or street paired with a Lintao township (携手奔小康, 第七章 1., 第八章 3.)."""

    east_town = models.ForeignKey("regions.Area", verbose_name=_("仓山区镇（街道）"),
                                  on_delete=models.PROTECT, related_name="+")
    west_township = models.ForeignKey("regions.Area", verbose_name=_("临洮县乡镇"),
                                      on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("结对日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True,
                                help_text=_("空：结对仍在继续"))
    agreement_no = models.CharField(_("协议编号"), max_length=100, blank=True)
    agreement_signed_on = models.DateField(_("协议签订日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = TownPairingQuerySet.as_manager()

    class Meta:
        verbose_name = _("镇村结对")
        verbose_name_plural = _("镇村结对")
        ordering = ["west_township__code", "started_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ended_on__isnull=True)
                                   | Q(ended_on__gte=models.F("started_on")),
                                   name="pairing_town_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.east_town.name} — {self.west_township.name}"


class EnterprisePairingQuerySet(EndsScopedQuerySet):
    end_fields = ("village__code", "enterprise__area__code")


class EnterprisePairing(models.Model):
    """An enterprise paired with a village (一企帮一村, 多企帮一村: 第七章 2.)."""

    enterprise = models.ForeignKey("orgs.Organisation", verbose_name=_("企业"),
                                   on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey("regions.Area", verbose_name=_("结对村"),
                                on_delete=models.PROTECT, related_name="+")
    form = models.CharField(_("结对形式"), max_length=8, choices=EnterpriseForm.choices,
                            default=EnterpriseForm.ONE)
    started_on = models.DateField(_("结对日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True,
                                help_text=_("空：结对仍在继续"))
    agreement_no = models.CharField(_("协议编号"), max_length=100, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = EnterprisePairingQuerySet.as_manager()

    class Meta:
        verbose_name = _("村企结对")
        verbose_name_plural = _("村企结对")
        ordering = ["village__code", "started_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ended_on__isnull=True)
                                   | Q(ended_on__gte=models.F("started_on")),
                                   name="pairing_enterprise_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name} — {self.village.name}"


class ActivityQuerySet(EndsScopedQuerySet):
    end_fields = ("town_pairing__east_town__code", "town_pairing__west_township__code",
                  "enterprise_pairing__village__code",
                  "enterprise_pairing__enterprise__area__code")


class PairingActivity(models.Model):
    """What a pairing did on a day: a visit, money or goods given, projects started."""

    town_pairing = models.ForeignKey(TownPairing, verbose_name=_("镇村结对"), null=True,
                                     blank=True, on_delete=models.PROTECT,
                                     related_name="activities")
    enterprise_pairing = models.ForeignKey(EnterprisePairing, verbose_name=_("村企结对"),
                                           null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="activities")
    date = models.DateField(_("日期"), db_index=True)
    kind = models.CharField(_("类型"), max_length=8, choices=ActivityKind.choices)
    money = models.DecimalField(_("捐款（元）"), default=Decimal(0), **MONEY)
    goods = models.CharField(_("捐赠物资"), max_length=300, blank=True)
    goods_value = models.DecimalField(_("物资折价（元）"), default=Decimal(0), **MONEY)
    projects_started = models.PositiveIntegerField(_("启动项目数"), default=0)
    participants = models.PositiveIntegerField(_("参加人数"), default=0)
    description = models.CharField(_("内容"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("结对帮扶活动")
        verbose_name_plural = _("结对帮扶活动")
        ordering = ["-date", "-id"]
        constraints = [
            # exactly one pairing
            models.CheckConstraint(
                condition=(Q(town_pairing__isnull=False, enterprise_pairing__isnull=True)
                           | Q(town_pairing__isnull=True, enterprise_pairing__isnull=False)),
                name="pairing_activity_one_pairing"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.pairing}"

    @property
    def pairing(self):
        return self.town_pairing or self.enterprise_pairing


class DonationQuerySet(EndsScopedQuerySet):
    end_fields = ("area__code", "donor__area__code")


class Donation(models.Model):
    """A gift of money or goods (goods valued in yuan) and what it reached.

    A money donation passed into the cooperation funds (ch.6) names the funds allocation it
    became (`funds_allocation_id`): that yuan is then counted by the funds, and the donation
    totals say how much of them is already there (selectors.donation_totals), so a total of
    both never counts it twice. Parts do not import each other: the link is the allocation's
    id, one donation per allocation.
    """

    donor = models.ForeignKey("orgs.Organisation", verbose_name=_("捐赠单位"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="+")
    donor_name = models.CharField(_("捐赠人"), max_length=100, blank=True,
                                  help_text=_("个人或未登记的捐赠方；登记的单位选“捐赠单位”"))
    donor_category = models.CharField(_("捐赠方类别"), max_length=16,
                                      choices=DonorCategory.choices)
    kind = models.CharField(_("形式"), max_length=8, choices=DonationKind.choices,
                            default=DonationKind.MONEY)
    amount = models.DecimalField(_("金额或折价（元）"), **MONEY)
    goods = models.CharField(_("物资"), max_length=300, blank=True)
    purpose = models.CharField(_("用途"), max_length=16, choices=Purpose.choices)
    receipt_no = models.CharField(_("收据编号"), max_length=100, blank=True)
    date = models.DateField(_("捐赠日期"), db_index=True)
    #: the place reached: a village, a township or the county (donations to a school: its place)
    area = models.ForeignKey("regions.Area", verbose_name=_("受赠地区"),
                             on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey("orgs.Organisation", verbose_name=_("受赠学校"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="+")
    project = models.CharField(_("受赠项目"), max_length=200, blank=True)
    households = models.ManyToManyField("registry.Household", verbose_name=_("受助贫困户"),
                                        blank=True, related_name="+")
    funds_allocation_id = models.PositiveIntegerField(
        _("转入资金拨入编号"), null=True, blank=True, unique=True,
        help_text=_("这笔捐款作为社会捐赠拨入东西部协作资金时，填写资金拨入记录的编号"))
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = DonationQuerySet.as_manager()

    class Meta:
        verbose_name = _("社会捐赠")
        verbose_name_plural = _("社会捐赠")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(donor__isnull=True, donor_name=""),
                                   name="pairing_donation_has_donor"),
            models.CheckConstraint(condition=Q(funds_allocation_id__isnull=True)
                                   | Q(kind=DonationKind.MONEY),
                                   name="pairing_donation_funds_money_only"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.donor_label} {self.amount}"

    @property
    def donor_label(self) -> str:
        return self.donor.name if self.donor_id else self.donor_name

    @property
    def counted_in_funds(self) -> bool:
        return self.funds_allocation_id is not None


class VolunteerQuerySet(EndsScopedQuerySet):
    end_fields = ("area__code",)


class Volunteer(models.Model):
    """A volunteer or social worker serving in Lintao (扶贫志愿者行动计划, 社会工作专业人才)."""

    name = models.CharField(_("姓名"), max_length=64)
    kind = models.CharField(_("身份"), max_length=16, choices=VolunteerKind.choices,
                            default=VolunteerKind.VOLUNTEER)
    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("所属组织"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    #: where the volunteer is based (east or west)
    area = models.ForeignKey("regions.Area", verbose_name=_("所在地区"),
                             on_delete=models.PROTECT, related_name="+")
    skills = models.CharField(_("专长"), max_length=200, blank=True)
    registered_on = models.DateField(_("登记日期"))
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("志愿者")
        verbose_name_plural = _("志愿者")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ServiceQuerySet(EndsScopedQuerySet):
    end_fields = ("area__code", "organisation__area__code")


class ServiceActivity(models.Model):
    """A social organisation's service in Lintao: where, when, hours given, people served."""

    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("社会组织"),
                                     on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("活动名称"), max_length=200)
    area = models.ForeignKey("regions.Area", verbose_name=_("服务地点"),
                             on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("日期"), db_index=True)
    hours = models.DecimalField(_("服务时长（小时）"), max_digits=10, decimal_places=1,
                                validators=[MinValueValidator(Decimal(0))])
    people_served = models.PositiveIntegerField(_("服务人数"), default=0)
    volunteers = models.ManyToManyField(Volunteer, verbose_name=_("参加志愿者"), blank=True,
                                        related_name="services")
    description = models.CharField(_("内容"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("志愿服务活动")
        verbose_name_plural = _("志愿服务活动")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"

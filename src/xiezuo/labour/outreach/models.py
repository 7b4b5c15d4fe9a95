"""The outreach records (plan ch.4.2). Imported by labour.models, so they are the labour app's.

A campaign is county-wide (it names no person): it is seen by every user within its county, a
township clerk included. What names a village or a household is scoped by that village's code.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xiezuo.labour.outreach.choices import (
    CampaignKind,
    Channel,
    ContactSource,
    ReachMethod,
    ReachResult,
)
from xiezuo.regions.scoping import ScopedQuerySet
from xiezuo.registry.models import VillageRollupQuerySet

SEPARATOR = ";"


class AreaAndAncestorsQuerySet(ScopedQuerySet):
    """Seen inside its area and by users within it (a township clerk sees the county's
    campaign; its villages and households are scoped again, one by one)."""

    def scope_q(self, prefixes):
        q = Q(pk__in=[])
        f = self.area_code_field
        for p in prefixes:
            ancestors = {p[:n].ljust(12, "0") for n in (2, 4, 6, 9) if n <= len(p)}
            q |= Q(**{f"{f}__startswith": p}) | Q(**{f"{f}__in": ancestors})
        return q


class CampaignQuerySet(AreaAndAncestorsQuerySet):
    area_code_field = "county__code"


class Campaign(models.Model):
    """One policy or one batch of job information taken to the villages and households."""

    county = models.ForeignKey("regions.Area", verbose_name=_("县"), on_delete=models.PROTECT,
                               related_name="+")
    title = models.CharField(_("标题"), max_length=200)
    kind = models.CharField(_("类别"), max_length=8, choices=CampaignKind.choices)
    content = models.TextField(_("内容"), blank=True)
    #: the text a household's SMS carries (at most 500 characters; the platform splits it)
    sms_text = models.CharField(_("短信内容"), max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    started_on = models.DateField(_("开始日期"))
    #: Channel values, ";"-separated
    channels = models.CharField(_("宣传渠道"), max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("宣传活动")
        verbose_name_plural = _("宣传活动")
        ordering = ["-year", "-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.year} {self.title}"

    @property
    def channel_list(self) -> list[str]:
        return [c for c in self.channels.split(SEPARATOR) if c]

    @property
    def channel_labels(self) -> list[str]:
        labels = dict(Channel.choices)
        return [str(labels.get(c, c)) for c in self.channel_list]


class VillageScoped(ScopedQuerySet):
    area_code_field = "village__code"


class VillageDelivery(models.Model):
    """A campaign delivered in one village: when, by whom, through which channel."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("宣传活动"), on_delete=models.CASCADE,
                                 related_name="deliveries")
    village = models.ForeignKey("regions.Area", verbose_name=_("行政村"),
                                on_delete=models.PROTECT, related_name="outreach_deliveries")
    date = models.DateField(_("宣传日期"))
    deliverer = models.CharField(_("宣传人"), max_length=64)
    deliverer_post = models.CharField(_("宣传人职务"), max_length=64, blank=True)
    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = VillageScoped.as_manager()

    class Meta:
        verbose_name = _("进村宣传")
        verbose_name_plural = _("进村宣传")
        ordering = ["-date", "-id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "village", "channel", "date"],
                                               name="labour_delivery_once")]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.village} {self.date}"


class HouseholdScoped(ScopedQuerySet):
    area_code_field = "household__village__code"


class HouseholdContact(models.Model):
    """A household's mobile number for text messages: encrypted like ID numbers
    (registry.crypto), masked on every page, each full view audited."""

    household = models.OneToOneField("registry.Household", verbose_name=_("户"),
                                     on_delete=models.CASCADE, related_name="outreach_contact")
    phone_cipher = models.BinaryField(_("手机号（密文）"))
    phone_hash = models.CharField(_("手机号（索引）"), max_length=64, db_index=True)
    phone_masked = models.CharField(_("手机号"), max_length=16)
    source = models.CharField(_("来源"), max_length=12, choices=ContactSource.choices,
                              default=ContactSource.ENTERED)
    version = models.PositiveIntegerField(_("版本"), default=1)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = HouseholdScoped.as_manager()

    class Meta:
        verbose_name = _("联系手机")
        verbose_name_plural = _("联系手机")
        ordering = ["household_id"]

    def __str__(self) -> str:
        return self.phone_masked


class SmsBatchQuerySet(AreaAndAncestorsQuerySet):
    area_code_field = "campaign__county__code"


class SmsBatch(models.Model):
    """One batch of text messages handed to the SMS sender (批次号 ties the delivery report to
    it). Its messages are the HouseholdReach rows with this batch, numbered by `sms_seq`."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("宣传活动"), on_delete=models.PROTECT,
                                 related_name="sms_batches")
    number = models.CharField(_("批次号"), max_length=32, unique=True)
    content = models.CharField(_("短信内容"), max_length=500)
    messages = models.PositiveIntegerField(_("短信条数"), default=0)
    sender = models.CharField(_("发送方式"), max_length=200)
    #: what the sender left (the FileBatchSender's file, relative to DATA_DIR)
    file = models.CharField(_("批量发送文件"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发送人"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    objects = SmsBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("短信批次")
        verbose_name_plural = _("短信批次")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.number


class HouseholdReach(models.Model):
    """A campaign reaching one registered household, by a visit or by a text message."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("宣传活动"), on_delete=models.CASCADE,
                                 related_name="reaches")
    household = models.ForeignKey("registry.Household", verbose_name=_("户"),
                                  on_delete=models.CASCADE, related_name="outreach_reaches")
    method = models.CharField(_("方式"), max_length=8, choices=ReachMethod.choices)
    date = models.DateField(_("日期"))
    result = models.CharField(_("结果"), max_length=12, choices=ReachResult.choices,
                              db_index=True)
    sms_batch = models.ForeignKey(SmsBatch, verbose_name=_("短信批次"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="reaches")
    sms_seq = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    #: the keyed hash of the number the text went to (the report must name the same number)
    sms_phone_hash = models.CharField(_("发送号码（索引）"), max_length=64, blank=True)
    sms_phone_masked = models.CharField(_("发送号码"), max_length=16, blank=True)
    failure = models.CharField(_("失败原因"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    source_import = models.ForeignKey("labour.LabourImport", verbose_name=_("来源文件"),
                                      null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    source_row = models.PositiveIntegerField(_("来源行号"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    version = models.PositiveIntegerField(_("版本"), default=1)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = HouseholdScoped.as_manager()

    class Meta:
        verbose_name = _("入户宣传")
        verbose_name_plural = _("入户宣传")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "household", "method"],
                                    name="labour_reach_once"),
            models.UniqueConstraint(fields=["sms_batch", "sms_seq"],
                                    condition=Q(sms_batch__isnull=False),
                                    name="labour_reach_batch_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.household}"


class OutreachRollup(models.Model):
    """Per village and campaign year, the registered households with a reach that counts (a
    visit that met them, a delivered text), each household once: `household_coverage_list(
    year=…, reached="yes")` counted by village. Kept equal to a recount by database triggers
    (labour/outreach/rollup.py); its size follows villages, not reaches. Scoped like the
    registry's village rollup, by the scope's village ids. Never written by the application."""

    village = models.ForeignKey("regions.Area", verbose_name=_("行政村"),
                                on_delete=models.DO_NOTHING, db_constraint=False,
                                db_index=False, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    households = models.IntegerField(_("覆盖户数"), default=0)

    objects = VillageRollupQuerySet.as_manager()

    class Meta:
        verbose_name = _("政策宣传覆盖汇总")
        verbose_name_plural = _("政策宣传覆盖汇总")
        constraints = [models.UniqueConstraint(fields=["village", "year"],
                                               name="labour_outreachrollup_key")]

    def __str__(self) -> str:
        return f"{self.village_id} {self.year}"

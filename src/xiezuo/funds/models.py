"""Funds (plan ch.6): allocations, projects, disbursements and the hash-chained ledger.

Money is Decimal yuan with 2 places. Allocations, disbursements and budgets are written only by
the services (funds.services), which append an entry to `LedgerEntry` in the same transaction.
The ledger is append-only: database triggers refuse UPDATE and DELETE (funds.triggers), and
every entry carries the SHA-256 of its content and of the previous entry (funds.chain), so
`xiezuo verify_ledger` finds an entry changed, removed or inserted behind the application's back.

`FundYear` holds the running totals of one county's year (the "allocation pool"); the services
lock it (SELECT … FOR UPDATE) before the project, always in that order, so two disbursements
posted at the same moment cannot together overspend.
"""

import json

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiezuo.funds.choices import Category, EntryKind, ProjectStatus, Source
from xiezuo.regions.scoping import ScopedQuerySet, prefix_q

MONEY = {"max_digits": 14, "decimal_places": 2}


class AllocationQuerySet(ScopedQuerySet):
    # Allocations belong to the western county; eastern officers see them through the
    # partnership (their area_prefixes include the partner county).
    area_code_field = "county__code"


class Allocation(models.Model):
    """Money given for a year to the western county: by source, with its document number."""

    county = models.ForeignKey("regions.Area", verbose_name=_("受援县"), on_delete=models.PROTECT,
                               related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    source = models.CharField(_("资金来源"), max_length=16, choices=Source.choices)
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    date = models.DateField(_("到账日期"))
    document_no = models.CharField(_("文件编号"), max_length=100, blank=True)
    donor = models.CharField(_("捐赠或拨付单位"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    #: a correction is a reversing allocation (negative amount) naming the one it reverses
    reverses = models.OneToOneField("self", verbose_name=_("冲销对象"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="reversed_by")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = AllocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("资金拨入")
        verbose_name_plural = _("资金拨入")
        ordering = ["-year", "date", "id"]

    def __str__(self) -> str:
        return f"{self.year} {self.get_source_display()} {self.amount}"


class FundYear(models.Model):
    """One county's pool for one year: what was allocated and what was disbursed from it.

    A cache of the ledger kept by the services under a row lock; the ledger stays the truth
    (`verify_ledger` checks the chain, the supervision page sums the records themselves).
    """

    county = models.ForeignKey("regions.Area", verbose_name=_("受援县"), on_delete=models.PROTECT,
                               related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    allocated = models.DecimalField(_("已拨入"), default=0, **MONEY)
    disbursed = models.DecimalField(_("已支出"), default=0, **MONEY)

    class Meta:
        verbose_name = _("年度资金池")
        verbose_name_plural = _("年度资金池")
        constraints = [
            models.UniqueConstraint(fields=["county", "year"], name="funds_fundyear_unique"),
            models.CheckConstraint(condition=models.Q(disbursed__lte=models.F("allocated")),
                                   name="funds_fundyear_not_overspent"),
        ]

    def __str__(self) -> str:
        return f"{self.county} {self.year}"

    @property
    def unspent(self):
        return self.allocated - self.disbursed


class ProjectQuerySet(ScopedQuerySet):
    #: a project is visible to whoever may see one of its villages
    area_code_field = "villages__code"

    def scope_q(self, prefixes):
        # Exists over the village links rather than a join, so a project with villages in two
        # townships appears once, and to the clerks of both townships.
        links = Project.villages.through.objects.filter(
            project_id=OuterRef("pk")).filter(prefix_q("area__code", prefixes))
        return Q(Exists(links))


class Project(models.Model):
    """A funded project in one or more villages, with its budget and the households it helps."""

    code = models.CharField(_("项目编号"), max_length=40, unique=True)
    name = models.CharField(_("项目名称"), max_length=200)
    category = models.CharField(_("项目类别"), max_length=16, choices=Category.choices,
                                db_index=True)
    county = models.ForeignKey("regions.Area", verbose_name=_("受援县"), on_delete=models.PROTECT,
                               related_name="+")
    #: the year whose allocation pays for the project (结转: paid later, still that year's money)
    year = models.PositiveSmallIntegerField(_("资金年度"), db_index=True)
    villages = models.ManyToManyField("regions.Area", verbose_name=_("实施村"),
                                      related_name="fund_projects")
    budget = models.DecimalField(_("预算（元）"), **MONEY)
    disbursed = models.DecimalField(_("已支出（元）"), default=0, **MONEY)
    approval_doc = models.CharField(_("批复文件"), max_length=100, blank=True)
    start_date = models.DateField(_("开工日期"), null=True, blank=True)
    planned_end = models.DateField(_("计划完工日期"), null=True, blank=True)
    actual_end = models.DateField(_("实际完工日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ProjectStatus.choices,
                              default=ProjectStatus.PLANNED, db_index=True)
    beneficiaries = models.ManyToManyField("registry.Household", verbose_name=_("受益贫困户"),
                                           blank=True, related_name="fund_projects")
    #: ch.8.5: an aided project may carry its donor's name on a plaque, where the donor wishes
    plaque = models.CharField(_("冠名"), max_length=100, blank=True,
                              help_text=_("捐赠方愿意时，以其名称为项目冠名"))
    note = models.CharField(_("说明"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    #: optimistic locking: the edit form carries the version it was read at (accounts.versioned)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("项目")
        verbose_name_plural = pgettext_lazy("plural", "项目")
        ordering = ["-year", "code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(budget__gte=0), name="funds_budget_positive"),
            models.CheckConstraint(condition=models.Q(disbursed__lte=models.F("budget")),
                                   name="funds_project_within_budget"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def remaining(self):
        return self.budget - self.disbursed


class DisbursementQuerySet(ScopedQuerySet):
    area_code_field = "project__villages__code"

    def scope_q(self, prefixes):
        return Q(project__in=Project.objects.filter(Project.objects.scope_q(prefixes))
                 .values("pk"))


class Disbursement(models.Model):
    """Money paid out of a project. Never edited: a correction is a reversing disbursement."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.PROTECT,
                                related_name="disbursements")
    date = models.DateField(_("支付日期"))
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    payee = models.CharField(_("收款单位或个人"), max_length=200)
    voucher_no = models.CharField(_("凭证号"), max_length=60, blank=True, db_index=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    reverses = models.OneToOneField("self", verbose_name=_("冲销对象"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="reversed_by")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = DisbursementQuerySet.as_manager()

    class Meta:
        verbose_name = _("资金支出")
        verbose_name_plural = _("资金支出")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.payee} {self.amount}"


class LedgerQuerySet(ScopedQuerySet):
    # The county's code for allocations; the township's (or the county's, for a project over
    # several townships) for project events. Part of the hashed content.
    area_code_field = "area_code"


class LedgerEntry(models.Model):
    """One money event, append-only, chained by SHA-256 to the entry before it."""

    # An auto field only for its column type: on SQLite "integer primary key" is the rowid, so
    # the number needs no index of its own. The services always give the number themselves.
    seq = models.BigAutoField(_("序号"), primary_key=True)
    at = models.DateTimeField(_("记账时间"))
    kind = models.CharField(_("类型"), max_length=24, choices=EntryKind.choices)
    year = models.PositiveSmallIntegerField(_("资金年度"))
    # Few indexes: a million-entry bulk post pays for each one. The project's is kept for the
    # drill-down from a project to its entries; scoping by area code is a prefix scan anyway.
    area_code = models.CharField(_("区域代码"), max_length=12)
    allocation = models.ForeignKey(Allocation, verbose_name=_("拨入"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="ledger_entries",
                                   db_constraint=False, db_index=False)
    project = models.ForeignKey(Project, verbose_name=_("项目"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="ledger_entries",
                                db_constraint=False)
    disbursement = models.ForeignKey(Disbursement, verbose_name=_("支出"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="ledger_entries",
                                     db_constraint=False, db_index=False)
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    #: canonical JSON text (sorted keys, no spaces), hashed exactly as stored
    payload = models.TextField(_("内容"), default="{}")
    prev_hash = models.CharField(_("前一条哈希"), max_length=64)
    hash = models.CharField(_("哈希"), max_length=64)

    objects = LedgerQuerySet.as_manager()

    class Meta:
        verbose_name = _("台账记录")
        verbose_name_plural = _("台账记录")
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.get_kind_display()} {self.amount}"

    @property
    def data(self) -> dict:
        return json.loads(self.payload or "{}")

    def data_words(self) -> list[tuple[str, str]]:
        """The payload as a reader sees it: each field by its Chinese name, codes by their
        labels (the stored JSON, hashed as it is, keeps the field names)."""
        from django.core.exceptions import FieldDoesNotExist

        from xiezuo.accounts.auditview import label_of, value_words

        model = {"allocation": Allocation, "allocation_reversal": Allocation,
                 "budget": Project, "disbursement": Disbursement,
                 "disbursement_reversal": Disbursement}.get(self.kind)
        out = []
        for key, value in self.data.items():
            try:
                f = model._meta.get_field(key) if model is not None else None
            except FieldDoesNotExist:  # a key that is no field: said by its name
                f = None
            out.append((label_of(model, key), value_words(value, f)))
        return out


class LedgerHead(models.Model):
    """The last entry's number and hash, one row. Appends lock it, so the chain has no forks."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(_("最后序号"), default=0)
    hash = models.CharField(_("最后哈希"), max_length=64)

    class Meta:
        verbose_name = _("台账链头")
        verbose_name_plural = _("台账链头")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"

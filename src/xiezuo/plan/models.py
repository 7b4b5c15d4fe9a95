"""The plan as data: its targets, the aggregate entries that feed them, and the assessment."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from xiezuo.plan.choices import EntryState, TargetKind, TargetSide, VenueSide
from xiezuo.regions.scoping import ScopedQuerySet


def evidence_storage() -> FileSystemStorage:
    # Evaluated lazily so that tests and operators can move DATA_DIR.
    return FileSystemStorage(location=settings.DATA_DIR / "evidence")


def _localised(zh: str, en: str) -> str:
    return en if (get_language() or "").startswith("en") and en else zh


class Plan(models.Model):
    """One cooperation plan loaded from a YAML file (e.g. 仓山·临洮 2017–2020)."""

    key = models.SlugField(_("规划代码"), max_length=80, unique=True)
    name_zh = models.CharField(_("名称"), max_length=200)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    #: the county pair whose plan this is (declared by loading the file: its east, west, years)
    partnership = models.ForeignKey("regions.Partnership", verbose_name=_("协作关系"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="plans")
    east_code = models.CharField(_("东部区划代码"), max_length=12)
    west_code = models.CharField(_("西部区划代码"), max_length=12)
    start_year = models.PositiveSmallIntegerField(_("起始年度"))
    end_year = models.PositiveSmallIntegerField(_("结束年度"))
    signed = models.DateField(_("印发日期"), null=True, blank=True)
    config = models.JSONField(_("配置"), default=dict, blank=True)
    source_name = models.CharField(_("来源文件"), max_length=200)
    source_sha256 = models.CharField(_("来源文件哈希"), max_length=64)
    loaded_at = models.DateTimeField(_("载入时间"), auto_now=True)

    class Meta:
        verbose_name = _("协作规划")
        verbose_name_plural = _("协作规划")
        ordering = ["start_year", "key"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self.name_zh, self.name_en)

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class Target(models.Model):
    """One quantified promise of the plan, with the rule that judges it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    key = models.SlugField(_("目标代码"), max_length=80)
    order = models.PositiveIntegerField(_("顺序"), default=0)
    chapter = models.PositiveSmallIntegerField(_("章"))
    section = models.CharField(_("出处"), max_length=100, blank=True)
    side = models.CharField(_("责任方"), max_length=8, choices=TargetSide.choices)
    text_zh = models.CharField(_("目标"), max_length=400)
    text_en = models.CharField(_("目标（英文）"), max_length=400)
    unit_zh = models.CharField(_("单位"), max_length=20, blank=True)
    unit_en = models.CharField(_("单位（英文）"), max_length=40, blank=True)
    kind = models.CharField(_("类型"), max_length=16, choices=TargetKind.choices)
    value = models.DecimalField(_("目标值"), max_digits=16, decimal_places=4, null=True,
                                blank=True)
    value_max = models.DecimalField(_("目标上限"), max_digits=16, decimal_places=4, null=True,
                                    blank=True)
    years = models.JSONField(_("适用年度"), default=list)
    due = models.PositiveSmallIntegerField(_("期限年度"), null=True, blank=True)
    #: "" for aggregate entries, else the key of a part's indicator ("registry.exits")
    indicator = models.CharField(_("数据来源"), max_length=120, blank=True)
    #: an indicator that gives the target value itself (e.g. the registered total), else ""
    value_indicator = models.CharField(_("目标值来源"), max_length=120, blank=True)
    #: extra rules of the kind: coverage members, each_year, alternate_venues …
    params = models.JSONField(_("参数"), default=dict, blank=True)
    note_zh = models.CharField(_("说明"), max_length=400, blank=True)
    note_en = models.CharField(_("说明（英文）"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("规划目标")
        verbose_name_plural = _("规划目标")
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="uniq_plan_target")]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return _localised(self.text_zh, self.text_en)

    @property
    def unit(self) -> str:
        return _localised(self.unit_zh, self.unit_en)

    @property
    def note(self) -> str:
        return _localised(self.note_zh, self.note_en)


class AggregateEntryQuerySet(ScopedQuerySet):
    area_code_field = "area__code"

    def approved(self):
        return self.filter(state=EntryState.APPROVED)


class AggregateEntry(models.Model):
    """A value for one target, year and area, with evidence, entered and approved by two users.

    Used where the detailed records are not (yet) in the system: training sessions, pairings,
    meetings, reports. Only approved entries count towards a target.
    """

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="entries")
    year = models.PositiveSmallIntegerField(_("年度"))
    area = models.ForeignKey("regions.Area", verbose_name=_("区域"), on_delete=models.PROTECT,
                             related_name="+")
    value = models.DecimalField(_("数值"), max_digits=16, decimal_places=2)
    #: for coverage targets: the member covered (an area code, e.g. a township)
    member = models.CharField(_("覆盖成员"), max_length=32, blank=True)
    partner = models.CharField(_("结对/合作单位"), max_length=200, blank=True)
    venue_side = models.CharField(_("召开地"), max_length=8, choices=VenueSide.choices,
                                  blank=True)
    description = models.CharField(_("说明"), max_length=500, blank=True)
    evidence = models.FileField(_("佐证材料"), storage=evidence_storage,
                                upload_to="%Y/%m/", max_length=300)
    evidence_name = models.CharField(_("佐证材料文件名"), max_length=200)
    evidence_sha256 = models.CharField(_("佐证材料哈希"), max_length=64)
    state = models.CharField(_("状态"), max_length=10, choices=EntryState.choices,
                             default=EntryState.PENDING, db_index=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("填报人"),
                                   on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("填报时间"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审批人"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.CharField(_("审批意见"), max_length=300, blank=True)

    objects = AggregateEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("汇总填报")
        verbose_name_plural = _("汇总填报")
        ordering = ["target", "year", "id"]
        indexes = [models.Index(fields=["state", "target", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("entered_by")),
                name="plan_entry_four_eyes"),
        ]

    def __str__(self) -> str:
        return f"{self.target.key} {self.year} {self.value}"


class AssessmentComment(models.Model):
    """A comment on a year's self-assessment, by the partner side or a leadership group."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    year = models.PositiveSmallIntegerField(_("年度"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评议人"),
                               on_delete=models.PROTECT, related_name="+")
    side = models.CharField(_("所属方"), max_length=8, blank=True)
    text = models.TextField(_("评议意见"), max_length=4000)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("考核评议")
        verbose_name_plural = _("考核评议")
        ordering = ["year", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.year} {self.author}"


class FinalisedReportQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("定稿的考核报告不能修改。"))

    def delete(self):
        raise ValidationError(_("定稿的考核报告不能删除。"))


class FinalisedReport(models.Model):
    """A finalised, numbered version of a year's self-assessment; never changed afterwards.

    `sha256` covers the snapshot and the three files' hashes, so a copy can be checked later.
    """

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("年度"))
    version = models.PositiveSmallIntegerField(_("版本号"))
    number = models.CharField(_("文号"), max_length=60)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("定稿人"),
                                     on_delete=models.PROTECT, related_name="+")
    finalised_at = models.DateTimeField(_("定稿时间"))
    snapshot = models.JSONField(_("数据快照"))
    files = models.JSONField(_("文件"))  # format -> {"path": relative path, "sha256": …}
    sha256 = models.CharField(_("哈希"), max_length=64)

    objects = FinalisedReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("定稿考核报告")
        verbose_name_plural = _("定稿考核报告")
        ordering = ["plan", "year", "version"]
        constraints = [models.UniqueConstraint(fields=["plan", "year", "version"],
                                               name="uniq_plan_report_version")]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("定稿的考核报告不能修改。"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("定稿的考核报告不能删除。"))

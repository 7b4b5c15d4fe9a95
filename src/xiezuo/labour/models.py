"""The labour part (plan ch.4, box 3): the poor-labour database, employers and openings, the
workstation, job fairs, targeted recruitment, matching runs, placements and their follow-ups,
graduates and interns.

Everything that names a person reads through `visible_to(user)` scoped by the person's village
code; employers, openings, the workstation and job fairs through the partnership's scope
(labour.access).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.labour.access import PartnershipScopedQuerySet
from xiezuo.labour.choices import (
    CaseKind,
    CaseStatus,
    FairKind,
    Housing,
    ImportKind,
    LeaveReason,
    OpeningStatus,
    PlacementStatus,
    ProposalStatus,
    RunStatus,
    Unmatched,
)
from xiezuo.regions.scoping import ScopedQuerySet

TAG_SEPARATOR = ";"
PERSON_CODE = "person__household__village__code"


def split(text: str) -> list[str]:
    return [t for t in (text or "").split(TAG_SEPARATOR) if t]


def join(tags) -> str:
    return TAG_SEPARATOR.join(sorted({t.strip() for t in tags if t and t.strip()}))


def _money(verbose: str, **kw) -> models.DecimalField:
    return models.DecimalField(verbose, max_digits=10, decimal_places=2,
                               validators=[MinValueValidator(Decimal("0"))], **kw)


class LabourImport(models.Model):
    """One survey or openings file given to an import, kept under DATA_DIR with its summary."""

    kind = models.CharField(_("类型"), max_length=16, choices=ImportKind.choices)
    file = models.CharField(_("保存的文件"), max_length=300)
    original_name = models.CharField(_("原文件名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    summary = models.JSONField(_("导入结果"), default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                           blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("导入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("劳务数据导入")
        verbose_name_plural = _("劳务数据导入")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.original_name


class PersonScoped(ScopedQuerySet):
    area_code_field = PERSON_CODE


class LabourProfile(models.Model):
    """What the labour survey adds to a registered person (贫困劳动力信息库, ch.4.1)."""

    person = models.OneToOneField("registry.Person", verbose_name=_("人员"),
                                  on_delete=models.CASCADE, related_name="labour_profile")
    willing = models.BooleanField(_("就业意愿"), default=False)
    can_work_away = models.BooleanField(_("可外出务工"), default=False)
    skills = models.CharField(_("技能"), max_length=300, blank=True)
    certificates = models.CharField(_("证书"), max_length=300, blank=True)
    expected_wage = _money(_("期望月薪（元）"), null=True, blank=True)
    #: 12-digit area codes the worker accepts, ";"-separated; empty: anywhere
    destinations = models.CharField(_("意向地区"), max_length=300, blank=True)
    current_employer = models.CharField(_("现工作单位"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    surveyed_on = models.DateField(_("调查日期"), null=True, blank=True)
    source_import = models.ForeignKey(LabourImport, verbose_name=_("来源文件"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    source_row = models.PositiveIntegerField(_("来源行号"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = PersonScoped.as_manager()

    class Meta:
        verbose_name = _("劳动力信息")
        verbose_name_plural = _("劳动力信息")
        ordering = ["person_id"]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def skill_list(self) -> list[str]:
        return split(self.skills)

    @property
    def certificate_list(self) -> list[str]:
        return split(self.certificates)

    @property
    def destination_list(self) -> list[str]:
        return split(self.destinations)


#: labour's employers are organisations of the shared register (orgs) holding the employer role
EMPLOYER = "orgs.Organisation"


class EmploymentBase(models.Model):
    """An employer designated as an employment base for poor workers (就业基地, box 3): what only
    labour says about an organisation (decision 0004)."""

    organisation = models.OneToOneField(EMPLOYER, verbose_name=_("用工单位"), primary_key=True,
                                        on_delete=models.CASCADE, related_name="labour_base")
    since = models.DateTimeField(_("认定时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("就业基地")
        verbose_name_plural = _("就业基地")
        ordering = ["organisation_id"]

    def __str__(self) -> str:
        return str(self.organisation)


class OpeningQuerySet(PartnershipScopedQuerySet):
    area_code_field = "area__code"


class Opening(models.Model):
    employer = models.ForeignKey(EMPLOYER, verbose_name=_("用工单位"), on_delete=models.PROTECT,
                                 related_name="labour_openings")
    title = models.CharField(_("岗位名称"), max_length=100)
    positions = models.PositiveIntegerField(_("招聘人数"), default=1)
    skills = models.CharField(_("技能要求"), max_length=300, blank=True)
    certificates = models.CharField(_("证书要求"), max_length=300, blank=True)
    min_age = models.PositiveSmallIntegerField(_("最低年龄"), default=16,
                                               validators=[MaxValueValidator(99)])
    max_age = models.PositiveSmallIntegerField(_("最高年龄"), default=60,
                                               validators=[MaxValueValidator(99)])
    wage = _money(_("月薪（元）"))
    area = models.ForeignKey("regions.Area", verbose_name=_("工作地点"),
                             on_delete=models.PROTECT, related_name="+")
    housing = models.CharField(_("住宿"), max_length=16, choices=Housing.choices,
                               default=Housing.NONE)
    start_date = models.DateField(_("到岗日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=OpeningStatus.choices,
                              default=OpeningStatus.OPEN, db_index=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    source_import = models.ForeignKey(LabourImport, verbose_name=_("来源文件"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    source_row = models.PositiveIntegerField(_("来源行号"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = OpeningQuerySet.as_manager()

    class Meta:
        verbose_name = _("招聘岗位")
        verbose_name_plural = _("招聘岗位")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["employer", "title", "area"],
                                    name="labour_opening_key"),
            models.CheckConstraint(condition=models.Q(max_age__gte=models.F("min_age")),
                                   name="labour_opening_ages_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.employer.name} · {self.title}"

    @property
    def skill_list(self) -> list[str]:
        return split(self.skills)

    @property
    def certificate_list(self) -> list[str]:
        return split(self.certificates)


class WorkstationQuerySet(PartnershipScopedQuerySet):
    area_code_field = "area__code"


class Workstation(models.Model):
    """The Lintao labour workstation in Cangshan (劳务工作站, box 3)."""

    name = models.CharField(_("名称"), max_length=100)
    area = models.ForeignKey("regions.Area", verbose_name=_("所在地区"),
                             on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    opened_on = models.DateField(_("设立日期"))
    closed_on = models.DateField(_("撤销日期"), null=True, blank=True)
    staff = models.PositiveSmallIntegerField(_("工作人员数"), default=0)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = WorkstationQuerySet.as_manager()

    class Meta:
        verbose_name = _("劳务工作站")
        verbose_name_plural = _("劳务工作站")
        ordering = ["opened_on", "id"]

    def __str__(self) -> str:
        return self.name


class WorkstationCase(models.Model):
    """One worker's request to the workstation (wages owed, a dispute, a new job…)."""

    workstation = models.ForeignKey(Workstation, verbose_name=_("工作站"),
                                    on_delete=models.PROTECT, related_name="cases")
    person = models.ForeignKey("registry.Person", verbose_name=_("务工人员"),
                               on_delete=models.PROTECT, related_name="+")
    placement = models.ForeignKey("Placement", verbose_name=_("就业记录"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="cases")
    kind = models.CharField(_("类别"), max_length=16, choices=CaseKind.choices)
    opened_on = models.DateField(_("受理日期"))
    summary = models.CharField(_("诉求"), max_length=500)
    action = models.CharField(_("处理情况"), max_length=500, blank=True)
    status = models.CharField(_("状态"), max_length=8, choices=CaseStatus.choices,
                              default=CaseStatus.OPEN, db_index=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("经办人"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    objects = PersonScoped.as_manager()

    class Meta:
        verbose_name = _("工作站案件")
        verbose_name_plural = _("工作站案件")
        ordering = ["-opened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.opened_on}"


class JobFairQuerySet(PartnershipScopedQuerySet):
    area_code_field = "area__code"


class JobFair(models.Model):
    """A recruitment fair held in the western county (2–3 a year, box 3)."""

    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类别"), max_length=16, choices=FairKind.choices)
    date = models.DateField(_("日期"), db_index=True)
    place = models.CharField(_("地点"), max_length=200)
    area = models.ForeignKey("regions.Area", verbose_name=_("举办地区"),
                             on_delete=models.PROTECT, related_name="+")
    employers = models.ManyToManyField(EMPLOYER, verbose_name=_("参会单位"), blank=True,
                                       related_name="labour_job_fairs")
    positions = models.PositiveIntegerField(_("提供岗位数"), default=0)
    attendance = models.PositiveIntegerField(_("参会人数"), default=0)
    offers = models.PositiveIntegerField(_("达成意向人数"), default=0)
    hires = models.PositiveIntegerField(_("实际录用人数"), default=0)
    note = models.CharField(_("备注"), max_length=500, blank=True)

    objects = JobFairQuerySet.as_manager()

    class Meta:
        verbose_name = _("招聘会")
        verbose_name_plural = _("招聘会")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class RecruitmentQuerySet(ScopedQuerySet):
    area_code_field = "village__code"


class TargetedRecruitment(models.Model):
    """An employer recruiting in one village (企业与村之间的定向招聘, ch.4.4)."""

    employer = models.ForeignKey(EMPLOYER, verbose_name=_("用工单位"), on_delete=models.PROTECT,
                                 related_name="labour_recruitments")
    village = models.ForeignKey("regions.Area", verbose_name=_("行政村"),
                                on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    planned = models.PositiveIntegerField(_("计划招聘人数"), default=0)
    hired = models.PositiveIntegerField(_("已录用人数"), default=0)
    note = models.CharField(_("备注"), max_length=500, blank=True)

    objects = RecruitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("定向招聘")
        verbose_name_plural = _("定向招聘")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.employer} ↔ {self.village}"


class PlacementQuerySet(ScopedQuerySet):
    area_code_field = PERSON_CODE


class Placement(models.Model):
    """One referral of a person to an employer and what came of it (ch.4.4–4.5)."""

    person = models.ForeignKey("registry.Person", verbose_name=_("务工人员"),
                               on_delete=models.PROTECT, related_name="placements")
    employer = models.ForeignKey(EMPLOYER, verbose_name=_("用工单位"), on_delete=models.PROTECT,
                                 related_name="labour_placements")
    opening = models.ForeignKey(Opening, verbose_name=_("岗位"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="placements")
    status = models.CharField(_("状态"), max_length=16, choices=PlacementStatus.choices,
                              default=PlacementStatus.REFERRED, db_index=True)
    referred_on = models.DateField(_("推荐日期"))
    interviewed_on = models.DateField(_("面试日期"), null=True, blank=True)
    hired_on = models.DateField(_("上岗日期"), null=True, blank=True, db_index=True)
    wage = _money(_("月工资（元）"), null=True, blank=True)
    left_on = models.DateField(_("离职日期"), null=True, blank=True)
    left_reason = models.CharField(_("离职原因"), max_length=16, choices=LeaveReason.choices,
                                   blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    #: the placement this one follows when a worker who left is matched again
    previous = models.ForeignKey("self", verbose_name=_("上一次就业"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("经办人"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("就业记录")
        verbose_name_plural = _("就业记录")
        ordering = ["-referred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(hired_on__isnull=False),
                name="labour_placement_left_after_hire"),
        ]

    def __str__(self) -> str:
        return f"{self.person.name} → {self.employer.name}"


class FollowUpQuerySet(ScopedQuerySet):
    area_code_field = "placement__person__household__village__code"


class FollowUp(models.Model):
    """A visit or call 1, 3, 6 or 12 months after the hire (定期回访, ch.4.5)."""

    placement = models.ForeignKey(Placement, verbose_name=_("就业记录"),
                                  on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("上岗后月数"))
    due_on = models.DateField(_("应回访日期"), db_index=True)
    done_on = models.DateField(_("回访日期"), null=True, blank=True)
    still_working = models.BooleanField(_("仍在岗"), null=True, blank=True)
    wage = _money(_("月工资（元）"), null=True, blank=True)
    #: Problem values, ";"-separated
    problems = models.CharField(_("问题"), max_length=200, blank=True)
    help_given = models.CharField(_("提供的帮助"), max_length=500, blank=True)
    cancelled = models.BooleanField(_("已取消"), default=False,
                                    help_text=_("离职后不再需要的回访"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("回访人"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("跟踪回访")
        verbose_name_plural = _("跟踪回访")
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["placement", "months"],
                                               name="labour_follow_up_once")]

    def __str__(self) -> str:
        return f"{self.placement} +{self.months}"

    @property
    def problem_list(self) -> list[str]:
        return split(self.problems)

    @property
    def problem_labels(self) -> list[str]:
        """The problems by their Chinese labels (a code no longer in Problem is shown as stored)."""
        from xiezuo.labour.choices import Problem

        labels = dict(Problem.choices)
        return [str(labels.get(code, code)) for code in self.problem_list]


class GraduateQuerySet(ScopedQuerySet):
    area_code_field = "home_area__code"


class Graduate(models.Model):
    """A university graduate from a poor family employed in the eastern city (box 3: 1,000)."""

    name = models.CharField(_("姓名"), max_length=64)
    person = models.ForeignKey("registry.Person", verbose_name=_("建档立卡人员"), null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="+")
    home_area = models.ForeignKey("regions.Area", verbose_name=_("户籍地"),
                                  on_delete=models.PROTECT, related_name="+")
    university = models.CharField(_("毕业院校"), max_length=100)
    major = models.CharField(_("专业"), max_length=100, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("毕业年份"))
    employer = models.ForeignKey(EMPLOYER, verbose_name=_("就业单位"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    employer_name = models.CharField(_("就业单位名称"), max_length=200, blank=True)
    work_area = models.ForeignKey("regions.Area", verbose_name=_("就业地"),
                                  on_delete=models.PROTECT, related_name="+")
    employed_on = models.DateField(_("就业日期"), db_index=True)
    wage = _money(_("月工资（元）"), null=True, blank=True)

    objects = GraduateQuerySet.as_manager()

    class Meta:
        verbose_name = _("高校毕业生就业")
        verbose_name_plural = _("高校毕业生就业")
        ordering = ["-employed_on", "id"]

    def __str__(self) -> str:
        return self.name


class Intern(models.Model):
    """A vocational student placed as an intern with an eastern company (box 3: 2,500)."""

    name = models.CharField(_("姓名"), max_length=64)
    person = models.ForeignKey("registry.Person", verbose_name=_("建档立卡人员"), null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="+")
    home_area = models.ForeignKey("regions.Area", verbose_name=_("户籍地"),
                                  on_delete=models.PROTECT, related_name="+")
    school = models.CharField(_("职业院校"), max_length=100)
    major = models.CharField(_("专业"), max_length=100, blank=True)
    employer = models.ForeignKey(EMPLOYER, verbose_name=_("实习单位"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    employer_name = models.CharField(_("实习单位名称"), max_length=200, blank=True)
    work_area = models.ForeignKey("regions.Area", verbose_name=_("实习地"),
                                  on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("开始日期"), db_index=True)
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    allowance = _money(_("月实习补贴（元）"), null=True, blank=True)

    objects = GraduateQuerySet.as_manager()

    class Meta:
        verbose_name = _("职业院校学生实习")
        verbose_name_plural = _("职业院校学生实习")
        ordering = ["-started_on", "id"]

    def __str__(self) -> str:
        return self.name


class MatchRunQuerySet(ScopedQuerySet):
    """A run is visible inside its area and to users within it (a township clerk sees the
    county's run; its proposals are scoped again, person by person)."""

    area_code_field = "area__code"

    def scope_q(self, prefixes):
        from django.db.models import Q

        q = Q(pk__in=[])
        for p in prefixes:
            ancestors = {p[:n].ljust(12, "0") for n in (2, 4, 6, 9) if n <= len(p)}
            q |= Q(area__code__startswith=p) | Q(area__code__in=ancestors)
        return q


class MatchRun(models.Model):
    """One run of the matching engine over the labour database and the open openings."""

    area = models.ForeignKey("regions.Area", verbose_name=_("范围"), on_delete=models.PROTECT,
                             related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=8, choices=RunStatus.choices,
                              default=RunStatus.QUEUED)
    job_id = models.UUIDField(_("后台任务"), null=True, blank=True)
    #: the engine's summary (seekers, openings, positions, eligible_pairs, placed, objective…)
    summary = models.JSONField(_("结果摘要"), default=dict, blank=True)
    settings_used = models.JSONField(_("参数"), default=dict, blank=True)
    message = models.CharField(_("说明"), max_length=300, blank=True)

    objects = MatchRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("人岗匹配")
        verbose_name_plural = _("人岗匹配")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        if not self.created_at:
            return f"#{self.pk}"
        return f"#{self.pk} {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"


class ProposalQuerySet(ScopedQuerySet):
    area_code_field = "profile__person__household__village__code"


class Proposal(models.Model):
    """A seeker proposed for an opening, with the fit's parts; the case worker decides."""

    run = models.ForeignKey(MatchRun, verbose_name=_("匹配批次"), on_delete=models.CASCADE,
                            related_name="proposals")
    profile = models.ForeignKey(LabourProfile, verbose_name=_("求职者"),
                                on_delete=models.CASCADE, related_name="proposals")
    opening = models.ForeignKey(Opening, verbose_name=_("岗位"), on_delete=models.CASCADE,
                                related_name="proposals")
    rank = models.PositiveSmallIntegerField(_("顺位"), default=0,
                                            help_text=_("0 为最优方案，其余为备选"))
    fit = models.PositiveSmallIntegerField(_("匹配分"))
    skill_points = models.PositiveSmallIntegerField(_("技能分"))
    wage_points = models.PositiveSmallIntegerField(_("薪资分"))
    priority = models.PositiveSmallIntegerField(_("优先级"))
    status = models.CharField(_("状态"), max_length=16, choices=ProposalStatus.choices,
                              default=ProposalStatus.PROPOSED, db_index=True)
    reason = models.CharField(_("理由"), max_length=300, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("处理人"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    placement = models.ForeignKey(Placement, verbose_name=_("就业记录"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("匹配建议")
        verbose_name_plural = _("匹配建议")
        ordering = ["run_id", "rank", "-priority", "-fit", "id"]

    def __str__(self) -> str:
        return f"{self.profile} → {self.opening}"

    @property
    def score(self) -> int:
        from xiezuo.labour.matching.engine import DEFAULT_WEIGHTS

        base = (self.run.settings_used or {}).get("weights", {}).get("base", DEFAULT_WEIGHTS.base)
        return self.priority * (base + self.fit)


class UnmatchedSeeker(models.Model):
    """A seeker the run could not place, and why."""

    run = models.ForeignKey(MatchRun, verbose_name=_("匹配批次"), on_delete=models.CASCADE,
                            related_name="unmatched")
    profile = models.ForeignKey(LabourProfile, verbose_name=_("求职者"),
                                on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("原因"), max_length=24, choices=Unmatched.choices)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("未匹配求职者")
        verbose_name_plural = _("未匹配求职者")
        ordering = ["run_id", "reason", "id"]

    def __str__(self) -> str:
        return f"{self.profile}: {self.get_reason_display()}"


# The outreach and vocational-training records live in their own modules (labour.outreach,
# labour.training) and are the labour app's models through these imports.
from xiezuo.labour.outreach.models import (  # noqa: E402, F401
    Campaign,
    HouseholdContact,
    HouseholdReach,
    OutreachRollup,
    SmsBatch,
    VillageDelivery,
)
from xiezuo.labour.training.models import Course, CourseTrainee  # noqa: E402, F401

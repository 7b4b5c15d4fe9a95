"""The talent part (plan ch.5, boxes 4–6): training classes and the people they trained,
hospital pairings and their activities, experts sent on request, directed enrolment.

A trainee is one person across classes and years (talent.identity): "20 cadres trained a year"
counts trainees, "20 人次" counts attendances. Classes, pairings and requests are seen by both
sides of the partnership (talent.access); trainees through their township, students through
their household's village.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xiezuo.regions.scoping import ScopedQuerySet
from xiezuo.talent.access import PartnershipScopedQuerySet
from xiezuo.talent.choices import (
    ActivityKind,
    ClassKind,
    ExpertStatus,
    Held,
    ImportKind,
    MergeReason,
    MergeState,
    NeedKind,
    Sex,
)


def _money(verbose: str, **kw) -> models.DecimalField:
    return models.DecimalField(verbose, max_digits=12, decimal_places=2,
                               validators=[MinValueValidator(Decimal("0"))], **kw)


class TalentImport(models.Model):
    """One trainee roster given to the import, kept under DATA_DIR with its summary."""

    kind = models.CharField(_("类型"), max_length=16, choices=ImportKind.choices,
                            default=ImportKind.TRAINEES)
    training_class = models.ForeignKey("TrainingClass", verbose_name=_("培训班"), null=True,
                                       blank=True, on_delete=models.SET_NULL, related_name="+")
    file = models.CharField(_("保存的文件"), max_length=300)
    original_name = models.CharField(_("原文件名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    summary = models.JSONField(_("导入结果"), default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                           blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("导入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("学员名单导入")
        verbose_name_plural = _("学员名单导入")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.original_name


class ClassQuerySet(PartnershipScopedQuerySet):
    area_code_field = "area__code"


class TrainingClass(models.Model):
    """One training class (培训班), lecture series or course, held in the east or the west."""

    code = models.CharField(_("班次编号"), max_length=32, unique=True,
                            help_text=_("学员名单用它指明培训班，例如 2018-GB-01"))
    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类别"), max_length=16, choices=ClassKind.choices, db_index=True)
    held = models.CharField(_("举办地"), max_length=8, choices=Held.choices)
    #: the host area (the eastern district or the western county): the partnership's scope
    area = models.ForeignKey("regions.Area", verbose_name=_("举办地区"),
                             on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField(_("开班日期"), db_index=True)
    end_date = models.DateField(_("结业日期"))
    hours = models.DecimalField(_("学时"), max_digits=6, decimal_places=1, default=Decimal("0"),
                                validators=[MinValueValidator(Decimal("0"))])
    #: the organising body when it is in the organisations register (a training base, a
    #: hospital, a school); otherwise its name as text
    organiser = models.ForeignKey("orgs.Organisation", verbose_name=_("主办单位（登记的组织）"),
                                  null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    organiser_name = models.CharField(_("主办单位"), max_length=200, blank=True)
    teachers = models.CharField(_("授课教师或专家"), max_length=500, blank=True)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ClassQuerySet.as_manager()

    class Meta:
        verbose_name = _("培训班")
        verbose_name_plural = _("培训班")
        ordering = ["-start_date", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")),
                                   name="talent_class_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class TraineeQuerySet(ScopedQuerySet):
    area_code_field = "area__code"


class Trainee(models.Model):
    """One person trained, across classes and years (talent.identity says who is who)."""

    name = models.CharField(_("姓名"), max_length=64, db_index=True)
    #: the folded name and unit the identity rule compares (talent.identity.fold)
    name_key = models.CharField(_("姓名（比对）"), max_length=64, db_index=True)
    sex = models.CharField(_("性别"), max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    unit = models.CharField(_("工作单位"), max_length=200)
    unit_key = models.CharField(_("工作单位（比对）"), max_length=200)
    post = models.CharField(_("职务"), max_length=100, blank=True)
    #: the township (or the county, when none is given) the trainee works in
    area = models.ForeignKey("regions.Area", verbose_name=_("乡镇"), on_delete=models.PROTECT,
                             related_name="+")
    #: optional; kept as the registry keeps ID numbers (registry.crypto)
    id_cipher = models.BinaryField(_("证件号码（密文）"), null=True, blank=True)
    id_hash = models.CharField(_("证件号码（索引）"), max_length=64, null=True, blank=True,
                               unique=True)
    id_masked = models.CharField(_("证件号码"), max_length=18, blank=True)
    source_import = models.ForeignKey(TalentImport, verbose_name=_("来源文件"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = TraineeQuerySet.as_manager()

    class Meta:
        verbose_name = _("学员")
        verbose_name_plural = _("学员")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name_key", "birth_date"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）"


class AttendanceQuerySet(ScopedQuerySet):
    area_code_field = "trainee__area__code"


class Attendance(models.Model):
    """A trainee in a class (one 人次)."""

    training_class = models.ForeignKey(TrainingClass, verbose_name=_("培训班"),
                                       on_delete=models.PROTECT, related_name="attendances")
    trainee = models.ForeignKey(Trainee, verbose_name=_("学员"), on_delete=models.CASCADE,
                                related_name="attendances")
    completed = models.BooleanField(_("结业"), default=True)
    source_import = models.ForeignKey(TalentImport, verbose_name=_("来源文件"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    source_row = models.PositiveIntegerField(_("来源行号"), null=True, blank=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("参训记录")
        verbose_name_plural = _("参训记录")
        ordering = ["training_class_id", "id"]
        constraints = [models.UniqueConstraint(fields=["training_class", "trainee"],
                                               name="talent_attendance_once")]

    def __str__(self) -> str:
        return f"{self.trainee.name} @ {self.training_class.code}"


class MergeCandidateQuerySet(ScopedQuerySet):
    def scope_q(self, prefixes):
        from xiezuo.regions.scoping import prefix_q

        # an open pair through its first record; a merged one (its second may be gone) through
        # the record kept
        return prefix_q("first__area__code", prefixes) | prefix_q("kept__area__code", prefixes)


class MergeCandidate(models.Model):
    """Two trainees who may be one person (talent.identity): a clerk merges or keeps apart.

    After a merge the removed record is gone (`first` or `second` empty); `kept` names the
    record kept and `label` still says who the two were."""

    first = models.ForeignKey(Trainee, verbose_name=_("学员甲"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    second = models.ForeignKey(Trainee, verbose_name=_("学员乙"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    label = models.CharField(_("两条记录"), max_length=500, blank=True)
    reason = models.CharField(_("原因"), max_length=16, choices=MergeReason.choices)
    state = models.CharField(_("状态"), max_length=8, choices=MergeState.choices,
                             default=MergeState.OPEN, db_index=True)
    kept = models.ForeignKey(Trainee, verbose_name=_("保留的记录"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("处理人"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("发现时间"), auto_now_add=True)

    objects = MergeCandidateQuerySet.as_manager()

    class Meta:
        verbose_name = _("疑似同一人")
        verbose_name_plural = _("疑似同一人")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="talent_merge_pair_once"),
            models.CheckConstraint(condition=Q(first__lt=models.F("second"))
                                   | Q(first__isnull=True) | Q(second__isnull=True),
                                   name="talent_merge_pair_ordered"),
        ]

    def __str__(self) -> str:
        return self.label or f"{self.first_id} ~ {self.second_id}"


def pair_label(a: "Trainee", b: "Trainee") -> str:
    def one(t):
        return f"{t.name}（{t.unit}，{t.birth_date or '—'}）"

    return f"{one(a)} / {one(b)}"[:500]


# --- hospital pairings (box 6) ------------------------------------------------------------------

class PairingQuerySet(PartnershipScopedQuerySet):
    area_code_field = "west_hospital__area__code"


class HospitalPairing(models.Model):
    """A Lintao hospital paired with a Cangshan hospital (医院对口协作), from its agreement."""

    west_hospital = models.ForeignKey("orgs.Organisation", verbose_name=_("临洮县医院"),
                                      on_delete=models.PROTECT, related_name="+")
    east_hospital = models.ForeignKey("orgs.Organisation", verbose_name=_("仓山区协作医院"),
                                      on_delete=models.PROTECT, related_name="+")
    agreement_no = models.CharField(_("协议编号"), max_length=64, blank=True)
    signed_on = models.DateField(_("协议签订日期"))
    start_on = models.DateField(_("协作开始日期"))
    end_on = models.DateField(_("协作结束日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = PairingQuerySet.as_manager()

    class Meta:
        verbose_name = _("医院对口协作")
        verbose_name_plural = _("医院对口协作")
        ordering = ["start_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_on__isnull=True)
                                   | Q(end_on__gte=models.F("start_on")),
                                   name="talent_pairing_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.west_hospital} ↔ {self.east_hospital}"


class ActivityQuerySet(PartnershipScopedQuerySet):
    area_code_field = "pairing__west_hospital__area__code"


class HospitalActivity(models.Model):
    """What paired hospitals did together: exchanges, expert rounds, guidance, further
    training, with the staff of each side taking part."""

    pairing = models.ForeignKey(HospitalPairing, verbose_name=_("医院对口协作"),
                                on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("类别"), max_length=20, choices=ActivityKind.choices)
    date = models.DateField(_("日期"), db_index=True)
    title = models.CharField(_("内容"), max_length=200)
    east_staff = models.PositiveIntegerField(_("仓山方人数"), default=0)
    west_staff = models.PositiveIntegerField(_("临洮方人数"), default=0)
    note = models.CharField(_("备注"), max_length=500, blank=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("协作活动")
        verbose_name_plural = _("协作活动")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


# --- experts on request (ch.5.4) -----------------------------------------------------------------

class RequestQuerySet(PartnershipScopedQuerySet):
    area_code_field = "area__code"


class ExpertRequest(models.Model):
    """A need Lintao files for Cangshan's experts, through 提出 → … → 评价 (talent.status)."""

    title = models.CharField(_("需求名称"), max_length=200)
    need_kind = models.CharField(_("需求类别"), max_length=16, choices=NeedKind.choices)
    subject = models.CharField(_("项目或企业"), max_length=200)
    #: where the need is (a Lintao township or the county)
    area = models.ForeignKey("regions.Area", verbose_name=_("所在地区"),
                             on_delete=models.PROTECT, related_name="+")
    difficulty = models.CharField(_("难点问题"), max_length=1000)
    skills_sought = models.CharField(_("所需人才"), max_length=500)
    status = models.CharField(_("状态"), max_length=12, choices=ExpertStatus.choices,
                              default=ExpertStatus.FILED, db_index=True)
    filed_on = models.DateField(_("提出日期"))
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    assigned_on = models.DateField(_("选派日期"), null=True, blank=True)
    on_site_on = models.DateField(_("到岗日期"), null=True, blank=True)
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    evaluated_on = models.DateField(_("评价日期"), null=True, blank=True)
    due_on = models.DateField(_("要求完成日期"), null=True, blank=True, db_index=True)
    outcome = models.CharField(_("帮扶成效"), max_length=1000, blank=True)
    evaluation = models.CharField(_("评价意见"), max_length=1000, blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提出人"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("人才需求")
        verbose_name_plural = _("人才需求")
        ordering = ["-filed_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def last_date(self):
        from xiezuo.talent.status import DATE_FIELD

        return getattr(self, DATE_FIELD[self.status]) or self.filed_on


class AssignmentQuerySet(PartnershipScopedQuerySet):
    area_code_field = "request__area__code"


class ExpertAssignment(models.Model):
    """One expert Cangshan sends for a request."""

    request = models.ForeignKey(ExpertRequest, verbose_name=_("人才需求"),
                                on_delete=models.CASCADE, related_name="experts")
    name = models.CharField(_("姓名"), max_length=64)
    unit = models.CharField(_("工作单位"), max_length=200)
    speciality = models.CharField(_("专业领域"), max_length=200, blank=True)
    from_date = models.DateField(_("开始日期"), null=True, blank=True)
    to_date = models.DateField(_("结束日期"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("选派专家")
        verbose_name_plural = _("选派专家")
        ordering = ["request_id", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）"




# --- directed enrolment (ch.5.2) -----------------------------------------------------------------

class EnrolmentQuerySet(ScopedQuerySet):
    area_code_field = "person__household__village__code"


class DirectedEnrolment(models.Model):
    """A poor student from a registered household admitted to a Fuzhou college under the
    directed-enrolment plan: tuition waived, subsidies paid per year."""

    person = models.ForeignKey("registry.Person", verbose_name=_("学生"),
                               on_delete=models.PROTECT, related_name="+")
    college = models.CharField(_("录取院校"), max_length=200)
    major = models.CharField(_("专业"), max_length=100, blank=True)
    admitted_year = models.PositiveSmallIntegerField(_("录取年份"), db_index=True)
    years = models.PositiveSmallIntegerField(_("学制（年）"), default=4)
    work_study = models.BooleanField(_("安排勤工俭学岗位"), default=False)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("定向招生")
        verbose_name_plural = _("定向招生")
        ordering = ["-admitted_year", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "college", "admitted_year"],
                                               name="talent_enrolment_once")]

    def __str__(self) -> str:
        return f"{self.person.name} → {self.college}"


class EnrolmentYearQuerySet(ScopedQuerySet):
    area_code_field = "enrolment__person__household__village__code"


class EnrolmentYear(models.Model):
    """What one school year gave the student: tuition waived and the subsidies."""

    enrolment = models.ForeignKey(DirectedEnrolment, verbose_name=_("定向招生"),
                                  on_delete=models.CASCADE, related_name="school_years")
    year = models.PositiveSmallIntegerField(_("学年（起始年）"))
    tuition_waived = _money(_("减免学费（元）"), default=Decimal("0"))
    subsidy = _money(_("住宿和生活补助（元）"), default=Decimal("0"))

    objects = EnrolmentYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("学年资助")
        verbose_name_plural = _("学年资助")
        ordering = ["enrolment_id", "year"]
        constraints = [models.UniqueConstraint(fields=["enrolment", "year"],
                                               name="talent_enrolment_year_once")]

    def __str__(self) -> str:
        return f"{self.enrolment} {self.year}"

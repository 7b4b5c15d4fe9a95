"""Courses and their trainees (plan ch.4.3). Imported by labour.models: the labour app's."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xiezuo.labour.outreach.models import AreaAndAncestorsQuerySet
from xiezuo.labour.training.choices import CourseKind, TraineeSource, TraineeStatus
from xiezuo.regions.scoping import ScopedQuerySet


class CourseQuerySet(AreaAndAncestorsQuerySet):
    area_code_field = "county__code"


class Course(models.Model):
    """A training course at a base, for the western county's workers (两后生 and poor labour)."""

    county = models.ForeignKey("regions.Area", verbose_name=_("生源县"), on_delete=models.PROTECT,
                               related_name="+")
    base = models.ForeignKey("orgs.Organisation", verbose_name=_("培训基地"),
                             on_delete=models.PROTECT, related_name="labour_courses")
    title = models.CharField(_("课程名称"), max_length=200)
    kind = models.CharField(_("培训类别"), max_length=8, choices=CourseKind.choices)
    #: the skill tag written into a completer's labour profile (matching reads it)
    skill = models.CharField(_("培训技能"), max_length=64, blank=True)
    #: the certificate a completer holds, as openings name it in 证书要求 (e.g. 电工证)
    certificate = models.CharField(_("结业证书"), max_length=64, blank=True)
    starts_on = models.DateField(_("开班日期"))
    ends_on = models.DateField(_("结业日期"))
    place = models.CharField(_("培训地点"), max_length=200)
    planned = models.PositiveIntegerField(_("计划人数"), default=0)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("培训班")
        verbose_name_plural = _("培训班")
        ordering = ["-starts_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                              name="labour_course_dates_ordered")]

    def __str__(self) -> str:
        return f"{self.title}（{self.starts_on:%Y-%m}）"


class TraineeQuerySet(ScopedQuerySet):
    area_code_field = "person__household__village__code"


class CourseTrainee(models.Model):
    course = models.ForeignKey(Course, verbose_name=_("培训班"), on_delete=models.CASCADE,
                               related_name="trainees")
    person = models.ForeignKey("registry.Person", verbose_name=_("学员"),
                               on_delete=models.PROTECT, related_name="course_places")
    status = models.CharField(_("状态"), max_length=12, choices=TraineeStatus.choices,
                              default=TraineeStatus.ENROLLED, db_index=True)
    source = models.CharField(_("来源"), max_length=8, choices=TraineeSource.choices,
                              default=TraineeSource.REGISTRY)
    enrolled_on = models.DateField(_("报名日期"))
    completed_on = models.DateField(_("结业日期"), null=True, blank=True, db_index=True)
    certificate_number = models.CharField(_("证书编号"), max_length=64, blank=True)
    certificate_date = models.DateField(_("发证日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    source_import = models.ForeignKey("labour.LabourImport", verbose_name=_("来源文件"),
                                      null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    source_row = models.PositiveIntegerField(_("来源行号"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = TraineeQuerySet.as_manager()

    class Meta:
        verbose_name = _("培训学员")
        verbose_name_plural = _("培训学员")
        ordering = ["course_id", "id"]
        constraints = [models.UniqueConstraint(fields=["course", "person"],
                                               name="labour_trainee_once")]

    def __str__(self) -> str:
        return f"{self.person.name} · {self.course.title}"

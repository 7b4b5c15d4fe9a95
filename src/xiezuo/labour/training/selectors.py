"""Reads of vocational training, all through `visible_to(user)`."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from xiezuo.labour.training import youth
from xiezuo.labour.training.choices import TraineeStatus
from xiezuo.labour.training.filters import CourseFilters, TraineeFilters, YouthFilters
from xiezuo.labour.training.models import Course, CourseTrainee
from xiezuo.orgs.choices import OrgRole
from xiezuo.orgs.models import Organisation
from xiezuo.registry.models import Person


def training_bases(*, user) -> QuerySet[Organisation]:
    """The organisations holding the training_base role that the user sees, with their courses."""
    return (Organisation.objects.visible_to(user).with_role(OrgRole.TRAINING_BASE)
            .select_related("area").annotate(n_courses=Count("labour_courses", distinct=True))
            .order_by("name", "id"))


def course_list(*, user, filters: CourseFilters) -> QuerySet[Course]:
    f = filters
    mine = CourseTrainee.objects.visible_to(user)
    qs = (Course.objects.visible_to(user).select_related("base", "county")
          .annotate(n_trainees=Count("trainees", filter=Q(trainees__in=mine), distinct=True),
                    n_completed=Count("trainees", distinct=True, filter=Q(
                        trainees__in=mine, trainees__status=TraineeStatus.COMPLETED))))
    if f.year:
        qs = qs.filter(starts_on__year=f.year)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.base:
        qs = qs.filter(base=f.base)
    return qs.order_by("-starts_on", "-id")


def trainee_list(*, user, filters: TraineeFilters) -> QuerySet[CourseTrainee]:
    f = filters
    qs = CourseTrainee.objects.visible_to(user).select_related(
        "course__base", "person__household__village__parent")
    if f.course:
        qs = qs.filter(course=f.course)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.year:
        qs = qs.filter(course__starts_on__year=f.year)
    if f.completed_year:
        qs = qs.filter(status=TraineeStatus.COMPLETED, completed_on__year=f.completed_year)
    if f.township:
        qs = qs.filter(person__household__township=f.township)
    if f.q:
        qs = qs.filter(person__name__icontains=f.q)
    return qs.order_by("course_id", "person__household__village__code", "person_id")


def youth_list(*, user, filters: YouthFilters, today: datetime.date | None = None
               ) -> QuerySet[Person]:
    """The 两后生 of the user's area (training.youth), each with `trained`: enrolled in a course
    they have not dropped."""
    f = filters
    today = today or timezone.localdate()
    places = CourseTrainee.objects.filter(person=OuterRef("pk")).exclude(
        status=TraineeStatus.DROPPED)
    qs = (Person.objects.visible_to(user).filter(youth.youth_q(today))
          .select_related("household__village__parent").annotate(trained=Exists(places)))
    if f.township:
        qs = qs.filter(household__township=f.township)
    if f.trained:
        qs = qs.filter(trained=(f.trained == "yes"))
    if f.q:
        qs = qs.filter(name__icontains=f.q)
    return qs.order_by("household__village__code", "household_id", "id")

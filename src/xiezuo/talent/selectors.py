"""Reads of the talent part, all scoped by `visible_to(user)`. The lists here are what the
pages show and what the plan's indicators count (talent.indicators)."""

import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from xiezuo.talent.choices import GROUP_KINDS, ExpertStatus, MergeState
from xiezuo.talent.filters import (
    ActivityFilters,
    AttendanceFilters,
    ClassFilters,
    EnrolmentFilters,
    MergeFilters,
    PairingFilters,
    RequestFilters,
    TraineeFilters,
)
from xiezuo.talent.models import (
    Attendance,
    DirectedEnrolment,
    ExpertRequest,
    HospitalActivity,
    HospitalPairing,
    MergeCandidate,
    Trainee,
    TrainingClass,
)
from xiezuo.talent.status import FINISHED


def _today() -> datetime.date:
    return timezone.localdate()


def _kinds(group: str) -> tuple[str, ...]:
    return GROUP_KINDS.get(group, ())


def class_list(*, user, filters: ClassFilters) -> QuerySet[TrainingClass]:
    """Classes of the user's partnerships, each with the attendances and completions the user
    may see (`n_attendances`, `n_completed`: the attendance list's totals for the class)."""
    f = filters
    seen = Attendance.objects.visible_to(user).filter(training_class=OuterRef("pk")).order_by()
    count = seen.values("training_class").annotate(n=Count("pk")).values("n")
    done = (seen.filter(completed=True).values("training_class").annotate(n=Count("pk"))
            .values("n"))
    qs = (TrainingClass.objects.visible_to(user).select_related("area")
          .annotate(n_attendances=Coalesce(Subquery(count, output_field=IntegerField()),
                                           Value(0)),
                    n_completed=Coalesce(Subquery(done, output_field=IntegerField()), Value(0)))
          .order_by("-start_date", "code"))
    if f.year:
        qs = qs.filter(start_date__year=f.year)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.group:
        qs = qs.filter(kind__in=_kinds(f.group))
    if f.held:
        qs = qs.filter(held=f.held)
    if f.q:
        qs = qs.filter(Q(code__icontains=f.q) | Q(name__icontains=f.q))
    return qs


def trainee_list(*, user, filters: TraineeFilters) -> QuerySet[Trainee]:
    """Trainees of the user's area, each once, with how many classes (`n_classes`) they
    attended that the user may see."""
    f = filters
    qs = Trainee.objects.visible_to(user).select_related("area")
    if f.group or f.year:
        att = Attendance.objects.filter(trainee=OuterRef("pk"))
        if f.group:
            att = att.filter(training_class__kind__in=_kinds(f.group))
        if f.year:
            att = att.filter(training_class__start_date__year=f.year)
        qs = qs.filter(Exists(att))
    if f.township:
        qs = qs.filter(area=f.township)
    if f.q:
        qs = qs.filter(Q(name__icontains=f.q) | Q(unit__icontains=f.q))
    return qs.annotate(n_classes=Count("attendances", distinct=True)).order_by("name", "id")


def attendance_list(*, user, filters: AttendanceFilters) -> QuerySet[Attendance]:
    """Attendances (人次). Counting `trainee` distinct gives people; with `first`, each person
    appears once, at their first completed class of the group (cumulative targets)."""
    f = filters
    qs = Attendance.objects.visible_to(user).select_related(
        "trainee__area", "training_class")
    if f.group:
        qs = qs.filter(training_class__kind__in=_kinds(f.group))
    if f.kind:
        qs = qs.filter(training_class__kind=f.kind)
    if f.held:
        qs = qs.filter(training_class__held=f.held)
    if f.training_class:
        qs = qs.filter(training_class__code=f.training_class)
    if f.completed or f.first:
        qs = qs.filter(completed=True)
    if f.first:
        earlier = Attendance.objects.filter(
            trainee=OuterRef("trainee"), completed=True,
            training_class__kind__in=_kinds(f.group) if f.group else [
                k for ks in GROUP_KINDS.values() for k in ks],
        ).filter(Q(training_class__start_date__lt=OuterRef("training_class__start_date"))
                 | Q(training_class__start_date=OuterRef("training_class__start_date"),
                     pk__lt=OuterRef("pk")))
        if f.held:
            earlier = earlier.filter(training_class__held=f.held)
        qs = qs.filter(~Exists(earlier))
    if f.year:
        qs = qs.filter(training_class__start_date__year=f.year)
    return qs.order_by("-training_class__start_date", "training_class__code", "trainee__name",
                       "id")


def merge_list(*, user, filters: MergeFilters) -> QuerySet[MergeCandidate]:
    """Pairs that may be one person, where the user sees both."""
    qs = MergeCandidate.objects.visible_to(user).filter(
        Q(second__isnull=True) | Q(second__in=Trainee.objects.visible_to(user))).select_related(
        "first__area", "second__area", "kept__area", "decided_by")
    if filters.state in MergeState.values:
        qs = qs.filter(state=filters.state)
    return qs


def request_list(*, user, filters: RequestFilters, today: datetime.date | None = None
                 ) -> QuerySet[ExpertRequest]:
    f = filters
    qs = (ExpertRequest.objects.visible_to(user).select_related("area")
          .annotate(n_experts=Count("experts")))
    if f.status in ExpertStatus.values:
        qs = qs.filter(status=f.status)
    if f.overdue:
        qs = qs.filter(due_on__lt=today or _today()).exclude(status__in=FINISHED)
    if f.year:
        qs = qs.filter(filed_on__year=f.year)
    return qs.order_by("-filed_on", "-id")


def enrolment_list(*, user, filters: EnrolmentFilters) -> QuerySet[DirectedEnrolment]:
    from django.db.models import Sum

    f = filters
    qs = (DirectedEnrolment.objects.visible_to(user)
          .select_related("person__household__village__parent")
          .annotate(tuition_total=Sum("school_years__tuition_waived"),
                    subsidy_total=Sum("school_years__subsidy")))
    if f.year:
        qs = qs.filter(admitted_year=f.year)
    if f.q:
        qs = qs.filter(Q(person__name__icontains=f.q) | Q(college__icontains=f.q))
    return qs.order_by("-admitted_year", "person__name", "id")


def pairing_list(*, user, filters: PairingFilters) -> QuerySet[HospitalPairing]:
    """Hospital pairings; with `year`, those in operation at some time that year (started by
    its end, not ended before its start)."""
    qs = (HospitalPairing.objects.visible_to(user)
          .select_related("west_hospital", "east_hospital")
          .annotate(n_activities=Count("activities")).order_by("start_on", "id"))
    if filters.year:
        qs = qs.filter(start_on__year__lte=filters.year).filter(
            Q(end_on__isnull=True) | Q(end_on__year__gte=filters.year))
    return qs


def pairings_in_operation(*, user, years=None) -> dict[int, int]:
    """{year: pairings in operation that year} from the first pairing's year to this year:
    `pairing_list(year=…)`'s totals, from one read of the pairings' dates."""
    spans = list(HospitalPairing.objects.visible_to(user).order_by().values_list(
        "start_on", "end_on"))
    if not spans:
        return {}
    first = min(s.year for s, _e in spans)
    last = max(_today().year, *(s.year for s, _e in spans))
    return {y: sum(1 for s, e in spans if s.year <= y and (e is None or e.year >= y))
            for y in (years or range(first, last + 1))}


def activity_list(*, user, filters: ActivityFilters) -> QuerySet[HospitalActivity]:
    qs = HospitalActivity.objects.visible_to(user).select_related(
        "pairing__west_hospital", "pairing__east_hospital").order_by("-date", "-id")
    if filters.year:
        qs = qs.filter(date__year=filters.year)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.pairing:
        qs = qs.filter(pairing_id=filters.pairing)
    return qs


def talent_summary(*, user, today: datetime.date | None = None) -> dict:
    """The home card's figures, each the total of the list it links to."""
    today = today or _today()
    year = today.year
    return {
        "classes": class_list(user=user, filters=ClassFilters(year=year)).count(),
        "trainees": trainee_list(user=user, filters=TraineeFilters(year=year)).count(),
        "overdue": request_list(user=user, filters=RequestFilters(overdue=True),
                                today=today).count(),
        "merges": merge_list(user=user, filters=MergeFilters()).count(),
        "year": year,
    }

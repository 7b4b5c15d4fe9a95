"""Reads of the labour part, all scoped by `visible_to(user)`.

The plan's figures (box 3) are here under the names the plan app calls; per-year answers are
`{year: number}` dicts, shares are Decimals between 0 and 1.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from xiezuo.accounts.roles import has
from xiezuo.labour import employment
from xiezuo.labour.access import READS_LABOUR
from xiezuo.labour.choices import ACTIVE_PLACEMENT, OpeningStatus, PlacementStatus
from xiezuo.labour.filters import (
    CaseFilters,
    EmployerFilters,
    FollowUpFilters,
    GraduateFilters,
    InternFilters,
    JobFairFilters,
    OpeningFilters,
    PlacementFilters,
    SeekerFilters,
    WorkstationFilters,
)
from xiezuo.labour.models import (
    EmploymentBase,
    FollowUp,
    Graduate,
    Intern,
    JobFair,
    LabourProfile,
    Opening,
    Placement,
    TargetedRecruitment,
    Workstation,
    WorkstationCase,
)
from xiezuo.orgs.choices import OrgRole
from xiezuo.orgs.models import Organisation
from xiezuo.regions.reference import DEFAULT_PARTNERSHIP
from xiezuo.registry.selectors import labour_force as registry_labour_force

#: the default pair's eastern district and city (the fallback while no partnership is loaded)
EAST_DISTRICT = DEFAULT_PARTNERSHIP["east"][:6]
EAST_CITY = DEFAULT_PARTNERSHIP["east"][:4]


def east_q(field: str, *, city: bool = False) -> Q:
    """Rows whose area code (at `field`) lies in a partnership's eastern district (transfers are
    counted there), or with `city` in its city (settlement, graduates). Every pair's: the
    user's scope keeps the persons of the user's own pair (several pairs share one system)."""
    from xiezuo.regions.scoping import prefix_q
    from xiezuo.regions.selectors import partnerships

    prefixes = {(p.east.parent.prefix if city and p.east.parent_id else p.east.prefix)
                for p in partnerships()}
    return prefix_q(field, sorted(prefixes) or [EAST_CITY if city else EAST_DISTRICT])
DUE_SOON_DAYS = 14


def _today() -> datetime.date:
    return timezone.localdate()


def labour_force(*, user, today: datetime.date | None = None):
    """Registered people aged 16–60 with labour capacity (the registry's own selector), with
    their survey profile if any."""
    return registry_labour_force(user=user, on=today or _today()).select_related(
        "household__village__parent", "labour_profile")


def profiles(*, user):
    return LabourProfile.objects.visible_to(user).select_related("person__household__village")


def placements(*, user):
    return Placement.objects.visible_to(user).select_related(
        "person__household__village__parent", "employer", "opening")


# --- the lists: each page reads one of these, and the plan's figures count over them ----------

def seeker_list(*, user, filters: SeekerFilters, today: datetime.date | None = None
                ) -> QuerySet:
    """The labour force of the user's area (aged 16–60, able to work), each with `busy`: in a
    job or referred to one."""
    f = filters
    busy = Placement.objects.filter(person=OuterRef("pk"), status__in=ACTIVE_PLACEMENT)
    qs = labour_force(user=user, today=today).annotate(busy=Exists(busy))
    if f.q:
        qs = qs.filter(name__icontains=f.q)
    if f.township:
        qs = qs.filter(household__township=f.township)
    if f.surveyed:
        qs = qs.filter(labour_profile__isnull=(f.surveyed == "no"))
    if f.willing:
        qs = qs.filter(labour_profile__willing=(f.willing == "yes"))
    if f.away:
        qs = qs.filter(labour_profile__can_work_away=(f.away == "yes"))
    if f.skill:
        qs = qs.filter(labour_profile__skills__contains=f.skill.strip())
    if f.working:
        qs = qs.filter(busy=(f.working == "yes"))
    return qs.order_by("household__village__code", "household_id", "id")


def employers(*, user) -> QuerySet[Organisation]:
    """Labour's employers: the organisations of the shared register holding the employer role,
    as the user sees them (both sides of the partnership), for the labour roles only."""
    if not has(user, READS_LABOUR):
        return Organisation.objects.none()
    return Organisation.objects.visible_to(user).with_role(OrgRole.EMPLOYER)


def employer_list(*, user, filters: EmployerFilters) -> QuerySet[Organisation]:
    qs = (employers(user=user).select_related("area")
          .annotate(employment_base=Exists(EmploymentBase.objects.filter(
                        organisation=OuterRef("pk"))),
                    n_openings=Count("labour_openings", distinct=True),
                    n_hired=Count("labour_placements", distinct=True,
                                  filter=Q(labour_placements__hired_on__isnull=False)))
          .order_by("name", "id"))
    if filters.q:
        qs = qs.filter(Q(name__icontains=filters.q)
                       | Q(credit_code__icontains=filters.q.strip().upper()))
    if filters.east:
        qs = qs.filter(area__code__startswith=EAST_DISTRICT)
    return qs


def opening_list(*, user, filters: OpeningFilters) -> QuerySet[Opening]:
    qs = (Opening.objects.visible_to(user).select_related("employer", "area")
          .annotate(taken=Count("placements", filter=Q(placements__status__in=ACTIVE_PLACEMENT)))
          .order_by("-created_at", "-id"))
    if filters.status in OpeningStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.employer:
        qs = qs.filter(employer_id=filters.employer)
    if filters.east:
        qs = qs.filter(employer__area__code__startswith=EAST_DISTRICT)
    return qs


def workstation_list(*, user, filters: WorkstationFilters) -> QuerySet[Workstation]:
    qs = (Workstation.objects.visible_to(user).select_related("area")
          .annotate(n_cases=Count("cases")).order_by("opened_on", "id"))
    if filters.open:
        qs = qs.filter(closed_on__isnull=True)
    return qs


def case_list(*, user, filters: CaseFilters) -> QuerySet[WorkstationCase]:
    from xiezuo.labour.choices import CaseStatus

    qs = WorkstationCase.objects.visible_to(user).select_related(
        "person__household__village", "workstation")
    if filters.status in CaseStatus.values:
        qs = qs.filter(status=filters.status)
    return qs


def job_fair_list(*, user, filters: JobFairFilters) -> QuerySet[JobFair]:
    qs = (JobFair.objects.visible_to(user).select_related("area")
          .annotate(n_employers=Count("employers")))
    if filters.year:
        qs = qs.filter(date__year=filters.year)
    return qs


def recruitment_list(*, user, filters=None) -> QuerySet[TargetedRecruitment]:
    return TargetedRecruitment.objects.visible_to(user).select_related(
        "employer", "village__parent")


def _east_employer() -> Q:
    """The placement's employer is in a partnership's eastern district: `employer_id IN` the
    eastern organisations, found once per query, rather than joining every placement to its
    employer and area (the plan's transfers figure tests each placement and each earlier one)."""
    return Q(employer__in=Organisation.objects.filter(east_q("area__code")).values("pk"))


def _first_east_hire() -> Exists:
    """The placement is its person's first hire in the eastern district (ties: lowest id)."""
    earlier = Placement.objects.filter(
        _east_employer(), person=OuterRef("person"), hired_on__isnull=False,
        ).filter(
        Q(hired_on__lt=OuterRef("hired_on"))
        | Q(hired_on=OuterRef("hired_on"), pk__lt=OuterRef("pk")))
    return ~Exists(earlier)


def placement_list(*, user, filters: PlacementFilters) -> QuerySet[Placement]:
    """Placements (referrals and hires) of the user's area. `east` keeps hires with employers
    in the eastern district; `first` keeps only each person's first such hire, so the rows of a
    year are the persons transferred to the east that year (box 3)."""
    f = filters
    qs = placements(user=user)
    if f.year:
        qs = qs.filter(hired_on__year=f.year)
    if f.status in PlacementStatus.values:
        qs = qs.filter(status=f.status)
    if f.east or f.first:
        qs = qs.filter(_east_employer())
    if f.first:
        qs = qs.filter(hired_on__isnull=False).filter(_first_east_hire())
    if f.employer:
        qs = qs.filter(employer_id=f.employer)
    return qs.order_by("-referred_on", "-id")


def graduate_list(*, user, filters: GraduateFilters) -> QuerySet[Graduate]:
    qs = Graduate.objects.visible_to(user).select_related("home_area", "work_area", "employer")
    if filters.year:
        qs = qs.filter(employed_on__year=filters.year)
    if filters.east:
        qs = qs.filter(east_q("work_area__code", city=True))
    return qs.order_by("-employed_on", "id")


def intern_list(*, user, filters: InternFilters) -> QuerySet[Intern]:
    qs = Intern.objects.visible_to(user).select_related("home_area", "work_area", "employer")
    if filters.year:
        qs = qs.filter(started_on__year=filters.year)
    return qs.order_by("-started_on", "id")


def _hires_in_east(user):
    return (Placement.objects.visible_to(user)
            .filter(_east_employer(), hired_on__isnull=False))


def transferred_to_east(*, user) -> dict[int, int]:
    """Registered poor workers placed with employers in the eastern district, by hire year.

    Each person counts once, in the year of their first such hire, so the years add up to the
    cumulative figure the plan targets (box 3: 1,500)."""
    firsts = (_hires_in_east(user).values("person_id").annotate(first=Min("hired_on")))
    out: dict[int, int] = defaultdict(int)
    for row in firsts:
        out[row["first"].year] += 1
    return dict(sorted(out.items()))


def job_fairs(*, user) -> dict[int, int]:
    rows = (JobFair.objects.visible_to(user).annotate(y=ExtractYear("date")).values("y")
            .annotate(n=Count("id")).order_by("y"))
    return {r["y"]: r["n"] for r in rows}


def workstations(*, user) -> int:
    """Workstations in operation now."""
    return Workstation.objects.visible_to(user).filter(closed_on__isnull=True).count()


def graduates_employed(*, user) -> dict[int, int]:
    rows = (Graduate.objects.visible_to(user).filter(east_q("work_area__code", city=True))
            .annotate(y=ExtractYear("employed_on")).values("y").annotate(n=Count("id"))
            .order_by("y"))
    return {r["y"]: r["n"] for r in rows}


def interns_placed(*, user) -> dict[int, int]:
    rows = (Intern.objects.visible_to(user).annotate(y=ExtractYear("started_on")).values("y")
            .annotate(n=Count("id")).order_by("y"))
    return {r["y"]: r["n"] for r in rows}


def _spans_by_person(qs) -> dict[int, list[employment.Span]]:
    spans: dict[int, list[employment.Span]] = defaultdict(list)
    for pid, hired, left in qs.values_list("person_id", "hired_on", "left_on"):
        spans[pid].append((hired, left))
    return spans


def stable_employment_rate(*, user, year: int, today: datetime.date | None = None) -> Decimal:
    """Of the workers in a job at some time in `year`, the share in work ≥ 3 months of it."""
    today = today or _today()
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    qs = (Placement.objects.visible_to(user).filter(hired_on__isnull=False, hired_on__lte=end)
          .filter(Q(left_on__isnull=True) | Q(left_on__gte=start)))
    spans = _spans_by_person(qs)
    stable = sum(employment.stably_employed(s, year, today=today) for s in spans.values())
    return employment.share(stable, len(spans))


def retention(*, user, months: int, today: datetime.date | None = None) -> Decimal:
    """Of the hires at least `months` ago, the share still in that job `months` after hire."""
    today = today or _today()
    cutoff = employment.add_months(today, -months)
    qs = Placement.objects.visible_to(user).filter(hired_on__isnull=False, hired_on__lte=cutoff)
    results = [employment.retained(h, left, months, today=today)
               for h, left in qs.values_list("hired_on", "left_on")]
    known = [r for r in results if r is not None]
    return employment.share(sum(known), len(known))


def settlement_eligible(*, user, today: datetime.date | None = None) -> dict[int, datetime.date]:
    """Person id -> the day they became eligible for settlement in the eastern city (落户)."""
    today = today or _today()
    qs = (Placement.objects.visible_to(user)
          .filter(east_q("employer__area__code", city=True), hired_on__isnull=False))
    out = {}
    for pid, spans in _spans_by_person(qs).items():
        since = employment.settlement_since(spans, today=today)
        if since is not None:
            out[pid] = since
    return out


def settlement_since_for(person_id: int, *, today: datetime.date | None = None):
    today = today or _today()
    spans = list(Placement.objects.filter(
        east_q("employer__area__code", city=True), person_id=person_id,
        hired_on__isnull=False).values_list("hired_on", "left_on"))
    return employment.settlement_since(spans, today=today)


def follow_ups_open(*, user, today: datetime.date | None = None):
    """Follow-ups not done, not cancelled, of workers still in the job, due within 14 days or
    overdue (follow_up_list with its default filters)."""
    return follow_up_list(user=user, filters=FollowUpFilters(days=DUE_SOON_DAYS), today=today)


def follow_up_list(*, user, filters: FollowUpFilters, today: datetime.date | None = None):
    """The follow-ups page: not done, not cancelled, of workers still in the job, due within
    `filters.days` days or overdue, the soonest first."""
    today = today or _today()
    qs = (FollowUp.objects.visible_to(user)
          .filter(done_on__isnull=True, cancelled=False,
                  placement__status=PlacementStatus.HIRED,
                  due_on__lte=today + datetime.timedelta(days=filters.days))
          .select_related("placement__person__household__village", "placement__employer")
          .order_by("due_on", "id"))
    return qs


def active_placement_of(person_id: int):
    return Placement.objects.filter(person_id=person_id, status__in=ACTIVE_PLACEMENT).first()


def labour_summary(*, user) -> dict:
    t = transferred_to_east(user=user)
    # both counts in one read of the profiles (each read looks every profile's person up)
    profiles = LabourProfile.objects.visible_to(user).order_by().aggregate(
        n=Count("pk"), willing=Count("pk", filter=Q(willing=True)))
    return {
        "profiles": profiles["n"],
        "willing": profiles["willing"],
        "transferred": sum(t.values()),
        "in_work": Placement.objects.visible_to(user).filter(
            status=PlacementStatus.HIRED).count(),
        "follow_ups_overdue": FollowUp.objects.visible_to(user).filter(
            done_on__isnull=True, cancelled=False, placement__status=PlacementStatus.HIRED,
            due_on__lt=_today()).count(),
    }

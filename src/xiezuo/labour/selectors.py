"""Reads of the labour part, all scoped by `visible_to(user)`.

The plan's figures (box 3) are here under the names the plan app calls; per-year answers are
`{year: number}` dicts, shares are Decimals between 0 and 1.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Min, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from xiezuo.labour import employment
from xiezuo.labour.choices import ACTIVE_PLACEMENT, PlacementStatus
from xiezuo.labour.models import (
    FollowUp,
    Graduate,
    Intern,
    JobFair,
    LabourProfile,
    Placement,
    Workstation,
)
from xiezuo.regions.reference import DEFAULT_PARTNERSHIP
from xiezuo.registry.selectors import labour_force as registry_labour_force

#: the eastern district (transfers are counted there) and its city (settlement, graduates)
EAST_DISTRICT = DEFAULT_PARTNERSHIP["east"][:6]
EAST_CITY = DEFAULT_PARTNERSHIP["east"][:4]
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


def _hires_in_east(user):
    return (Placement.objects.visible_to(user)
            .filter(hired_on__isnull=False, employer__area__code__startswith=EAST_DISTRICT))


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
    rows = (Graduate.objects.visible_to(user).filter(work_area__code__startswith=EAST_CITY)
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
          .filter(hired_on__isnull=False, employer__area__code__startswith=EAST_CITY))
    out = {}
    for pid, spans in _spans_by_person(qs).items():
        since = employment.settlement_since(spans, today=today)
        if since is not None:
            out[pid] = since
    return out


def settlement_since_for(person_id: int, *, today: datetime.date | None = None):
    today = today or _today()
    spans = list(Placement.objects.filter(
        person_id=person_id, hired_on__isnull=False,
        employer__area__code__startswith=EAST_CITY).values_list("hired_on", "left_on"))
    return employment.settlement_since(spans, today=today)


def follow_ups_open(*, user, today: datetime.date | None = None):
    """Follow-ups not done, not cancelled, of workers still in the job, due within 14 days or
    overdue; each with `overdue` set."""
    today = today or _today()
    qs = (FollowUp.objects.visible_to(user)
          .filter(done_on__isnull=True, cancelled=False,
                  placement__status=PlacementStatus.HIRED,
                  due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
          .select_related("placement__person__household__village", "placement__employer")
          .order_by("due_on", "id"))
    return qs


def active_placement_of(person_id: int):
    return Placement.objects.filter(person_id=person_id, status__in=ACTIVE_PLACEMENT).first()


def labour_summary(*, user) -> dict:
    t = transferred_to_east(user=user)
    return {
        "profiles": LabourProfile.objects.visible_to(user).count(),
        "willing": LabourProfile.objects.visible_to(user).filter(willing=True).count(),
        "transferred": sum(t.values()),
        "in_work": Placement.objects.visible_to(user).filter(
            status=PlacementStatus.HIRED).count(),
        "follow_ups_overdue": FollowUp.objects.visible_to(user).filter(
            done_on__isnull=True, cancelled=False, placement__status=PlacementStatus.HIRED,
            due_on__lt=_today()).count(),
    }

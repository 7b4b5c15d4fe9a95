"""From the labour database to the matching engine's inputs: pure functions plus one query.

Who is a seeker: a registered person aged 16–60 on the day of the run, with labour capacity
(普通劳动力 or 技能劳动力), a survey profile saying they want work, and no referral or job in
progress. Their priority comes from the registry (settings.XIEZUO_MATCH_PRIORITY):

* ``deep_poverty`` (3): a registered poor person in a deep-poverty village,
* ``registered_poor`` (2): any other registered poor person,
* ``other`` (1): everyone else, i.e. people whose household has exited and no longer receives
  the poverty policies (已脱贫（不再享受政策）).

Sex and ethnicity are never read: the query below names its columns, and neither the rows nor
the engine's Seeker has a place for them.
"""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.conf import settings

from xiezuo.labour.matching.engine import DEFAULT_WEIGHTS, MIN_WORK_AGE, Opening, Seeker, Weights
from xiezuo.labour.models import split
from xiezuo.regions.codes import code_prefix, level_of
from xiezuo.registry.choices import LABOUR_FORCE_CAPACITIES, ExitStatus

MAX_WORK_AGE = 60
DEFAULT_PRIORITY = {"deep_poverty": 3, "registered_poor": 2, "other": 1}
#: households still under the poverty policies count as registered poor for the priority
POOR_STATUSES = (ExitStatus.NOT_EXITED, ExitStatus.RETURNED, ExitStatus.EXITED_SUPPORTED)

#: the columns the seeker query reads: nothing else about a person reaches the engine
SEEKER_COLUMNS = ("id", "willing", "can_work_away", "skills", "certificates", "expected_wage",
                  "destinations", "person__birth_date", "person__labour_capacity",
                  "person__household__exit_status", "person__household__village__deep_poverty",
                  "person__household__county__code")


def priorities() -> dict[str, int]:
    return {**DEFAULT_PRIORITY, **getattr(settings, "XIEZUO_MATCH_PRIORITY", {})}


def weights() -> Weights:
    w = getattr(settings, "XIEZUO_MATCH_WEIGHTS", {})
    return Weights(**{**DEFAULT_WEIGHTS.__dict__, **w}) if w else DEFAULT_WEIGHTS


def alternatives() -> int:
    return int(getattr(settings, "XIEZUO_MATCH_ALTERNATIVES", 2))


def seeker_priority(*, exit_status: str, deep_poverty_village: bool,
                    table: Mapping[str, int] = DEFAULT_PRIORITY) -> int:
    if exit_status in POOR_STATUSES:
        return table["deep_poverty"] if deep_poverty_village else table["registered_poor"]
    return table["other"]


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def prefixes_of(codes: Iterable[str]) -> tuple[str, ...]:
    """12-digit area codes as the prefixes the engine compares (a county: its 6 digits)."""
    out = []
    for c in codes:
        try:
            out.append(code_prefix(c, level_of(c)))
        except ValueError:
            continue
    return tuple(sorted(set(out)))


def whole_yuan(d: Decimal | None) -> int:
    return int(d) if d is not None else 0


def seeker_from(row: Mapping, *, today: datetime.date,
                table: Mapping[str, int] = DEFAULT_PRIORITY) -> Seeker | None:
    """The engine's Seeker for one profile row (SEEKER_COLUMNS), or None if not a seeker."""
    if not row["willing"] or row["person__labour_capacity"] not in LABOUR_FORCE_CAPACITIES:
        return None
    age = age_on(row["person__birth_date"], today)
    if not MIN_WORK_AGE <= age <= MAX_WORK_AGE:
        return None
    if row["can_work_away"]:
        regions = prefixes_of(split(row["destinations"]))
    else:  # only work near home: the home county
        regions = (row["person__household__county__code"][:6],)
    return Seeker(
        seeker_id=str(row["id"]), age=age, skills=tuple(split(row["skills"])),
        certificates=tuple(split(row["certificates"])),
        min_wage=whole_yuan(row["expected_wage"]), regions=regions,
        priority=seeker_priority(
            exit_status=row["person__household__exit_status"],
            deep_poverty_village=row["person__household__village__deep_poverty"], table=table))


def opening_from(row: Mapping, *, taken: int = 0) -> Opening | None:
    """The engine's Opening with the positions not yet taken by referrals or hires."""
    free = row["positions"] - taken
    if free <= 0:
        return None
    return Opening(opening_id=str(row["id"]), region_code=row["area__code"], positions=free,
                   skills=tuple(split(row["skills"])),
                   certificates=tuple(split(row["certificates"])), min_age=row["min_age"],
                   max_age=row["max_age"], wage=whole_yuan(row["wage"]))


OPENING_COLUMNS = ("id", "area__code", "positions", "skills", "certificates", "min_age",
                   "max_age", "wage")


def load_inputs(*, user, today: datetime.date) -> tuple[list[Seeker], list[Opening]]:
    """Seekers and openings the user may see, as the engine's plain records."""
    from django.db.models import Count, Q

    from xiezuo.labour.choices import ACTIVE_PLACEMENT, OpeningStatus
    from xiezuo.labour.models import LabourProfile, Placement
    from xiezuo.labour.models import Opening as OpeningModel

    busy = Placement.objects.filter(status__in=ACTIVE_PLACEMENT).values("person_id")
    table = priorities()
    lo = datetime.date(today.year - MAX_WORK_AGE - 1, today.month, 1)
    rows = (LabourProfile.objects.visible_to(user)
            .filter(willing=True, person__labour_capacity__in=LABOUR_FORCE_CAPACITIES,
                    person__birth_date__gt=lo)
            .exclude(person_id__in=busy).order_by("id").values(*SEEKER_COLUMNS))
    # One plain fetch, not .iterator(): PostgreSQL plans a server-side cursor for its first
    # rows, and on fresh statistics that plan took 30 s where this one takes 0.4 s.
    seekers = [s for r in rows if (s := seeker_from(r, today=today, table=table)) is not None]
    o_rows = (OpeningModel.objects.visible_to(user).filter(status=OpeningStatus.OPEN)
              .annotate(taken=Count("placements",
                                    filter=Q(placements__status__in=ACTIVE_PLACEMENT)))
              .order_by("id").values(*OPENING_COLUMNS, "taken"))
    openings = [o for r in o_rows if (o := opening_from(r, taken=r["taken"])) is not None]
    return seekers, openings

"""The status rules of the seven target kinds. Pure functions of plain values and a date.

A year counts as running from 1 January to 31 December; the share of it elapsed on a date is
the number of whole days gone before that date over the days in the year, so on 1 January
nothing is yet expected and a year is final from 1 January of the next year. "On track" means
the value reached at least the target times that share (pro rata by date); a cumulative or
coverage target is prorated over its whole period, from 1 January of its first year to
31 December of its due year.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from xiezuo.plan.choices import Status


def year_start(year: int) -> datetime.date:
    return datetime.date(year, 1, 1)


def year_fraction(year: int, as_of: datetime.date) -> Decimal:
    """Share of `year` elapsed before `as_of`: 0 on or before 1 January, 1 from the next year."""
    start, end = year_start(year), year_start(year + 1)
    if as_of <= start:
        return Decimal(0)
    if as_of >= end:
        return Decimal(1)
    return Decimal((as_of - start).days) / Decimal((end - start).days)


def period_fraction(first: int, last: int, as_of: datetime.date) -> Decimal:
    start, end = year_start(first), year_start(last + 1)
    if as_of <= start:
        return Decimal(0)
    if as_of >= end:
        return Decimal(1)
    return Decimal((as_of - start).days) / Decimal((end - start).days)


def judge(value: Decimal | None, required: Decimal, fraction: Decimal, *, started: bool,
          strict: bool = False) -> str:
    """Met when `value` reaches `required`; final once `fraction` is 1; else pro rata."""
    if not started:
        return Status.NOT_STARTED
    v = value if value is not None else Decimal(0)
    if (v > required) if strict else (v >= required):
        return Status.MET
    if fraction >= 1:
        return Status.NOT_MET
    return Status.ON_TRACK if v >= required * fraction else Status.BEHIND


def status_at_least(value, required, year, as_of) -> str:
    return judge(value, required, year_fraction(year, as_of), started=as_of >= year_start(year))


def status_range(value, minimum, maximum, year, as_of) -> str:
    # Above the range still counts as met: the plan's upper bound is what it asks, not a cap.
    return status_at_least(value, minimum, year, as_of)


def status_cumulative(total, required, year, first, due, as_of) -> str:
    """`total` is the sum from `first` through `year`; `required` is due by the end of `due`."""
    if year > due:
        return Status.NOT_APPLICABLE
    if as_of < year_start(year):
        return Status.NOT_STARTED
    end_of_year = min(as_of, year_start(year + 1))
    fraction = period_fraction(first, due, end_of_year)
    if year < due:
        # An earlier year is judged on its share of the period, and is never "not met".
        v = total or Decimal(0)
        if v >= required:
            return Status.MET
        return Status.ON_TRACK if v >= required * fraction else Status.BEHIND
    return judge(total, required, fraction, started=True)


def status_growth(value, previous, year, as_of) -> str:
    if previous is None:
        return Status.NOT_APPLICABLE  # the first year is the base
    return judge(value, previous, year_fraction(year, as_of),
                 started=as_of >= year_start(year), strict=True)


def status_tracked(value, required, year, as_of) -> str:
    """A tracked figure has no status of its own (不适用) unless the plan gives it a number,
    then it is judged like an at-least target."""
    if required is None:
        return Status.NOT_APPLICABLE
    return status_at_least(value, required, year, as_of)


def trend(value: Decimal | None, previous: Decimal | None) -> str:
    """"up", "down" or "same" against the previous year's figure; "" without both."""
    if value is None or previous is None:
        return ""
    return "up" if value > previous else "down" if value < previous else "same"


def status_milestone(done: bool, year: int, due: int, as_of) -> str:
    """Done or not; a milestone not yet done is on track until its due date, then not met.

    A year before the due year is judged at its own end, so it is never "not met".
    """
    if as_of < year_start(year):
        return Status.NOT_STARTED
    if done:
        return Status.MET
    if year < due:
        return Status.ON_TRACK
    return Status.NOT_MET if as_of >= year_start(due + 1) else Status.ON_TRACK


def status_coverage(covered: int, required: int, year, first, due, as_of) -> str:
    return status_cumulative(Decimal(covered), Decimal(required), year, first, due, as_of)


def progress_percent(value: Decimal | None, required: Decimal | None) -> int:
    if required is None:
        return 0
    v = value or Decimal(0)
    if required <= 0:
        return 100 if v > 0 else 0
    return max(0, min(100, int(v * 100 / required)))


@dataclass(frozen=True)
class Alternation:
    """How a year's meetings stand to the plan's "两地轮流召开" (`venue_alternation`)."""

    held: bool  # a meeting was held in the year
    alternates: bool  # ... on the other side from the meeting before it (or none before it)
    side: str = ""  # where ("east", "west"; "" not recorded)
    before_side: str = ""  # where the meeting before it was held
    before_year: int | None = None  # and in which year


def venue_alternation(held: Sequence[tuple[int, str]], year: int) -> Alternation:
    """The plan's rule for the joint meeting (ch.8.2: "联席会议在两地轮流召开") in `year`.

    `held` are the meetings in the order they were held, as (year, side), side "east", "west"
    or "" when not recorded. The year's rule is kept when one of its meetings was held on the
    other side from the meeting just before it, or had none before it; a side not recorded
    (on either) cannot break it. A year whose every meeting repeats the side of the one before
    it does not keep it; a year without a meeting has nothing to judge (held=False).
    """
    repeated = None
    for i, (y, side) in enumerate(held):
        if y != year:
            continue
        before = held[i - 1] if i else None
        if before is None or not side or not before[1] or before[1] != side:
            return Alternation(held=True, alternates=True, side=side,
                               before_side=before[1] if before else "",
                               before_year=before[0] if before else None)
        repeated = repeated or Alternation(held=True, alternates=False, side=side,
                                           before_side=before[1], before_year=before[0])
    return repeated or Alternation(held=False, alternates=False)

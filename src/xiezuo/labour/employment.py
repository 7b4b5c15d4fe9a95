"""Employment spans and what the plan counts from them: pure functions over dates, no database.

A span is (start, end) with end None while the person is still in work. The figures:

* stable employment (稳定就业): in work at least 3 months of a calendar year;
* settlement (落户, plan ch.4.5): employed in the eastern city for 2 continuous years; a change
  of employer with a gap of at most `SETTLEMENT_GAP_DAYS` does not break the continuity;
* retention at N months: still in the job N months after the hire date;
* follow-ups fall due 1, 3, 6 and 12 months after the hire date; one done before the month it
  falls due in is early (`follow_up_early`).
"""

import calendar
import datetime
from collections.abc import Iterable
from decimal import Decimal

Span = tuple[datetime.date, datetime.date | None]

STABLE_MONTHS = 3
SETTLEMENT_YEARS = 2
SETTLEMENT_GAP_DAYS = 31  # changing employer within a month keeps the stay continuous


def add_months(d: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    m = d.month - 1 + months
    year, month = d.year + m // 12, m % 12 + 1
    return datetime.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def follow_up_dates(hired: datetime.date, months: Iterable[int]) -> list[tuple[int, datetime.date]]:
    return [(m, add_months(hired, m)) for m in months]


def follow_up_early(due_on: datetime.date, done_on: datetime.date) -> bool:
    """A follow-up done before the month it falls due in (the 3-month visit of a worker hired
    on 15 March is due in June: any day of June counts, May is early). The page warns and asks
    before recording it."""
    return (done_on.year, done_on.month) < (due_on.year, due_on.month)


def merge(spans: Iterable[Span], *, today: datetime.date, gap_days: int = 0) -> list[Span]:
    """Spans sorted and joined where they overlap or the gap is at most `gap_days` days.

    Open spans end today; the result's spans are closed (end is a date)."""
    closed = sorted((s, e or today) for s, e in spans if (e or today) >= s)
    out: list[list[datetime.date]] = []
    for s, e in closed:
        if out and (s - out[-1][1]).days <= gap_days:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def days_in_year(spans: Iterable[Span], year: int, *, today: datetime.date) -> int:
    """Days in work within `year` (overlapping spans counted once)."""
    first, last = datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today)
    total = 0
    for s, e in merge(spans, today=today):
        lo, hi = max(s, first), min(e, last)
        if hi >= lo:
            total += (hi - lo).days + 1
    return total


def months_in_year(spans: Iterable[Span], year: int, *, today: datetime.date) -> Decimal:
    """Days in work as months of the year (a month = days of the year / 12), 1 decimal place."""
    length = 366 if calendar.isleap(year) else 365
    return (Decimal(days_in_year(spans, year, today=today) * 12) / length).quantize(Decimal("0.1"))


def stably_employed(spans: Iterable[Span], year: int, *, today: datetime.date) -> bool:
    """In work at least 3 months of `year` (compared exactly, before any rounding)."""
    length = 366 if calendar.isleap(year) else 365
    return days_in_year(spans, year, today=today) * 12 >= STABLE_MONTHS * length


def settlement_since(spans: Iterable[Span], *, today: datetime.date,
                     years: int = SETTLEMENT_YEARS,
                     gap_days: int = SETTLEMENT_GAP_DAYS) -> datetime.date | None:
    """The date the worker became eligible for settlement, or None.

    `spans` are the worker's jobs in the eastern city. Eligible once a continuous stay (jobs
    joined across gaps of at most `gap_days`) has lasted `years` full years.
    """
    for s, e in merge(spans, today=today, gap_days=gap_days):
        reached = add_months(s, 12 * years)
        if reached <= e:
            return reached
    return None


def retained(hired: datetime.date, left: datetime.date | None, months: int, *,
             today: datetime.date) -> bool | None:
    """Still in the job `months` after `hired`; None while that day has not come."""
    mark = add_months(hired, months)
    if mark > today:
        return None
    return left is None or left >= mark


def share(numerator: int, denominator: int) -> Decimal:
    """A share 0..1 to 4 places; 0 when there is nothing to divide."""
    if not denominator:
        return Decimal("0.0000")
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"))

"""Which year a page or a home card speaks of (pure, no database).

The plan runs 2017–2020. After it, a year appears only where records exist: a card does not say
"2026 年" over zeros because the calendar moved on. Callers pass the years their records have.
"""

import datetime
from collections.abc import Iterable

PLAN_FIRST, PLAN_LAST = 2017, 2020


def shown_year(record_years: Iterable[int | None], *, today: datetime.date | None = None) -> int:
    """The latest year with records, never after this year; without records, the plan's last
    year (or this year, when that is earlier)."""
    this_year = (today or datetime.date.today()).year
    years = [y for y in record_years if y is not None and y <= this_year]
    return max(years) if years else min(PLAN_LAST, this_year)


def year_choices(record_years: Iterable[int | None], *,
                 today: datetime.date | None = None) -> list[int]:
    """The years a year selector offers: the plan's years, and later ones only where records
    exist (never a future year)."""
    this_year = (today or datetime.date.today()).year
    years = {y for y in record_years if y is not None and y <= this_year}
    years |= set(range(PLAN_FIRST, min(PLAN_LAST, this_year) + 1))
    return sorted(years)

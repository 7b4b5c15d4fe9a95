"""The figures the plan reads from the parts' records, found by discovery.

Each part declares its indicators in `<app>/indicators.py` (core.indicators.Indicator: a count
or a sum over one of its list selectors with a filter object, linking to that list with the
same filter). The plan file names an indicator by its key (`registry.exits`); the plan imports
no part. While a part is missing its targets fall back to aggregate entries, and the page says so.
"""

from decimal import Decimal
from functools import cache

from xiezuo.core.discovery import app_modules
from xiezuo.core.indicators import STOCK, Indicator


def all_indicators() -> dict[str, Indicator]:
    """Every part's indicators by key, in INSTALLED_APPS order."""
    return dict(_by_key(app_modules("indicators")))


@cache
def _by_key(modules: tuple) -> dict[str, Indicator]:
    # Once per set of parts (app_modules is itself found once): the dashboard looks indicators
    # up ~200 times a request, and rebuilding this dict each time cost ~3 ms of it.
    out: dict[str, Indicator] = {}
    for module in modules:
        if module.__name__ == __name__:
            continue  # this module: the plan's reader, not a part's declarations
        for ind in getattr(module, "INDICATORS", ()):
            if ind.key in out:
                raise ValueError(f"indicator {ind.key!r} declared twice")
            out[ind.key] = ind
    return out


def find(key: str) -> Indicator | None:
    """The indicator of that key, or None while its part is not there."""
    return _by_key(app_modules("indicators")).get(key)


def per_year(ind: Indicator, *, user, years: list[int], current_year: int
             ) -> dict[int, Decimal]:
    """The indicator's figure for each of the plan's years that has one."""
    return per_year_with_records(ind, user=user, years=years, current_year=current_year)[0]


def per_year_with_records(ind: Indicator, *, user, years: list[int], current_year: int
                          ) -> tuple[dict[int, Decimal], frozenset[int]]:
    """The figures as `per_year`, and the years the part has records for: a share's past year
    without money has the figure 0 but no records, and the plan then reads the aggregate
    entries typed for that year before the part existed (evaluation.evaluate)."""
    answer = ind.per_year(user=user)
    if ind.shape == STOCK:  # counted now: known for the current year only
        v = answer.get(None)
        found = {current_year: v} if v is not None and current_year in years else {}
        return found, frozenset(found)
    recorded = frozenset(y for y in years if answer.get(y) is not None)
    if ind.zero_when_missing:  # a share: 0 for a past year without money
        return {y: Decimal(answer.get(y, 0)) for y in years if y <= current_year}, recorded
    return {y: Decimal(answer[y]) for y in recorded}, recorded


def covered_per_year(ind: Indicator, *, user, years: list[int]) -> dict[int, frozenset[str]]:
    """A coverage indicator's covered area codes for each of the plan's years."""
    return {y: frozenset(ind.covered(user=user, year=y)) for y in years}


def scalar(ind: Indicator, *, user) -> Decimal | None:
    """A stock's figure now (e.g. the registered total, the target value of the exits)."""
    return ind.per_year(user=user).get(None)


def drill_url(key: str, year: int) -> str:
    """The list behind the figure of `year`, with the filters it was counted with."""
    ind = find(key)
    if ind is None:
        return ""
    return ind.url(None if ind.shape == STOCK else year)

"""A city's view of its county pairs: each pair's plan evaluated for that pair alone, and the
pairs' targets added up (the city figure is the sum of its pairs' figures, by target key).

Dingxi's office sees every pair of its western counties, Fuzhou's every pair of its eastern
districts (their scope is the city: `accounts.roles.CITY_LEVEL`); a county user sees its own pair
here, a superuser every pair. Each pair links to its own dashboard (`?plan=KEY`); each figure
links to the part's list narrowed to the pair (`?pair=ID`) or, for a sum, to all its pairs
(`?pair=ID,ID`, accounts.pairs), so the list's total is the figure.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from xiezuo.plan.choices import Status, TargetKind
from xiezuo.plan.evaluation import (
    SOURCE_RECORDS,
    PlanResult,
    TargetResult,
    evaluate,
    plans_for,
    reader_for,
)
from xiezuo.plan.models import Plan
from xiezuo.regions.scoping import PAIR_PARAM

#: kinds whose yearly figures add up across pairs (a growth target's share does not)
ADDITIVE = {TargetKind.AT_LEAST, TargetKind.RANGE, TargetKind.CUMULATIVE, TargetKind.MILESTONE,
            TargetKind.COVERAGE}
STATUSES = (Status.MET, Status.ON_TRACK, Status.BEHIND, Status.NOT_MET)


@dataclass
class CityRow:
    """One target key across the pairs whose plans have it."""

    key: str
    text: str
    unit: str
    chapter: int
    kind: str
    by_pair: dict[int, TargetResult] = field(default_factory=dict)  # plan pk -> result

    @property
    def additive(self) -> bool:
        units = {r.target.unit_zh for r in self.by_pair.values()}
        return self.kind in ADDITIVE and len(units) <= 1

    def value(self, year: int) -> Decimal | None:
        """The pairs' figures of the year added up (running totals for cumulative targets)."""
        if not self.additive:
            return None
        shown = [r.years[year].shown for r in self.by_pair.values()
                 if year in r.years and r.years[year].shown is not None]
        return sum(shown, Decimal(0)) if shown else None

    def required(self, year: int) -> Decimal | None:
        """The pairs' targets of the year added up (where each states a number)."""
        if not self.additive:
            return None
        wanted = [r.years[year].required if r.years[year].required is not None else r.required
                  for r in self.by_pair.values() if year in r.years and r.years[year].applies]
        wanted = [w for w in wanted if w is not None]
        return sum(wanted, Decimal(0)) if wanted else None

    def url(self, year: int) -> str:
        """The parts' list behind the sum of `year`, narrowed to every pair it adds up
        (`?pair=ID,ID`): its total is the sum. Only for a year's own figure read from the same
        list in every pair (not a running total, a coverage or a milestone)."""
        if self.kind not in (TargetKind.AT_LEAST, TargetKind.RANGE) or not self.additive:
            return ""
        bases, ids = set(), []
        for r in self.by_pair.values():
            yr = r.years.get(year)
            url = yr.drill_url if yr is not None and yr.source == SOURCE_RECORDS else ""
            base, found, pair = url.rpartition(f"{PAIR_PARAM}=")
            if not found:
                return ""
            bases.add(base)
            ids.append(pair)
        return f"{bases.pop()}{PAIR_PARAM}={','.join(ids)}" if len(bases) == 1 else ""

    def met(self, year: int) -> int:
        return sum(1 for r in self.by_pair.values()
                   if year in r.years and r.years[year].status == Status.MET)


@dataclass
class CityResult:
    as_of: datetime.date
    pairs: list[tuple[Plan, PlanResult]]
    rows: list[CityRow]

    def counts(self, year: int) -> dict[str, int]:
        """Targets by status over every pair (the sum of the pairs' counts)."""
        out: dict[str, int] = {}
        for _plan, result in self.pairs:
            for s, n in result.counts(year).items():
                out[s] = out.get(s, 0) + n
        return out

    @property
    def years(self) -> list[int]:
        return sorted({y for plan, _r in self.pairs for y in plan.years})


def city_evaluate(*, user, as_of: datetime.date | None = None,
                  plans: list[Plan] | None = None) -> CityResult:
    """Every pair the user works in, each counted for that pair alone, and their sums."""
    plans = plans_for(user) if plans is None else plans
    pairs = [(plan, evaluate(plan, user=reader_for(user, plan), as_of=as_of)) for plan in plans]
    rows: dict[str, CityRow] = {}
    for plan, result in pairs:
        for r in result.targets:
            t = r.target
            row = rows.setdefault(t.key, CityRow(key=t.key, text=t.text, unit=t.unit,
                                                 chapter=t.chapter, kind=t.kind))
            row.by_pair[plan.pk] = r
    as_of = pairs[0][1].as_of if pairs else (as_of or datetime.date.today())
    return CityResult(as_of=as_of, pairs=pairs, rows=list(rows.values()))

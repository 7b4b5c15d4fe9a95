"""Named indicator sources: the parts' selectors, adapted to per-year values.

The plan reads the parts; no part imports the plan. Each selector is imported lazily, when a
number is needed: while a part is still missing (ImportError/AttributeError) its targets fall
back to aggregate entries, and the page says so.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from importlib import import_module

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Indicator:
    #: how the selector answers: "per_year" dict[int, number]; "by_year" f(year=) -> number;
    #: "scalar" one number for now (a stock, e.g. workstations in operation)
    shape: str
    #: url names that may list the records behind a number, tried in order; query parameter
    drill: tuple[str, ...] = ()
    drill_param: str = "year"
    #: more of the query string of the drill-down page (e.g. "east=1")
    extra: str = ""
    #: multiply the answer (shares 0..1 become percentages)
    scale: Decimal = Decimal(1)
    #: a selector answering every year at once ({year: value}), preferred when it exists
    batch: str = ""
    #: for "by_year": the plan's own all-years version built from the part's public selectors
    local_batch: Callable | None = None


def _deep_poverty_share_per_year(*, user) -> dict[int, Decimal] | None:
    """funds.deep_poverty_share for every year in 3 queries instead of 3 per year.

    Mirrors funds.selectors.deep_poverty_share (disbursements split evenly over a project's
    villages, a village counts when it or its township is deep-poverty, shares to 4 places) but
    groups by the project's year, so the dashboard stays within its query budget. Built only
    from the funds app's public selectors; None when one of them is missing. bench_plan.py
    checks it against the per-year selector on the full demo.
    """
    from collections import defaultdict

    from django.db.models import Sum

    base = "xiezuo.funds.selectors:"
    disbursements = resolve(base + "disbursements_visible")
    split = resolve(base + "split_evenly")
    deep_of = resolve(base + "deep_poverty_villages")
    if disbursements is None or split is None or deep_of is None:
        return None
    qs = disbursements(user=user)
    paid = {(pid, year): total for pid, year, total in
            qs.values_list("project", "project__year").annotate(total=Sum("amount")).order_by()}
    through = qs.model._meta.get_field("project").related_model.villages.through
    links: dict[int, list[int]] = defaultdict(list)
    for project_id, area_id in (through.objects.filter(project_id__in={p for p, _y in paid})
                                .order_by("project_id", "area__code")
                                .values_list("project_id", "area_id")):
        links[project_id].append(area_id)
    amounts: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for (project_id, year), total in paid.items():
        total = (total or Decimal(0)).quantize(Decimal("0.01"))
        for area_id, part in zip(links[project_id], split(total, len(links[project_id])),
                                 strict=True):
            amounts[year][area_id] += part
    deep = deep_of({a for by_area in amounts.values() for a in by_area})
    out = {}
    for year, by_area in amounts.items():
        whole = sum(by_area.values(), Decimal(0))
        part = sum((v for a, v in by_area.items() if a in deep), Decimal(0))
        out[year] = (part / whole).quantize(Decimal("0.0001")) if whole else Decimal(0)
    return out


INDICATORS: dict[str, Indicator] = {
    "xiezuo.registry.selectors:exit_counts": Indicator(
        "per_year", ("registry:household_list", "registry:person_list"), "exit_year"),
    "xiezuo.registry.selectors:poor_remaining": Indicator(
        "by_year", ("registry:household_list", "registry:person_list"), "year"),
    "xiezuo.funds.selectors:funds_per_year": Indicator(
        "per_year", ("funds:allocation_list", "funds:allocation_list"), "year"),
    "xiezuo.funds.selectors:disbursed_per_year": Indicator(
        "per_year", ("funds:ledger_list", "funds:disbursement_list"), "year"),
    "xiezuo.funds.selectors:deep_poverty_share": Indicator(
        "by_year", ("funds:supervision", "funds:allocation_list"), "year",
        scale=Decimal(100), batch="xiezuo.funds.selectors:deep_poverty_share_per_year",
        local_batch=_deep_poverty_share_per_year),
    "xiezuo.labour.selectors:transferred_to_east": Indicator(
        "per_year", ("labour:placement_list", "labour:placements"), "year", extra="east=1"),
    "xiezuo.labour.selectors:job_fairs": Indicator(
        "per_year", ("labour:job_fair_list", "labour:jobfair_list"), "year"),
    "xiezuo.labour.selectors:workstations": Indicator(
        "scalar", ("labour:workstation_list", "labour:workstations"),
        batch="xiezuo.labour.selectors:workstations_per_year"),
    "xiezuo.labour.selectors:graduates_employed": Indicator(
        "per_year", ("labour:graduate_list", "labour:placement_list"), "year"),
    "xiezuo.labour.selectors:interns_placed": Indicator(
        "per_year", ("labour:intern_list", "labour:intern_list"), "year"),
}

#: selectors that give a target value itself (the plan's number is the fallback)
VALUE_SELECTORS: dict[str, Indicator] = {
    "xiezuo.registry.selectors:registered_total": Indicator("scalar"),
}


def resolve(path: str) -> Callable | None:
    """The selector function, or None while its part is not there yet."""
    module_name, _, func = path.partition(":")
    try:
        return getattr(import_module(module_name), func)
    except (ImportError, AttributeError):
        return None


def per_year(path: str, func: Callable, *, user, years: list[int], current_year: int
             ) -> dict[int, Decimal]:
    """Call one selector and return its answer as {year: Decimal} for the plan's years."""
    ind = INDICATORS[path]
    out: dict[int, Decimal] = {}
    if ind.shape == "per_year":
        answer = func(user=user) or {}
        for y in years:
            if y in answer and answer[y] is not None:
                out[y] = Decimal(answer[y]) * ind.scale
    elif ind.shape == "by_year":
        batch = resolve(ind.batch) if ind.batch else None
        answer = batch(user=user) if batch else (
            ind.local_batch(user=user) if ind.local_batch else None)
        if answer is not None:
            for y in years:
                if y <= current_year:
                    out[y] = Decimal(answer.get(y, 0)) * ind.scale
            return out
        for y in years:
            if y <= current_year:
                v = func(user=user, year=y)
                if v is not None:
                    out[y] = Decimal(v) * ind.scale
    else:  # a stock counted now: known for the current year only, unless a per-year variant exists
        batch = resolve(ind.batch) if ind.batch else None
        if batch is not None:
            answer = batch(user=user) or {}
            return {y: Decimal(answer[y]) * ind.scale for y in years if answer.get(y) is not None}
        v = func(user=user)
        if v is not None and current_year in years:
            out[current_year] = Decimal(v) * ind.scale
    return out


def scalar(path: str, func: Callable, *, user) -> Decimal | None:
    v = func(user=user)
    return None if v is None else Decimal(v)


def drill_url(path: str, year: int) -> str:
    """The list of records behind a computed number, if the part has published that page."""
    ind = INDICATORS.get(path)
    if ind is None:
        return ""
    for name in ind.drill:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        if ind.shape == "scalar":
            return url
        return f"{url}?{ind.drill_param}={year}" + (f"&{ind.extra}" if ind.extra else "")
    return ""

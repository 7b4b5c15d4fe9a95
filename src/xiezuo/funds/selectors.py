"""Reads about money, always through `visible_to(user)`; the plan app calls the *_per_year ones.

Where money goes geographically: a project's disbursements are split evenly over its villages
(to the cent, the remainder on the first village by code), so a road through two villages
counts half in each. A village is in a deep-poverty area when it or its township is flagged
deep-poverty; it is a poor village when the registry holds registered poor households in it.
A disbursement counts for the year whose allocation pays for it (the project's funding year).
"""

import datetime
from collections import defaultdict
from decimal import ROUND_DOWN, Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from xiezuo.funds.choices import Category, EntryKind, ProjectStatus, Source
from xiezuo.funds.filters import AllocationFilters, LedgerFilters, ProjectFilters
from xiezuo.funds.models import Allocation, Disbursement, LedgerEntry, Project
from xiezuo.regions.models import Area
from xiezuo.regions.scoping import below_county, prefix_q, scope_prefixes

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
SHARE = Decimal("0.0001")


def allocations_visible(*, user) -> QuerySet[Allocation]:
    return Allocation.objects.visible_to(user)


def projects_visible(*, user) -> QuerySet[Project]:
    return Project.objects.visible_to(user)


def disbursements_visible(*, user) -> QuerySet[Disbursement]:
    return Disbursement.objects.visible_to(user)


def ledger_visible(*, user) -> QuerySet[LedgerEntry]:
    return LedgerEntry.objects.visible_to(user)


# --- The lists: each page reads one of these; the plan's figures count or sum over them ------
def project_list(*, user, filters: ProjectFilters) -> QuerySet[Project]:
    f = filters
    qs = projects_visible(user=user).select_related("county")
    if f.year:
        qs = qs.filter(year=f.year)
    if f.category:
        qs = qs.filter(category=f.category)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.township:
        # a township's code ends in 000 (its villages share its 9 digits); a village is itself
        prefix = f.township[:9] if f.township.endswith("000") else f.township
        links = Project.villages.through.objects.filter(
            project_id=OuterRef("pk"), area__code__startswith=prefix)
        qs = qs.filter(Exists(links))
    if f.q:
        qs = qs.filter(Q(code__icontains=f.q) | Q(name__icontains=f.q))
    if f.late:
        qs = qs.exclude(status=ProjectStatus.CANCELLED).filter(_late_q(timezone.localdate()))
    return qs.order_by("-year", "code")


def allocation_list(*, user, filters: AllocationFilters) -> QuerySet[Allocation]:
    """Allocations (reversals included, as negative amounts: their sum is the net money)."""
    qs = allocations_visible(user=user).select_related("county", "reverses", "reversed_by")
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.source:
        qs = qs.filter(source=filters.source)
    return qs.order_by("-year", "date", "pk")


def ledger_list(*, user, filters: LedgerFilters) -> QuerySet[LedgerEntry]:
    qs = ledger_visible(user=user)
    if filters.kind in EntryKind.values:
        qs = qs.filter(kind=filters.kind)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.project:
        qs = qs.filter(project_id=filters.project)
    return qs.order_by("-seq")


def list_sum(qs, field: str = "amount") -> Decimal:
    """The total of a money list (合计 … 元), to the cent."""
    return _cents(qs.order_by().aggregate(s=Sum(field))["s"])


# --- What the plan counts --------------------------------------------------------------------
def funds_per_year(*, user) -> dict[int, Decimal]:
    """Eastern fiscal aid allocated per year (net of reversals), against the plan's 5,000,000."""
    rows = (allocations_visible(user=user).filter(source=Source.EAST_FISCAL)
            .values("year").annotate(total=Sum("amount")).order_by("year"))
    return {r["year"]: _cents(r["total"]) for r in rows}


def _cents(value) -> Decimal:
    # SQLite sums NUMERIC columns without their scale: give every figure its 2 places back.
    return Decimal(value or 0).quantize(CENT)


def funds_by_source(*, user, year: int) -> dict[str, Decimal]:
    rows = (allocations_visible(user=user).filter(year=year).values("source")
            .annotate(total=Sum("amount")))
    out = {s: ZERO for s in Source.values}
    out.update({r["source"]: _cents(r["total"]) for r in rows})
    return out


def disbursed_per_year(*, user) -> dict[int, Decimal]:
    rows = (disbursements_visible(user=user).values("project__year")
            .annotate(total=Sum("amount")).order_by("project__year"))
    return {r["project__year"]: _cents(r["total"]) for r in rows}


def split_evenly(amount: Decimal, n: int) -> list[Decimal]:
    """`amount` in n shares to the cent that add up exactly; the remainder goes to the first."""
    if n <= 0:
        return []
    share = (amount / n).quantize(CENT, rounding=ROUND_DOWN)
    return [amount - share * (n - 1)] + [share] * (n - 1)


def _links_in_scope(user, project_ids) -> QuerySet:
    """(project, village) links of `project_ids`, ordered, keeping only the villages `user` sees:
    a road through two townships counts for a township clerk only its half in the township."""
    links = Project.villages.through.objects.filter(project_id__in=project_ids)
    prefixes = scope_prefixes(user)
    if prefixes is not None and below_county(user):
        links = links.filter(prefix_q("area__code", prefixes))
    return links.order_by("project_id", "area__code")


def _split(total: Decimal, all_villages: list[int], seen: set[int]) -> list[tuple[int, Decimal]]:
    return [(v, part) for v, part in zip(all_villages, split_evenly(total, len(all_villages)),
                                         strict=True) if v in seen]


def village_amounts(*, user, year: int | None = None) -> dict[int, Decimal]:
    """Net disbursed money per village id, split evenly over each project's villages; below
    county level only the villages the user sees (the share of the money spent in them)."""
    projects = projects_visible(user=user)
    if year is not None:
        projects = projects.filter(year=year)
    paid = {pid: _cents(total) for pid, total in
            disbursements_visible(user=user).filter(project__in=projects.values("pk"))
            .values_list("project").annotate(total=Sum("amount"))}
    links, seen = _village_links(user, paid)
    out: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for project_id, total in paid.items():
        for area_id, part in _split(total or ZERO, links[project_id], seen):
            out[area_id] += part
    return dict(out)


def _village_links(user, project_ids) -> tuple[dict[int, list[int]], set[int]]:
    """Every village of each project (the split is over all of them) and the ones in scope."""
    links: dict[int, list[int]] = defaultdict(list)
    for project_id, area_id in (Project.villages.through.objects
                                .filter(project_id__in=project_ids)
                                .order_by("project_id", "area__code")
                                .values_list("project_id", "area_id")):
        links[project_id].append(area_id)
    if below_county(user):
        seen = set(_links_in_scope(user, project_ids).values_list("area_id", flat=True))
    else:
        seen = {a for villages in links.values() for a in villages}
    return links, seen


def _share(part: Decimal, whole: Decimal) -> Decimal:
    if not whole:
        return Decimal("0")
    return (part / whole).quantize(SHARE)


def deep_poverty_villages(area_ids) -> set[int]:
    return set(Area.objects.filter(pk__in=area_ids).filter(
        Q(deep_poverty=True) | Q(parent__deep_poverty=True)).values_list("pk", flat=True))


def poor_villages(area_ids, year: int | None = None) -> set[int]:
    """Villages with registered poor households (still poor at the start of `year`, if given)."""
    from xiezuo.registry.models import Household

    households = Household.objects.filter(village=OuterRef("pk"))
    if year is not None:
        households = households.filter(Q(exit_year__isnull=True) | Q(exit_year__gte=year))
    return set(Area.objects.filter(pk__in=area_ids).filter(Exists(households))
               .values_list("pk", flat=True))


def deep_poverty_share(*, user, year: int) -> Decimal:
    """Share (0..1) of the year's disbursements that reached deep-poverty villages or townships."""
    amounts = village_amounts(user=user, year=year)
    deep = deep_poverty_villages(amounts)
    return _share(sum((a for v, a in amounts.items() if v in deep), ZERO), sum(amounts.values(),
                                                                               ZERO))


def deep_poverty_share_per_year(*, user) -> dict[int, Decimal]:
    """deep_poverty_share for every year at once (the plan's dashboard: few queries)."""
    paid = {(pid, year): _cents(total) for pid, year, total in
            disbursements_visible(user=user).values_list("project", "project__year")
            .annotate(total=Sum("amount")).order_by()}
    links, seen = _village_links(user, {p for p, _y in paid})
    amounts: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for (project_id, year), total in paid.items():
        for area_id, part in _split(total, links[project_id], seen):
            amounts[year][area_id] += part
    deep = deep_poverty_villages({a for by_area in amounts.values() for a in by_area})
    return {year: _share(sum((v for a, v in by_area.items() if a in deep), ZERO),
                         sum(by_area.values(), ZERO))
            for year, by_area in sorted(amounts.items())}


def poor_village_share(*, user, year: int) -> Decimal:
    """Share (0..1) of the year's disbursements that reached villages with registered poor
    households not yet out of poverty at the start of the year."""
    amounts = village_amounts(user=user, year=year)
    poor = poor_villages(amounts, year)
    return _share(sum((a for v, a in amounts.items() if v in poor), ZERO), sum(amounts.values(),
                                                                               ZERO))


# --- Supervision -----------------------------------------------------------------------------
def years_visible(*, user) -> list[int]:
    years = set(allocations_visible(user=user).values_list("year", flat=True).distinct())
    years |= set(projects_visible(user=user).values_list("year", flat=True).distinct())
    return sorted(years)


def _late_q(today: datetime.date) -> Q:
    return Q(planned_end__isnull=False) & (Q(actual_end__isnull=True, planned_end__lt=today)
                                           | Q(actual_end__gt=F("planned_end")))


def late_projects(*, user, today: datetime.date | None = None) -> QuerySet[Project]:
    """Not finished by their planned end, or finished after it."""
    today = today or timezone.localdate()
    return (projects_visible(user=user).exclude(status=ProjectStatus.CANCELLED)
            .filter(_late_q(today)))


def disbursements_without_voucher(*, user, year: int | None = None) -> QuerySet[Disbursement]:
    """Payments recorded without a voucher number (reversals aside): the officer's to-check
    list, shown on the supervision page."""
    qs = disbursements_visible(user=user).filter(voucher_no="", reverses__isnull=True)
    if year is not None:
        qs = qs.filter(project__year=year)
    return qs


def supervision(*, user, year: int, today: datetime.date | None = None) -> dict:
    """One year's figures for the supervision page, each with the records behind it."""
    today = today or timezone.localdate()
    allocs = allocations_visible(user=user).filter(year=year)
    projects = projects_visible(user=user).filter(year=year)
    disb = disbursements_visible(user=user).filter(project__year=year)
    allocated = _cents(allocs.aggregate(s=Sum("amount"))["s"])
    disbursed = _cents(disb.aggregate(s=Sum("amount"))["s"])
    budgeted = _cents(projects.aggregate(s=Sum("budget"))["s"])

    by_category = []
    cat_rows = {r["category"]: r for r in projects.values("category").annotate(
        n=Count("pk"), budget=Sum("budget"), paid=Sum("disbursed"))}
    for value, label in Category.choices:
        r = cat_rows.get(value)
        if r:
            by_category.append({"category": value, "label": label, "projects": r["n"],
                                "budget": _cents(r["budget"]), "disbursed": _cents(r["paid"]),
                                "remaining": _cents(r["budget"]) - _cents(r["paid"])})

    amounts = village_amounts(user=user, year=year)
    deep = deep_poverty_villages(amounts)
    poor = poor_villages(amounts, year)
    villages = {a.pk: a for a in Area.objects.filter(pk__in=amounts).select_related("parent")}
    townships: dict[int, dict] = {}
    for vid, amount in amounts.items():
        t = villages[vid].parent
        row = townships.setdefault(t.pk, {"township": t, "disbursed": ZERO, "villages": 0,
                                          "deep": ZERO})
        row["disbursed"] += amount
        row["villages"] += 1
        if vid in deep:
            row["deep"] += amount
    by_township = sorted(townships.values(), key=lambda r: r["township"].code)

    with_ben = projects.filter(beneficiaries__isnull=False).distinct()
    ben_paid = disb.filter(project__in=with_ben.values("pk")).aggregate(s=Sum("amount"))["s"]
    households = (Project.beneficiaries.through.objects
                  .filter(project__in=with_ben.values("pk")).values("household").distinct()
                  .count())
    total_village_money = sum(amounts.values(), ZERO)
    township = below_county(user)
    if township:
        # A township holds no allocation: what counts is the money spent in its villages (its
        # share of multi-village projects), and there is no balance of its own.
        disbursed = total_village_money
    return {
        "year": year,
        "below_county": township,
        "allocated": None if township else allocated,
        "by_source": funds_by_source(user=user, year=year),
        "budgeted": budgeted,
        "disbursed": disbursed,
        "remaining": None if township else allocated - disbursed,
        "disbursed_share": None if township else _share(disbursed, allocated),
        "by_category": by_category,
        "by_township": by_township,
        "deep_share": _share(sum((a for v, a in amounts.items() if v in deep), ZERO),
                             total_village_money),
        "poor_share": _share(sum((a for v, a in amounts.items() if v in poor), ZERO),
                             total_village_money),
        "households": households,
        "per_household": ((ben_paid or ZERO) / households).quantize(CENT) if households else None,
        "no_beneficiaries": projects.exclude(status=ProjectStatus.CANCELLED)
        .filter(beneficiaries__isnull=True).order_by("code"),
        "no_voucher": disbursements_without_voucher(user=user, year=year)
        .select_related("project").order_by("date"),
        "late": late_projects(user=user, today=today).filter(year=year).order_by("planned_end"),
    }


def yearly_chart(*, user) -> dict:
    """All money allocated and disbursed per year, for the supervision page's chart."""
    allocated = {r["year"]: _cents(r["total"]) for r in allocations_visible(user=user)
                 .values("year").annotate(total=Sum("amount"))}
    disbursed = disbursed_per_year(user=user)
    if below_county(user):  # no allocation of its own; the money spent in its villages
        allocated = {}
        disbursed = {y: sum(village_amounts(user=user, year=y).values(), ZERO) for y in disbursed}
    years = sorted(set(allocated) | set(disbursed))
    return {"years": years,
            "allocated": [float(allocated.get(y, 0)) for y in years],
            "disbursed": [float(disbursed.get(y, 0)) for y in years]}


def plan_figures(*, user) -> list[dict]:
    """Per year: eastern fiscal aid against 5,000,000 yuan and against the year before."""
    per_year = funds_per_year(user=user)
    out, previous = [], None
    for year, amount in sorted(per_year.items()):
        out.append({"year": year, "amount": amount, "meets_minimum": amount >= 5_000_000,
                    "grows": None if previous is None else amount > previous,
                    "previous": previous})
        previous = amount
    return out

"""Reads of the industry part, all scoped by `visible_to(user)`. The lists' selectors are what
the pages show and what the plan's indicators count over (industry.indicators)."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import connections
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from xiezuo.core.years import PLAN_LAST
from xiezuo.industry.choices import ReachKind, Stage
from xiezuo.industry.filters import (
    ArrivalFilters,
    DealFilters,
    EventFilters,
    HouseholdFilters,
    InvestorFilters,
    LinkageFilters,
    ProductFilters,
    ProjectFilters,
    SaleFilters,
)
from xiezuo.industry.models import (
    Deal,
    InvestmentArrival,
    InvestmentProject,
    Linkage,
    Product,
    Sale,
    SaleHousehold,
    SaleYear,
    TradeEvent,
    VillageReach,
)
from xiezuo.orgs.models import Organisation
from xiezuo.regions.choices import Level
from xiezuo.regions.codes import code_prefix
from xiezuo.registry.models import Household

EAST = "east"


def _township_prefix(code: str) -> str:
    """What the areas in a township (a filter's code, from the area picker) start with."""
    return code_prefix(code, Level.TOWNSHIP)


def _east_q(prefix: str = "") -> Q:
    """Projects of an eastern investor, or introduced by the east (the assessment counts both)."""
    return Q(**{f"{prefix}investor__side": EAST}) | Q(**{f"{prefix}introduced_by_east": True})


def project_list(*, user, filters: ProjectFilters) -> QuerySet[InvestmentProject]:
    f = filters
    qs = InvestmentProject.objects.visible_to(user).select_related("investor", "area")
    if f.q:
        qs = qs.filter(Q(code__icontains=f.q) | Q(name__icontains=f.q)
                       | Q(investor__name__icontains=f.q))
    if f.sector:
        qs = qs.filter(sector=f.sector)
    if f.stage:
        qs = qs.filter(stage=f.stage)
    if f.township:
        qs = qs.filter(area__code__startswith=_township_prefix(f.township))
    if f.year:
        qs = qs.filter(signed_on__year=f.year)
    if f.east:
        qs = qs.filter(_east_q())
    return qs


def investor_list(*, user, filters: InvestorFilters) -> QuerySet[Organisation]:
    """The organisations investing in the projects the user sees: signed (not in talks, not
    ended before signing), in `year` when given; each once (the assessment's 引进企业)."""
    f = filters
    projects = InvestmentProject.objects.visible_to(user).exclude(signed_on=None)
    if f.year:
        projects = projects.filter(signed_on__year=f.year)
    if f.east:
        projects = projects.filter(_east_q())
    return (Organisation.objects.filter(pk__in=projects.values("investor_id"))
            .annotate(n_projects=Count("industry_projects", distinct=True))
            .order_by("name", "id"))


def investor_years(*, user, east: bool = True) -> dict[int, int]:
    """{year: investors with a project signed that year} (each investor once per year)."""
    projects = InvestmentProject.objects.visible_to(user).exclude(signed_on=None)
    if east:
        projects = projects.filter(_east_q())
    rows = (projects.order_by().annotate(y=ExtractYear("signed_on")).values("y")
            .annotate(n=Count("investor", distinct=True)).values_list("y", "n"))
    return dict(rows)


def plan_figures(*, user) -> dict[str, dict[int, Decimal]]:
    """Every ch.3 figure the plan reads, per year, from ONE query (a UNION ALL of five reads;
    the plan dashboard has a query budget and asks every part's indicators):

    - `enterprises`: investors with a project signed that year (investor_list, east),
    - `invested`: money arrived (arrival_list), `sales`: consumption sales (sale_list),
    - `linkage_households` / `linkage_persons` and `sale_households` / `sale_persons`: the
      households of household_list (via linkage / via sale) reached that year, each once, and
      their registered persons.

    Each part is the list selector the indicator links to, with the year left open, except the
    sales' total and the households reached: they read the trigger-kept rollups
    (industry/rollup.py: SaleYear, VillageReach), tested equal to sale_list's total and
    household_list's count and persons for every year and scope
    (tests/industry/test_industry_rollup.py). Kept for the rest of one plan evaluation
    (core.indicators.evaluation_memo)."""
    from xiezuo.core.indicators import evaluation_memo

    return evaluation_memo(f"industry.plan_figures:{getattr(user, 'pk', None)}:{id(user)}",
                           lambda: _plan_figures(user))


def _plan_figures(user) -> dict[str, dict[int, Decimal]]:
    from django.db.models import BigIntegerField, F, IntegerField, Value
    from django.db.models import CharField as Text
    from django.db.models.functions import Cast, Round

    from xiezuo.core.indicators import DateYear

    def row(qs, tag: str, year, ident):
        return (qs.order_by().annotate(t_=Value(tag, output_field=Text()),
                                       y_=Cast(year, IntegerField()),
                                       i_=Cast(ident, IntegerField()))
                .values("t_", "y_", "i_"))

    def grouped(qs, tag: str, n, v):
        """Already counted per year in SQL: i_ holds the count, v_ the sum."""
        return (qs.order_by().values("year")
                .annotate(t_=Value(tag, output_field=Text()),
                          y_=Cast(F("year"), IntegerField()), i_=Cast(n, IntegerField()),
                          v_=Cast(v, money)))

    projects = InvestmentProject.objects.visible_to(user).exclude(signed_on=None).filter(_east_q())
    # whole cents: a decimal's Sum differs in type across backends (SQLite sums as REAL, so
    # rounded to the cent, as the list's own total is quantized); bigint: a county's sales pass
    # 2^31 cents (21 million yuan) and PostgreSQL's integer overflowed on the demo
    money = BigIntegerField()
    reach = VillageReach.objects.visible_to(user)
    parts = [
        row(projects, "ent", DateYear("signed_on"), F("investor_id"))
        .annotate(v_=Value(0, output_field=money)).distinct(),
        row(arrival_list(user=user, filters=ArrivalFilters()), "inv", F("year"), Value(0))
        .annotate(v_=Cast(Round(Sum("amount") * 100), money)),
        # sale_list's sales per year: the rollup by township, buyer and year, in the same scope
        grouped(SaleYear.objects.visible_to(user), "sales", Sum("sales"), Sum("cents")),
        # household_list(via="linkage" | "sale"): the visible households with a linkage or a
        # sale's link in that year, and their members, from the villages' rollup (a few rows
        # per village, read by the ids of the scope's villages)
        grouped(reach.filter(kind=ReachKind.LINKAGE), "link", Sum("households"), Sum("persons")),
        grouped(reach.filter(kind=ReachKind.SALE), "sale", Sum("households"), Sum("persons")),
    ]
    union = parts[0].values_list("t_", "y_", "i_", "v_").union(
        *(p.values_list("t_", "y_", "i_", "v_") for p in parts[1:]), all=True)
    # Grouped once more in SQL, so a few rows per year come back, not one per distinct
    # (year, investor) or (year, household): their count is the figure, their sum the persons.
    # A grouped part is one row per year: its count is in i_, its sum in v_.
    sql, params = union.query.sql_with_params()
    with connections[union.db].cursor() as cursor:
        cursor.execute(f"SELECT t_, y_, count(*), sum(i_), sum(v_) FROM ({sql}) u "
                       "GROUP BY t_, y_", params)
        rows = cursor.fetchall()
    out: dict[str, dict[int, Decimal]] = defaultdict(dict)
    cent = Decimal("0.01")
    names = {"ent": ("enterprises", None), "inv": (None, "invested"), "sales": (None, "sales"),
             "link": ("linkage_households", "linkage_persons"),
             "sale": ("sale_households", "sale_persons")}
    for tag, year, distinct_rows, n, v in rows:
        if year is None:
            continue
        count_name, sum_name = names[tag]
        if count_name:
            out[count_name][year] = Decimal(n if tag in {"link", "sale"} else distinct_rows)
        if sum_name:
            out[sum_name][year] = Decimal(int(v or 0)) * (cent if tag in {"inv", "sales"} else 1)
    return {k: dict(d) for k, d in out.items()}


def arrival_list(*, user, filters: ArrivalFilters) -> QuerySet[InvestmentArrival]:
    f = filters
    qs = InvestmentArrival.objects.visible_to(user).select_related("project__investor")
    if f.year:
        qs = qs.filter(year=f.year)
    if f.project is not None:
        qs = qs.filter(project=f.project)
    if f.east:
        qs = qs.filter(_east_q("project__"))
    return qs


def linkage_list(*, user, filters: LinkageFilters) -> QuerySet[Linkage]:
    f = filters
    qs = Linkage.objects.visible_to(user).select_related("project", "household__village__parent")
    if f.year:
        qs = qs.filter(year=f.year)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.project is not None:
        qs = qs.filter(project=f.project)
    if f.township:
        qs = qs.filter(household__village__code__startswith=_township_prefix(f.township))
    return qs


def household_list(*, user, filters: HouseholdFilters) -> QuerySet[Household]:
    """The registered poor households reached by the projects (`via` linkage) or by the
    consumption sales (`via` sale), in `year` when given, each once, with `persons`."""
    f = filters
    if f.via == "sale":
        inner = SaleHousehold.objects.filter(household=OuterRef("pk"))
        if f.year:
            inner = inner.filter(sale__date__year=f.year)
    else:
        inner = Linkage.objects.filter(household=OuterRef("pk"))
        if f.year:
            inner = inner.filter(year=f.year)
    qs = (Household.objects.visible_to(user).filter(Exists(inner))
          .select_related("village__parent"))
    if f.township:
        qs = qs.filter(village__code__startswith=_township_prefix(f.township))
    return qs


def household_years(*, user, via: str) -> dict[int, tuple[int, int]]:
    """{year: (households, persons)} reached each year (a household once per year)."""
    visible = Household.objects.visible_to(user)
    if via == "sale":
        pairs = (SaleHousehold.objects.filter(household__in=visible)
                 .annotate(y=ExtractYear("sale__date")).values_list("y", "household_id",
                                                                    "household__member_count"))
    else:
        pairs = (Linkage.objects.filter(household__in=visible)
                 .values_list("year", "household_id", "household__member_count"))
    seen: dict[int, dict[int, int]] = defaultdict(dict)
    for y, hid, members in pairs.order_by().distinct():
        seen[y][hid] = members or 0
    return {y: (len(d), sum(d.values())) for y, d in sorted(seen.items())}


def event_list(*, user, filters: EventFilters) -> QuerySet[TradeEvent]:
    f = filters
    qs = TradeEvent.objects.visible_to(user).select_related("area").annotate(
        n_deals=Count("deals", distinct=True)).order_by("-started_on", "-id")
    if f.year:
        qs = qs.filter(started_on__year=f.year)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.series:
        qs = qs.filter(series=f.series)
    return qs


def deal_list(*, user, filters: DealFilters) -> QuerySet[Deal]:
    f = filters
    qs = (Deal.objects.visible_to(user).select_related("event", "project", "sale")
          .prefetch_related("organisations"))
    if f.year:
        qs = qs.filter(event__started_on__year=f.year)
    if f.follow_up:
        qs = qs.filter(follow_up=f.follow_up)
    return qs


def sale_list(*, user, filters: SaleFilters) -> QuerySet[Sale]:
    f = filters
    qs = Sale.objects.visible_to(user).select_related("township", "buyer", "supplier",
                                                      "supplier_household")
    if f.q:
        qs = qs.filter(product__icontains=f.q)
    if f.year:
        qs = qs.filter(date__year=f.year)
    if f.product:
        qs = qs.filter(product=f.product)
    if f.channel:
        qs = qs.filter(channel=f.channel)
    if f.buyer_kind:
        qs = qs.filter(buyer_kind=f.buyer_kind)
    if f.buyer is not None:
        qs = qs.filter(buyer=f.buyer)
    if f.township:
        qs = qs.filter(township__code=f.township)
    if f.event is not None:
        qs = qs.filter(event=f.event)
    return qs


def product_list(*, user, filters: ProductFilters) -> QuerySet[Product]:
    f = filters
    qs = Product.objects.visible_to(user).select_related("township", "supplier")
    if f.q:
        qs = qs.filter(Q(name__icontains=f.q) | Q(supplier__name__icontains=f.q))
    if f.published:
        qs = qs.filter(published=f.published == "yes")
    if f.certification:
        qs = qs.filter(certification=f.certification)
    return qs


def showcase_products() -> QuerySet[Product]:
    """The public showcase: published products only, for anyone (no user, no scope)."""
    return Product.objects.published().select_related("township", "supplier")


# --- totals ---------------------------------------------------------------------------------------

#: the dimensions of the consumption totals: (key, the sale field grouped by, the filter key)
DIMENSIONS = {
    "product": ("product", "product"),
    "channel": ("channel", "channel"),
    "buyer_kind": ("buyer_kind", "buyer_kind"),
    "buyer": ("buyer_id", "buyer"),
    "township": ("township_id", "township"),
}


def sale_totals(*, user, filters: SaleFilters, by: str) -> list[dict]:
    """The sales of `filters` grouped by one dimension: sales, amount and households reached
    (each household once per group), biggest amount first."""
    field, _key = DIMENSIONS[by]
    sales = sale_list(user=user, filters=filters).order_by()
    rows = {r[field]: {"key": r[field], "sales": r["n"], "amount": r["amount"] or Decimal(0),
                       "households": 0}
            for r in sales.values(field).annotate(n=Count("pk"), amount=Sum("amount"))}
    reached = (SaleHousehold.objects.filter(
                   Household.objects.visible_through(user, "household"),
                   sale__in=sales.values("pk"))
               .values(f"sale__{field}").annotate(n=Count("household", distinct=True))
               .values_list(f"sale__{field}", "n"))
    for k, n in reached.order_by():
        if k in rows:
            rows[k]["households"] = n
    return sorted(rows.values(), key=lambda r: (-r["amount"], str(r["key"])))


def sale_summary(*, user, filters: SaleFilters) -> dict:
    sales = sale_list(user=user, filters=filters).order_by()
    agg = sales.aggregate(n=Count("pk"), amount=Sum("amount"))
    households = (SaleHousehold.objects.filter(
                      Household.objects.visible_through(user, "household"),
                      sale__in=sales.values("pk"))
                  .values("household").distinct().count())
    return {"sales": agg["n"], "amount": agg["amount"] or Decimal(0), "households": households}


def sale_years(*, user) -> dict[int, Decimal]:
    rows = (Sale.objects.visible_to(user).order_by().annotate(y=ExtractYear("date"))
            .values("y").annotate(v=Sum("amount")).values_list("y", "v"))
    return {y: v for y, v in rows}


def household_income(*, household, user) -> list[dict]:
    """One household's linkage income per year (the registry's household page shows it):
    [{"year", "total", "linkages": [Linkage…]}], latest year first."""
    by_year: dict[int, list] = defaultdict(list)
    for link in (Linkage.objects.visible_to(user).filter(household=household)
                 .select_related("project__investor").order_by("-year", "project__code")):
        by_year[link.year].append(link)
    return [{"year": y, "total": sum((x.amount for x in items), Decimal(0)), "linkages": items}
            for y, items in sorted(by_year.items(), reverse=True)]


def industry_summary(*, user) -> dict:
    projects = InvestmentProject.objects.visible_to(user)
    return {
        "projects": projects.count(),
        "operating": projects.filter(stage=Stage.OPERATING).count(),
        "invested": InvestmentArrival.objects.visible_to(user).aggregate(
            v=Sum("amount"))["v"] or Decimal(0),
        "sales": Sale.objects.visible_to(user).aggregate(v=Sum("amount"))["v"] or Decimal(0),
    }


def record_years() -> set[int]:
    """The years after the plan (2021 on) that hold industry records: the year selectors offer
    them beside the plan's years (core.years.year_choices). Range reads on indexed or small
    columns, one per kind of record."""
    after = datetime.date(PLAN_LAST + 1, 1, 1)
    years = {d.year for d in InvestmentProject.objects.filter(signed_on__gte=after)
             .dates("signed_on", "year")}
    years |= {d.year for d in Sale.objects.filter(date__gte=after).dates("date", "year")}
    years |= {d.year for d in TradeEvent.objects.filter(started_on__gte=after)
              .dates("started_on", "year")}
    for model in (InvestmentArrival, Linkage):
        years |= set(model.objects.filter(year__gt=PLAN_LAST).values_list("year", flat=True)
                     .distinct().order_by())
    return years


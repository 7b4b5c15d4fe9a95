"""Reads of the social-participation part, all scoped by `visible_to(user)`.

The lists are what the pages show and what the plan's figures count over; coverage (which of
the 18 townships and which deep-poverty villages are paired in a year) reads the pairings in
force that year through the same lists and applies coverage.py's rule.
"""

import datetime
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from xiezuo.orgs.choices import OrgRole
from xiezuo.orgs.models import Organisation
from xiezuo.pairing import coverage
from xiezuo.pairing.choices import DonationKind
from xiezuo.pairing.filters import (
    ActivityFilters,
    DonationFilters,
    EnterprisePairingFilters,
    ServiceFilters,
    TownPairingFilters,
    VolunteerFilters,
    VolunteerOrgFilters,
)
from xiezuo.pairing.models import (
    Donation,
    EnterprisePairing,
    PairingActivity,
    ServiceActivity,
    TownPairing,
    Volunteer,
)
from xiezuo.regions.choices import Level, Side
from xiezuo.regions.models import Area

ZERO = Decimal("0.00")


def in_force_q(year: int, prefix: str = "") -> Q:
    """The pairings in force on at least one day of `year` (coverage.in_force, in SQL)."""
    return (Q(**{f"{prefix}started_on__lte": datetime.date(year, 12, 31)})
            & (Q(**{f"{prefix}ended_on__isnull": True})
               | Q(**{f"{prefix}ended_on__gte": datetime.date(year, 1, 1)})))


def _township_prefix(code: str) -> str:
    """What the codes of a township's villages start with (a filter's code, from the picker)."""
    return code[:9]


def _count_of(model, field: str):
    """How many `model` rows point at the row (a subquery: the list's rows are never
    multiplied by a join, so a sum over the list counts each row once)."""
    sub = (model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
           .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


# --- the lists --------------------------------------------------------------------------------

def town_pairing_list(*, user, filters: TownPairingFilters) -> QuerySet[TownPairing]:
    f = filters
    qs = (TownPairing.objects.visible_to(user).select_related("east_town", "west_township")
          .annotate(n_activities=_count_of(PairingActivity, "town_pairing")))
    if f.year:
        qs = qs.filter(in_force_q(f.year))
    if f.township:
        qs = qs.filter(west_township__code=f.township)
    if f.east_town:
        qs = qs.filter(east_town=f.east_town)
    return qs.order_by("west_township__code", "started_on", "id")


def enterprise_pairing_list(*, user, filters: EnterprisePairingFilters
                            ) -> QuerySet[EnterprisePairing]:
    f = filters
    qs = (EnterprisePairing.objects.visible_to(user)
          .select_related("enterprise__area", "village__parent")
          .annotate(n_activities=_count_of(PairingActivity, "enterprise_pairing")))
    if f.year:
        qs = qs.filter(in_force_q(f.year))
    if f.township:
        qs = qs.filter(village__code__startswith=_township_prefix(f.township))
    if f.village:
        qs = qs.filter(village=f.village)
    if f.deep:
        qs = qs.filter(village__deep_poverty=True)
    if f.q:
        qs = qs.filter(enterprise__name__icontains=f.q.strip())
    return qs.order_by("village__code", "started_on", "id")


def activity_list(*, user, filters: ActivityFilters) -> QuerySet[PairingActivity]:
    f = filters
    qs = PairingActivity.objects.visible_to(user).select_related(
        "town_pairing__east_town", "town_pairing__west_township",
        "enterprise_pairing__enterprise", "enterprise_pairing__village")
    if f.year:
        qs = qs.filter(date__year=f.year)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.town_pairing:
        qs = qs.filter(town_pairing_id=f.town_pairing)
    if f.enterprise_pairing:
        qs = qs.filter(enterprise_pairing_id=f.enterprise_pairing)
    if f.side == "town":
        qs = qs.filter(town_pairing__isnull=False)
    elif f.side == "enterprise":
        qs = qs.filter(enterprise_pairing__isnull=False)
    return qs.order_by("-date", "-id")


def donation_list(*, user, filters: DonationFilters) -> QuerySet[Donation]:
    f = filters
    qs = Donation.objects.visible_to(user).select_related("donor", "area", "school").annotate(
        n_households=_count_of(Donation.households.through, "donation"))
    if f.year:
        qs = qs.filter(date__year=f.year)
    if f.purpose:
        qs = qs.filter(purpose=f.purpose)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.category:
        qs = qs.filter(donor_category=f.category)
    if f.funds == "in":
        qs = qs.filter(funds_allocation_id__isnull=False)
    elif f.funds == "out":
        qs = qs.filter(funds_allocation_id__isnull=True)
    if f.township:
        qs = qs.filter(area__code__startswith=_township_prefix(f.township))
    if f.household:
        qs = qs.filter(pk__in=Donation.households.through.objects.filter(
            household_id=f.household).values("donation_id"))
    if f.q:
        q = f.q.strip()
        qs = qs.filter(Q(donor__name__icontains=q) | Q(donor_name__icontains=q)
                       | Q(receipt_no__icontains=q))
    return qs.order_by("-date", "-id")


def volunteer_org_list(*, user, filters: VolunteerOrgFilters) -> QuerySet[Organisation]:
    """The social organisations (the register's organisations with the social_org role), each
    with its volunteers, service activities and hours."""
    hours = (ServiceActivity.objects.filter(organisation=OuterRef("pk")).order_by()
             .values("organisation").annotate(h=Sum("hours")).values("h"))
    qs = (Organisation.objects.visible_to(user).with_role(OrgRole.SOCIAL_ORG)
          .select_related("area")
          .annotate(n_volunteers=_count_of(Volunteer, "organisation"),
                    n_services=_count_of(ServiceActivity, "organisation"),
                    hours=Subquery(hours)))
    if filters.q:
        qs = qs.filter(name__icontains=filters.q.strip())
    return qs.order_by("name", "id")


def volunteer_list(*, user, filters: VolunteerFilters) -> QuerySet[Volunteer]:
    f = filters
    qs = (Volunteer.objects.visible_to(user).select_related("organisation", "area")
          .annotate(n_services=_count_of(ServiceActivity.volunteers.through, "volunteer")))
    if f.q:
        qs = qs.filter(name__icontains=f.q.strip())
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.organisation:
        qs = qs.filter(organisation_id=f.organisation)
    return qs.order_by("name", "id")


def service_list(*, user, filters: ServiceFilters) -> QuerySet[ServiceActivity]:
    f = filters
    qs = (ServiceActivity.objects.visible_to(user).select_related("organisation", "area")
          .annotate(n_volunteers=_count_of(ServiceActivity.volunteers.through,
                                           "serviceactivity")))
    if f.year:
        qs = qs.filter(date__year=f.year)
    if f.organisation:
        qs = qs.filter(organisation_id=f.organisation)
    if f.township:
        qs = qs.filter(area__code__startswith=_township_prefix(f.township))
    return qs.order_by("-date", "-id")


# --- coverage ---------------------------------------------------------------------------------

def townships(*, user) -> list[tuple[str, str]]:
    """The western townships the user sees (Lintao's 18 for its county-wide users; each pair's
    own for its users: several pairs share the system)."""
    return list(Area.objects.visible_to(user).filter(
        level=Level.TOWNSHIP, side=Side.WEST).order_by("code")
        .values_list("code", "name"))


def deep_villages(*, user) -> list[tuple[str, str]]:
    """The western county's deep-poverty villages the user sees."""
    return list(Area.objects.visible_to(user).filter(
        level=Level.VILLAGE, side=Side.WEST, deep_poverty=True).order_by("code")
        .values_list("code", "name"))


def _town_spans(user, year: int):
    rows = town_pairing_list(user=user, filters=TownPairingFilters(year=year)).values_list(
        "pk", "west_township__code", "started_on", "ended_on")
    return [(pk, coverage.Span(code, s, e)) for pk, code, s, e in rows]


def _village_spans(user, year: int):
    rows = enterprise_pairing_list(
        user=user, filters=EnterprisePairingFilters(year=year, deep=True)).values_list(
        "pk", "village__code", "started_on", "ended_on")
    return [(pk, coverage.Span(code, s, e)) for pk, code, s, e in rows]


def coverage_spans(*, user) -> dict[str, list[coverage.Span]]:
    """Every town pairing (as its township and dates) and every enterprise pairing of a
    deep-poverty village (as its village and dates) the user sees, for all years, in ONE query
    (UNION ALL of the two lists): the plan's dashboard reads both coverage targets from it."""
    towns = town_pairing_list(user=user, filters=TownPairingFilters()).order_by().annotate(
        k=Value("town")).values_list("k", "west_township__code", "started_on", "ended_on")
    villages = enterprise_pairing_list(
        user=user, filters=EnterprisePairingFilters(deep=True)).order_by().annotate(
        k=Value("village")).values_list("k", "village__code", "started_on", "ended_on")
    out: dict[str, list[coverage.Span]] = {"town": [], "village": []}
    for kind, code, started, ended in towns.union(villages, all=True):
        out[kind].append(coverage.Span(code, started, ended))
    return out


def township_coverage(*, user, year: int) -> list[coverage.Member]:
    """Every township the user sees, paired with a Cangshan town or street in `year` or not."""
    return coverage.coverage_table(townships(user=user), _town_spans(user, year), year)


def village_coverage(*, user, year: int) -> list[coverage.Member]:
    """Every deep-poverty village the user sees, paired with an enterprise in `year` or not."""
    return coverage.coverage_table(deep_villages(user=user), _village_spans(user, year), year)


def paired_townships(*, user, year: int) -> set[str]:
    """The codes of the townships paired in `year` (the plan's coverage target counts these)."""
    return {m.code for m in township_coverage(user=user, year=year) if m.paired}


def paired_deep_villages(*, user, year: int) -> set[str]:
    return {m.code for m in village_coverage(user=user, year=year) if m.paired}


# --- totals -----------------------------------------------------------------------------------

def donation_totals(*, user, filters: DonationFilters | None = None) -> dict[str, Decimal | int]:
    """The donations of a list, each yuan once: money and goods (valued) apart, and of the
    money how much was passed into the cooperation funds (counted there as a funds allocation
    of source 社会捐赠) and how much was not.

    A total of funds and donations together is the funds' total plus `money_outside_funds`
    (never plus `money`): the linked yuan is already among the funds' allocations."""
    qs = donation_list(user=user, filters=filters or DonationFilters()).order_by()
    plain = qs.aggregate(
        n=Count("pk"),
        money=Sum("amount", filter=Q(kind=DonationKind.MONEY)),
        goods=Sum("amount", filter=Q(kind=DonationKind.GOODS)),
        in_funds=Sum("amount", filter=Q(kind=DonationKind.MONEY,
                                        funds_allocation_id__isnull=False)))
    money = _yuan(plain["money"])
    in_funds = _yuan(plain["in_funds"])
    goods = _yuan(plain["goods"])
    return {"count": plain["n"] or 0, "money": money, "goods": goods, "total": money + goods,
            "money_in_funds": in_funds, "money_outside_funds": money - in_funds}


def _yuan(v) -> Decimal:
    return Decimal(v or 0).quantize(Decimal("0.01"))


def service_totals(*, user, filters: ServiceFilters | None = None) -> dict:
    qs = service_list(user=user, filters=filters or ServiceFilters()).order_by()
    agg = qs.aggregate(n=Count("pk"), hours=Sum("hours"), served=Sum("people_served"))
    return {"count": agg["n"] or 0, "hours": Decimal(agg["hours"] or 0).quantize(Decimal("0.1")),
            "people_served": agg["served"] or 0}


def activity_totals(*, user, filters: ActivityFilters | None = None) -> dict:
    qs = activity_list(user=user, filters=filters or ActivityFilters()).order_by()
    agg = qs.aggregate(n=Count("pk"), money=Sum("money"), goods=Sum("goods_value"),
                       projects=Sum("projects_started"))
    return {"count": agg["n"] or 0, "money": _yuan(agg["money"]), "goods": _yuan(agg["goods"]),
            "projects": agg["projects"] or 0}


def household_donations(*, user, household) -> QuerySet[Donation]:
    """The donations that reached a registered household (its page's panel)."""
    return donation_list(user=user, filters=DonationFilters(household=household.pk))

"""Reads of the outreach part, all through `visible_to(user)`.

The coverage lists are the registry's villages and households, each with whether the campaign
(or the year's campaigns) reached it: the figure (reached of all) is a count over the same list,
and the unreached are the same list filtered `reached=no`, for follow-up.
"""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from xiezuo.labour.outreach import coverage as cov
from xiezuo.labour.outreach.choices import REACHED_RESULTS
from xiezuo.labour.outreach.filters import (
    CampaignFilters,
    HouseholdCoverageFilters,
    SmsBatchFilters,
    VillageCoverageFilters,
)
from xiezuo.labour.outreach.models import (
    Campaign,
    HouseholdContact,
    HouseholdReach,
    OutreachRollup,
    SmsBatch,
    VillageDelivery,
)
from xiezuo.regions.choices import Level, Side
from xiezuo.regions.models import Area
from xiezuo.registry.models import Household


def campaigns_visible(*, user) -> QuerySet[Campaign]:
    return Campaign.objects.visible_to(user).select_related("county")


def campaign_list(*, user, filters: CampaignFilters) -> QuerySet[Campaign]:
    f = filters
    qs = campaigns_visible(user=user).annotate(
        n_villages=Count("deliveries__village", distinct=True,
                         filter=Q(deliveries__in=VillageDelivery.objects.visible_to(user))))
    if f.year:
        qs = qs.filter(year=f.year)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.q:
        qs = qs.filter(title__icontains=f.q)
    return qs.order_by("-year", "-started_on", "-id")


def villages_visible(*, user) -> QuerySet[Area]:
    """The western county's villages the user sees (Lintao: 323)."""
    return Area.objects.visible_to(user).filter(level=Level.VILLAGE, side=Side.WEST)


def _delivery_cond(prefix: str, f) -> dict:
    cond = {}
    if f.campaign:
        cond[f"{prefix}campaign"] = f.campaign
    if f.year:
        cond[f"{prefix}campaign__year"] = f.year
    return cond


def village_coverage_list(*, user, filters: VillageCoverageFilters) -> QuerySet[Area]:
    """Villages with `reached` (a delivery by the campaign / in the year / ever) and `n_deliveries`.

    `reached=yes` filters through the join (so the plan's per-year count, grouped by the
    delivery's campaign year, counts each village in the years it was reached)."""
    f = filters
    qs = villages_visible(user=user).select_related("parent")
    if f.township:
        qs = qs.filter(parent=f.township)
    deliveries = VillageDelivery.objects.filter(village=OuterRef("pk"), **_delivery_cond("", f))
    if f.reached == "yes":
        qs = qs.filter(outreach_deliveries__isnull=False,
                       **_delivery_cond("outreach_deliveries__", f)).distinct()
    elif f.reached == "no":
        qs = qs.exclude(Exists(deliveries))
    return qs.annotate(reached=Exists(deliveries)).order_by("code")


def _reach_q(f) -> dict:
    return {"result__in": REACHED_RESULTS, **_delivery_cond("", f)}


def household_coverage_list(*, user, filters: HouseholdCoverageFilters) -> QuerySet[Household]:
    """Registered households with `reached` (a visit that met them or a delivered text, by the
    campaign / in the year / ever) and `has_phone`."""
    f = filters
    qs = Household.objects.visible_to(user).select_related("village__parent", "outreach_contact")
    if f.township:
        qs = qs.filter(township=f.township)
    reaches = HouseholdReach.objects.filter(household=OuterRef("pk"), **_reach_q(f))
    if f.reached == "yes":
        qs = qs.filter(**{f"outreach_reaches__{k}": v for k, v in _reach_q(f).items()}).distinct()
    elif f.reached == "no":
        qs = qs.exclude(Exists(reaches))
    contact = HouseholdContact.objects.filter(household=OuterRef("pk"))
    if f.phone:
        qs = qs.filter(Exists(contact)) if f.phone == "yes" else qs.exclude(Exists(contact))
    return qs.annotate(reached=Exists(reaches), has_phone=Exists(contact)).order_by(
        "village__code", "number")


def village_coverage(*, user, campaign=None, year: int | None = None,
                     township=None) -> cov.Coverage:
    """Villages reached of the villages the user sees (the list's own rows)."""
    base = VillageCoverageFilters(campaign=campaign, year=year, township=township)
    every = village_coverage_list(user=user, filters=base).values_list("code", flat=True)
    reached = VillageDelivery.objects.visible_to(user).filter(
        **_delivery_cond("", base)).values_list("village__code", flat=True)
    return cov.coverage(every, reached)


def household_coverage(*, user, campaign=None, year: int | None = None,
                       township=None) -> cov.Coverage:
    base = HouseholdCoverageFilters(campaign=campaign, year=year, township=township)
    every = Household.objects.visible_to(user)
    if township:
        every = every.filter(township=township)
    reached = HouseholdReach.objects.visible_to(user).filter(**_reach_q(base)).values_list(
        "household_id", flat=True)
    return cov.coverage(every.values_list("pk", flat=True), reached)


def household_coverage_counts(*, user, campaign=None, year: int | None = None) -> cov.Counts:
    """`household_coverage` by its counts only, without reading the scope's households: the
    total is the registry's village rollup (a few rows per village); the reached, for a year,
    the outreach rollup's households of the villages the user sees (labour/outreach/rollup.py),
    else (a campaign, or every year: a household reached in two years is one) the distinct
    households of the reaches the user sees (a reach is seen through its household, so they
    are among the total). Equal to `household_coverage` (tested); for a city of half a million
    people it reads no household list."""
    from xiezuo.registry.selectors import households_count

    if campaign is None and year is not None:
        reached = (OutreachRollup.objects.visible_to(user).filter(year=year)
                   .aggregate(n=Sum("households"))["n"] or 0)
    else:
        base = HouseholdCoverageFilters(campaign=campaign, year=year)
        reached = (HouseholdReach.objects.visible_to(user).filter(**_reach_q(base)).order_by()
                   .values("household_id").distinct().count())
    return cov.Counts(reached=reached, total=households_count(user=user))


def households_reached_by_year(*, user) -> QuerySet:
    """(year, households reached) of the villages the user sees, from the outreach rollup: per
    year, what `household_coverage_list(year=…, reached="yes")` counts (each household once a
    year; tests/labour/test_outreach_rollup.py), as a few rows per village rather than every
    reach (the plan's `labour.outreach_households`)."""
    return (OutreachRollup.objects.visible_to(user).filter(households__gt=0).order_by()
            .values("year").annotate(n=Sum("households")).values_list("year", "n"))


def delivery_list(*, user, campaign) -> QuerySet[VillageDelivery]:
    return (VillageDelivery.objects.visible_to(user).filter(campaign=campaign)
            .select_related("village__parent", "recorded_by").order_by("village__code", "date"))


def reach_list(*, user, campaign, method: str = "", result: str = "") -> QuerySet[HouseholdReach]:
    qs = (HouseholdReach.objects.visible_to(user).filter(campaign=campaign)
          .select_related("household__village__parent", "sms_batch"))
    if method:
        qs = qs.filter(method=method)
    if result:
        qs = qs.filter(result=result)
    return qs.order_by("household__village__code", "household__number", "method")


def sms_batch_list(*, user, filters: SmsBatchFilters) -> QuerySet[SmsBatch]:
    qs = SmsBatch.objects.visible_to(user).select_related("campaign", "created_by")
    if filters.campaign:
        qs = qs.filter(campaign=filters.campaign)
    mine = HouseholdReach.objects.visible_to(user)
    return qs.annotate(
        n_delivered=Count("reaches", filter=Q(reaches__result="delivered", reaches__in=mine)),
        n_failed=Count("reaches", filter=Q(reaches__result="failed", reaches__in=mine)),
        n_pending=Count("reaches", filter=Q(reaches__result="sent", reaches__in=mine)),
    ).order_by("-created_at", "-id")

"""The pairing API (mounted at /api/pairing/): the same reads as the pages, through the same
selectors and filters, scoped the same way. Reads need a pairing role (403 otherwise); a record
outside the user's scope is 404."""

import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from xiezuo.accounts.roles import has
from xiezuo.core.apikit import ID_MAX, YEAR_MAX, YEAR_MIN, Pages, answers
from xiezuo.pairing import selectors
from xiezuo.pairing.access import READS_PAIRING
from xiezuo.pairing.filters import (
    ActivityFilters,
    DonationFilters,
    EnterprisePairingFilters,
    ServiceFilters,
    TownPairingFilters,
    VolunteerFilters,
)

router = Router(tags=["pairing"])


def _guard(request) -> None:
    if not has(request.user, READS_PAIRING):
        raise HttpError(403, "forbidden")


class PairingTownOut(Schema):
    id: int
    east_town_code: str
    east_town: str
    west_township_code: str
    west_township: str
    started_on: datetime.date
    ended_on: datetime.date | None
    agreement_no: str

    @staticmethod
    def resolve_east_town_code(obj) -> str:
        return obj.east_town.code

    @staticmethod
    def resolve_east_town(obj) -> str:
        return obj.east_town.name

    @staticmethod
    def resolve_west_township_code(obj) -> str:
        return obj.west_township.code

    @staticmethod
    def resolve_west_township(obj) -> str:
        return obj.west_township.name


class PairingEnterpriseOut(Schema):
    id: int
    enterprise_id: int
    enterprise: str
    village_code: str
    village: str
    deep_poverty: bool
    form: str
    started_on: datetime.date
    ended_on: datetime.date | None

    @staticmethod
    def resolve_enterprise(obj) -> str:
        return obj.enterprise.name

    @staticmethod
    def resolve_village_code(obj) -> str:
        return obj.village.code

    @staticmethod
    def resolve_village(obj) -> str:
        return obj.village.name

    @staticmethod
    def resolve_deep_poverty(obj) -> bool:
        return obj.village.deep_poverty


class PairingActivityOut(Schema):
    id: int
    town_pairing_id: int | None
    enterprise_pairing_id: int | None
    date: datetime.date
    kind: str
    money: Decimal
    goods: str
    goods_value: Decimal
    projects_started: int
    participants: int


class PairingDonationOut(Schema):
    id: int
    date: datetime.date
    donor: str
    donor_category: str
    kind: str
    amount: Decimal
    goods: str
    purpose: str
    receipt_no: str
    area_code: str
    school_id: int | None
    project: str
    households: int
    funds_allocation_id: int | None

    @staticmethod
    def resolve_donor(obj) -> str:
        return obj.donor_label

    @staticmethod
    def resolve_area_code(obj) -> str:
        return obj.area.code

    @staticmethod
    def resolve_households(obj) -> int:
        return obj.n_households


class PairingVolunteerOut(Schema):
    id: int
    name: str
    kind: str
    organisation_id: int | None
    area_code: str

    @staticmethod
    def resolve_area_code(obj) -> str:
        return obj.area.code


class PairingServiceOut(Schema):
    id: int
    organisation_id: int
    title: str
    area_code: str
    date: datetime.date
    hours: Decimal
    people_served: int

    @staticmethod
    def resolve_area_code(obj) -> str:
        return obj.area.code


class PairingMemberOut(Schema):
    code: str
    name: str
    paired: bool
    pairings: list[int]


class PairingCoverageOut(Schema):
    year: int
    townships: list[PairingMemberOut]
    deep_villages: list[PairingMemberOut]


class PairingDonationTotalsOut(Schema):
    count: int
    money: Decimal
    goods: Decimal
    total: Decimal
    money_in_funds: Decimal
    money_outside_funds: Decimal


_YEAR = Query(None, ge=YEAR_MIN, le=YEAR_MAX)


@router.get("/towns", response=answers({200: list[PairingTownOut]}))
@paginate(Pages, page_size=100)
def list_towns(request, year: int | None = _YEAR):
    """Town–township pairings; `year`: those in force on at least one day of the year."""
    _guard(request)
    return selectors.town_pairing_list(user=request.user, filters=TownPairingFilters(year=year))


@router.get("/towns/{pk}", response=answers({200: PairingTownOut}, found=True))
def get_town(request, pk: int = Path(..., ge=1, le=ID_MAX)):
    _guard(request)
    return get_object_or_404(selectors.town_pairing_list(
        user=request.user, filters=TownPairingFilters()), pk=pk)


@router.get("/enterprises", response=answers({200: list[PairingEnterpriseOut]}))
@paginate(Pages, page_size=100)
def list_enterprises(request, year: int | None = _YEAR, deep: bool = False):
    _guard(request)
    return selectors.enterprise_pairing_list(
        user=request.user, filters=EnterprisePairingFilters(year=year, deep=deep))


@router.get("/activities", response=answers({200: list[PairingActivityOut]}))
@paginate(Pages, page_size=100)
def list_activities(request, year: int | None = _YEAR):
    _guard(request)
    return selectors.activity_list(user=request.user, filters=ActivityFilters(year=year))


@router.get("/donations", response=answers({200: list[PairingDonationOut]}))
@paginate(Pages, page_size=100)
def list_donations(request, year: int | None = _YEAR):
    _guard(request)
    return selectors.donation_list(user=request.user, filters=DonationFilters(year=year))


@router.get("/donations/totals", response=answers({200: PairingDonationTotalsOut}))
def donation_totals(request, year: int | None = _YEAR):
    """Money and goods apart, and how much of the money is already in the cooperation funds
    (counted there): a total of both adds `money_outside_funds`, never `money`."""
    _guard(request)
    return selectors.donation_totals(user=request.user, filters=DonationFilters(year=year))


@router.get("/donations/{pk}", response=answers({200: PairingDonationOut}, found=True))
def get_donation(request, pk: int = Path(..., ge=1, le=ID_MAX)):
    _guard(request)
    return get_object_or_404(selectors.donation_list(
        user=request.user, filters=DonationFilters()), pk=pk)


@router.get("/volunteers", response=answers({200: list[PairingVolunteerOut]}))
@paginate(Pages, page_size=100)
def list_volunteers(request):
    _guard(request)
    return selectors.volunteer_list(user=request.user, filters=VolunteerFilters())


@router.get("/services", response=answers({200: list[PairingServiceOut]}))
@paginate(Pages, page_size=100)
def list_services(request, year: int | None = _YEAR):
    _guard(request)
    return selectors.service_list(user=request.user, filters=ServiceFilters(year=year))


@router.get("/coverage", response=answers({200: PairingCoverageOut}))
def coverage(request, year: int = Query(..., ge=YEAR_MIN, le=YEAR_MAX)):
    """Every township and deep-poverty village the user sees, paired in `year` or not."""
    _guard(request)

    def rows(members):
        return [{"code": m.code, "name": m.name, "paired": m.paired,
                 "pairings": list(m.pairings)} for m in members]

    return {"year": year,
            "townships": rows(selectors.township_coverage(user=request.user, year=year)),
            "deep_villages": rows(selectors.village_coverage(user=request.user, year=year))}

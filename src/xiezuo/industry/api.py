"""The industry API (mounted at /api/industry/): the same reads as the pages, scoped the same
way. Reads need an industry role (403 otherwise); a record outside the user's scope is 404."""

import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from xiezuo.accounts.roles import has
from xiezuo.core.apikit import ID_MAX, YEAR_MAX, YEAR_MIN, Pages, answers
from xiezuo.industry import selectors
from xiezuo.industry.access import READS_INDUSTRY
from xiezuo.industry.filters import (
    ArrivalFilters,
    EventFilters,
    LinkageFilters,
    ProductFilters,
    ProjectFilters,
    SaleFilters,
)

router = Router(tags=["industry"])


def _guard(request) -> None:
    if not has(request.user, READS_INDUSTRY):
        raise HttpError(403, "forbidden")


class IndustryProjectOut(Schema):
    id: int
    code: str
    name: str
    investor_id: int
    investor: str
    introduced_by_east: bool
    sector: str
    area_code: str
    stage: str
    stage_on: datetime.date
    signed_on: datetime.date | None
    contracted_amount: Decimal
    jobs_created: int
    poor_employed: int

    @staticmethod
    def resolve_investor(obj) -> str:
        return obj.investor.name

    @staticmethod
    def resolve_area_code(obj) -> str:
        return obj.area.code


class IndustryArrivalOut(Schema):
    id: int
    project_id: int
    year: int
    date: datetime.date
    amount: Decimal


class IndustryLinkageOut(Schema):
    id: int
    project_id: int
    household_id: int
    household_number: str
    kind: str
    year: int
    amount: Decimal

    @staticmethod
    def resolve_household_number(obj) -> str:
        return obj.household.number


class IndustryEventOut(Schema):
    id: int
    name: str
    kind: str
    series: str
    area_code: str
    started_on: datetime.date
    ended_on: datetime.date
    participant_count: int

    @staticmethod
    def resolve_area_code(obj) -> str:
        return obj.area.code


class IndustrySaleOut(Schema):
    id: int
    date: datetime.date
    product: str
    township_code: str
    supplier_id: int | None
    buyer_id: int
    buyer_kind: str
    channel: str
    quantity: Decimal
    unit: str
    amount: Decimal

    @staticmethod
    def resolve_township_code(obj) -> str:
        return obj.township.code


class IndustryProductOut(Schema):
    id: int
    name: str
    township_code: str
    supplier_id: int
    certification: str
    unit_price: Decimal
    unit: str
    published: bool

    @staticmethod
    def resolve_township_code(obj) -> str:
        return obj.township.code


class IndustryTotalsOut(Schema):
    sales_per_year: dict[int, Decimal]
    households_reached_per_year: dict[int, int]


@router.get("/projects", response=answers({200: list[IndustryProjectOut]}))
@paginate(Pages, page_size=100)
def list_projects(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    _guard(request)
    return selectors.project_list(user=request.user, filters=ProjectFilters(year=year))


@router.get("/projects/{pk}", response=answers({200: IndustryProjectOut}, found=True))
def get_project(request, pk: int = Path(..., ge=1, le=ID_MAX)):
    _guard(request)
    return get_object_or_404(selectors.project_list(user=request.user, filters=ProjectFilters()),
                             pk=pk)


@router.get("/arrivals", response=answers({200: list[IndustryArrivalOut]}))
@paginate(Pages, page_size=100)
def list_arrivals(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    _guard(request)
    return selectors.arrival_list(user=request.user, filters=ArrivalFilters(year=year))


@router.get("/linkages", response=answers({200: list[IndustryLinkageOut]}))
@paginate(Pages, page_size=100)
def list_linkages(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    _guard(request)
    return selectors.linkage_list(user=request.user, filters=LinkageFilters(year=year))


@router.get("/events", response=answers({200: list[IndustryEventOut]}))
@paginate(Pages, page_size=100)
def list_events(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    _guard(request)
    return selectors.event_list(user=request.user, filters=EventFilters(year=year))


@router.get("/sales", response=answers({200: list[IndustrySaleOut]}))
@paginate(Pages, page_size=100)
def list_sales(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    _guard(request)
    return selectors.sale_list(user=request.user, filters=SaleFilters(year=year))


@router.get("/sales/{pk}", response=answers({200: IndustrySaleOut}, found=True))
def get_sale(request, pk: int = Path(..., ge=1, le=ID_MAX)):
    _guard(request)
    return get_object_or_404(selectors.sale_list(user=request.user, filters=SaleFilters()),
                             pk=pk)


@router.get("/products", response=answers({200: list[IndustryProductOut]}))
@paginate(Pages, page_size=100)
def list_products(request):
    _guard(request)
    return selectors.product_list(user=request.user, filters=ProductFilters())


@router.get("/totals", response=answers({200: IndustryTotalsOut}))
def totals(request):
    """Consumption sales per year (元) and the poor households they reached per year."""
    _guard(request)
    u = request.user
    return {"sales_per_year": selectors.sale_years(user=u),
            "households_reached_per_year": {
                y: h for y, (h, _p) in selectors.household_years(user=u, via="sale").items()}}

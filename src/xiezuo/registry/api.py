"""The registry's read API: households, their members, and a person search. All scoped.

ID numbers are only ever answered masked; a full number given as a search term is normalised
and turned into its keyed hash before any query. It is taken only in the body of
`POST /persons/search`, never in a URL (access logs, proxies and histories keep URLs).
"""

import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from xiezuo.core.apikit import CODE_LENGTH, ID_MAX, YEAR_MAX, YEAR_MIN, Pages, answers
from xiezuo.registry import idnumber
from xiezuo.registry.forms import id_hash_of, search_households, search_persons
from xiezuo.registry.models import Household, MonitoringRecord, StatusChange

router = Router(tags=["registry"])
PAGE_SIZE = 50


class MemberOut(Schema):
    id: int
    number: str
    name: str
    id_masked: str
    sex: str
    birth_date: datetime.date
    relation: str
    ethnicity: str
    education: str
    schooling: str
    health: str
    labour_capacity: str
    employment: str
    months_worked: int | None
    illness_insurance: bool | None
    version: int
    source_import_id: int | None
    source_row: int | None


class HouseholdOut(Schema):
    id: int
    number: str
    county_code: str
    township_code: str
    township_name: str
    village_code: str
    village_name: str
    natural_village: str
    size: int | None
    poverty_attribute: str
    exit_status: str
    exit_year: int | None
    main_cause: str
    other_causes: list[str]
    monitoring_type: str
    version: int

    @staticmethod
    def resolve_county_code(obj) -> str:
        return obj.county.code

    @staticmethod
    def resolve_township_code(obj) -> str:
        return obj.township.code

    @staticmethod
    def resolve_township_name(obj) -> str:
        return obj.township.name

    @staticmethod
    def resolve_village_code(obj) -> str:
        return obj.village.code

    @staticmethod
    def resolve_village_name(obj) -> str:
        return obj.village.name

    @staticmethod
    def resolve_other_causes(obj) -> list[str]:
        return obj.other_causes_list


class StatusChangeOut(Schema):
    old: str
    new: str
    date: datetime.date
    source: str
    source_import_id: int | None
    source_row: int | None
    actor: str | None

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return obj.actor.get_username() if obj.actor_id else None


class MonitoringOut(Schema):
    type: str
    risk: str
    found: datetime.date
    cleared: datetime.date | None


class HouseholdDetailOut(HouseholdOut):
    dangerous_house: bool | None
    water_safe: bool | None
    water_difficulty: bool | None
    income_per_capita: Decimal | None
    phone: str
    first_identified: datetime.date | None
    source_import_id: int | None
    source_row: int | None
    members: list[MemberOut]
    status_changes: list[StatusChangeOut]
    monitoring: list[MonitoringOut]

    @staticmethod
    def resolve_members(obj) -> list:
        return list(obj.members.all())

    @staticmethod
    def resolve_status_changes(obj) -> list:
        return obj.status_changes_list

    @staticmethod
    def resolve_monitoring(obj) -> list:
        return obj.monitoring_list


class PersonOut(MemberOut):
    household_id: int
    household_number: str
    township_name: str
    village_code: str
    village_name: str

    @staticmethod
    def resolve_household_number(obj) -> str:
        return obj.household.number

    @staticmethod
    def resolve_township_name(obj) -> str:
        return obj.household.township.name

    @staticmethod
    def resolve_village_code(obj) -> str:
        return obj.household.village.code

    @staticmethod
    def resolve_village_name(obj) -> str:
        return obj.household.village.name


NAME_LENGTH = 64  # Person.name
ID_NUMBER_LENGTH = 32  # 18 characters, with room for the spaces people type


class PersonSearchIn(Schema):
    name: str = Field("", max_length=NAME_LENGTH)
    id_number: str = Field("", max_length=ID_NUMBER_LENGTH)


def _hash_or_422(id_number: str) -> str:
    if not id_number:
        return ""
    try:
        return id_hash_of(id_number)
    except idnumber.IdNumberError as e:
        raise HttpError(422, e.reason) from None


@router.get("/households", response=answers({200: list[HouseholdOut]}))
@paginate(Pages, page_size=PAGE_SIZE)
def list_households(request, township: str = Query("", max_length=CODE_LENGTH),
                    village: str = Query("", max_length=CODE_LENGTH),
                    exit_status: str = Query("", max_length=16),
                    exit_year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX),
                    name: str = Query("", max_length=NAME_LENGTH)):
    """Households the signed-in user may see, by township or village code, exit status and
    year, or a member's name (contains)."""
    return search_households(request.user, name=name, township=township, village=village,
                             exit_status=exit_status, exit_year=exit_year).select_related(
        "county")


@router.get("/households/{household_id}", response=answers({200: HouseholdDetailOut},
                                                           found=True))
def get_household(request, household_id: int = Path(..., ge=1, le=ID_MAX)):
    """One household with its members (masked ID numbers), exit-status history and monitoring.
    404 when it is outside the user's area."""
    household = get_object_or_404(
        Household.objects.visible_to(request.user).select_related("county", "township",
                                                                  "village"),
        pk=household_id)
    # Resolved here, with the user, so the history is read through visible_to like the rest.
    household.status_changes_list = list(
        StatusChange.objects.visible_to(request.user).filter(household=household)
        .select_related("actor"))
    household.monitoring_list = list(
        MonitoringRecord.objects.visible_to(request.user).filter(household=household))
    return household


@router.get("/persons", response=answers({200: list[PersonOut]}))
@paginate(Pages, page_size=PAGE_SIZE)
def list_persons(request, name: str = Query("", max_length=NAME_LENGTH),
                 id_number: str = Query("", max_length=ID_NUMBER_LENGTH)):
    """Registered people the user may see, by name (contains). A full ID number is not taken
    in the URL (it would reach access logs): `id_number` here is refused with 422; search by
    ID number with `POST /persons/search`."""
    if id_number:
        raise HttpError(422, _("证件号码不能放在网址中，请用 POST /api/registry/persons/search "
                               "按证件号码查询"))
    return search_persons(request.user, name=name)


@router.post("/persons/search", response=answers({200: list[PersonOut]}, refused=True))
@paginate(Pages, page_size=PAGE_SIZE)
def search_persons_post(request, body: PersonSearchIn):
    """As GET /persons, with the terms in the body (keeps a full ID number out of URLs)."""
    return search_persons(request.user, name=body.name, id_hash=_hash_or_422(body.id_number))

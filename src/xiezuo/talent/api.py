"""The talent API (mounted at /api/talent/): the same lists as the pages, through the same
selectors and filters, scoped the same way. Reads need a talent role (403 otherwise); a record
outside the user's scope is 404."""

import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from xiezuo.accounts.roles import has
from xiezuo.core.apikit import ID_MAX, YEAR_MAX, YEAR_MIN, Pages, answers
from xiezuo.talent import selectors
from xiezuo.talent.access import READS_TALENT
from xiezuo.talent.choices import ClassKind, ExpertStatus, Held, KindGroup
from xiezuo.talent.filters import (
    AttendanceFilters,
    ClassFilters,
    EnrolmentFilters,
    PairingFilters,
    RequestFilters,
    TraineeFilters,
)

router = Router(tags=["talent"])


def _guard(request) -> None:
    if not has(request.user, READS_TALENT):
        raise HttpError(403, "forbidden")


def _choice(value: str | None, allowed) -> str:
    if value and value not in allowed:
        raise HttpError(422, "unknown value")
    return value or ""


class ClassOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    held: str
    start_date: datetime.date
    end_date: datetime.date
    hours: Decimal
    organiser_name: str
    teachers: str
    n_attendances: int
    n_completed: int


class TraineeOut(Schema):
    id: int
    name: str
    sex: str
    birth_date: datetime.date | None
    id_masked: str
    unit: str
    post: str
    area_code: str
    n_classes: int

    @staticmethod
    def resolve_area_code(obj) -> str:
        return obj.area.code


class AttendanceOut(Schema):
    id: int
    class_code: str
    trainee_id: int
    trainee_name: str
    completed: bool

    @staticmethod
    def resolve_class_code(obj) -> str:
        return obj.training_class.code

    @staticmethod
    def resolve_trainee_name(obj) -> str:
        return obj.trainee.name


class PairingOut(Schema):
    id: int
    west_hospital: str
    east_hospital: str
    signed_on: datetime.date
    start_on: datetime.date
    end_on: datetime.date | None
    n_activities: int

    @staticmethod
    def resolve_west_hospital(obj) -> str:
        return obj.west_hospital.name

    @staticmethod
    def resolve_east_hospital(obj) -> str:
        return obj.east_hospital.name


class RequestOut(Schema):
    id: int
    title: str
    need_kind: str
    subject: str
    area_code: str
    status: str
    filed_on: datetime.date
    due_on: datetime.date | None
    n_experts: int
    outcome: str

    @staticmethod
    def resolve_area_code(obj) -> str:
        return obj.area.code


class EnrolmentOut(Schema):
    id: int
    person_id: int
    name: str
    college: str
    major: str
    admitted_year: int
    tuition_total: Decimal | None
    subsidy_total: Decimal | None

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.name


@router.get("/classes", response=answers({200: list[ClassOut]}))
@paginate(Pages, page_size=100)
def list_classes(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX),
                 kind: str | None = Query(None, max_length=16),
                 group: str | None = Query(None, max_length=16),
                 held: str | None = Query(None, max_length=8)):
    _guard(request)
    return selectors.class_list(user=request.user, filters=ClassFilters(
        year=year, kind=_choice(kind, ClassKind.values), group=_choice(group, KindGroup.values),
        held=_choice(held, Held.values)))


@router.get("/trainees", response=answers({200: list[TraineeOut]}))
@paginate(Pages, page_size=100)
def list_trainees(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX),
                  group: str | None = Query(None, max_length=16)):
    _guard(request)
    return selectors.trainee_list(user=request.user, filters=TraineeFilters(
        year=year, group=_choice(group, KindGroup.values)))


@router.get("/trainees/{pk}", response=answers({200: TraineeOut}, found=True))
def get_trainee(request, pk: int = Path(..., ge=1, le=ID_MAX)):
    _guard(request)
    return get_object_or_404(selectors.trainee_list(user=request.user,
                                                    filters=TraineeFilters()), pk=pk)


@router.get("/attendances", response=answers({200: list[AttendanceOut]}))
@paginate(Pages, page_size=100)
def list_attendances(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX),
                     group: str | None = Query(None, max_length=16),
                     completed: bool = False, first: bool = False):
    _guard(request)
    return selectors.attendance_list(user=request.user, filters=AttendanceFilters(
        year=year, group=_choice(group, KindGroup.values), completed=completed, first=first))


@router.get("/hospital-pairings", response=answers({200: list[PairingOut]}))
@paginate(Pages, page_size=100)
def list_pairings(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    _guard(request)
    return selectors.pairing_list(user=request.user, filters=PairingFilters(year=year))


@router.get("/expert-requests", response=answers({200: list[RequestOut]}))
@paginate(Pages, page_size=100)
def list_requests(request, status: str | None = Query(None, max_length=16),
                  overdue: bool = False):
    _guard(request)
    return selectors.request_list(user=request.user, filters=RequestFilters(
        status=_choice(status, ExpertStatus.values), overdue=overdue))


@router.get("/enrolments", response=answers({200: list[EnrolmentOut]}))
@paginate(Pages, page_size=100)
def list_enrolments(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    _guard(request)
    return selectors.enrolment_list(user=request.user, filters=EnrolmentFilters(year=year))

"""The mechanisms API (mounted at /api/mechanisms/): the same reads as the pages, scoped the
same way. Reads need a ch.8 role (403 otherwise); a record outside the user's scope is 404."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from xiezuo.accounts.roles import has
from xiezuo.core.apikit import ID_MAX, YEAR_MAX, YEAR_MIN, Pages, answers
from xiezuo.mechanisms import selectors
from xiezuo.mechanisms.access import READS_MECHANISMS
from xiezuo.mechanisms.choices import DecisionStatus, Direction
from xiezuo.mechanisms.filters import DecisionFilters, MeetingFilters, SecondmentFilters
from xiezuo.mechanisms.models import JointMeeting

router = Router(tags=["mechanisms"])


def _guard(request) -> None:
    if not has(request.user, READS_MECHANISMS):
        raise HttpError(403, "forbidden")


class GroupOut(Schema):
    id: int
    name: str
    kind: str
    side: str
    established: datetime.date
    document_no: str
    members: int

    @staticmethod
    def resolve_members(obj) -> int:
        return obj.n_members


class DecisionOut(Schema):
    id: int
    meeting_id: int
    number: int
    text: str
    owner_unit: str
    owner_person: str
    due: datetime.date | None
    status: str
    overdue: bool

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.is_overdue()


class MeetingOut(Schema):
    id: int
    kind: str
    title: str
    date: datetime.date
    venue_side: str
    place: str
    decisions: list[DecisionOut]

    @staticmethod
    def resolve_decisions(obj):
        return list(obj.decisions.all())


class SecondmentOut(Schema):
    id: int
    batch: int
    direction: str
    person_name: str
    level: str
    home_unit: str
    host_unit: str
    host_post: str
    start: datetime.date
    end: datetime.date


@router.get("/groups", response=answers({200: list[GroupOut]}))
def list_groups(request):
    _guard(request)
    return list(selectors.group_list(user=request.user))


@router.get("/meetings", response=answers({200: list[MeetingOut]}))
@paginate(Pages, page_size=100)
def list_meetings(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    _guard(request)
    return selectors.meeting_list(user=request.user, filters=MeetingFilters(year=year)
                                  ).prefetch_related("decisions")


@router.get("/meetings/{pk}", response=answers({200: MeetingOut}, found=True))
def get_meeting(request, pk: int = Path(..., ge=1, le=ID_MAX)):
    _guard(request)
    return get_object_or_404(JointMeeting.objects.visible_to(request.user), pk=pk)


@router.get("/decisions", response=answers({200: list[DecisionOut]}))
@paginate(Pages, page_size=100)
def list_decisions(request, overdue: bool = False,
                   status: DecisionStatus | None = None):
    _guard(request)
    return selectors.decision_list(user=request.user, filters=DecisionFilters(
        overdue=overdue, status=status.value if status else ""))


@router.get("/secondments", response=answers({200: list[SecondmentOut]}))
@paginate(Pages, page_size=100)
def list_secondments(request, direction: Direction | None = None,
                     year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    _guard(request)
    return selectors.secondment_list(user=request.user, filters=SecondmentFilters(
        direction=direction.value if direction else "", year=year))

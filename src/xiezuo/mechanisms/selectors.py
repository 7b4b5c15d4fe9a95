"""The mechanisms lists (ch.8), each through visible_to(user); the indicators count over them."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from xiezuo.mechanisms.choices import OPEN_DECISION, MeetingKind
from xiezuo.mechanisms.filters import (
    CaseFilters,
    DecisionFilters,
    GroupFilters,
    MeetingFilters,
    SecondmentFilters,
)
from xiezuo.mechanisms.models import (
    Decision,
    JointMeeting,
    LeadingGroup,
    Membership,
    ModelCase,
    Secondment,
)
from xiezuo.mechanisms.rules import venue_warnings


def _year_span(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def group_list(*, user, filters: GroupFilters | None = None):
    filters = filters or GroupFilters()
    qs = LeadingGroup.objects.visible_to(user).select_related("area", "partnership").annotate(
        n_members=Count("memberships", distinct=True))
    if filters.side:
        qs = qs.filter(side=filters.side)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.year:
        first, last = _year_span(filters.year)
        qs = qs.filter(Q(established__lte=last),
                       Q(dissolved__isnull=True) | Q(dissolved__gte=first))
        with_members = Membership.objects.filter(
            Q(start__lte=last), Q(end__isnull=True) | Q(end__gte=first)).values("group_id")
        qs = qs.filter(pk__in=with_members)
    return qs


def membership_list(*, user, group: LeadingGroup):
    return Membership.objects.visible_to(user).filter(group=group)


def meeting_list(*, user, filters: MeetingFilters | None = None):
    filters = filters or MeetingFilters()
    qs = JointMeeting.objects.visible_to(user).annotate(
        n_decisions=Count("decisions", distinct=True))
    if filters.year:
        qs = qs.filter(date__year=filters.year)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


def meeting_venue_warnings(*, user) -> dict:
    """{meeting id: VenueWarning} over every joint meeting the user sees (rules.venue_warnings)."""
    rows = JointMeeting.objects.visible_to(user).values_list("pk", "date", "kind", "venue_side")
    return venue_warnings(list(rows))


def decision_list(*, user, filters: DecisionFilters | None = None,
                  today: datetime.date | None = None):
    filters = filters or DecisionFilters()
    qs = Decision.objects.visible_to(user).select_related("meeting")
    if filters.year:
        qs = qs.filter(meeting__date__year=filters.year)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.overdue:
        qs = qs.filter(status__in=OPEN_DECISION, due__lt=today or timezone.localdate())
    if filters.meeting:
        qs = qs.filter(meeting_id=filters.meeting)
    if filters.q:
        qs = qs.filter(Q(text__contains=filters.q) | Q(owner_unit__contains=filters.q)
                       | Q(owner_person__contains=filters.q))
    return qs


def overdue_decisions(*, user, today: datetime.date | None = None):
    return decision_list(user=user, filters=DecisionFilters(overdue=True), today=today)


def secondment_list(*, user, filters: SecondmentFilters | None = None):
    filters = filters or SecondmentFilters()
    qs = Secondment.objects.visible_to(user).select_related("working_group").annotate(
        n_summaries=Count("summaries", distinct=True)).order_by(*Secondment._meta.ordering)
    if filters.direction:
        qs = qs.filter(direction=filters.direction)
    if filters.year:
        qs = qs.filter(start__year=filters.year)
    if filters.in_post:
        first, last = _year_span(filters.in_post)
        qs = qs.filter(start__lte=last, end__gte=first)
    if filters.level:
        qs = qs.filter(level=filters.level)
    return qs


def case_list(*, user, filters: CaseFilters | None = None):
    filters = filters or CaseFilters()
    qs = ModelCase.objects.visible_to(user)
    if filters.year:
        qs = qs.filter(year=filters.year)
    return qs


def joint_meetings_per_year(*, user) -> dict[int, int]:
    rows = (meeting_list(user=user, filters=MeetingFilters(kind=MeetingKind.JOINT)).order_by()
            .values_list("date__year").annotate(n=Count("pk", distinct=True)))
    return dict(rows)


def partnership_for(user):
    """The partnership a user records ch.8 work in: the first one the user works in."""
    from xiezuo.mechanisms.access import overlap_q, side_prefixes
    from xiezuo.regions.models import Partnership

    prefixes = side_prefixes(user)
    qs = Partnership.objects.select_related("east", "west").order_by("start_year", "pk")
    if prefixes is not None:
        if not prefixes:
            return None
        qs = qs.filter(overlap_q("east__code", prefixes) | overlap_q("west__code", prefixes))
    return qs.first()

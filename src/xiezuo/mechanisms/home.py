"""The ch.8 figures on both sides' home pages: the decisions still owed after their due date
(each side's officers see the same list: the decisions belong to the partnership), this year's
joint meetings and the cadres in post."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import has
from xiezuo.core.cards import Card
from xiezuo.mechanisms import selectors
from xiezuo.mechanisms.access import READS_MECHANISMS
from xiezuo.mechanisms.choices import MeetingKind
from xiezuo.mechanisms.filters import DecisionFilters, MeetingFilters, SecondmentFilters


def cards(user) -> list[Card]:
    if not has(user, READS_MECHANISMS):
        return []
    year = timezone.localdate().year
    overdue = DecisionFilters(overdue=True)
    meetings = MeetingFilters(year=year, kind=MeetingKind.JOINT)
    in_post = SecondmentFilters(in_post=year)
    return [
        Card(_("逾期未办结的议定事项"),
             selectors.decision_list(user=user, filters=overdue).count(),
             reverse("mechanisms:decision_list") + "?" + overdue.query(),
             _("联席会议议定、已过完成时限仍未办结")),
        Card(_("本年联席会议"), selectors.meeting_list(user=user, filters=meetings).count(),
             reverse("mechanisms:meeting_list") + "?" + meetings.query(),
             _("规划要求每年召开，两地轮流")),
        Card(_("本年在岗挂职干部"),
             selectors.secondment_list(user=user, filters=in_post).count(),
             reverse("mechanisms:secondment_list") + "?" + in_post.query(),
             _("东西两地互派挂职")),
    ]

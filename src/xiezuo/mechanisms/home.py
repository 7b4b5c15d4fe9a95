"""The ch.8 figures on both sides' home pages: this year's joint meetings and the cadres in post
(for the eastern officer, the cadres Cangshan sent), of the latest year with records; and the
to-do item both sides share, the decisions still owed after their due date (the decisions belong
to the partnership)."""

from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import has
from xiezuo.core.cards import Card, Todo
from xiezuo.core.years import shown_year
from xiezuo.mechanisms import selectors
from xiezuo.mechanisms.access import READS_MECHANISMS
from xiezuo.mechanisms.choices import Direction, MeetingKind
from xiezuo.mechanisms.filters import DecisionFilters, MeetingFilters, SecondmentFilters
from xiezuo.regions.scoping import on_east_side


def cards(user) -> list[Card]:
    if not has(user, READS_MECHANISMS):
        return []
    years = (selectors.meeting_list(user=user).order_by().annotate(y=ExtractYear("date"))
             .values_list("y", flat=True).distinct())
    year = shown_year(years, today=timezone.localdate())
    meetings = MeetingFilters(year=year, kind=MeetingKind.JOINT)
    east = on_east_side(user)
    in_post = SecondmentFilters(in_post=year, direction=Direction.EAST_TO_WEST if east else "")
    return [
        Card(_("%(y)s 年联席会议") % {"y": year},
             selectors.meeting_list(user=user, filters=meetings).count(),
             reverse("mechanisms:meeting_list") + "?" + meetings.query(),
             _("规划要求每年召开，两地轮流"), _("次")),
        Card(_("%(y)s 年仓山选派到临洮的挂职干部") % {"y": year} if east
             else _("%(y)s 年在岗挂职干部") % {"y": year},
             selectors.secondment_list(user=user, filters=in_post).count(),
             reverse("mechanisms:secondment_list") + "?" + in_post.query(),
             _("当年任一天在岗即计入") if east else _("东西两地互派挂职，当年任一天在岗即计入"),
             _("人")),
    ]


def todos(user) -> list[Todo]:
    if not has(user, READS_MECHANISMS):
        return []
    overdue = DecisionFilters(overdue=True)
    return [Todo(_("逾期未办结的议定事项：督促责任单位办结"),
                 selectors.decision_list(user=user, filters=overdue).count(),
                 reverse("mechanisms:decision_list") + "?" + overdue.query(), _("项"),
                 _("联席会议议定、已过完成时限仍未办结"))]

"""The ch.8 figures for the plan, counted over the mechanisms lists (core.indicators).

- a leading group "exists" in a year when it was set up by the end of the year, not dissolved
  before it began, and had at least one member in post during it (the milestone of ch.8.1);
- joint meetings (联席会议) by the year they were held (ch.8.2: one a year), with where each
  was held: the plan counts a year only when its meeting alternated sides ("两地轮流召开");
- seconded cadres by the year of their batch, i.e. the year the secondment began (ch.8.4:
  "2017年和2019年各派一批，每批2名"; "2017年至2019年每年一批，每批2名"): plain counts over the
  list, counted with the other parts' in the plan's one batched query (core.indicators).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiezuo.core.indicators import Indicator, evaluation_memo
from xiezuo.mechanisms import selectors
from xiezuo.mechanisms.choices import Direction, GroupKind, MeetingKind, Side
from xiezuo.mechanisms.filters import GroupFilters, MeetingFilters, SecondmentFilters
from xiezuo.mechanisms.models import Membership
from xiezuo.mechanisms.rules import overlaps_year


def _group_filters(side: str):
    return lambda year: GroupFilters(side=side, kind=GroupKind.LEADING, year=year)


def _groups_per_year(side: str):
    """{year: groups existing with members} from the first group's year to this year: the rule
    the list's year filter applies (selectors.group_list), in one read instead of one count a
    year (the plan's dashboard keeps its query budget)."""
    def compute(*, user) -> dict[int, int]:
        # both sides' leading groups in one read per plan evaluation (evaluation_memo)
        every = evaluation_memo(f"mechanisms.leading_terms:{id(user)}", lambda: list(
            Membership.objects.filter(group__in=selectors.group_list(
                user=user, filters=GroupFilters(kind=GroupKind.LEADING)).values("pk"))
            .values_list("group__side", "group_id", "group__established", "group__dissolved",
                         "start", "end")))
        terms = [t[1:] for t in every if t[0] == side]
        if not terms:
            return {}
        out = {}
        for y in range(min(t[1] for t in terms).year, timezone.localdate().year + 1):
            out[y] = len({gid for gid, est, gone, a, b in terms
                          if overlaps_year(est, gone, y) and overlaps_year(a, b, y)})
        return out
    return compute


def _joint_meeting_venues(*, user) -> list[tuple]:
    """(date, side) of every joint meeting the user sees, in the order held: the list the
    count reads (selectors.meeting_list), for the plan's rule that the venues alternate (the
    same order as rules.venue_warnings, which warns on the meeting pages)."""
    return list(selectors.meeting_list(user=user, filters=MeetingFilters(kind=MeetingKind.JOINT))
                .order_by("date", "pk").values_list("date", "venue_side"))


INDICATORS = [
    Indicator(key="mechanisms.leading_group_east", label=_("仓山区东西部扶贫协作领导小组（当年有成员在任）"),
              unit=pgettext_lazy("groups", "个"), selector=selectors.group_list, filters=_group_filters(Side.EAST),
              compute=_groups_per_year(Side.EAST), url_name="mechanisms:group_list"),
    Indicator(key="mechanisms.leading_group_west", label=_("临洮县东西部扶贫协作领导小组（当年有成员在任）"),
              unit=pgettext_lazy("groups", "个"), selector=selectors.group_list, filters=_group_filters(Side.WEST),
              compute=_groups_per_year(Side.WEST), url_name="mechanisms:group_list"),
    Indicator(key="mechanisms.joint_meetings", label=_("县区际联席会议"), unit=_("次"),
              selector=selectors.meeting_list,
              filters=lambda year: MeetingFilters(year=year, kind=MeetingKind.JOINT),
              year_field="date__year", url_name="mechanisms:meeting_list",
              venues=_joint_meeting_venues),
    Indicator(key="mechanisms.cadres_east_to_west", label=_("仓山区选派到临洮县挂职的干部"),
              unit=_("名"), selector=selectors.secondment_list,
              filters=lambda year: SecondmentFilters(direction=Direction.EAST_TO_WEST, year=year),
              year_field="start__year",
              url_name="mechanisms:secondment_list"),
    Indicator(key="mechanisms.cadres_west_to_east", label=_("临洮县选派到仓山区挂职的干部"),
              unit=_("名"), selector=selectors.secondment_list,
              filters=lambda year: SecondmentFilters(direction=Direction.WEST_TO_EAST, year=year),
              year_field="start__year",
              url_name="mechanisms:secondment_list"),
]

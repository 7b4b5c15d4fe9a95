"""The ch.8 figures for the plan, counted over the mechanisms lists (core.indicators).

- a leading group "exists" in a year when it was set up by the end of the year, not dissolved
  before it began, and had at least one member in post during it (the milestone of ch.8.1);
- joint meetings (联席会议) by the year they were held (ch.8.2: one a year);
- seconded cadres by the year of their batch, i.e. the year the secondment began (ch.8.4:
  "2017年和2019年各派一批，每批2名"; "2017年至2019年每年一批，每批2名").
"""

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.core.indicators import Indicator
from xiezuo.mechanisms import selectors
from xiezuo.mechanisms.choices import Direction, GroupKind, MeetingKind, Side
from xiezuo.mechanisms.filters import GroupFilters, MeetingFilters, SecondmentFilters


def _group_filters(side: str):
    return lambda year: GroupFilters(side=side, kind=GroupKind.LEADING, year=year)


def _groups_per_year(side: str):
    """{year: groups existing with members} from the first group's year to this year, each
    year counted through the list's own selector and filters."""
    def compute(*, user) -> dict[int, int]:
        first = selectors.group_list(user=user, filters=GroupFilters(
            side=side, kind=GroupKind.LEADING)).aggregate(y=Min("established"))["y"]
        if first is None:
            return {}
        return {y: selectors.group_list(user=user, filters=_group_filters(side)(y)).count()
                for y in range(first.year, timezone.localdate().year + 1)}

    return compute


INDICATORS = [
    Indicator(key="mechanisms.leading_group_east", label=_("仓山区东西部扶贫协作领导小组（当年有成员在任）"),
              unit=_("个"), selector=selectors.group_list, filters=_group_filters(Side.EAST),
              compute=_groups_per_year(Side.EAST), url_name="mechanisms:group_list"),
    Indicator(key="mechanisms.leading_group_west", label=_("临洮县东西部扶贫协作领导小组（当年有成员在任）"),
              unit=_("个"), selector=selectors.group_list, filters=_group_filters(Side.WEST),
              compute=_groups_per_year(Side.WEST), url_name="mechanisms:group_list"),
    Indicator(key="mechanisms.joint_meetings", label=_("县区际联席会议"), unit=_("次"),
              selector=selectors.meeting_list,
              filters=lambda year: MeetingFilters(year=year, kind=MeetingKind.JOINT),
              year_field="date__year", url_name="mechanisms:meeting_list"),
    Indicator(key="mechanisms.cadres_east_to_west", label=_("仓山区选派到临洮县挂职的干部"),
              unit=_("名"), selector=selectors.secondment_list,
              filters=lambda year: SecondmentFilters(direction=Direction.EAST_TO_WEST, year=year),
              year_field="start__year", url_name="mechanisms:secondment_list"),
    Indicator(key="mechanisms.cadres_west_to_east", label=_("临洮县选派到仓山区挂职的干部"),
              unit=_("名"), selector=selectors.secondment_list,
              filters=lambda year: SecondmentFilters(direction=Direction.WEST_TO_EAST, year=year),
              year_field="start__year", url_name="mechanisms:secondment_list"),
]

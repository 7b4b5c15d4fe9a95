"""The social-participation part's figures for the plan (ch.7), counted over its lists
(core.indicators).

- `pairing.townships_paired` and `pairing.deep_villages_paired`: which townships
  (deep-poverty villages) were paired in a year (`members`, for the plan's coverage targets
  town-township-pairing and enterprise-village-pairing) and how many, by coverage.py's rule (in
  force on at least one day of the year); their page is the coverage view, which lists every
  member paired or not;
- `pairing.donations`: donations (money and goods valued) by year, a sum over the donation list;
- `pairing.donations_outside_funds`: the money donations not passed into the cooperation
  funds; what a total of funds and donations together adds to the funds' own total;
- `pairing.volunteer_hours`: hours of volunteer service, a sum over the service list.

And for the chapter's figures page (`/pairing/figures/`, no plan target names them): the
activities (`pairing.activities`), the donations' number (`pairing.donation_count`), the money
passed into the funds (`pairing.donations_in_funds`) and the people served
(`pairing.people_served`). The page counts all the plain figures in one query
(core.indicators.answer_together) and the coverage from one read of the pairings' dates.
"""

from django.utils.translation import gettext_lazy as _

from xiezuo.core.indicators import Indicator, evaluation_memo
from xiezuo.pairing import coverage, selectors
from xiezuo.pairing.choices import DonationKind
from xiezuo.pairing.filters import (
    ActivityFilters,
    CoverageFilters,
    DonationFilters,
    ServiceFilters,
)

YEARS = range(2017, 2021)


def spans(user) -> dict[str, list[coverage.Span]]:
    """Every pairing the user sees as (member, dates), both kinds in one query, read once for
    all years: kept in the evaluation memo while the plan (or the figures page) asks its
    coverage year by year."""
    return evaluation_memo(f"pairing.spans:{id(user)}",
                           lambda: selectors.coverage_spans(user=user))


def _spans(user, kind: str) -> list[coverage.Span]:
    return spans(user)[kind]


def _townships_members(*, user, year: int) -> set[str]:
    """The townships paired in `year` (coverage.in_force: in force at least one day of it)."""
    return coverage.covered(_spans(user, "town"), year)


def _villages_members(*, user, year: int) -> set[str]:
    return coverage.covered(_spans(user, "village"), year)


def _townships_paired(*, user) -> dict[int, int]:
    spans = _spans(user, "town")
    return {y: len(coverage.covered(spans, y)) for y in YEARS}


def _villages_paired(*, user) -> dict[int, int]:
    spans = _spans(user, "village")
    return {y: len(coverage.covered(spans, y)) for y in YEARS}


INDICATORS = [
    Indicator(key="pairing.townships_paired", label=_("结对帮扶的乡镇"), unit=_("个乡镇"),
              compute=_townships_paired, members=_townships_members,
              filters=lambda year: CoverageFilters(year=year, kind="towns", paired=True),
              url_name="pairing:coverage"),
    Indicator(key="pairing.deep_villages_paired", label=_("与企业结对的深度贫困村"),
              unit=_("个村"), compute=_villages_paired, members=_villages_members,
              filters=lambda year: CoverageFilters(year=year, kind="villages", paired=True),
              url_name="pairing:coverage"),
    Indicator(key="pairing.donations", label=_("社会捐赠（含物资折价）"), unit=_("元"),
              selector=selectors.donation_list,
              filters=lambda year: DonationFilters(year=year), year_field="date__year",
              sum_field="amount", url_name="pairing:donation_list"),
    Indicator(key="pairing.donations_outside_funds", label=_("未转入协作资金的捐款"),
              unit=_("元"), selector=selectors.donation_list,
              filters=lambda year: DonationFilters(year=year, kind=DonationKind.MONEY,
                                                   funds="out"),
              year_field="date__year", sum_field="amount", url_name="pairing:donation_list"),
    Indicator(key="pairing.volunteer_hours", label=_("志愿服务时长"), unit=_("小时"),
              selector=selectors.service_list, filters=lambda year: ServiceFilters(year=year),
              year_field="date__year", sum_field="hours", places=1,
              url_name="pairing:service_list"),
    # the figures page's own (no plan target): plain counts and sums over the lists
    Indicator(key="pairing.activities", label=_("帮扶活动"), unit=_("次"),
              selector=selectors.activity_list, filters=lambda year: ActivityFilters(year=year),
              year_field="date__year", url_name="pairing:activity_list"),
    Indicator(key="pairing.donation_count", label=_("捐赠笔数"), unit=_("笔"),
              selector=selectors.donation_list, filters=lambda year: DonationFilters(year=year),
              year_field="date__year", url_name="pairing:donation_list"),
    Indicator(key="pairing.donations_in_funds", label=_("已转入协作资金的捐款"), unit=_("元"),
              selector=selectors.donation_list,
              filters=lambda year: DonationFilters(year=year, kind=DonationKind.MONEY,
                                                   funds="in"),
              year_field="date__year", sum_field="amount", url_name="pairing:donation_list"),
    Indicator(key="pairing.people_served", label=_("服务人次"), unit=_("人次"),
              selector=selectors.service_list, filters=lambda year: ServiceFilters(year=year),
              year_field="date__year", sum_field="people_served", places=0,
              url_name="pairing:service_list"),
]

"""The social-participation part's figures for the plan (ch.7), counted over its lists
(core.indicators).

- `pairing.townships_paired` and `pairing.deep_villages_paired`: how many townships
  (deep-poverty villages) were paired in a year, by coverage.py's rule (in force on at least
  one day of the year); their page is the coverage view, which lists every member paired or not;
- `pairing.donations`: donations (money and goods valued) by year, a sum over the donation list;
- `pairing.donations_outside_funds`: the money donations not passed into the cooperation
  funds; what a total of funds and donations together adds to the funds' own total;
- `pairing.volunteer_hours`: hours of volunteer service, a sum over the service list.
"""

from django.utils.translation import gettext_lazy as _

from xiezuo.core.indicators import Indicator
from xiezuo.pairing import selectors
from xiezuo.pairing.choices import DonationKind
from xiezuo.pairing.filters import DonationFilters, ServiceFilters

YEARS = range(2017, 2021)


def _townships_paired(*, user) -> dict[int, int]:
    return {y: len(selectors.paired_townships(user=user, year=y)) for y in YEARS}


def _villages_paired(*, user) -> dict[int, int]:
    return {y: len(selectors.paired_deep_villages(user=user, year=y)) for y in YEARS}


INDICATORS = [
    Indicator(key="pairing.townships_paired", label=_("结对帮扶的乡镇"), unit=_("个乡镇"),
              compute=_townships_paired, url_name="pairing:coverage"),
    Indicator(key="pairing.deep_villages_paired", label=_("与企业结对的深度贫困村"),
              unit=_("个村"), compute=_villages_paired, url_name="pairing:coverage"),
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
]

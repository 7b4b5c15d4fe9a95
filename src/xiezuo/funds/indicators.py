"""The funds part's figures for the plan (ch.6), over its lists (core.indicators)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from xiezuo.core.indicators import Indicator
from xiezuo.funds import selectors
from xiezuo.funds.choices import Source
from xiezuo.funds.filters import AllocationFilters

INDICATORS = [
    # Eastern fiscal aid allocated in the year, net of reversals (the plan: ≥ 5,000,000 yuan).
    Indicator(key="funds.east_fiscal", label=_("东部财政援助资金"), unit=_("元"),
              selector=selectors.allocation_list,
              filters=lambda year: AllocationFilters(year=year, source=Source.EAST_FISCAL),
              year_field="year", sum_field="amount", url_name="funds:allocation_list"),
    # A share, not a count or a sum: computed by the funds part, shown on its supervision page
    # for the year (id="deep-share"), where the money by township behind it is listed.
    Indicator(key="funds.deep_poverty_share", label=_("投向深度贫困地区的资金占比"),
              unit="%", compute=selectors.deep_poverty_share_per_year, scale=Decimal(100),
              zero_when_missing=True,
              url_name="funds:supervision"),
]

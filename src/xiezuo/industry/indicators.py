"""The industry part's figures for the plan (ch.3), counted over its lists (core.indicators).

What the yearly assessment of East–West cooperation scores under 产业合作: enterprises brought
in, money actually invested (到位资金), poor people lifted by them (带贫人数), and the value of
western products bought by the east (消费扶贫), with the poor households it reached.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiezuo.core.indicators import Indicator
from xiezuo.industry import selectors
from xiezuo.industry.filters import (
    ArrivalFilters,
    HouseholdFilters,
    InvestorFilters,
    SaleFilters,
)


def _figures(name: str):
    """The figure `name` of selectors.plan_figures: all five from one query per evaluation
    (the plan dashboard's query budget), each read through the selector its list shows."""
    def compute(*, user) -> dict[int, object]:
        return selectors.plan_figures(user=user).get(name, {})
    return compute


INDICATORS = [
    # Each enterprise once a year: those with a project signed that year, of the east or
    # introduced by it.
    Indicator(key="industry.enterprises_investing", label=_("东部引进、投资的企业"), unit=_("家"),
              selector=selectors.investor_list,
              filters=lambda year: InvestorFilters(year=year, east=True),
              compute=_figures("enterprises"),
              url_name="industry:investor_list"),
    Indicator(key="industry.invested", label=_("到位资金"), unit=_("元"),
              selector=selectors.arrival_list, filters=lambda year: ArrivalFilters(year=year),
              year_field="year", sum_field="amount", compute=_figures("invested"),
              url_name="industry:arrival_list"),
    # 带贫人数: the registered persons of the households a project's linkage reached that year
    # (each household once a year, whatever the number of its linkages). The list it links to
    # is the households list, whose total line says and totals the persons (list-persons).
    Indicator(key="industry.poor_lifted", label=_("产业带动贫困人口"), unit=_("人"),
              selector=selectors.household_list,
              filters=lambda year: HouseholdFilters(via="linkage", year=year),
              sum_field="member_count", places=0,
              compute=_figures("linkage_persons"),
              url_name="industry:household_list"),
    Indicator(key="industry.consumption_sales", label=_("消费扶贫销售额"), unit=_("元"),
              selector=selectors.sale_list, filters=lambda year: SaleFilters(year=year),
              year_field="date__year", sum_field="amount", compute=_figures("sales"),
              url_name="industry:sale_list"),
    Indicator(key="industry.households_reached", label=_("消费扶贫带动贫困户"),
              unit=pgettext_lazy("unit", "户"),
              selector=selectors.household_list,
              filters=lambda year: HouseholdFilters(via="sale", year=year),
              compute=_figures("sale_households"),
              url_name="industry:household_list"),
]

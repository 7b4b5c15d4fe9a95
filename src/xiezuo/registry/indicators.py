"""The registry's figures for the plan (core.indicators): persons, summed over the household list.

Each household's `member_count` is kept by the database (registry.member_count, tested equal to
counting its person rows), so summing it over the 14,000 households of a county reads far less
than counting 57,000 person rows; the household list shows the same sum (共 N 户，M 人).
"""

from django.utils.translation import gettext_lazy as _

from xiezuo.core.indicators import STOCK, Indicator
from xiezuo.registry.filters import EXITED, HouseholdFilters
from xiezuo.registry.selectors import household_list

INDICATORS = [
    # Persons whose household exited poverty (已脱贫, either kind) that year; a household that
    # has since returned to poverty (返贫) is neither counted nor listed.
    Indicator(key="registry.exits", label=_("脱贫人口"), unit=_("人"), selector=household_list,
              filters=lambda year: HouseholdFilters(exit_status=EXITED, exit_year=year),
              year_field="exit_year", sum_field="member_count", places=0,
              url_name="registry:household_list"),
    # Every registered person (建档立卡人口), exited or not: the plan's exit target.
    Indicator(key="registry.registered", label=_("建档立卡人口"), unit=_("人"),
              selector=household_list, filters=lambda year: HouseholdFilters(), shape=STOCK,
              sum_field="member_count", places=0, url_name="registry:household_list"),
]

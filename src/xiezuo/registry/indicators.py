"""The registry's figures for the plan (core.indicators): persons, summed over the village rollup.

The rollup (registry.rollup) holds, per village, exit status and exit year, the households and
their members, kept by database triggers and tested equal to the household list's 共 N 户，M 人
for the same filters; so the figure is the list's total while reading a few rows per village
instead of every household (a county of 57,000 people, a city of half a million). The figures
still link to the household list with the same filter object.
"""

from django.utils.translation import gettext_lazy as _

from xiezuo.core.indicators import STOCK, Indicator
from xiezuo.registry.filters import EXITED, HouseholdFilters
from xiezuo.registry.selectors import village_rollup

INDICATORS = [
    # Persons whose household exited poverty (已脱贫, either kind) that year; a household that
    # has since returned to poverty (返贫) is neither counted nor listed.
    Indicator(key="registry.exits", label=_("脱贫人口"), unit=_("人"), selector=village_rollup,
              filters=lambda year: HouseholdFilters(exit_status=EXITED, exit_year=year),
              year_field="exit_year", sum_field="members", places=0,
              url_name="registry:household_list"),
    # Every registered person (建档立卡人口), exited or not: the plan's exit target.
    Indicator(key="registry.registered", label=_("建档立卡人口"), unit=_("人"),
              selector=village_rollup, filters=lambda year: HouseholdFilters(), shape=STOCK,
              sum_field="members", places=0, url_name="registry:household_list"),
]

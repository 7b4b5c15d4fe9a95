"""The registry's figures for the plan (core.indicators): counted over the persons list."""

from django.utils.translation import gettext_lazy as _

from xiezuo.core.indicators import STOCK, Indicator
from xiezuo.registry.filters import EXITED, PersonFilters
from xiezuo.registry.selectors import person_list

INDICATORS = [
    # Persons (not households) whose household exited poverty (已脱贫, either kind) that year;
    # a household that has since returned to poverty (返贫) is not counted, nor listed.
    Indicator(key="registry.exits", label=_("脱贫人口"), unit=_("人"), selector=person_list,
              filters=lambda year: PersonFilters(exit_status=EXITED, exit_year=year),
              year_field="household__exit_year", url_name="registry:person_list"),
    # Every registered person (建档立卡人口), exited or not: the plan's exit target.
    Indicator(key="registry.registered", label=_("建档立卡人口"), unit=_("人"),
              selector=person_list, filters=lambda year: PersonFilters(), shape=STOCK,
              url_name="registry:person_list"),
]

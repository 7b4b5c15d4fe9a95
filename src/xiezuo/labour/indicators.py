"""The labour part's figures for the plan (box 3), counted over its lists (core.indicators)."""

from django.utils.translation import gettext_lazy as _

from xiezuo.core.indicators import STOCK, Indicator
from xiezuo.labour import selectors
from xiezuo.labour.filters import (
    GraduateFilters,
    InternFilters,
    JobFairFilters,
    PlacementFilters,
    WorkstationFilters,
)

INDICATORS = [
    # Each person once, in the year of their first hire with an employer in the eastern
    # district, so the years add up to the plan's cumulative 1,500.
    Indicator(key="labour.transferred_east", label=_("转移到东部区县就业"), unit=_("人"),
              selector=selectors.placement_list,
              filters=lambda year: PlacementFilters(year=year, first=True),
              year_field="hired_on__year", url_name="labour:placement_list"),
    Indicator(key="labour.job_fairs", label=_("招聘会"), unit=_("场"),
              selector=selectors.job_fair_list, filters=lambda year: JobFairFilters(year=year),
              year_field="date__year", url_name="labour:job_fair_list"),
    Indicator(key="labour.workstations", label=_("运行中的劳务工作站"), unit=_("个"),
              selector=selectors.workstation_list,
              filters=lambda year: WorkstationFilters(open=True), shape=STOCK,
              url_name="labour:workstation_list"),
    Indicator(key="labour.graduates_east", label=_("在福州就业的高校毕业生"), unit=_("人"),
              selector=selectors.graduate_list,
              filters=lambda year: GraduateFilters(year=year, east=True),
              year_field="employed_on__year", url_name="labour:graduate_list"),
    Indicator(key="labour.interns", label=_("职业院校学生实习"), unit=_("人"),
              selector=selectors.intern_list, filters=lambda year: InternFilters(year=year),
              year_field="started_on__year", url_name="labour:intern_list"),
]

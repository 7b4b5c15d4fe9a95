"""The labour part's figures for the plan (box 3), counted over its lists (core.indicators)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiezuo.core.indicators import STOCK, Indicator, members_by_year
from xiezuo.labour import selectors
from xiezuo.labour.filters import (
    GraduateFilters,
    InternFilters,
    JobFairFilters,
    PlacementFilters,
    WorkstationFilters,
)
from xiezuo.labour.outreach import selectors as outreach
from xiezuo.labour.outreach.filters import HouseholdCoverageFilters, VillageCoverageFilters
from xiezuo.labour.training import selectors as training
from xiezuo.labour.training.filters import TraineeFilters

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
    Indicator(key="labour.workstations", label=_("运行中的劳务工作站"),
              unit=pgettext_lazy("workstations", "个"),
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
    # Policy outreach (ch.4.2, 到每村每户): the villages and registered households a year's
    # campaigns reached, each once a year (a household: a visit that met it or a delivered text).
    Indicator(key="labour.outreach_villages", label=_("政策宣传覆盖行政村"),
              unit=pgettext_lazy("villages", "个"),
              selector=outreach.village_coverage_list,
              filters=lambda year: VillageCoverageFilters(year=year, reached="yes"),
              year_field="outreach_deliveries__campaign__year",
              url_name="labour:outreach_villages",
              # the villages themselves, for the plan's coverage target (every village a year)
              members=members_by_year(
                  selector=outreach.village_coverage_list,
                  filters=lambda year: VillageCoverageFilters(year=year, reached="yes"),
                  year_field="outreach_deliveries__campaign__year", code_field="code")),
    Indicator(key="labour.outreach_households", label=_("政策宣传覆盖贫困户"),
              unit=pgettext_lazy("unit", "户"),
              selector=outreach.household_coverage_list,
              filters=lambda year: HouseholdCoverageFilters(year=year, reached="yes"),
              year_field="outreach_reaches__campaign__year",
              url_name="labour:outreach_households",
              # per year from the trigger-kept rollup by village (labour/outreach/rollup.py),
              # equal to the list's count (tests/labour/test_outreach_rollup.py)
              grouped=outreach.households_reached_by_year),
    # Vocational training (ch.4.3): places on courses begun in the year, completions in the year.
    Indicator(key="labour.trainees", label=_("职业技能培训人次"), unit=_("人次"),
              selector=training.trainee_list, filters=lambda year: TraineeFilters(year=year),
              year_field="course__starts_on__year", url_name="labour:trainee_list"),
    # The same places counted by person (人): someone on two courses in a year is one person
    # trained (the list shows both: 共 N 人次（M 人）).
    Indicator(key="labour.trainees_people", label=_("职业技能培训人数"), unit=_("人"),
              selector=training.trainee_list, filters=lambda year: TraineeFilters(year=year),
              year_field="course__starts_on__year", count_field="person",
              url_name="labour:trainee_list"),
    Indicator(key="labour.training_completions", label=_("职业技能培训结业"), unit=_("人次"),
              selector=training.trainee_list,
              filters=lambda year: TraineeFilters(completed_year=year, status="completed"),
              year_field="completed_on__year", url_name="labour:trainee_list"),
]

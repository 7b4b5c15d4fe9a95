"""The talent part's figures for the plan (boxes 4–6), counted over its lists.

What each target counts follows the plan's wording: "培训20人" and "培训…教师30名" count people
(each person once a year, however many classes they attended: distinct trainees over the
attendance list), "培训干部20人次" counts attendances, "每年举办1—2期" counts classes, and the
cumulative "培训10名医疗骨干" counts each person once, in the year of their first completed class
of that kind (the attendance list with `first`). Only completed attendances count as trained.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from xiezuo.core.indicators import Indicator
from xiezuo.talent import selectors
from xiezuo.talent.choices import Held, KindGroup
from xiezuo.talent.filters import AttendanceFilters, ClassFilters, PairingFilters


@dataclass(frozen=True)
class PeopleIndicator(Indicator):
    """Counts the distinct trainees of the attendance list (people, not 人次)."""

    def _aggregate(self):
        return Count("trainee", distinct=True)


def _classes(group: str, held: str):
    return lambda year: ClassFilters(year=year, group=group, held=held)


def _attendances(group: str, held: str = "", *, first: bool = False):
    return lambda year: AttendanceFilters(year=year, group=group, held=held, completed=True,
                                          first=first)


_YEAR_CLASS = "start_date__year"
_YEAR_ATT = "training_class__start_date__year"

INDICATORS = [
    Indicator(key="talent.cadre_sessions", label=_("干部及农村实用人才到仓山培训（期）"),
              unit=_("期"), selector=selectors.class_list,
              filters=_classes(KindGroup.CADRE, Held.EAST), year_field=_YEAR_CLASS,
              url_name="talent:class_list"),
    PeopleIndicator(key="talent.cadre_people", label=_("干部及农村实用人才到仓山培训（人）"),
                    unit=_("人"), selector=selectors.attendance_list,
                    filters=_attendances(KindGroup.CADRE, Held.EAST), year_field=_YEAR_ATT,
                    url_name="talent:attendance_list"),
    Indicator(key="talent.expert_lectures", label=_("仓山专家到临洮专题讲座（期）"),
              unit=_("期"), selector=selectors.class_list,
              filters=_classes(KindGroup.EXPERT_LECTURE, Held.WEST), year_field=_YEAR_CLASS,
              url_name="talent:class_list"),
    Indicator(key="talent.expert_lecture_trainees", label=_("专题讲座培训干部（人次）"),
              unit=_("人次"), selector=selectors.attendance_list,
              filters=_attendances(KindGroup.EXPERT_LECTURE, Held.WEST),
              year_field=_YEAR_ATT, url_name="talent:attendance_list"),
    PeopleIndicator(key="talent.teachers", label=_("培训幼儿园、小学和中学教师（名）"),
                    unit=_("名"), selector=selectors.attendance_list,
                    filters=_attendances(KindGroup.TEACHER), year_field=_YEAR_ATT,
                    url_name="talent:attendance_list"),
    *[PeopleIndicator(key=f"talent.{key}", label=label, unit=_("名"),
                      selector=selectors.attendance_list,
                      filters=_attendances(group, first=True), year_field=_YEAR_ATT,
                      url_name="talent:attendance_list")
      for key, group, label in (
          ("medical_staff", KindGroup.MEDICAL, _("培训医疗骨干（名，每人计一次）")),
          ("nursing_staff", KindGroup.NURSING, _("培训护理骨干（名，每人计一次）")),
          ("mch_staff", KindGroup.MCH, _("培训妇幼保健机构卫生技术人员（名，每人计一次）")),
          ("cdc_staff", KindGroup.CDC, _("培训疾控机构卫生技术人员（名，每人计一次）")))],
    # Box 6: 1–2 Lintao hospitals paired; a pairing counts in every year it was in operation
    # (one that ended before the year does not count).
    Indicator(key="talent.hospital_pairings", label=_("在运行的医院对口协作"), unit=_("家"),
              selector=selectors.pairing_list, filters=lambda year: PairingFilters(year=year),
              compute=selectors.pairings_in_operation, url_name="talent:pairing_list"),
]

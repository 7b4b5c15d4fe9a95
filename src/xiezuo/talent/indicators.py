"""The talent part's figures for the plan (boxes 4–6), counted over its lists.

What each target counts follows the plan's wording: "培训20人" and "培训…教师30名" count people
(each person once a year, however many classes they attended: distinct trainees over the
attendance list), "培训干部20人次" counts attendances, "每年举办1—2期" counts classes, and the
cumulative "培训10名医疗骨干" counts each person once, in the year of their first completed class
of that kind (the attendance list with `first`). Only completed attendances count as trained.

Every figure but the hospital pairings is a plain count over its list (`selector`, `filters`,
`year_field`): the plan counts them together with the other parts' in one query per evaluation
(core.indicators.answer_together), and `per_year` alone reads the same selector, so a figure
equals the list it links to (tests/talent/test_talent_counts.py holds them equal year by year).
"""

from django.utils.translation import gettext_lazy as _

from xiezuo.core.indicators import Indicator, evaluation_memo
from xiezuo.talent import selectors
from xiezuo.talent.choices import Held, KindGroup
from xiezuo.talent.filters import AttendanceFilters, ClassFilters, PairingFilters

CLASS_YEAR = "start_date__year"  # a class counts in the year it started
ATTENDANCE_YEAR = "training_class__start_date__year"


def _classes(group: str, held: str):
    return lambda year: ClassFilters(year=year, group=group, held=held)


def _attendances(group: str, held: str = "", *, first: bool = False):
    return lambda year: AttendanceFilters(year=year, group=group, held=held, completed=True,
                                          first=first)


def _pairings_in_operation(*, user) -> dict[int, int]:
    """A pairing counts in every year it was in operation: one read of their dates."""
    return evaluation_memo(f"talent.pairings:{id(user)}",
                           lambda: selectors.pairings_in_operation(user=user))


INDICATORS = [
    Indicator(key="talent.cadre_sessions", label=_("干部及农村实用人才到仓山培训（期）"),
              unit=_("期"), selector=selectors.class_list,
              filters=_classes(KindGroup.CADRE, Held.EAST),
              year_field=CLASS_YEAR, url_name="talent:class_list"),
    Indicator(key="talent.cadre_people", label=_("干部及农村实用人才到仓山培训（人）"),
              unit=_("人"), selector=selectors.attendance_list, count_field="trainee",
              filters=_attendances(KindGroup.CADRE, Held.EAST),
              year_field=ATTENDANCE_YEAR,
              url_name="talent:attendance_list"),
    Indicator(key="talent.expert_lectures", label=_("仓山专家到临洮专题讲座（期）"),
              unit=_("期"), selector=selectors.class_list,
              filters=_classes(KindGroup.EXPERT_LECTURE, Held.WEST),
              year_field=CLASS_YEAR,
              url_name="talent:class_list"),
    Indicator(key="talent.expert_lecture_trainees", label=_("专题讲座培训干部（人次）"),
              unit=_("人次"), selector=selectors.attendance_list,
              filters=_attendances(KindGroup.EXPERT_LECTURE, Held.WEST),
              year_field=ATTENDANCE_YEAR,
              url_name="talent:attendance_list"),
    Indicator(key="talent.teachers", label=_("培训幼儿园、小学和中学教师（名）"),
              unit=_("名"), selector=selectors.attendance_list, count_field="trainee",
              filters=_attendances(KindGroup.TEACHER), year_field=ATTENDANCE_YEAR,
              url_name="talent:attendance_list"),
    *[Indicator(key=f"talent.{key}", label=label, unit=_("名"),
                selector=selectors.attendance_list, count_field="trainee",
                filters=_attendances(group, first=True), year_field=ATTENDANCE_YEAR,
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
              compute=_pairings_in_operation,
              url_name="talent:pairing_list"),
]

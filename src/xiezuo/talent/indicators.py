"""The talent part's figures for the plan (boxes 4–6), counted over its lists.

What each target counts follows the plan's wording: "培训20人" and "培训…教师30名" count people
(each person once a year, however many classes they attended: distinct trainees over the
attendance list), "培训干部20人次" counts attendances, "每年举办1—2期" counts classes, and the
cumulative "培训10名医疗骨干" counts each person once, in the year of their first completed class
of that kind (the attendance list with `first`). Only completed attendances count as trained.

Each figure is computed from one shared read of the classes and one of the attendances per
evaluation of the plan (the dashboard's query budget); `selector` and `filters` name the list
it equals and links to (tests/talent/test_talent_counts.py holds them equal year by year).
"""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from xiezuo.core.indicators import Indicator, evaluation_memo
from xiezuo.talent import selectors
from xiezuo.talent.choices import GROUP_KINDS, Held, KindGroup
from xiezuo.talent.filters import AttendanceFilters, ClassFilters, PairingFilters
from xiezuo.talent.models import Attendance, TrainingClass


def _memo(user, key: str, compute):
    """`compute()` once per user within one evaluation of the plan (core.indicators)."""
    return evaluation_memo(f"{key}:{id(user)}", compute)


def _attendance_rows(user) -> list[tuple]:
    """(trainee, kind, held, start date, pk) of every completed attendance the user sees."""
    return _memo(user, "talent.attendances", lambda: list(
        Attendance.objects.visible_to(user).filter(completed=True).order_by().values_list(
            "trainee_id", "training_class__kind", "training_class__held",
            "training_class__start_date", "pk")))


def _class_rows(user) -> list[tuple]:
    return _memo(user, "talent.classes", lambda: list(
        TrainingClass.objects.visible_to(user).order_by().values_list(
            "kind", "held", "start_date__year")))


def _matching(rows, group: str, held: str):
    kinds = GROUP_KINDS[group]
    return [r for r in rows if r[1] in kinds and (not held or r[2] == held)]


def count_people(group: str, held: str = ""):
    """{year: distinct trainees} (the attendance list with `trainee` counted distinct)."""
    def compute(*, user) -> dict[int, int]:
        per: dict[int, set] = defaultdict(set)
        for trainee, _k, _h, start, _pk in _matching(_attendance_rows(user), group, held):
            per[start.year].add(trainee)
        return {y: len(people) for y, people in per.items()}
    return compute


def count_times(group: str, held: str = ""):
    """{year: attendances} (人次)."""
    def compute(*, user) -> dict[int, int]:
        per: dict[int, int] = defaultdict(int)
        for _t, _k, _h, start, _pk in _matching(_attendance_rows(user), group, held):
            per[start.year] += 1
        return dict(per)
    return compute


def count_first(group: str, held: str = ""):
    """{year: people whose first completed class of the group started that year}."""
    def compute(*, user) -> dict[int, int]:
        first: dict[int, tuple] = {}
        for trainee, _k, _h, start, pk in _matching(_attendance_rows(user), group, held):
            if trainee not in first or (start, pk) < first[trainee]:
                first[trainee] = (start, pk)
        per: dict[int, int] = defaultdict(int)
        for start, _pk in first.values():
            per[start.year] += 1
        return dict(per)
    return compute


def count_classes(group: str, held: str):
    """{year: classes of the group held there}."""
    def compute(*, user) -> dict[int, int]:
        per: dict[int, int] = defaultdict(int)
        kinds = GROUP_KINDS[group]
        for kind, h, year in _class_rows(user):
            if kind in kinds and h == held:
                per[year] += 1
        return dict(per)
    return compute


def _classes(group: str, held: str):
    return lambda year: ClassFilters(year=year, group=group, held=held)


def _attendances(group: str, held: str = "", *, first: bool = False):
    return lambda year: AttendanceFilters(year=year, group=group, held=held, completed=True,
                                          first=first)


INDICATORS = [
    Indicator(key="talent.cadre_sessions", label=_("干部及农村实用人才到仓山培训（期）"),
              unit=_("期"), selector=selectors.class_list,
              filters=_classes(KindGroup.CADRE, Held.EAST),
              compute=count_classes(KindGroup.CADRE, Held.EAST), url_name="talent:class_list"),
    Indicator(key="talent.cadre_people", label=_("干部及农村实用人才到仓山培训（人）"),
              unit=_("人"), selector=selectors.attendance_list, count_field="trainee",
              filters=_attendances(KindGroup.CADRE, Held.EAST),
              compute=count_people(KindGroup.CADRE, Held.EAST),
              url_name="talent:attendance_list"),
    Indicator(key="talent.expert_lectures", label=_("仓山专家到临洮专题讲座（期）"),
              unit=_("期"), selector=selectors.class_list,
              filters=_classes(KindGroup.EXPERT_LECTURE, Held.WEST),
              compute=count_classes(KindGroup.EXPERT_LECTURE, Held.WEST),
              url_name="talent:class_list"),
    Indicator(key="talent.expert_lecture_trainees", label=_("专题讲座培训干部（人次）"),
              unit=_("人次"), selector=selectors.attendance_list,
              filters=_attendances(KindGroup.EXPERT_LECTURE, Held.WEST),
              compute=count_times(KindGroup.EXPERT_LECTURE, Held.WEST),
              url_name="talent:attendance_list"),
    Indicator(key="talent.teachers", label=_("培训幼儿园、小学和中学教师（名）"),
              unit=_("名"), selector=selectors.attendance_list, count_field="trainee",
              filters=_attendances(KindGroup.TEACHER), compute=count_people(KindGroup.TEACHER),
              url_name="talent:attendance_list"),
    *[Indicator(key=f"talent.{key}", label=label, unit=_("名"),
                selector=selectors.attendance_list, count_field="trainee",
                filters=_attendances(group, first=True), compute=count_first(group),
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
              compute=lambda *, user: _memo(user, "talent.pairings",
                                            lambda: selectors.pairings_in_operation(user=user)),
              url_name="talent:pairing_list"),
]

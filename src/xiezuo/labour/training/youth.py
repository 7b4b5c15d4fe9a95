"""The 两后生 list: young people of registered poor households who finished junior or senior
school (初中、高中毕业) and went on neither to further study nor into work, the plan's first
target for vocational training (ch.4.3). The rule reads the registry's own fields:

* age 15 to 22 on the day (`MIN_AGE`, `MAX_AGE`, from the date of birth);
* 文化程度 (education) 初中 or 高中: finished junior or senior school;
* 在校生状况 (schooling) empty or 非在校生: not studying (an empty cell is the roster's usual
  way to say so for a school leaver);
* 务工状况 (employment) empty: not in work by the roster; and no current job recorded in the
  labour part (a placement in work).

`reasons()` is the rule as a pure function (the table-driven tests read it); `youth_q()` is the
same rule as a query over registry Person (the list page and the enrolment picker read it), and a
test checks the two agree person by person.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from xiezuo.registry.choices import Education, Schooling

MIN_AGE, MAX_AGE = 15, 22
EDUCATIONS = (Education.JUNIOR, Education.SENIOR)
NOT_STUDYING = ("", Schooling.NOT_IN_SCHOOL)


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def reasons(*, birth_date: datetime.date, education: str, schooling: str, employment: str,
            in_work: bool, today: datetime.date) -> list[str]:
    """Why the person is not on the 两后生 list; empty when they are."""
    out = []
    age = age_on(birth_date, today)
    if not MIN_AGE <= age <= MAX_AGE:
        out.append(_("年龄 %(a)d 岁，不在 %(lo)d–%(hi)d 岁之间")
                   % {"a": age, "lo": MIN_AGE, "hi": MAX_AGE})
    if education not in EDUCATIONS:
        out.append(_("文化程度不是初中或高中"))
    if schooling not in NOT_STUDYING:
        out.append(_("仍在校就读"))
    if employment or in_work:
        out.append(_("已就业"))
    return out


def is_youth(**kw) -> bool:
    return not reasons(**kw)


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def youth_q(today: datetime.date) -> Q:
    """The rule over registry Person (born after today-23y, on or before today-15y)."""
    from xiezuo.labour.choices import PlacementStatus
    from xiezuo.labour.models import Placement

    youngest = _years_before(today, MIN_AGE)  # born on or before: at least 15
    oldest = _years_before(today, MAX_AGE + 1)  # born after: at most 22
    working = Placement.objects.filter(person=OuterRef("pk"), status=PlacementStatus.HIRED)
    return (Q(birth_date__lte=youngest, birth_date__gt=oldest, education__in=EDUCATIONS,
              schooling__in=NOT_STUDYING, employment="") & ~Q(Exists(working)))

"""Talent's home figures, of the latest year with classes (never a year without records), and
the to-do item both sides share: expert requests past their due date. The eastern officer's
figure is the training Cangshan held (cadres and professionals trained in the east)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import has
from xiezuo.core.cards import Card, Todo
from xiezuo.core.years import shown_year
from xiezuo.regions.scoping import on_east_side
from xiezuo.talent.access import READS_TALENT
from xiezuo.talent.choices import Held
from xiezuo.talent.filters import ClassFilters, RequestFilters, TraineeFilters
from xiezuo.talent.selectors import class_list, request_list, trainee_list


def cards(user) -> list[Card]:
    if not has(user, READS_TALENT):
        return []
    today = timezone.localdate()
    years = (class_list(user=user, filters=ClassFilters()).order_by()
             .values_list("start_date__year", flat=True).distinct())
    year = shown_year(years, today=today)
    if on_east_side(user):
        held = ClassFilters(year=year, held=Held.EAST)
        return [Card(_("%(y)s 年仓山举办的培训班") % {"y": year},
                     class_list(user=user, filters=held).count(),
                     reverse("talent:class_list") + "?" + held.query(),
                     _("为临洮培训党政干部和专业技术人才"), _("期"))]
    classes = ClassFilters(year=year)
    trainees = TraineeFilters(year=year)
    return [
        Card(_("%(y)s 年参训人数") % {"y": year},
             trainee_list(user=user, filters=trainees).count(),
             reverse("talent:trainee_list") + "?" + trainees.query(),
             _("%(y)s 年开班的培训班 %(n)s 期（每人只计一次）") % {
                 "y": year, "n": class_list(user=user, filters=classes).count()}, _("人")),
    ]


def todos(user) -> list[Todo]:
    if not has(user, READS_TALENT):
        return []
    overdue = RequestFilters(overdue=True)
    return [Todo(_("逾期的人才需求：已过要求完成日期、专家尚未完成帮扶"),
                 request_list(user=user, filters=overdue).count(),
                 reverse("talent:request_list") + "?" + overdue.query(), _("项"),
                 _("双方可见"))]

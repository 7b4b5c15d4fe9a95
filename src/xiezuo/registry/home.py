import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiezuo.accounts.roles import has
from xiezuo.core.cards import Card, Todo
from xiezuo.core.years import shown_year
from xiezuo.regions.scoping import on_east_side
from xiezuo.registry import selectors
from xiezuo.registry.access import EDITS_REGISTRY
from xiezuo.registry.filters import EXITED, HouseholdFilters, PersonFilters
from xiezuo.registry.models import StatusChange


def todos(user) -> list[Todo]:
    """For those who keep the registry: the households missing data, on the list that shows
    them (the household list with the same filter)."""
    if not has(user, EDITS_REGISTRY):
        return []
    f = HouseholdFilters(incomplete=True)
    return [Todo(_("信息不全的贫困户：补录贫困户属性、致贫原因、收入或人数"),
                 selectors.household_list(user=user, filters=f).count(),
                 reverse("registry:household_list") + "?" + f.query(),
                 pgettext_lazy("unit", "户"))]


def cards(user) -> list[Card]:
    """The registry's figures for the user's area (selectors scope them with visible_to)."""
    search = reverse("registry:household_list")
    households = selectors.households_count(user=user)
    if not households:
        return []  # nothing registered in this user's area: no row of zeros on the home page
    exits = selectors.exit_counts(user=user)
    exited = sum(exits.values())
    today = timezone.localdate()
    # The year of the latest record (an exit, a change of status), not the calendar's.
    year = shown_year([*exits, _last_change_year(user, exits, today)], today=today)
    remaining = PersonFilters(remaining=year)
    persons = reverse("registry:person_list")
    # the persons list with that filter counts the same people (tested): summed from the
    # village rollup, not by reading every person of the scope
    left = Card(_("剩余贫困人口"), selectors.poor_remaining(user=user, year=year),
                f"{persons}?{remaining.query()}",
                _("截至 %(y)d 年底未脱贫或已返贫（最近一条记录的年度）") % {"y": year}, _("人"))
    if on_east_side(user):
        return [left]  # the eastern officer's home: whom the help is for, then what the east did
    return [
        Card(_("建档立卡户"), households, search, _("您负责区域内的贫困户"),
             pgettext_lazy("unit", "户")),
        Card(_("建档立卡人口"), selectors.persons_count(user=user), persons,
             _("含已脱贫人口"), _("人")),
        # The persons list with the same filter: its 共 N 人 is this figure.
        Card(_("已脱贫人口"), exited, f"{persons}?{PersonFilters(exit_status=EXITED).query()}",
             _("所在户已脱贫（享受或不再享受政策）"), _("人")),
        left,
    ]


def _last_change_year(user, exits, today) -> int | None:
    """The year of the scope's latest change of status, where it can move the shown year: only
    changes after the latest exit year up to this year are read (by the date index: returns to
    poverty, a few in a thousand), not every change of a county's or a city's households. The
    shown year is the same as from the latest change of all (tests/registry/test_home_rollup.py)."""
    changes = StatusChange.objects.visible_to(user)
    latest_exit = max((y for y in exits if y <= today.year), default=None)
    if latest_exit is not None:
        changes = changes.filter(date__gt=datetime.date(latest_exit, 12, 31))
    # newest first, one row: PostgreSQL walks the date index back from the newest change and
    # stops at the first in scope (a MAX read the scope's every household to join them)
    last = changes.order_by("-date").values_list("date", flat=True).first()
    return last.year if last else None

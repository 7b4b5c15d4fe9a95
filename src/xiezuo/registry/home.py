from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.core.cards import Card
from xiezuo.registry import selectors
from xiezuo.registry.filters import EXITED, PersonFilters


def cards(user) -> list[Card]:
    """The registry's figures for the user's area (selectors scope them with visible_to)."""
    search = reverse("registry:household_list")
    households = selectors.households_count(user=user)
    if not households:
        return []  # nothing registered in this user's area: no row of zeros on the home page
    year = timezone.localdate().year
    exited = sum(selectors.exit_counts(user=user).values())
    remaining = selectors.poor_remaining(user=user, year=year)
    persons = reverse("registry:person_list")
    return [
        Card(_("建档立卡户"), households, search, _("您负责区域内的贫困户")),
        Card(_("建档立卡人口"), selectors.persons_count(user=user), persons,
             _("含已脱贫人口")),
        # The persons list with the same filter: its 共 N 人 is this figure.
        Card(_("已脱贫人口"), exited, f"{persons}?{PersonFilters(exit_status=EXITED).query()}",
             _("所在户已脱贫（享受或不再享受政策）")),
        Card(_("剩余贫困人口"), remaining, persons,
             _("截至 %(y)d 年底未脱贫或已返贫") % {"y": year}),
    ]

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiezuo.core.cards import Card
from xiezuo.regions.scoping import on_east_side
from xiezuo.regions.selectors import area_summary


def cards(user) -> list[Card]:
    if on_east_side(user):
        return []  # the eastern officer's home speaks of what the east does, not of areas
    s = area_summary(user=user)
    url = reverse("regions:area_list")
    return [
        Card(pgettext_lazy("how many", "乡镇"), s["townships"], url, _("其中深度贫困乡镇 %(n)s 个") % {"n": s["deep_townships"]},
             _("个")),
        Card(pgettext_lazy("how many", "行政村"), s["villages"], url, _("其中深度贫困村 %(n)s 个") % {"n": s["deep_villages"]},
             _("个")),
    ]

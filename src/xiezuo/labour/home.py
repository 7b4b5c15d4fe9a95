from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import has
from xiezuo.core.cards import Card
from xiezuo.labour.access import READS_LABOUR
from xiezuo.labour.selectors import labour_summary


def cards(user) -> list[Card]:
    if not has(user, READS_LABOUR):
        return []
    s = labour_summary(user=user)
    return [
        Card(_("转移到东部就业"), s["transferred"], reverse("labour:placement_list") + "?east=1",
             _("建档立卡贫困劳动力（专栏3目标 1500 人）")),
        Card(_("在岗人数"), s["in_work"], reverse("labour:placement_list") + "?status=hired",
             _("已调查劳动力 %(n)s 人，有就业意愿 %(w)s 人")
             % {"n": s["profiles"], "w": s["willing"]}),
        Card(_("逾期回访"), s["follow_ups_overdue"], reverse("labour:follow_up_list"),
             _("上岗后第 1、3、6、12 个月回访")),
        _outreach_card(user),
    ]


def _outreach_card(user) -> Card:
    """Coverage of the latest year's campaigns (到每村每户), linking to the villages not
    reached."""
    from django.utils import timezone

    from xiezuo.labour.outreach import selectors as outreach
    from xiezuo.labour.outreach.filters import VillageCoverageFilters

    latest = outreach.campaigns_visible(user=user).order_by("-year").values_list(
        "year", flat=True).first() or timezone.localdate().year
    v = outreach.village_coverage(user=user, year=latest)
    h = outreach.household_coverage(user=user, year=latest)
    return Card(
        _("%(y)s年政策宣传覆盖行政村") % {"y": latest}, f"{v.reached} / {v.total}",
        reverse("labour:outreach_villages") + "?"
        + VillageCoverageFilters(year=latest, reached="no").query(),
        _("覆盖建档立卡贫困户 %(r)s / %(t)s 户（%(p)s%%）；点击查看未覆盖的村")
        % {"r": h.reached, "t": h.total, "p": h.percent})

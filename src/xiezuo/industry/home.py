from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import has
from xiezuo.core.cards import Card
from xiezuo.industry.access import READS_INDUSTRY
from xiezuo.industry.selectors import industry_summary


def cards(user) -> list[Card]:
    if not has(user, READS_INDUSTRY):
        return []
    s = industry_summary(user=user)
    return [
        Card(_("投资项目"), s["projects"], reverse("industry:project_list"),
             _("其中已投产 %(n)s 个；到位资金 %(m)s 元") % {
                 "n": s["operating"], "m": f"{s['invested']:,.2f}"}),
        Card(_("消费扶贫销售额（元）"), f"{s['sales']:,.2f}", reverse("industry:totals"),
             _("东部采购、帮助销售的临洮农产品")),
    ]

"""Industry's home figures, amounts in 万元. The eastern officer's are what the east brings:
projects of eastern (or east-introduced) investors and the money they put in, and the produce
Cangshan bought or helped sell."""

from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiezuo.accounts.roles import has
from xiezuo.core.cards import Card
from xiezuo.core.numbers import count, wan, wan_yuan
from xiezuo.industry.access import READS_INDUSTRY
from xiezuo.industry.choices import Stage
from xiezuo.industry.filters import ArrivalFilters, ProjectFilters, SaleFilters
from xiezuo.industry.selectors import arrival_list, project_list, sale_summary
from xiezuo.regions.scoping import on_east_side


def cards(user) -> list[Card]:
    if not has(user, READS_INDUSTRY):
        return []
    east = on_east_side(user)
    projects = project_list(user=user, filters=ProjectFilters(east=east))
    arrived = arrival_list(user=user, filters=ArrivalFilters(east=east)).order_by().aggregate(
        v=Sum("amount"))["v"] or 0
    sales = sale_summary(user=user, filters=SaleFilters())
    project_url = reverse("industry:project_list") + ("?east=1" if east else "")
    return [
        Card(_("东部企业在临洮的投资项目") if east else _("投资项目"), projects.count(),
             project_url,
             _("其中已投产 %(n)s 个；到位资金 %(m)s") % {
                 "n": projects.filter(stage=Stage.OPERATING).count(), "m": wan_yuan(arrived)},
             pgettext_lazy("projects", "个")),
        Card(_("消费扶贫：东部采购和帮助销售的临洮农产品"), wan(sales["amount"]),
             reverse("industry:totals"),
             _("%(n)s 笔销售，带动贫困户 %(h)s 户") % {"n": count(sales["sales"]),
                                                 "h": count(sales["households"])}, _("万元")),
    ]

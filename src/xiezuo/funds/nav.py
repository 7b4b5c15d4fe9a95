from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiezuo.core.navigation import NavItem
from xiezuo.funds.access import EDITS_FUNDS, READS_FUNDS

ITEMS = [
    NavItem(6, _("资金监管"), "funds:supervision", READS_FUNDS, order=10),
    NavItem(6, pgettext_lazy("plural", "项目"), "funds:project_list", READS_FUNDS, order=20),
    NavItem(6, _("资金拨入"), "funds:allocation_list", READS_FUNDS, order=30),
    NavItem(6, _("资金台账"), "funds:ledger_list", READS_FUNDS, order=40),
    NavItem(6, _("导入项目与支出"), "funds:import", EDITS_FUNDS, order=50),
]

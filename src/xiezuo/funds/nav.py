from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import EDITS_FUNDS
from xiezuo.core.navigation import NavItem
from xiezuo.funds.access import READS_FUNDS

ITEMS = [
    NavItem(6, _("资金监管"), "funds:supervision", READS_FUNDS, order=10),
    NavItem(6, _("项目"), "funds:projects", READS_FUNDS, order=20),
    NavItem(6, _("资金拨入"), "funds:allocations", READS_FUNDS, order=30),
    NavItem(6, _("资金台账"), "funds:ledger", READS_FUNDS, order=40),
    NavItem(6, _("导入项目与支出"), "funds:import", EDITS_FUNDS, order=50),
]

from django.utils.translation import gettext_lazy as _

from xiezuo.core.navigation import NavItem
from xiezuo.mechanisms.access import READS_MECHANISMS

ITEMS = [
    NavItem(8, _("领导小组和工作组"), "mechanisms:group_list", READS_MECHANISMS, order=10),
    NavItem(8, _("联席会议和互访"), "mechanisms:meeting_list", READS_MECHANISMS, order=20),
    NavItem(8, _("议定事项"), "mechanisms:decision_list", READS_MECHANISMS, order=25),
    NavItem(8, _("挂职干部"), "mechanisms:secondment_list", READS_MECHANISMS, order=30),
    NavItem(8, _("典型案例"), "mechanisms:case_list", READS_MECHANISMS, order=40),
]

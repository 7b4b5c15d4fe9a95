from django.utils.translation import gettext_lazy as _

from xiezuo.core.navigation import NavItem
from xiezuo.pairing.access import EDITS_PAIRING, READS_PAIRING

ITEMS = [
    NavItem(7, _("结对帮扶覆盖"), "pairing:coverage", READS_PAIRING, order=10),
    NavItem(7, _("镇村结对"), "pairing:town_list", READS_PAIRING, order=20),
    NavItem(7, _("村企结对"), "pairing:enterprise_list", READS_PAIRING, order=30),
    NavItem(7, _("结对帮扶活动"), "pairing:activity_list", READS_PAIRING, order=40),
    NavItem(7, _("社会捐赠"), "pairing:donation_list", READS_PAIRING, order=50),
    NavItem(7, _("导入社会捐赠台账"), "pairing:import_upload", EDITS_PAIRING, order=55),
    NavItem(7, _("导入结对或帮扶活动"), "pairing:records_import_upload", EDITS_PAIRING, order=56),
    NavItem(7, _("社会组织"), "pairing:volunteer_org_list", READS_PAIRING, order=60),
    NavItem(7, _("志愿者"), "pairing:volunteer_list", READS_PAIRING, order=70),
    NavItem(7, _("志愿服务活动"), "pairing:service_list", READS_PAIRING, order=80),
    NavItem(7, _("社会参与完成情况"), "pairing:figures", READS_PAIRING, order=90),
]

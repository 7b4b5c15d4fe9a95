from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import SEES_FULL_ID
from xiezuo.core.navigation import NavItem
from xiezuo.registry.access import EDITS_REGISTRY, MANAGES_AREAS

ITEMS = [
    NavItem(chapter=2, label=_("建档立卡户查询"), url_name="registry:household_list", order=20),
    NavItem(chapter=2, label=_("花名册导入"), url_name="registry:import",
            capability=EDITS_REGISTRY, order=30),
    NavItem(chapter=2, label=_("导入记录"), url_name="registry:import_list", order=40),
    NavItem(chapter=2, label=_("花名册导出"), url_name="registry:export",
            capability=SEES_FULL_ID, order=45),
    NavItem(chapter=2, label=_("农业人口"), url_name="registry:population_list",
            capability=EDITS_REGISTRY, order=50),
    NavItem(chapter=2, label=_("贫困发生率"), url_name="registry:incidence", order=25),
    NavItem(chapter=2, label=_("行政村管理"), url_name="registry:village_list",
            capability=MANAGES_AREAS, order=60),
]

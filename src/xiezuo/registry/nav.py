from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import EDITS_REGISTRY, SEES_FULL_ID
from xiezuo.core.navigation import NavItem

ITEMS = [
    NavItem(chapter=2, label=_("建档立卡户查询"), url_name="registry:search", order=20),
    NavItem(chapter=2, label=_("花名册导入"), url_name="registry:import",
            capability=EDITS_REGISTRY, order=30),
    NavItem(chapter=2, label=_("导入记录"), url_name="registry:imports", order=40),
    NavItem(chapter=2, label=_("花名册导出"), url_name="registry:export",
            capability=SEES_FULL_ID, order=45),
    NavItem(chapter=2, label=_("农业人口"), url_name="registry:population",
            capability=EDITS_REGISTRY, order=50),
]

from django.utils.translation import gettext_lazy as _

from xiezuo.core.navigation import NavItem
from xiezuo.industry.access import EDITS_INDUSTRY, READS_INDUSTRY

ITEMS = [
    NavItem(3, _("投资项目"), "industry:project_list", READS_INDUSTRY, order=10),
    NavItem(3, _("投资企业"), "industry:investor_list", READS_INDUSTRY, order=15),
    NavItem(3, _("到位资金"), "industry:arrival_list", READS_INDUSTRY, order=20),
    NavItem(3, _("利益联结"), "industry:linkage_list", READS_INDUSTRY, order=30),
    NavItem(3, _("带动贫困户"), "industry:household_list", READS_INDUSTRY, order=35),
    NavItem(3, _("经贸活动"), "industry:event_list", READS_INDUSTRY, order=40),
    NavItem(3, _("签约项目"), "industry:deal_list", READS_INDUSTRY, order=45),
    NavItem(3, _("消费扶贫销售台账"), "industry:sale_list", READS_INDUSTRY, order=50),
    NavItem(3, _("消费扶贫汇总"), "industry:totals", READS_INDUSTRY, order=55),
    NavItem(3, _("定西好货·展示产品"), "industry:product_list", READS_INDUSTRY, order=60),
    NavItem(3, _("导入利益联结或销售台账"), "industry:import_upload", EDITS_INDUSTRY, order=90),
]

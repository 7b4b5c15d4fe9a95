from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import CITY_LEVEL
from xiezuo.core.navigation import NavItem

# The plan's targets span every chapter; the dashboard sits with ch.8 (assessment mechanism)
# and is linked from ch.2 (the overall goals).
ITEMS = [
    NavItem(chapter=2, label=_("规划目标进度"), url_name="plan:dashboard", order=90),
    NavItem(chapter=8, label=_("规划目标与年度考核"), url_name="plan:dashboard", order=10),
    # a city office follows every pair of its city (superusers see it too)
    NavItem(chapter=8, label=_("各结对规划目标汇总"), url_name="plan:city", order=11,
            capability=CITY_LEVEL),
]

from django.utils.translation import gettext_lazy as _

from xiezuo.core.navigation import NavItem

# The plan's targets span every chapter; the dashboard sits with ch.8 (assessment mechanism)
# and is linked from ch.2 (the overall goals).
ITEMS = [
    NavItem(chapter=2, label=_("规划目标进度"), url_name="plan:dashboard", order=90),
    NavItem(chapter=8, label=_("规划目标与年度考核"), url_name="plan:dashboard", order=10),
]

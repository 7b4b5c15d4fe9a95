from django.utils.translation import gettext_lazy as _

from xiezuo.core.navigation import NavItem

ITEMS = [NavItem(chapter=2, label=_("区域与深度贫困"), url_name="regions:area_list", order=10)]

from django.utils.translation import gettext_lazy as _

from xiezuo.core.navigation import NavItem
from xiezuo.orgs.access import READS_ORGS

# Chapter 3 opens with the register: investors, buyers and suppliers are its organisations, and
# labour, talent and social participation use the same one.
ITEMS = [NavItem(3, _("企业与组织"), "orgs:organisation_list", READS_ORGS, order=5)]

"""What the industry part adds to other parts' record pages (core.panels)."""

from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import has
from xiezuo.core.panels import Panel
from xiezuo.industry.access import READS_INDUSTRY
from xiezuo.industry.selectors import household_income


def household(household, user) -> list[Panel]:
    """The household's interest linkages and the income they bring, per year."""
    years = household_income(household=household, user=user)
    if not years:
        return []
    return [Panel(title=_("产业带动：利益联结收益"), template="industry/_household_panel.html",
                  context={"years": years, "can_read": has(user, READS_INDUSTRY)}, order=30)]

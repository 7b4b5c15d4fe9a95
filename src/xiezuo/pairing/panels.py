"""What the pairing part adds to a registered household's page: the donations that reached it
(core.panels)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import has
from xiezuo.core.panels import Panel
from xiezuo.pairing import selectors
from xiezuo.pairing.access import READS_PAIRING
from xiezuo.pairing.filters import DonationFilters


def household(household, user) -> list[Panel]:
    if not has(user, READS_PAIRING):
        return []
    filters = DonationFilters(household=household.pk)
    rows = list(selectors.donation_list(user=user, filters=filters)[:50])
    if not rows:
        return []
    return [Panel(title=_("社会捐赠"), template="pairing/_household_panel.html", order=70,
                  context={"rows": rows,
                           "total": selectors.donation_totals(user=user, filters=filters),
                           "url": reverse("pairing:donation_list") + "?" + filters.query()})]

"""Writes to the social-participation part, by topic. Keyword-only, typed, one transaction
each, each writing its audit event; checked by the one guard over the record's ends
(services.base.guard_ends), edits through the one versioned update (accounts.versioned).

- `pairings`: town–township and enterprise–village pairings and their activities;
- `donations`: donations, what they reached, the link to a funds allocation;
- `volunteers`: volunteers and service activities.
"""

from xiezuo.accounts.versioned import StaleEditError
from xiezuo.pairing.services.donations import (
    donation_create,
    donation_link_funds,
    donation_update,
)
from xiezuo.pairing.services.pairings import (
    activity_create,
    activity_update,
    enterprise_pairing_create,
    enterprise_pairing_update,
    town_pairing_create,
    town_pairing_update,
)
from xiezuo.pairing.services.volunteers import (
    service_create,
    service_update,
    volunteer_create,
    volunteer_update,
)

__all__ = [
    "StaleEditError", "activity_create", "activity_update", "donation_create",
    "donation_link_funds", "donation_update", "enterprise_pairing_create",
    "enterprise_pairing_update", "service_create", "service_update", "town_pairing_create",
    "town_pairing_update", "volunteer_create", "volunteer_update",
]

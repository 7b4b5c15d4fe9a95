"""What each role may do. Plain data: the views and services ask these sets, never role names."""

from xiezuo.accounts.choices import Role

READ_ONLY = frozenset({Role.LEADERSHIP, Role.AUDITOR, Role.CITY_OFFICE})
# Roles that see the partner side's areas as well as their own (both leadership groups, the
# eastern officers who place workers from the west, auditors of the cooperation). A city office
# (scope: the city) so sees every pair of its city: the city's counties and each partner county.
SEES_PARTNER = frozenset({Role.EAST_OFFICER, Role.LEADERSHIP, Role.AUDITOR, Role.CITY_OFFICE})
# Roles whose scope is a city and whose home is the city dashboard (every pair, added up).
CITY_LEVEL = frozenset({Role.CITY_OFFICE})
# Roles that may see a person's full ID number (each view is audited).
SEES_FULL_ID = frozenset({Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK, Role.CASE_WORKER})
SEES_AUDIT_LOG = frozenset({Role.AUDITOR})
# Each part's own capabilities (EDITS_*, READS_*) are in its access.py.
MANAGES_USERS = frozenset({Role.COUNTY_ADMIN})
# Roles that must log in with a second factor (TOTP): those who manage accounts or see the whole
# county's records and its audit trail; superusers too (accounts.twofactor).
REQUIRES_SECOND_FACTOR = frozenset({Role.COUNTY_ADMIN, Role.AUDITOR})


def has(user, capability: frozenset) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.role in capability

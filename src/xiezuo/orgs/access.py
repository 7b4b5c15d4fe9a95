"""Who reads and who edits the organisations register, and its partnership-wide scope.

An organisation names no registered person: every role of a partnership sees the organisations
of both its sides (the eastern city and the western county), as labour's employers always were.
A user outside every partnership sees those of its own areas only.
"""

from xiezuo.accounts.choices import Role
from xiezuo.accounts.roles import has
from xiezuo.regions.scoping import ScopedQuerySet, scope_prefixes

#: roles that record organisations and give them roles: every role that records anything in a
#: part (an employer, a payee, a cooperative); the leadership groups and auditors read
EDITS_ORGS = frozenset({Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK, Role.CASE_WORKER,
                        Role.EAST_OFFICER, Role.FUND_OFFICER})
#: every role reads the register: each part's pages link to it
READS_ORGS = frozenset(Role)

#: every page of the register and who may use it (core.access explains the table)
ACCESS = {f"orgs:{name}": READS_ORGS for name in (
    "organisation_list", "organisation_detail")} | {f"orgs:{name}": EDITS_ORGS for name in (
    "organisation_create", "organisation_edit")}


def partnership_prefixes(user, capability: frozenset = READS_ORGS) -> list[str] | None:
    """The code prefixes of both sides of every partnership the user works in, or [] for a user
    without `capability`. The eastern side counts at the level of its city (Fuzhou): the plan's
    employers, buyers and donors are in the city, not only the district. None means everything
    (superuser)."""
    from xiezuo.regions.selectors import partnership_reach

    prefixes = scope_prefixes(user)
    if prefixes is None:
        return None
    if not prefixes or not has(user, capability):
        return []
    out = set(prefixes) | partnership_reach(prefixes, east_city=True)
    return sorted(out)


class PartnershipScopedQuerySet(ScopedQuerySet):
    """Scoped to both sides of the user's partnerships (subclasses may narrow the capability)."""

    capability: frozenset = READS_ORGS

    def scope_prefixes(self, user) -> list[str] | None:
        return partnership_prefixes(user, self.capability)

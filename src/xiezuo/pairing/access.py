"""Who reads and who edits the social-participation part (plan ch.7, ch.8.3).

A pairing has two ends: a town or street of the eastern district and a township (or an
enterprise and a village) of the western county. A user sees a record when either end lies in
the user's areas: an eastern officer sees Cangshan's side (and, as a partnership role, Lintao's
areas too), a Lintao township clerk the pairings, activities and donations of their township
only. Writes are checked the same way: at least one end of the record must be in the writer's
areas (services.base.guard_ends).
"""

from xiezuo.accounts.choices import Role
from xiezuo.accounts.roles import READ_ONLY
from xiezuo.regions.scoping import ScopedQuerySet, prefix_q

#: roles that record pairings, activities, donations, volunteers and service activities
EDITS_PAIRING = frozenset({Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK, Role.EAST_OFFICER})
#: roles that say which funds allocation a money donation became (the fund officer books it)
LINKS_FUNDS = frozenset({Role.COUNTY_ADMIN, Role.FUND_OFFICER})
#: roles that see the pages; the labour case worker works elsewhere and gets 403
READS_PAIRING = EDITS_PAIRING | LINKS_FUNDS | READ_ONLY

_READS = ("coverage", "town_list", "town_detail", "enterprise_list", "enterprise_detail",
          "activity_list", "donation_list", "donation_detail", "volunteer_org_list",
          "volunteer_list", "service_list", "figures")
_EDITS = ("town_create", "town_edit", "enterprise_create", "enterprise_edit",
          "activity_create", "activity_edit", "donation_create", "donation_edit",
          "volunteer_create", "volunteer_edit", "service_create", "service_edit",
          "import_upload", "import_template", "import_result", "import_confirm", "import_report",
          "records_import_upload", "records_import_template", "records_import_result",
          "records_import_confirm", "records_import_report")

#: every page of the part and who may use it (core.access explains the table)
ACCESS = ({f"pairing:{n}": READS_PAIRING for n in _READS}
          | {f"pairing:{n}": EDITS_PAIRING for n in _EDITS}
          | {"pairing:donation_link": LINKS_FUNDS})


class EndsScopedQuerySet(ScopedQuerySet):
    """Visible when any of `end_fields` (paths to 12-digit area codes) is within the user's
    prefixes: either end of a pairing, the place a donation reached or its donor's."""

    end_fields: tuple[str, ...] = ()

    def scope_q(self, prefixes):
        q = prefix_q(self.end_fields[0], prefixes)
        for f in self.end_fields[1:]:
            q |= prefix_q(f, prefixes)
        return q


#: the pairing records that carry evidence files (xiezuo.evidence) and who attaches them: a
#: pairing's agreement, a donation's receipt, an activity's or service's photos and lists
EVIDENCE = {
    "pairing.townpairing": EDITS_PAIRING,
    "pairing.enterprisepairing": EDITS_PAIRING,
    "pairing.pairingactivity": EDITS_PAIRING,
    "pairing.donation": EDITS_PAIRING,
    "pairing.serviceactivity": EDITS_PAIRING,
}

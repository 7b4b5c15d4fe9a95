"""Who reads and who edits the industry part (plan ch.3), and how its records are scoped.

- West (the county, its townships): projects, sales and products in its townships and villages;
  linkages and the households behind sales by the household's village (registry scope).
- East (the helping district): projects whose investor, and sales whose buyer, is in its area;
  an eastern officer also sees the partner county (accounts: SEES_PARTNER), so all of Lintao's.
- Trade events name no person: both sides of a partnership see them (partnership_prefixes).
"""

from django.db.models import Q

from xiezuo.accounts.choices import Role
from xiezuo.accounts.roles import READ_ONLY, has
from xiezuo.core.access import PUBLIC
from xiezuo.regions.scoping import ScopedQuerySet, prefix_q, scope_prefixes

#: roles that record projects, linkages, events, sales and products, and import them
EDITS_INDUSTRY = frozenset({Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK, Role.EAST_OFFICER})
#: roles that read the industry pages; the fund officer and the labour case worker get 403
READS_INDUSTRY = EDITS_INDUSTRY | READ_ONLY

_READS = ("project_list", "project_detail", "investor_list", "arrival_list", "linkage_list",
          "household_list", "event_list", "event_detail", "deal_list", "sale_list",
          "sale_detail", "product_list", "product_detail", "totals", "import_template")
_EDITS = ("project_create", "project_edit", "project_stage", "arrival_create", "arrival_edit",
          "linkage_create", "linkage_edit", "event_create", "event_edit", "deal_create",
          "deal_edit", "sale_create", "sale_edit", "product_create", "product_edit",
          "import_upload", "import_result", "import_report", "import_confirm")

#: every industry page and who may use it (core.access explains the table); the showcase's
#: pages are the only public ones of the whole system besides log-in
ACCESS = ({f"industry:{n}": READS_INDUSTRY for n in _READS}
          | {f"industry:{n}": EDITS_INDUSTRY for n in _EDITS}
          | {f"showcase:{n}": PUBLIC for n in ("index", "product", "sheet", "photo", "qr")})


def partnership_prefixes(user) -> list[str] | None:
    """The prefixes of both sides of every partnership the user works in (None: everything)."""
    from xiezuo.regions.selectors import partnership_reach

    prefixes = scope_prefixes(user)
    if prefixes is None:
        return None
    if not prefixes or not has(user, READS_INDUSTRY):
        return []
    out = set(prefixes) | partnership_reach(prefixes, east_city=True)
    return sorted(out)


class WestOrEastScoped(ScopedQuerySet):
    """Seen where the record stands (`area_code_field`, the west) or where its eastern
    counterpart is (`east_code_field`: the investor, the buyer, the supplier)."""

    east_code_field: str = ""

    def scope_q(self, prefixes: list[str]) -> Q:
        q = prefix_q(self.area_code_field, prefixes)
        if self.east_code_field:
            q |= prefix_q(self.east_code_field, prefixes)
        return q


class PartnershipScoped(ScopedQuerySet):
    def scope_prefixes(self, user) -> list[str] | None:
        return partnership_prefixes(user)


def west_prefixes() -> list[str]:
    """The prefixes of the western sides (the counties helped) of every partnership."""
    from xiezuo.regions.models import Partnership

    return sorted({p.west.prefix for p in Partnership.objects.select_related("west")})


#: the records that take evidence files (xiezuo.evidence) and who attaches them: a project's
#: contracts, the vouchers of money arrived, a sale's invoices
EVIDENCE = {"industry.investmentproject": EDITS_INDUSTRY,
            "industry.investmentarrival": EDITS_INDUSTRY, "industry.sale": EDITS_INDUSTRY}

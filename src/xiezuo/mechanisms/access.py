"""Who reads and who edits the mechanisms part (ch.8), and its two scopes.

- A leading group and its members belong to one side: a user sees the group of the side the
  user works on (an eastern officer Cangshan's, a Lintao clerk Lintao's); the read-only roles
  (leadership, auditors) see both sides, as their area scope does.
- Joint meetings, their decisions, the working group, secondments and model cases belong to the
  partnership: every reader working on either side of it sees them.
"""

from django.db.models import Q

from xiezuo.accounts.choices import Role
from xiezuo.accounts.roles import READ_ONLY, has
from xiezuo.regions.scoping import ScopedQuerySet, prefix_q, scope_prefixes

#: roles that record groups, meetings, decisions, secondments and cases
EDITS_MECHANISMS = frozenset({Role.COUNTY_ADMIN, Role.EAST_OFFICER})
#: roles that see the ch.8 pages; the fund officer and the labour case worker get 403
READS_MECHANISMS = EDITS_MECHANISMS | READ_ONLY | frozenset({Role.TOWNSHIP_CLERK})

_READS = ("group_list", "group_detail", "meeting_list", "meeting_detail", "meeting_minutes",
          "decision_list", "secondment_list", "secondment_detail", "secondment_report",
          "case_list", "case_detail")
_EDITS = ("group_create", "group_edit", "member_create", "member_edit", "meeting_create",
          "meeting_edit", "decision_create", "decision_edit", "decision_follow_up",
          "secondment_create", "secondment_edit", "summary_save", "case_create", "case_edit")
#: every mechanisms page and who may use it (core.access explains the table)
ACCESS = ({f"mechanisms:{n}": READS_MECHANISMS for n in _READS}
          | {f"mechanisms:{n}": EDITS_MECHANISMS for n in _EDITS})

#: the records that carry evidence (evidence.registry): signed minutes, founding and appointment
#: documents, photos of model cases
EVIDENCE = {f"mechanisms.{m}": EDITS_MECHANISMS
            for m in ("leadinggroup", "jointmeeting", "secondment", "modelcase")}


def side_prefixes(user) -> list[str] | None:
    """The prefixes a user sees the sides' own records through: the user's own area (not the
    partner side an eastern officer also works in), both sides for the read-only roles."""
    prefixes = scope_prefixes(user)
    if prefixes is None:
        return None
    if not prefixes or not has(user, READS_MECHANISMS):
        return []
    if user.role in READ_ONLY or user.scope_id is None:
        return prefixes
    return [user.scope.prefix]


def _ancestor_codes(prefix: str) -> list[str]:
    """The 12-digit codes of the areas holding a prefix's area (a township's county, city …)."""
    return [prefix[:n].ljust(12, "0") for n in (2, 4, 6, 9) if n < len(prefix)]


def overlap_q(field: str, prefixes: list[str]) -> Q:
    """Rows whose area (at `field`, a 12-digit code) lies within or holds one of the prefixes:
    a township clerk sees the county's leading group."""
    codes = sorted({c for p in prefixes for c in _ancestor_codes(p)})
    return prefix_q(field, prefixes) | Q(**{f"{field}__in": codes})


def partnership_ids(prefixes: list[str]) -> list[int]:
    """The partnerships either side of which overlaps the prefixes (read once per plan
    evaluation: regions.selectors.partnerships)."""
    from xiezuo.regions.selectors import partnerships

    out = []
    for p in partnerships():
        sides = (p.east.prefix, p.west.prefix)
        if any(x.startswith(s) or s.startswith(x) for x in prefixes for s in sides):
            out.append(p.pk)
    return out


def partnership_q(path: str, prefixes: list[str]) -> Q:
    """Rows of a partnership (at `path`) either side of which overlaps the prefixes."""
    return Q(**{f"{path}_id__in": partnership_ids(prefixes)})


class SideScopedQuerySet(ScopedQuerySet):
    """A side's own record: seen by the users of that side (side_prefixes)."""

    area_code_field = "area__code"

    def scope_prefixes(self, user):
        return side_prefixes(user)

    def scope_q(self, prefixes):
        return overlap_q(self.area_code_field, prefixes)


class PartnershipScopedQuerySet(ScopedQuerySet):
    """A record of the partnership: seen by the readers of either side."""

    partnership_path = "partnership"

    def scope_prefixes(self, user):
        return side_prefixes(user)

    def scope_q(self, prefixes):
        return partnership_q(self.partnership_path, prefixes)

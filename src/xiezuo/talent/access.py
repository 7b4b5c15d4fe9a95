"""Who reads and who edits the talent part, and the partnership-wide scope of its classes.

Training classes, hospital pairings and expert requests name no registered person: every talent
role of a partnership sees those of both its sides (Cangshan organises, Lintao sends people and
files needs). Trainees are scoped by their township (a township clerk sees the trainees of the
township), directed-enrolment students by their household's village, as everywhere else.
"""

from xiezuo.accounts.choices import Role
from xiezuo.accounts.roles import READ_ONLY, SEES_FULL_ID, has
from xiezuo.regions.scoping import ScopedQuerySet, scope_prefixes

#: roles that record classes, rosters, pairings, expert requests and enrolments
EDITS_TALENT = frozenset({Role.COUNTY_ADMIN, Role.EAST_OFFICER})
#: roles that see the talent pages; case workers and fund officers work elsewhere (403)
READS_TALENT = EDITS_TALENT | READ_ONLY | frozenset({Role.TOWNSHIP_CLERK})
#: who may see a trainee's full ID number (each view audited): the shared SEES_FULL_ID roles
#: that read this part
REVEALS_ID = SEES_FULL_ID & READS_TALENT

_READ_PAGES = ("class_list", "class_detail", "trainee_list", "trainee_detail", "attendance_list",
               "merge_list", "pairing_list", "pairing_detail", "activity_list", "request_list",
               "request_detail", "enrolment_list", "figures")
_EDIT_PAGES = ("class_create", "class_edit", "trainee_edit", "merge_decide", "pairing_create",
               "pairing_edit", "activity_create", "request_create", "request_advance",
               "expert_add", "enrolment_create", "enrolment_year_add", "import_upload",
               "import_result", "import_confirm", "import_template", "import_report")

#: every talent page and who may use it (core.access explains the table)
ACCESS = ({f"talent:{n}": READS_TALENT for n in _READ_PAGES}
          | {f"talent:{n}": EDITS_TALENT for n in _EDIT_PAGES}
          | {"talent:trainee_reveal": REVEALS_ID})


def partnership_prefixes(user) -> list[str] | None:
    """The code prefixes of both sides of every partnership the user works in (None: all)."""
    from xiezuo.regions.selectors import partnership_reach

    prefixes = scope_prefixes(user)
    if prefixes is None:
        return None
    if not prefixes or not has(user, READS_TALENT):
        return []
    out = set(prefixes) | partnership_reach(prefixes)
    return sorted(out)


class PartnershipScopedQuerySet(ScopedQuerySet):
    def scope_prefixes(self, user) -> list[str] | None:
        return partnership_prefixes(user)

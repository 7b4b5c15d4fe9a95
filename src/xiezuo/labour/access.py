"""Who reads and who edits the labour part, and the partnership-wide scope of employers.

Employers, openings, the workstation and job fairs name no person: every labour role of a
partnership sees those of both its sides (the eastern city and the western county). Everything
that names a person is scoped by the person's village (regions.scoping), as everywhere else.
"""

from xiezuo.accounts.choices import Role
from xiezuo.accounts.roles import READ_ONLY, SEES_FULL_ID, has
from xiezuo.regions.scoping import ScopedQuerySet, scope_prefixes

#: roles that record placements, employers, openings, fairs, the workstation's cases and imports
EDITS_LABOUR = frozenset({Role.COUNTY_ADMIN, Role.CASE_WORKER, Role.EAST_OFFICER})
#: roles that see the labour pages; the fund officer works elsewhere and gets 403
READS_LABOUR = EDITS_LABOUR | READ_ONLY | frozenset({Role.TOWNSHIP_CLERK})

#: roles that record outreach in villages and households (a township clerk for its township)
EDITS_OUTREACH = EDITS_LABOUR | frozenset({Role.TOWNSHIP_CLERK})

#: every labour page and who may use it (core.access explains the table)
ACCESS = {f"labour:{name}": READS_LABOUR for name in (
    "seeker_list", "seeker_detail", "employer_list", "employer_detail", "opening_list",
    "workstation_list", "job_fair_list", "recruitment_list", "placement_list",
    "placement_detail", "follow_up_list", "run_list", "run_detail", "graduate_list",
    "intern_list", "figures")} | {f"labour:{name}": EDITS_LABOUR for name in (
    "placement_refer", "employer_create", "employer_edit", "opening_create", "opening_edit",
    "opening_status", "workstation_create", "workstation_edit", "case_create", "case_close",
    "job_fair_create", "recruitment_create", "placement_action", "follow_up_record",
    "run_start", "proposal_decide", "graduate_create", "intern_create", "import_upload",
    "import_result", "import_confirm", "import_template", "import_report", "profile_edit")} | {
    # policy outreach and vocational training (ch.4.2–4.3)
    **{f"labour:{name}": READS_LABOUR for name in (
        "campaign_list", "campaign_detail", "outreach_villages", "outreach_households",
        "sms_batch_list", "course_list", "course_detail", "training_base_list", "trainee_list",
        "youth_list")},
    **{f"labour:{name}": EDITS_LABOUR for name in (
        "campaign_create", "campaign_edit", "sms_send", "course_create", "course_edit",
        "trainee_enrol", "trainee_complete", "trainee_drop")},
    **{f"labour:{name}": EDITS_OUTREACH for name in (
        "delivery_create", "visit_record", "contact_edit")},
    "labour:contact_reveal": SEES_FULL_ID, "labour:sms_batch_file": SEES_FULL_ID,
}


def partnership_prefixes(user) -> list[str] | None:
    """The code prefixes of both sides of every partnership the user works in.

    The eastern side counts at the level of its city (Fuzhou): the plan's graduates, interns and
    employers are in the city, not only the district. None means everything (superuser).
    """
    from xiezuo.regions.selectors import partnership_reach

    prefixes = scope_prefixes(user)
    if prefixes is None:
        return None
    if not prefixes or not has(user, READS_LABOUR):
        return []
    out = set(prefixes) | partnership_reach(prefixes, east_city=True)
    return sorted(out)


def eastern_sides(user=None) -> list:
    """The eastern areas (the districts, e.g. Cangshan) of the partnerships, of those the user
    works in when a user is given. The labour workstation stands there (box 3)."""
    from xiezuo.regions.selectors import partnerships

    prefixes = None if user is None else scope_prefixes(user)
    out = {}
    for p in partnerships():
        sides = [p.east.prefix, p.west.prefix]
        if prefixes is None or any(x.startswith(s) or s.startswith(x)
                                   for x in prefixes for s in sides):
            out[p.east.code] = p.east
    return [out[c] for c in sorted(out)]


class PartnershipScopedQuerySet(ScopedQuerySet):
    def scope_prefixes(self, user) -> list[str] | None:
        return partnership_prefixes(user)

"""Who reads and who edits the registry, and its pages' access table (core.access).

Every signed-in role reads the registry of its own area (the lists are scoped by visible_to);
county admins and township clerks edit it and import rosters.
"""

from xiezuo.accounts.choices import Role
from xiezuo.accounts.roles import SEES_FULL_ID
from xiezuo.core.access import SIGNED_IN

READS_REGISTRY = frozenset(Role)
EDITS_REGISTRY = frozenset({Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK})
#: villages are reference data: the county administrator adds, merges and removes them
MANAGES_AREAS = frozenset({Role.COUNTY_ADMIN})

ACCESS = {
    "registry:household_list": SIGNED_IN,
    "registry:person_list": SIGNED_IN,
    "registry:village_options": SIGNED_IN,
    "registry:household_detail": SIGNED_IN,
    "registry:household_edit": EDITS_REGISTRY,
    # by hand, between two rosters (registry/services/members.py): audited, in the history
    "registry:household_create": EDITS_REGISTRY,
    "registry:member_add": EDITS_REGISTRY,
    "registry:member_remove": EDITS_REGISTRY,
    "registry:person_id_correct": EDITS_REGISTRY,
    "registry:person_reveal": SEES_FULL_ID,
    "registry:import": EDITS_REGISTRY,
    "registry:import_confirm": EDITS_REGISTRY,
    "registry:import_template": EDITS_REGISTRY,
    # A job's result and report are shown to the user who started it only (404 for others).
    "registry:import_result": SIGNED_IN,
    "registry:import_result_report": SIGNED_IN,
    # Imports of the user's area; the kept files to their importer or SEES_FULL_ID only.
    "registry:import_list": SIGNED_IN,
    "registry:import_detail": SIGNED_IN,
    "registry:import_report": SIGNED_IN,
    "registry:import_file": SIGNED_IN,
    "registry:export": SEES_FULL_ID,
    "registry:export_download": SEES_FULL_ID,
    "registry:population_list": EDITS_REGISTRY,
    "registry:population_import": EDITS_REGISTRY,
    "registry:population_import_result": EDITS_REGISTRY,
    "registry:population_import_report": EDITS_REGISTRY,
    "registry:population_template": EDITS_REGISTRY,
    "registry:incidence": SIGNED_IN,
    "registry:village_list": MANAGES_AREAS,
    "registry:village_create": MANAGES_AREAS,
    "registry:village_merge": MANAGES_AREAS,
    "registry:village_remove": MANAGES_AREAS,
}

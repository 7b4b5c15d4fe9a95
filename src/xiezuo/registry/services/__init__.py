"""Writes to the registry, by topic. Keyword-only, typed, one transaction each, each writing its
audit event; checked by the one guard (accounts.guard) and, for edit forms, the one versioned
update (accounts.versioned).

- `roster_import`: `household_import`, the one path by which a roster file enters the database;
- `roster_export`: `roster_export`, the visible roster as a file (full ID numbers, audited);
- `records`: a household's and its members' edit forms (`household_update`, `person_update`,
  `household_edit`) and the audited ID reveal (`person_reveal_id`);
- `members`: by hand, between two rosters: `household_create`, `member_add`, `member_remove`,
  `person_correct_id` (each kept in the household's history, `HouseholdEvent`).

Callers import from here (`xiezuo.registry.services`); the modules are the code's layout.
"""

from xiezuo.accounts.versioned import StaleEditError
from xiezuo.registry.services.members import (
    NewMember,
    household_create,
    member_add,
    member_remove,
    person_correct_id,
)
from xiezuo.registry.services.records import (
    HOUSEHOLD_EDITABLE,
    MULTI_VALUE,
    PERSON_EDITABLE,
    MemberChange,
    household_edit,
    household_update,
    person_reveal_id,
    person_update,
)
from xiezuo.registry.services.roster_export import roster_export, roster_rows
from xiezuo.registry.services.roster_import import (
    RosterFormatError,
    RosterImportResult,
    area_index,
    household_import,
)

__all__ = ["HOUSEHOLD_EDITABLE", "MULTI_VALUE", "PERSON_EDITABLE", "MemberChange", "NewMember",
           "RosterFormatError", "RosterImportResult", "StaleEditError", "area_index",
           "household_create", "household_edit", "household_import", "household_update",
           "member_add", "member_remove", "person_correct_id", "person_reveal_id",
           "person_update", "roster_export", "roster_rows"]

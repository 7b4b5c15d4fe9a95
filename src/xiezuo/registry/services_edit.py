"""Saving the household edit form: the household and its members' rows in one transaction.

The single-record services (`household_update`, `person_update` in registry.services) each check
their own version; the form edits a household and its members together, so a stale version on
any of them must leave all of them as they were. This wraps both in one transaction: the first
StaleEditError rolls back what was written before it.
"""

from dataclasses import dataclass

from django.db import transaction

from xiezuo.registry.models import Household, Person
from xiezuo.registry.services import (
    HOUSEHOLD_EDITABLE,
    PERSON_EDITABLE,
    StaleEditError,
    household_update,
    person_update,
)

__all__ = ["HOUSEHOLD_EDITABLE", "PERSON_EDITABLE", "MemberChange", "StaleEditError",
           "household_edit"]


@dataclass(frozen=True)
class MemberChange:
    person: Person
    version: int  # as the form read it
    changes: dict


def household_edit(*, actor, household: Household, version: int, changes: dict,
                   members: list[MemberChange] = ()) -> Household:
    """Save the household's and its members' changes, all or nothing.

    Raises StaleEditError (nothing written) if the household or any changed member was saved
    by someone else since the form read it; PermissionDenied if `actor` may not edit it.
    Each record's audit event and the exit-status history are written by the record services.
    """
    for m in members:
        if m.person.household_id != household.pk:
            raise ValueError("a member change must belong to the household being edited")
    with transaction.atomic():
        saved = household_update(actor=actor, household=household, version=version,
                                 changes=changes)
        for m in members:
            if m.changes:
                person_update(actor=actor, person=m.person, version=m.version,
                              changes=m.changes)
    return saved

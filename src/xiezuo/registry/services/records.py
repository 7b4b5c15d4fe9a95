"""Single records: a household's and its members' edit forms, and the audited ID reveal.

The record services (`household_update`, `person_update`) go through the versioned update
(accounts.versioned): a stale form is refused, only the fields that changed are written and
audited. The household edit form saves a household and its members together
(`household_edit`): the first StaleEditError rolls back what was written before it.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor, guard
from xiezuo.accounts.roles import SEES_FULL_ID
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import versioned_update
from xiezuo.registry import crypto
from xiezuo.registry.access import EDITS_REGISTRY
from xiezuo.registry.choices import ChangeSource
from xiezuo.registry.models import Household, Person, StatusChange


def person_reveal_id(*, actor: Actor, person: Person) -> str:
    """The full ID number, for roles allowed to see it, each view audited."""
    guard(actor, SEES_FULL_ID, message=_("您没有查看完整证件号码的权限"),
          records=Person.objects.filter(pk=person.pk),
          outside_message=_("该人员不在您负责的区域内"))
    number = crypto.decrypt_id(person.id_cipher)
    with transaction.atomic():
        audit_record(actor=actor, action=AuditAction.VIEW_ID, obj=person,
                     area_code=Household.objects.filter(pk=person.household_id)
                     .values_list("village__code", flat=True).first() or "")
    return number


HOUSEHOLD_EDITABLE = ("natural_village", "size", "poverty_attribute", "exit_status", "exit_year",
                      "main_cause", "other_causes", "dangerous_house", "water_safe",
                      "water_difficulty", "income_per_capita", "phone", "first_identified",
                      "monitoring_type")
PERSON_EDITABLE = ("number", "name", "relation", "ethnicity", "education", "schooling", "health",
                   "labour_capacity", "employment", "months_worked", "illness_insurance")
#: fields holding several values ("、"-separated): the same values in another order are no change
MULTI_VALUE = ("other_causes",)


def _guard_edit(actor: Actor, records) -> None:
    guard(actor, EDITS_REGISTRY, message=_("您没有修改建档立卡数据的权限"), records=records,
          outside_message=_("该记录不在您负责的区域内"))


def household_update(*, actor: Actor, household: Household, version: int, changes: dict,
                     date: datetime.date | None = None) -> Household:
    """Save a form's changes if nobody saved the household since the form read `version`.

    Refuses (StaleEditError) instead of overwriting; a change of exit status enters the history.
    """
    _guard_edit(actor, Household.objects.filter(pk=household.pk))
    unknown = set(changes) - set(HOUSEHOLD_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        current = Household.objects.select_for_update().select_related("village").get(
            pk=household.pk)
        changed = versioned_update(actor=actor, obj=current, version=version, changes=changes,
                                   area_code=current.village.code, multi_value=MULTI_VALUE)
        if "exit_status" in changed:
            old, new = changed["exit_status"]
            StatusChange.objects.create(household=current, old=old, new=new,
                                        date=date or timezone.localdate(),
                                        source=ChangeSource.USER, actor=actor)
    return current


def person_update(*, actor: Actor, person: Person, version: int, changes: dict) -> Person:
    """Save a member's changes if nobody saved them since `version` (StaleEditError otherwise)."""
    _guard_edit(actor, Person.objects.filter(pk=person.pk))
    unknown = set(changes) - set(PERSON_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        current = Person.objects.select_for_update().get(pk=person.pk)
        area = Household.objects.filter(pk=current.household_id).values_list(
            "village__code", flat=True).first() or ""
        versioned_update(actor=actor, obj=current, version=version, changes=changes,
                         area_code=area)
    return current


@dataclass(frozen=True)
class MemberChange:
    person: Person
    version: int  # as the form read it
    changes: dict


def household_edit(*, actor: Actor, household: Household, version: int, changes: dict,
                   members: Sequence[MemberChange] = ()) -> Household:
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

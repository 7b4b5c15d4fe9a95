"""A household's members by hand: create a household, add or remove a member, correct an ID
number. The roster import is the usual way in; these are for the clerk between two rosters
(a child born, a daughter married out, a number mistyped at registration).

Each service asks the guard (EDITS_REGISTRY and the household's area), writes in one
transaction and leaves two traces: the audit event (who, when, from where; ID numbers masked)
and a `HouseholdEvent` row, the household's own history shown on its page. The old ID number
of a correction is kept there masked, as every page shows ID numbers; the full new number is in
the person's ciphertext as always.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor, guard
from xiezuo.accounts.services import audit_record
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area
from xiezuo.registry import crypto, idnumber
from xiezuo.registry.access import EDITS_REGISTRY
from xiezuo.registry.choices import HouseholdEventKind, Relation, RemovalReason
from xiezuo.registry.models import Household, HouseholdEvent, Person

#: what a new member may carry beyond name, ID number and relation (the roster's columns)
MEMBER_OPTIONAL = ("number", "ethnicity", "education", "schooling", "health", "labour_capacity",
                   "employment", "months_worked", "illness_insurance")
#: what a household made by hand may carry beyond its village and number
HOUSEHOLD_OPTIONAL = ("natural_village", "poverty_attribute", "main_cause", "phone",
                      "first_identified", "income_per_capita")


@dataclass(frozen=True)
class NewMember:
    name: str
    id_number: str  # as typed: normalised, widened and checked here
    relation: str
    fields: dict  # MEMBER_OPTIONAL fields


def _guard(actor: Actor, *, households=None, areas=()) -> None:
    guard(actor, EDITS_REGISTRY, message=_("您没有修改建档立卡数据的权限"), records=households,
          areas=areas, outside_message=_("该记录不在您负责的区域内"))


def _parse_id(raw: str, *, field: str = "id_number", exclude_pk: int | None = None) -> str:
    """The normalised number, or ValidationError naming what is wrong (never the number)."""
    try:
        number = idnumber.parse(raw).number
    except idnumber.IdNumberError as e:
        raise ValidationError({field: _("证件号码有误：%(r)s") % {"r": e.reason}}) from e
    taken = Person.objects.filter(id_hash=crypto.id_hash(number))
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        # Where the other registration is may be outside the user's area: not named.
        raise ValidationError({field: _("该证件号码已登记在另一贫困户中，同一人不能重复登记")})
    return number


def _event(*, household: Household, kind: str, actor: Actor, person_name: str = "",
           old: str = "", new: str = "", reason: str = "",
           date: datetime.date | None = None) -> HouseholdEvent:
    return HouseholdEvent.objects.create(
        household=household, kind=kind, person_name=person_name, old_id_masked=old,
        new_id_masked=new, reason=reason[:200], date=date or timezone.localdate(),
        actor=actor if getattr(actor, "is_authenticated", False) else None)


def _person(household: Household, m: NewMember, number: str) -> Person:
    ident = idnumber.parse(number)
    unknown = set(m.fields) - set(MEMBER_OPTIONAL)
    if unknown:
        raise ValueError(f"not a member field: {sorted(unknown)}")
    if m.relation not in Relation.values:
        raise ValidationError({"relation": _("与户主关系不在可选范围内")})
    person = Person(household=household, name=m.name.strip(), relation=m.relation,
                    sex=ident.sex, birth_date=ident.birth_date,
                    id_cipher=crypto.encrypt_id(number), id_hash=crypto.id_hash(number),
                    id_masked=crypto.mask_id(number),
                    **{k: v for k, v in m.fields.items() if v is not None})
    person.full_clean(exclude=["household", "id_cipher"])
    person.save()
    return person


def household_create(*, actor: Actor, village: Area, number: str, head: NewMember,
                     fields: dict | None = None) -> Household:
    """A household registered by hand in `village`, with its head; `number` (户编号) must be
    new in the county. ValidationError names the field at fault; PermissionDenied outside the
    actor's area."""
    fields = fields or {}
    unknown = set(fields) - set(HOUSEHOLD_OPTIONAL)
    if unknown:
        raise ValueError(f"not a household field: {sorted(unknown)}")
    if village.level != Level.VILLAGE:
        raise ValidationError({"village": _("请选择行政村")})
    _guard(actor, areas=[village])
    if head.relation != Relation.HEAD:
        raise ValidationError({"relation": _("新建户的第一位成员必须是户主")})
    number = number.strip()
    if not number:
        raise ValidationError({"number": _("请填写户编号")})
    township = village.parent
    county = township.parent
    with transaction.atomic():
        if Household.objects.filter(county=county, number=number).exists():
            raise ValidationError({"number": _("户编号 %(n)s 在本县已经使用") % {"n": number}})
        id_number = _parse_id(head.id_number)
        household = Household(county=county, township=township, village=village, number=number,
                              size=1, **{k: v for k, v in fields.items() if v not in (None,)})
        household.full_clean(exclude=["county", "township", "village"])
        household.save()
        person = _person(household, head, id_number)
        _event(household=household, kind=HouseholdEventKind.CREATED, actor=actor,
               person_name=person.name, new=person.id_masked)
        audit_record(actor=actor, action=AuditAction.CREATE, obj=household,
                     area_code=village.code,
                     new={"户编号": number, "行政村": village.name, "户主": person.name,
                          "证件号码": person.id_masked},
                     note=_("手工建户"))
    household.refresh_from_db()
    return household


def member_add(*, actor: Actor, household: Household, member: NewMember) -> Person:
    """A member added to the household (a child born, a spouse married in); the declared size
    (人数) grows with it."""
    _guard(actor, households=Household.objects.filter(pk=household.pk))
    if member.relation == Relation.HEAD and household.members.filter(
            relation=Relation.HEAD).exists():
        raise ValidationError({"relation": _("该户已有户主")})
    with transaction.atomic():
        current = Household.objects.select_for_update().select_related("village").get(
            pk=household.pk)
        number = _parse_id(member.id_number)
        person = _person(current, member, number)
        Household.objects.filter(pk=current.pk).update(
            size=current.members.count(), version=current.version + 1)
        _event(household=current, kind=HouseholdEventKind.MEMBER_ADDED, actor=actor,
               person_name=person.name, new=person.id_masked)
        audit_record(actor=actor, action=AuditAction.CREATE, obj=person,
                     area_code=current.village.code,
                     new={"户编号": current.number, "姓名": person.name,
                          "证件号码": person.id_masked, "与户主关系": person.relation})
    return person


def _references(person: Person) -> list[str]:
    """The other records that point at `person` (labour profile, placements, students…), by
    their names: a member with any of them is not removed, so no part loses its records."""
    collector = Collector(using="default")
    try:
        collector.collect([person])
    except Exception as e:  # ProtectedError, RestrictedError: the records that refuse it
        objs = getattr(e, "protected_objects", None) or getattr(e, "restricted_objects", ())
        return sorted({str(o._meta.verbose_name) for o in objs})
    return sorted({str(model._meta.verbose_name) for model, objs in collector.data.items()
                   if model is not Person and objs})


def member_remove(*, actor: Actor, person: Person, reason: str, note: str = "",
                  date: datetime.date | None = None) -> Household:
    """The member leaves the household (died, married out, moved…): the person row is deleted,
    its name, masked number and the reason stay in the household's history and the audit log.
    Refused for the head while others remain, for the last member, and for a member other
    parts hold records of."""
    _guard(actor, households=Household.objects.filter(pk=person.household_id))
    if reason not in RemovalReason.values:
        raise ValidationError({"reason": _("请选择减少原因")})
    with transaction.atomic():
        household = Household.objects.select_for_update().select_related("village").get(
            pk=person.household_id)
        current = Person.objects.get(pk=person.pk)
        others = household.members.exclude(pk=current.pk)
        if not others.exists():
            raise ValidationError(_("这是该户唯一的成员，不能减少；整户退出请修改脱贫属性"))
        if current.relation == Relation.HEAD:
            raise ValidationError(_("户主不能直接减少：请先把另一位成员改为户主"))
        refs = _references(current)
        if refs:
            raise ValidationError(_("%(name)s 已有其他记录（%(refs)s），不能减少")
                                  % {"name": current.name, "refs": "、".join(refs)})
        label = RemovalReason(reason).label
        words = f"{label}：{note}" if note else str(label)
        audit_record(actor=actor, action=AuditAction.DELETE, obj=current,
                     area_code=household.village.code,
                     old={"户编号": household.number, "姓名": current.name,
                          "证件号码": current.id_masked, "与户主关系": current.relation},
                     note=words)
        _event(household=household, kind=HouseholdEventKind.MEMBER_REMOVED, actor=actor,
               person_name=current.name, old=current.id_masked, reason=words, date=date)
        current.delete()
        Household.objects.filter(pk=household.pk).update(
            size=others.count(), version=household.version + 1)
    household.refresh_from_db()
    return household


def person_correct_id(*, actor: Actor, person: Person, id_number: str, reason: str) -> Person:
    """Correct a member's ID number (mistyped at registration): the new number is checked and
    must not be registered already; sex and birth date follow it. The old number stays in the
    household's history, masked."""
    _guard(actor, households=Household.objects.filter(pk=person.household_id))
    if not reason.strip():
        raise ValidationError({"reason": _("请说明更正原因")})
    with transaction.atomic():
        current = Person.objects.select_for_update().select_related(
            "household__village").get(pk=person.pk)
        number = _parse_id(id_number, exclude_pk=current.pk)
        if crypto.id_hash(number) == current.id_hash:
            raise ValidationError({"id_number": _("新号码与原号码相同")})
        ident = idnumber.parse(number)
        old_masked = current.id_masked
        old = {"证件号码": old_masked, "性别": current.sex,
               "出生日期": current.birth_date.isoformat()}
        current.id_cipher = crypto.encrypt_id(number)
        current.id_hash = crypto.id_hash(number)
        current.id_masked = crypto.mask_id(number)
        current.sex = ident.sex
        current.birth_date = ident.birth_date
        current.version += 1
        current.save(update_fields=["id_cipher", "id_hash", "id_masked", "sex", "birth_date",
                                    "version", "updated_at"])
        new = {"证件号码": current.id_masked, "性别": current.sex,
               "出生日期": current.birth_date.isoformat()}
        changed = [k for k in old if old[k] != new[k]]
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=current,
                     area_code=current.household.village.code,
                     old={k: old[k] for k in changed} or {"证件号码": old_masked},
                     new={k: new[k] for k in changed} or {"证件号码": current.id_masked},
                     note=_("更正证件号码：%(r)s") % {"r": reason.strip()})
        _event(household=current.household, kind=HouseholdEventKind.ID_CORRECTED, actor=actor,
               person_name=current.name, old=old_masked, new=current.id_masked,
               reason=reason.strip())
    return current


__all__ = ["HOUSEHOLD_OPTIONAL", "MEMBER_OPTIONAL", "NewMember", "household_create", "member_add", "member_remove", "person_correct_id"]

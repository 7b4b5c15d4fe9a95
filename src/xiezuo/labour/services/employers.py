"""Employers and their openings (ch.4.2): created, corrected through the versioned edit."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import check_version
from xiezuo.labour.choices import (
    ACTIVE_PLACEMENT,
    Housing,
    OpeningStatus,
)
from xiezuo.labour.models import (
    EmploymentBase,
    Opening,
    join,
)
from xiezuo.labour.services.base import (
    CENT,
    _apply_edit,
    _guard,
    _tags,
)
from xiezuo.orgs import creditcode as credit_code
from xiezuo.orgs.choices import OrgRole, Sector
from xiezuo.orgs.models import Organisation
from xiezuo.orgs.selectors import organisation_by_credit_code
from xiezuo.orgs.services import organisation_add_role, organisation_create, organisation_update


def _set_base(org: Organisation, wanted: bool) -> bool:
    """Make the organisation an employment base or not; returns what it was."""
    was = EmploymentBase.objects.filter(organisation=org).exists()
    if wanted and not was:
        EmploymentBase.objects.create(organisation=org)
    elif was and not wanted:
        EmploymentBase.objects.filter(organisation=org).delete()
    return was


@transaction.atomic
def employer_create(*, actor, name: str, credit_code_value: str, area, sector: str = "other",
                    contact_name: str = "", contact_phone: str = "", address: str = "",
                    employment_base: bool = False, note: str = "") -> Organisation:
    """Register an employer: an organisation of the shared register (orgs) with the employer
    role. Labour asks for the credit code of every employer. An organisation already registered
    under that code (a buyer, say) is given the employer role instead of a second record."""
    _guard(actor)
    try:
        code = credit_code.parse(credit_code_value)
    except credit_code.CreditCodeError as err:
        raise ValidationError({"credit_code": str(err)}) from err
    org = organisation_by_credit_code(code)
    if org is not None:
        if org.has_role(OrgRole.EMPLOYER):
            raise ValidationError({"credit_code": _("统一社会信用代码 %(c)s 已登记") % {"c": code}})
        organisation_add_role(actor=actor, organisation=org, role=OrgRole.EMPLOYER)
    else:
        org = organisation_create(
            actor=actor, name=name, area=area, kind=credit_code.kind_for_code(code),
            credit_code=code, sector=sector, contact_name=contact_name,
            contact_phone=contact_phone, address=address, note=note, roles=[OrgRole.EMPLOYER])
    if employment_base and not _set_base(org, True):
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=org, area_code=org.area.code,
                     old={"employment_base": False}, new={"employment_base": True})
    return org


@transaction.atomic
def opening_create(*, actor, employer: Organisation, title: str, positions: int, wage: Decimal,
                   area, skills=(), certificates=(), min_age: int = 16, max_age: int = 60,
                   housing: str = "none", start_date: datetime.date | None = None,
                   note: str = "") -> Opening:
    _guard(actor)
    if max_age < min_age:
        raise ValidationError(_("最高年龄不能小于最低年龄"))
    o = Opening.objects.create(employer=employer, title=title, positions=positions, wage=wage,
                               area=area, skills=join(skills), certificates=join(certificates),
                               min_age=min_age, max_age=max_age, housing=housing,
                               start_date=start_date, note=note)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=o, area_code=area.code,
                 new={"employer": employer.pk, "title": title, "positions": positions,
                      "wage": wage})
    return o


@transaction.atomic
def employer_update(*, actor: Actor, employer: Organisation, version: int, name: str,
                    credit_code_value: str, area, sector: str, contact_name: str = "",
                    contact_phone: str = "", address: str = "", employment_base: bool = False,
                    note: str = "") -> Organisation:
    """Correct an employer's record, its credit code included (checked, still unique), through
    the register's versioned edit; the employment base is labour's own and moves the version
    with it."""
    _guard(actor)
    org = Organisation.objects.select_for_update().get(pk=employer.pk)
    check_version(org, version)
    try:
        code = credit_code.parse(credit_code_value)
    except credit_code.CreditCodeError as err:
        raise ValidationError({"credit_code": str(err)}) from err
    was = _set_base(org, employment_base)
    return organisation_update(
        actor=actor, organisation=org, version=version, name=name, area=area, kind=org.kind,
        credit_code=code, sector=Sector(sector).value, contact_name=contact_name,
        contact_phone=contact_phone, address=address, note=note,
        part_changes={"employment_base": (was, bool(employment_base))})


@transaction.atomic
def opening_update(*, actor: Actor, opening: Opening, version: int, title: str,
                   positions: int, wage: Decimal, area, skills=(), certificates=(),
                   min_age: int = 16, max_age: int = 60, housing: str = "none",
                   start_date: datetime.date | None = None, note: str = "") -> Opening:
    """Correct an opening (its status has its own step). Its positions may not fall below the
    referrals and hires already made on it."""
    _guard(actor)
    o = Opening.objects.select_for_update().get(pk=opening.pk)
    check_version(o, version)
    errors = {}
    if max_age < min_age:
        errors["max_age"] = _("最高年龄不能小于最低年龄")
    active = o.placements.filter(status__in=ACTIVE_PLACEMENT).count()
    if positions < active:
        errors["positions"] = _("该岗位已有 %(n)d 人推荐中或在岗，招聘人数不能少于 %(n)d") % {
            "n": active}
    if Opening.objects.filter(employer_id=o.employer_id, title=title, area=area).exclude(
            pk=o.pk).exists():
        errors["title"] = _("该单位在%(a)s已有岗位“%(t)s”") % {"a": area.name, "t": title}
    if errors:
        raise ValidationError(errors)
    return _apply_edit(actor, o, version, {
        "title": title, "positions": positions, "wage": Decimal(wage).quantize(CENT), "area": area,
        "skills": _tags(skills), "certificates": _tags(certificates), "min_age": min_age,
        "max_age": max_age, "housing": Housing(housing).value, "start_date": start_date,
        "note": note}, area_code=area.code)


@transaction.atomic
def opening_set_status(*, actor, opening: Opening, status: str) -> Opening:
    _guard(actor)
    old = opening.status
    opening.status = OpeningStatus(status)
    opening.save(update_fields=["status"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=opening,
                 area_code=opening.area.code, old={"status": old}, new={"status": status})
    return opening

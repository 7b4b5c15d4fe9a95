"""Volunteers, social workers and their organisations' service activities (ch.7)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import check_version
from xiezuo.orgs.choices import OrgRole
from xiezuo.pairing.choices import VolunteerKind
from xiezuo.pairing.models import ServiceActivity, Volunteer
from xiezuo.pairing.services.base import apply_edit, guard_ends
from xiezuo.regions.choices import Side


def _social_org(org) -> None:
    if org is not None and not org.has_role(OrgRole.SOCIAL_ORG):
        raise ValidationError({"organisation": _("%(o)s 不是登记的社会组织") % {"o": org.name}})


@transaction.atomic
def volunteer_create(*, actor: Actor, name: str, area, registered_on: datetime.date,
                     kind: str = VolunteerKind.VOLUNTEER, organisation=None,
                     skills: str = "") -> Volunteer:
    guard_ends(actor, area)
    _social_org(organisation)
    v = Volunteer.objects.create(name=name.strip(), kind=VolunteerKind(kind).value,
                                 organisation=organisation, area=area, skills=skills,
                                 registered_on=registered_on)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=v, area_code=area.code,
                 new={"name": v.name, "kind": v.kind, "area": area.code})
    return v


@transaction.atomic
def volunteer_update(*, actor: Actor, volunteer: Volunteer, version: int, name: str, area,
                     registered_on: datetime.date, kind: str = VolunteerKind.VOLUNTEER,
                     organisation=None, skills: str = "") -> Volunteer:
    v = Volunteer.objects.select_for_update(of=("self",)).select_related("area").get(pk=volunteer.pk)
    guard_ends(actor, v.area)
    guard_ends(actor, area)
    check_version(v, version)
    _social_org(organisation)
    return apply_edit(actor, v, version, {
        "name": name.strip(), "kind": VolunteerKind(kind).value, "organisation": organisation,
        "area": area, "skills": skills, "registered_on": registered_on}, area_code=area.code)


def _service_checks(organisation, area, hours, volunteers) -> list:
    _social_org(organisation)
    errors = {}
    if area.side != Side.WEST:
        errors["area"] = _("%(a)s 不是受援地区") % {"a": area.name}
    if Decimal(hours or 0) <= 0:
        errors["hours"] = _("服务时长须大于 0")
    if errors:
        raise ValidationError(errors)
    return list(volunteers or ())


@transaction.atomic
def service_create(*, actor: Actor, organisation, title: str, area, date: datetime.date,
                   hours, people_served: int = 0, volunteers=(),
                   description: str = "") -> ServiceActivity:
    guard_ends(actor, area, organisation.area)
    vols = _service_checks(organisation, area, hours, volunteers)
    s = ServiceActivity.objects.create(
        organisation=organisation, title=title, area=area, date=date,
        hours=Decimal(hours).quantize(Decimal("0.1")), people_served=people_served,
        description=description, created_by=actor)
    if vols:
        s.volunteers.set(vols)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=s, area_code=area.code,
                 new={"organisation": organisation.pk, "title": title, "date": date,
                      "hours": s.hours, "people_served": people_served,
                      "volunteers": sorted(v.pk for v in vols)})
    return s


@transaction.atomic
def service_update(*, actor: Actor, service: ServiceActivity, version: int, organisation,
                   title: str, area, date: datetime.date, hours, people_served: int = 0,
                   volunteers=(), description: str = "") -> ServiceActivity:
    s = ServiceActivity.objects.select_for_update(of=("self",)).select_related(
        "area", "organisation__area").get(pk=service.pk)
    guard_ends(actor, s.area, s.organisation.area)
    guard_ends(actor, area, organisation.area)
    check_version(s, version)
    vols = _service_checks(organisation, area, hours, volunteers)
    return apply_edit(actor, s, version, {
        "organisation": organisation, "title": title, "area": area, "date": date,
        "hours": Decimal(hours).quantize(Decimal("0.1")), "people_served": people_served,
        "volunteers": vols, "description": description}, area_code=area.code)

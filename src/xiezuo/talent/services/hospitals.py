"""Hospital pairings (box 6): a Lintao hospital and its Cangshan partner from their agreement,
and what they do together."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.audit import audit_record
from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.versioned import check_version, versioned_update
from xiezuo.orgs.choices import OrgRole
from xiezuo.orgs.models import Organisation
from xiezuo.talent.choices import ActivityKind
from xiezuo.talent.models import HospitalActivity, HospitalPairing
from xiezuo.talent.services.base import _guard


def _check(west: Organisation, east: Organisation, signed_on, start_on, end_on) -> None:
    errors = {}
    if west.side != "west" or not west.has_role(OrgRole.HOSPITAL):
        errors["west_hospital"] = _("请选择临洮县的医院（组织登记中角色为“医院”）")
    if east.side != "east" or not east.has_role(OrgRole.HOSPITAL):
        errors["east_hospital"] = _("请选择仓山区的医院（组织登记中角色为“医院”）")
    if end_on is not None and end_on < start_on:
        errors["end_on"] = _("结束日期不能早于开始日期")
    if start_on < signed_on:
        errors["start_on"] = _("协作开始日期不能早于协议签订日期")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def pairing_create(*, actor: Actor, west_hospital: Organisation, east_hospital: Organisation,
                   signed_on: datetime.date, start_on: datetime.date | None = None,
                   end_on: datetime.date | None = None, agreement_no: str = "",
                   note: str = "") -> HospitalPairing:
    _guard(actor, areas=[west_hospital.area])
    start_on = start_on or signed_on
    _check(west_hospital, east_hospital, signed_on, start_on, end_on)
    p = HospitalPairing.objects.create(
        west_hospital=west_hospital, east_hospital=east_hospital, signed_on=signed_on,
        start_on=start_on, end_on=end_on, agreement_no=agreement_no, note=note)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=p,
                 area_code=west_hospital.area.code,
                 new={"west_hospital": west_hospital.pk, "east_hospital": east_hospital.pk,
                      "signed_on": signed_on.isoformat(), "start_on": start_on.isoformat(),
                      "end_on": end_on.isoformat() if end_on else None})
    return p


@transaction.atomic
def pairing_update(*, actor: Actor, pairing: HospitalPairing, version: int, **fields
                   ) -> HospitalPairing:
    p = HospitalPairing.objects.select_for_update().select_related(
        "west_hospital__area", "east_hospital").get(pk=pairing.pk)
    _guard(actor, records=HospitalPairing.objects.filter(pk=p.pk))
    check_version(p, version)
    wanted = {k: fields[k] for k in ("west_hospital", "east_hospital", "agreement_no",
                                     "signed_on", "start_on", "end_on", "note") if k in fields}
    _check(wanted.get("west_hospital", p.west_hospital),
           wanted.get("east_hospital", p.east_hospital), wanted.get("signed_on", p.signed_on),
           wanted.get("start_on", p.start_on), wanted.get("end_on", p.end_on))
    versioned_update(actor=actor, obj=p, version=version, changes=wanted,
                     area_code=p.west_hospital.area.code)
    return p


@transaction.atomic
def activity_record(*, actor: Actor, pairing: HospitalPairing, kind: str, date: datetime.date,
                    title: str, east_staff: int = 0, west_staff: int = 0,
                    note: str = "") -> HospitalActivity:
    p = HospitalPairing.objects.select_related("west_hospital__area").get(pk=pairing.pk)
    _guard(actor, records=HospitalPairing.objects.filter(pk=p.pk))
    if kind not in ActivityKind.values:
        raise ValidationError({"kind": _("未知的活动类别")})
    if date < p.start_on or (p.end_on and date > p.end_on):
        raise ValidationError({"date": _("活动日期不在协作期内")})
    a = HospitalActivity.objects.create(pairing=p, kind=kind, date=date, title=title,
                                        east_staff=east_staff, west_staff=west_staff, note=note)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=a,
                 area_code=p.west_hospital.area.code,
                 new={"pairing": p.pk, "kind": kind, "date": date.isoformat(),
                      "east_staff": east_staff, "west_staff": west_staff})
    return a

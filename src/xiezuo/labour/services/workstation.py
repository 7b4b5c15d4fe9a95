"""The labour workstation in the east and its cases; job fairs, targeted recruitment,
graduates and interns (ch.4.3–4.4, box 3)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import check_version
from xiezuo.labour.access import eastern_sides
from xiezuo.labour.choices import (
    CaseStatus,
)
from xiezuo.labour.models import (
    Graduate,
    Intern,
    JobFair,
    Placement,
    TargetedRecruitment,
    Workstation,
    WorkstationCase,
)
from xiezuo.labour.services.base import (
    LifecycleError,
    _apply_edit,
    _guard,
    _person_code,
)
from xiezuo.orgs.models import Organisation
from xiezuo.regions.models import Area
from xiezuo.registry.models import Person


@transaction.atomic
def case_open(*, actor, workstation: Workstation, person, kind: str, opened_on: datetime.date,
              summary: str, placement: Placement | None = None) -> WorkstationCase:
    _guard(actor)
    c = WorkstationCase.objects.create(workstation=workstation, person=person, kind=kind,
                                       opened_on=opened_on, summary=summary,
                                       placement=placement, handled_by=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=c, area_code=_person_code(person),
                 new={"kind": kind, "summary": summary, "opened_on": opened_on})
    return c


@transaction.atomic
def case_close(*, actor, case: WorkstationCase, closed_on: datetime.date,
               action: str) -> WorkstationCase:
    _guard(actor)
    c = WorkstationCase.objects.select_for_update().select_related(
        "person__household__village").get(pk=case.pk)
    if c.status == CaseStatus.CLOSED:
        raise LifecycleError(_("该案件已办结"))
    if closed_on < c.opened_on:
        raise LifecycleError(_("办结日期不能早于受理日期"))
    c.status, c.closed_on, c.action = CaseStatus.CLOSED, closed_on, action
    c.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=c, area_code=_person_code(c.person),
                 old={"status": CaseStatus.OPEN}, new={"status": c.status, "action": action})
    return c


def _check_workstation(area, opened_on: datetime.date, closed_on: datetime.date | None) -> None:
    errors = {}
    east = eastern_sides()
    if not any(area.code.startswith(a.prefix) for a in east):
        errors["area"] = _("劳务工作站应设在东部协作地区（%(a)s）内，“%(n)s”不在其中") % {
            "a": "、".join(a.name for a in east), "n": area.name}
    if closed_on is not None and closed_on < opened_on:
        errors["closed_on"] = _("撤销日期不能早于设立日期")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def workstation_create(*, actor, name: str, area, opened_on: datetime.date, address: str = "",
                       phone: str = "", closed_on: datetime.date | None = None, staff: int = 0,
                       note: str = "") -> Workstation:
    """A labour workstation of the western county, set up in the eastern partner area."""
    _guard(actor)
    _check_workstation(area, opened_on, closed_on)
    w = Workstation.objects.create(name=name, area=area, address=address, phone=phone,
                                   opened_on=opened_on, closed_on=closed_on, staff=staff,
                                   note=note)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=w, area_code=area.code,
                 new={"name": name, "area": area.code, "address": address, "phone": phone,
                      "opened_on": opened_on, "closed_on": closed_on, "staff": staff,
                      "note": note})
    return w


@transaction.atomic
def workstation_update(*, actor: Actor, workstation: Workstation, version: int, name: str,
                       area, opened_on: datetime.date, address: str = "", phone: str = "",
                       closed_on: datetime.date | None = None, staff: int = 0,
                       note: str = "") -> Workstation:
    _guard(actor)
    w = Workstation.objects.select_for_update().get(pk=workstation.pk)
    check_version(w, version)
    _check_workstation(area, opened_on, closed_on)
    return _apply_edit(actor, w, version, {
        "name": name, "area": area, "address": address, "phone": phone, "opened_on": opened_on,
        "closed_on": closed_on, "staff": staff, "note": note}, area_code=area.code)


@transaction.atomic
def job_fair_record(*, actor, name: str, kind: str, date: datetime.date, place: str, area,
                    employers=(), positions: int = 0, attendance: int = 0, offers: int = 0,
                    hires: int = 0, note: str = "") -> JobFair:
    _guard(actor)
    if hires > offers or offers > attendance:
        raise ValidationError(_("应满足：录用人数 ≤ 达成意向人数 ≤ 参会人数"))
    f = JobFair.objects.create(name=name, kind=kind, date=date, place=place, area=area,
                               positions=positions, attendance=attendance, offers=offers,
                               hires=hires, note=note)
    f.employers.set(employers)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=f, area_code=area.code,
                 new={"name": name, "date": date, "attendance": attendance, "offers": offers,
                      "hires": hires, "employers": [e.pk for e in employers]})
    return f


@transaction.atomic
def recruitment_record(*, actor, employer: Organisation, village, started_on: datetime.date,
                       planned: int, hired: int = 0, ended_on: datetime.date | None = None,
                       note: str = "") -> TargetedRecruitment:
    _guard(actor)
    r = TargetedRecruitment.objects.create(employer=employer, village=village,
                                           started_on=started_on, ended_on=ended_on,
                                           planned=planned, hired=hired, note=note)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=r, area_code=village.code,
                 new={"employer": employer.pk, "village": village.code, "planned": planned})
    return r


@transaction.atomic
def graduate_record(*, actor: Actor, name: str, home_area: Area, university: str,
                    graduation_year: int, work_area: Area, employed_on: datetime.date,
                    person: Person | None = None, major: str = "",
                    employer: Organisation | None = None, employer_name: str = "",
                    wage: Decimal | None = None) -> Graduate:
    """A graduate from a poor family employed in the eastern city (box 3)."""
    _guard(actor)
    fields = {"name": name, "person": person, "home_area": home_area, "university": university,
              "major": major, "graduation_year": graduation_year, "employer": employer,
              "employer_name": employer_name, "work_area": work_area,
              "employed_on": employed_on, "wage": wage}
    g = Graduate.objects.create(**fields)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=g, area_code=home_area.code,
                 new={k: v for k, v in fields.items() if k != "person"})
    return g


@transaction.atomic
def intern_record(*, actor: Actor, name: str, home_area: Area, school: str, work_area: Area,
                  started_on: datetime.date, person: Person | None = None, major: str = "",
                  employer: Organisation | None = None, employer_name: str = "",
                  ended_on: datetime.date | None = None,
                  allowance: Decimal | None = None) -> Intern:
    """A vocational student placed as an intern with an eastern company (box 3)."""
    _guard(actor)
    fields = {"name": name, "person": person, "home_area": home_area, "school": school,
              "major": major, "employer": employer, "employer_name": employer_name,
              "work_area": work_area, "started_on": started_on, "ended_on": ended_on,
              "allowance": allowance}
    i = Intern.objects.create(**fields)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=i, area_code=home_area.code,
                 new={k: v for k, v in fields.items() if k != "person"})
    return i

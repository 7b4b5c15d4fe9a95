"""Writes to the labour part. Keyword-only, one transaction each, each writing its audit event.

Placement lifecycle (ch.4.4–4.5): referred → interviewed → hired (follow-ups fall due at 1, 3,
6 and 12 months) → left → the worker is a seeker again and may be matched again (the new
placement names the one before). A referral may also end without a hire (not_hired).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor, guard
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import (
    StaleEditError as StaleEditError,  # re-exported: views catch it
)
from xiezuo.accounts.versioned import check_version, versioned_update
from xiezuo.labour import credit_code
from xiezuo.labour.access import EDITS_LABOUR, eastern_sides
from xiezuo.labour.choices import (
    ACTIVE_PLACEMENT,
    FOLLOW_UP_MONTHS,
    CaseStatus,
    Housing,
    OpeningStatus,
    PlacementStatus,
    Problem,
    ProposalStatus,
    Sector,
)
from xiezuo.labour.employment import follow_up_dates
from xiezuo.labour.models import (
    Employer,
    FollowUp,
    Graduate,
    Intern,
    JobFair,
    LabourProfile,
    Opening,
    Placement,
    Proposal,
    TargetedRecruitment,
    Workstation,
    WorkstationCase,
    join,
    split,
)


class LifecycleError(ValidationError):
    """The placement is not in a state that allows this step; nothing was written."""


def _guard(actor: Actor) -> None:
    guard(actor, EDITS_LABOUR, message=_("您没有编辑劳务协作数据的权限"))


def _person_code(person) -> str:
    return person.household.village.code


def _lock(model, pk):
    return model.objects.select_for_update().select_related(
        "person__household__village", "employer").get(pk=pk)


# --- employers and openings ----------------------------------------------------------------------

@transaction.atomic
def employer_create(*, actor, name: str, credit_code_value: str, area, sector: str = "other",
                    contact_name: str = "", contact_phone: str = "", address: str = "",
                    employment_base: bool = False, note: str = "") -> Employer:
    _guard(actor)
    code = credit_code.parse(credit_code_value)
    if Employer.objects.filter(credit_code=code).exists():
        raise ValidationError(_("统一社会信用代码 %(c)s 已登记") % {"c": code})
    e = Employer.objects.create(name=name, credit_code=code, area=area, sector=sector,
                                contact_name=contact_name, contact_phone=contact_phone,
                                address=address, employment_base=employment_base, note=note)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=e, area_code=area.code,
                 new={"name": name, "credit_code": code, "area": area.code})
    return e


@transaction.atomic
def opening_create(*, actor, employer: Employer, title: str, positions: int, wage: Decimal,
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


CENT = Decimal("0.01")


#: tag fields (several values): the same tags in another order are no change
TAG_FIELDS = ("skills", "certificates", "destinations")


def _apply_edit(actor: Actor, obj, version: int, wanted: dict, *, area_code: str):
    """The versioned update (accounts.versioned): refuses a stale form, writes and audits only
    what changed; an edit that changes nothing writes nothing (no new version, no event)."""
    versioned_update(actor=actor, obj=obj, version=version, changes=wanted, area_code=area_code,
                     multi_value=TAG_FIELDS)
    return obj


def _tags(value) -> str:
    return join(split(value) if isinstance(value, str) else value)


@transaction.atomic
def employer_update(*, actor: Actor, employer: Employer, version: int, name: str,
                    credit_code_value: str, area, sector: str, contact_name: str = "",
                    contact_phone: str = "", address: str = "", employment_base: bool = False,
                    note: str = "") -> Employer:
    """Correct an employer's record, its credit code included (checked, still unique)."""
    _guard(actor)
    e = Employer.objects.select_for_update().get(pk=employer.pk)
    check_version(e, version)
    try:
        code = credit_code.parse(credit_code_value)
    except credit_code.CreditCodeError as err:
        raise ValidationError({"credit_code": str(err)}) from err
    if Employer.objects.filter(credit_code=code).exclude(pk=e.pk).exists():
        raise ValidationError({"credit_code": _("统一社会信用代码 %(c)s 已登记") % {"c": code}})
    return _apply_edit(actor, e, version, {
        "name": name, "credit_code": code, "area": area, "sector": Sector(sector).value,
        "contact_name": contact_name, "contact_phone": contact_phone, "address": address,
        "employment_base": employment_base, "note": note}, area_code=area.code)


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


# --- placements ----------------------------------------------------------------------------------

def _last_left(person_id: int) -> Placement | None:
    return (Placement.objects.filter(person_id=person_id, status=PlacementStatus.LEFT)
            .order_by("-left_on", "-id").first())


@transaction.atomic
def placement_refer(*, actor, person, employer: Employer, opening: Opening | None = None,
                    referred_on: datetime.date | None = None, note: str = "") -> Placement:
    """Refer a person to an employer. A person holds one referral or job at a time."""
    _guard(actor)
    if Placement.objects.select_for_update().filter(
            person=person, status__in=ACTIVE_PLACEMENT).exists():
        raise LifecycleError(_("%(name)s 已有进行中的推荐或在岗记录") % {"name": person.name})
    if opening is not None:
        # Locked and read afresh: an edit lowering its positions (opening_update counts the
        # active placements under the same lock) or a close cannot cross this referral.
        opening = Opening.objects.select_for_update().get(pk=opening.pk)
    if opening is not None and opening.status != OpeningStatus.OPEN:
        raise LifecycleError(_("岗位“%(t)s”已不在招聘中") % {"t": opening.title})
    p = Placement.objects.create(
        person=person, employer=employer, opening=opening, referred_on=referred_on or
        timezone.localdate(), previous=_last_left(person.pk), note=note, created_by=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=p, area_code=_person_code(person),
                 new={"person": person.pk, "employer": employer.pk,
                      "opening": opening.pk if opening else None, "status": p.status})
    return p


def _step(actor, placement: Placement, *, allowed: tuple, version: int | None,
          changes: dict, note: str = "") -> Placement:
    """One lifecycle step. A step sent from the placement page carries the version the page
    read (a step taken meanwhile by someone else refuses it); without one (a step computed by
    code), the placement as read now under the lock."""
    p = _lock(Placement, placement.pk)
    version = p.version if version is None else version
    check_version(p, version)
    if p.status not in allowed:
        raise LifecycleError(_("当前状态“%(s)s”不能进行此操作") % {"s": p.get_status_display()})
    versioned_update(actor=actor, obj=p, version=version, changes=changes,
                     area_code=_person_code(p.person), note=note)
    return p


@transaction.atomic
def placement_interview(*, actor, placement: Placement, on: datetime.date,
                        version: int | None = None) -> Placement:
    _guard(actor)
    if on < placement.referred_on:
        raise LifecycleError(_("面试日期不能早于推荐日期"))
    return _step(actor, placement, allowed=(PlacementStatus.REFERRED,), version=version,
                 changes={"status": PlacementStatus.INTERVIEWED, "interviewed_on": on})


@transaction.atomic
def placement_hire(*, actor, placement: Placement, hired_on: datetime.date, wage: Decimal,
                   employer: Employer | None = None, version: int | None = None) -> Placement:
    """Hired: the start date and wage; the follow-ups at 1, 3, 6 and 12 months fall due."""
    _guard(actor)
    if hired_on < placement.referred_on:
        raise LifecycleError(_("上岗日期不能早于推荐日期"))
    changes = {"status": PlacementStatus.HIRED, "hired_on": hired_on, "wage": wage}
    if employer is not None:
        changes["employer"] = employer
    p = _step(actor, placement, allowed=(PlacementStatus.REFERRED, PlacementStatus.INTERVIEWED),
              version=version, changes=changes)
    FollowUp.objects.bulk_create([FollowUp(placement=p, months=m, due_on=d)
                                  for m, d in follow_up_dates(hired_on, FOLLOW_UP_MONTHS)])
    if p.opening_id:
        o = Opening.objects.select_for_update().get(pk=p.opening_id)
        hired = o.placements.filter(status=PlacementStatus.HIRED).count()
        if hired >= o.positions and o.status == OpeningStatus.OPEN:
            o.status = OpeningStatus.FILLED
            o.save(update_fields=["status"])
    return p


@transaction.atomic
def placement_not_hired(*, actor, placement: Placement, note: str = "",
                        version: int | None = None) -> Placement:
    _guard(actor)
    return _step(actor, placement, allowed=(PlacementStatus.REFERRED, PlacementStatus.INTERVIEWED),
                 version=version, changes={"status": PlacementStatus.NOT_HIRED}, note=note)


@transaction.atomic
def placement_leave(*, actor, placement: Placement, left_on: datetime.date, reason: str,
                    note: str = "", version: int | None = None) -> Placement:
    """Left the job: the follow-ups due after that day are no longer needed."""
    _guard(actor)
    if placement.hired_on and left_on < placement.hired_on:
        raise LifecycleError(_("离职日期不能早于上岗日期"))
    p = _step(actor, placement, allowed=(PlacementStatus.HIRED,), version=version,
              changes={"status": PlacementStatus.LEFT, "left_on": left_on, "left_reason": reason},
              note=note)
    FollowUp.objects.filter(placement=p, done_on__isnull=True, due_on__gt=left_on).update(
        cancelled=True)
    return p


@transaction.atomic
def follow_up_record(*, actor, follow_up: FollowUp, done_on: datetime.date,
                     still_working: bool, wage: Decimal | None = None, problems=(),
                     help_given: str = "") -> FollowUp:
    _guard(actor)
    f = FollowUp.objects.select_for_update().select_related(
        "placement__person__household__village").get(pk=follow_up.pk)
    if f.cancelled:
        raise LifecycleError(_("该回访已取消"))
    bad = [p for p in problems if p not in Problem.values]
    if bad:
        raise ValidationError(_("未知的问题类别：%(p)s") % {"p": "、".join(bad)})
    old = {"done_on": f.done_on, "still_working": f.still_working, "wage": f.wage,
           "problems": f.problems, "help_given": f.help_given}
    f.done_on, f.still_working, f.wage = done_on, still_working, wage
    f.problems, f.help_given, f.recorded_by = join(problems), help_given, actor
    f.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=f,
                 area_code=_person_code(f.placement.person), old=old,
                 new={"done_on": done_on, "still_working": still_working, "wage": wage,
                      "problems": f.problems, "help_given": help_given})
    return f


# --- proposals -----------------------------------------------------------------------------------

def _decidable(pk: int) -> Proposal:
    p = Proposal.objects.select_for_update().select_related(
        "profile__person__household__village", "opening__employer").get(pk=pk)
    if p.status not in (ProposalStatus.PROPOSED, ProposalStatus.REFERRED):
        raise LifecycleError(_("该建议已处理（%(s)s）") % {"s": p.get_status_display()})
    return p


def _decide(actor, p: Proposal, status: str, reason: str, **extra) -> Proposal:
    old = p.status
    p.status, p.reason, p.decided_by, p.decided_at = status, reason, actor, timezone.now()
    for k, v in extra.items():
        setattr(p, k, v)
    p.save()
    audit_record(actor=actor, action=AuditAction.APPROVE if status == ProposalStatus.ACCEPTED
                 else AuditAction.UPDATE, obj=p, area_code=_person_code(p.profile.person),
                 old={"status": old}, new={"status": status, "reason": reason})
    return p


@transaction.atomic
def proposal_accept(*, actor, proposal: Proposal,
                    referred_on: datetime.date | None = None) -> Placement:
    """Accept a proposal: the seeker is referred to the opening's employer (a Placement)."""
    _guard(actor)
    p = _decidable(proposal.pk)
    placement = placement_refer(actor=actor, person=p.profile.person,
                                employer=p.opening.employer, opening=p.opening,
                                referred_on=referred_on, note=_("人岗匹配建议 #%(n)d") % {"n": p.pk})
    _decide(actor, p, ProposalStatus.ACCEPTED, "", placement=placement)
    # The seeker's other proposals of this run are settled by this choice.
    for other in Proposal.objects.filter(run_id=p.run_id, profile_id=p.profile_id,
                                         status=ProposalStatus.PROPOSED).exclude(pk=p.pk):
        _decide(actor, other, ProposalStatus.REJECTED, _("已采纳其他岗位"))
    return placement


@transaction.atomic
def proposal_reject(*, actor, proposal: Proposal, reason: str) -> Proposal:
    _guard(actor)
    if not reason.strip():
        raise ValidationError(_("请填写拒绝理由"))
    return _decide(actor, _decidable(proposal.pk), ProposalStatus.REJECTED, reason.strip())


@transaction.atomic
def proposal_refer(*, actor, proposal: Proposal, note: str = "") -> Proposal:
    """Send the proposal to the employer to decide; it can still be accepted or rejected."""
    _guard(actor)
    p = _decidable(proposal.pk)
    if p.status == ProposalStatus.REFERRED:
        raise LifecycleError(_("该建议已转企业"))
    return _decide(actor, p, ProposalStatus.REFERRED, note.strip())


# --- workstation, fairs, recruitment, graduates, interns -----------------------------------------

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
def recruitment_record(*, actor, employer: Employer, village, started_on: datetime.date,
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
def graduate_record(*, actor, **fields) -> Graduate:
    _guard(actor)
    g = Graduate.objects.create(**fields)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=g, area_code=g.home_area.code,
                 new={k: v for k, v in fields.items() if k not in ("person",)})
    return g


@transaction.atomic
def intern_record(*, actor, **fields) -> Intern:
    _guard(actor)
    i = Intern.objects.create(**fields)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=i, area_code=i.home_area.code,
                 new={k: v for k, v in fields.items() if k not in ("person",)})
    return i


@transaction.atomic
def profile_save(*, actor, person, version: int | None = None, **fields) -> LabourProfile:
    """Create a person's survey profile or update it (optimistic locking on update)."""
    _guard(actor)
    existing = LabourProfile.objects.filter(person=person).first()
    if existing is not None:
        return profile_update(actor=actor, profile=existing, version=version, **fields)
    for k in ("skills", "certificates", "destinations"):
        if k in fields and not isinstance(fields[k], str):
            fields[k] = join(fields[k])
    p = LabourProfile.objects.create(person=person, surveyed_on=timezone.localdate(), **fields)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=p,
                 area_code=_person_code(person), new=fields)
    return p


@transaction.atomic
def profile_update(*, actor: Actor, profile: LabourProfile, version: int,
                   **changes) -> LabourProfile:
    _guard(actor)
    p = LabourProfile.objects.select_for_update().select_related(
        "person__household__village").get(pk=profile.pk)
    for k in TAG_FIELDS:
        if k in changes and not isinstance(changes[k], str):
            changes[k] = join(changes[k])
    return _apply_edit(actor, p, version, changes, area_code=_person_code(p.person))

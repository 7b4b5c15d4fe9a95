"""Placements, their follow-ups, and the matching proposals a case worker acts on.

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
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import check_version, versioned_update
from xiezuo.labour.choices import (
    ACTIVE_PLACEMENT,
    FOLLOW_UP_MONTHS,
    OpeningStatus,
    PlacementStatus,
    Problem,
    ProposalStatus,
)
from xiezuo.labour.employment import follow_up_dates
from xiezuo.labour.models import (
    FollowUp,
    Opening,
    Placement,
    Proposal,
    join,
)
from xiezuo.labour.services.base import (
    LifecycleError,
    _guard,
    _lock,
    _person_code,
)
from xiezuo.orgs.models import Organisation


def _last_left(person_id: int) -> Placement | None:
    return (Placement.objects.filter(person_id=person_id, status=PlacementStatus.LEFT)
            .order_by("-left_on", "-id").first())


@transaction.atomic
def placement_refer(*, actor, person, employer: Organisation, opening: Opening | None = None,
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
                   employer: Organisation | None = None, version: int | None = None) -> Placement:
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

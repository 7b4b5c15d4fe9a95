"""Experts on request (ch.5.4): Lintao files a need, Cangshan accepts it, assigns experts, who
go on site, finish and are evaluated; each step dated (talent.status holds the rule)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xiezuo.accounts.audit import audit_record
from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.versioned import check_version, versioned_update
from xiezuo.talent.choices import ExpertStatus, NeedKind
from xiezuo.talent.models import ExpertAssignment, ExpertRequest
from xiezuo.talent.services.base import _guard
from xiezuo.talent.status import DATE_FIELD, transition_error


@transaction.atomic
def request_file(*, actor: Actor, title: str, need_kind: str, subject: str, area,
                 difficulty: str, skills_sought: str, filed_on: datetime.date,
                 due_on: datetime.date | None = None) -> ExpertRequest:
    _guard(actor, areas=[area])
    if need_kind not in NeedKind.values:
        raise ValidationError({"need_kind": _("未知的需求类别")})
    if due_on is not None and due_on < filed_on:
        raise ValidationError({"due_on": _("要求完成日期不能早于提出日期")})
    if filed_on > timezone.localdate():
        raise ValidationError({"filed_on": _("日期不能晚于今天")})
    r = ExpertRequest.objects.create(
        title=title, need_kind=need_kind, subject=subject, area=area, difficulty=difficulty,
        skills_sought=skills_sought, filed_on=filed_on, due_on=due_on,
        filed_by=actor if actor is not None else None)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=r, area_code=area.code,
                 new={"title": title, "need_kind": need_kind, "subject": subject,
                      "filed_on": filed_on.isoformat(),
                      "due_on": due_on.isoformat() if due_on else None})
    return r


@transaction.atomic
def expert_assign(*, actor: Actor, request: ExpertRequest, name: str, unit: str,
                  speciality: str = "", from_date: datetime.date | None = None,
                  to_date: datetime.date | None = None) -> ExpertAssignment:
    r = ExpertRequest.objects.select_for_update().select_related("area").get(pk=request.pk)
    _guard(actor, records=ExpertRequest.objects.filter(pk=r.pk))
    if r.status in (ExpertStatus.DONE, ExpertStatus.EVALUATED):
        raise ValidationError(_("该需求已完成，不能再选派专家"))
    if from_date and to_date and to_date < from_date:
        raise ValidationError({"to_date": _("结束日期不能早于开始日期")})
    e = ExpertAssignment.objects.create(request=r, name=name, unit=unit, speciality=speciality,
                                        from_date=from_date, to_date=to_date)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=e, area_code=r.area.code,
                 new={"request": r.pk, "name": name, "unit": unit})
    return e


@transaction.atomic
def request_advance(*, actor: Actor, request: ExpertRequest, version: int, status: str,
                    on: datetime.date, outcome: str = "", evaluation: str = "",
                    today: datetime.date | None = None) -> ExpertRequest:
    """Move the request one step on (talent.status.transition_error says when it may not)."""
    r = ExpertRequest.objects.select_for_update().select_related("area").get(pk=request.pk)
    _guard(actor, records=ExpertRequest.objects.filter(pk=r.pk))
    check_version(r, version)
    outcome = outcome.strip() or r.outcome
    reason = transition_error(r.status, status, on=on, last=r.last_date(),
                              today=today or timezone.localdate(), experts=r.experts.count(),
                              outcome=outcome)
    if reason:
        raise ValidationError(reason)
    changes = {"status": status, DATE_FIELD[status]: on}
    if outcome != r.outcome:
        changes["outcome"] = outcome
    if status == ExpertStatus.EVALUATED and evaluation.strip():
        changes["evaluation"] = evaluation.strip()
    versioned_update(actor=actor, obj=r, version=version, changes=changes,
                     area_code=r.area.code, note=ExpertStatus(status).label)
    return r

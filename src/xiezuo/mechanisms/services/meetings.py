"""Joint meetings, their decisions (议定事项) and the follow-up of each decision (ch.8.2)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import versioned_update
from xiezuo.mechanisms.choices import DecisionStatus, MeetingKind, Side
from xiezuo.mechanisms.models import Decision, DecisionUpdate, JointMeeting
from xiezuo.mechanisms.services.base import _edit, _guard, _lock, partnership_code

MEETING_FIELDS = ("kind", "title", "date", "venue_side", "place", "chair", "attendees",
                  "agenda", "summary", "minutes_no", "copy_to", "note")


def _meeting_values(d: dict) -> dict:
    out = {k: (d.get(k) or "").strip() if isinstance(d.get(k, ""), str) else d.get(k)
           for k in MEETING_FIELDS}
    out["kind"] = MeetingKind(out["kind"] or MeetingKind.JOINT).value
    out["venue_side"] = Side(out["venue_side"]).value
    return out


@transaction.atomic
def meeting_create(*, actor: Actor, partnership, title: str, date: datetime.date,
                   venue_side: str, place: str, kind: str = MeetingKind.JOINT, chair: str = "",
                   attendees: str = "", agenda: str = "", summary: str = "",
                   minutes_no: str = "", copy_to: str = "", note: str = "") -> JointMeeting:
    _guard(actor)
    values = _meeting_values(dict(kind=kind, title=title, date=date, venue_side=venue_side,
                                  place=place, chair=chair, attendees=attendees, agenda=agenda,
                                  summary=summary, minutes_no=minutes_no, copy_to=copy_to,
                                  note=note))
    m = JointMeeting.objects.create(partnership=partnership, **values)
    _guard(actor, m)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=m,
                 area_code=partnership_code(partnership),
                 new={"title": m.title, "date": date, "kind": m.kind, "venue_side": m.venue_side,
                      "place": m.place})
    return m


@transaction.atomic
def meeting_update(*, actor: Actor, meeting: JointMeeting, version: int, **fields
                   ) -> JointMeeting:
    """Correct a meeting's record (fields: MEETING_FIELDS)."""
    _guard(actor, meeting)
    m = _lock(meeting, version)
    return _edit(actor, m, version, _meeting_values(fields),
                 area_code=partnership_code(m.partnership))


@transaction.atomic
def decision_add(*, actor: Actor, meeting: JointMeeting, text: str, owner_unit: str,
                 owner_person: str = "", due: datetime.date | None = None) -> Decision:
    """A decision of `meeting`, numbered after the meeting's last one."""
    _guard(actor, meeting)
    if not text.strip():
        raise ValidationError({"text": _("请填写议定事项")})
    JointMeeting.objects.select_for_update().get(pk=meeting.pk)  # numbers one at a time
    last = meeting.decisions.aggregate(n=Max("number"))["n"] or 0
    d = Decision.objects.create(meeting=meeting, number=last + 1, text=text.strip(),
                                owner_unit=owner_unit.strip(), owner_person=owner_person.strip(),
                                due=due, status_on=meeting.date)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=d,
                 area_code=partnership_code(meeting.partnership),
                 new={"meeting": meeting.pk, "number": d.number, "text": d.text,
                      "owner_unit": d.owner_unit, "due": due})
    return d


@transaction.atomic
def decision_update(*, actor: Actor, decision: Decision, version: int, text: str,
                    owner_unit: str, owner_person: str = "",
                    due: datetime.date | None = None) -> Decision:
    """Correct a decision's wording, owner or due date (its status moves by follow-ups)."""
    _guard(actor, decision)
    d = _lock(decision, version)
    return _edit(actor, d, version, {"text": text.strip(), "owner_unit": owner_unit.strip(),
                                     "owner_person": owner_person.strip(), "due": due},
                 area_code=partnership_code(d.meeting.partnership))


@transaction.atomic
def decision_follow_up(*, actor: Actor, decision: Decision, version: int, status: str,
                       date: datetime.date | None = None, note: str = "") -> DecisionUpdate:
    """Record a dated step in following `decision` up: its new status and what was done.

    A stale form (someone followed it up since) is refused and nothing is written."""
    _guard(actor, decision)
    d = _lock(decision, version)
    status = DecisionStatus(status).value
    date = date or timezone.localdate()
    if date < d.meeting.date:
        raise ValidationError({"date": _("进展日期不能早于会议日期 %(d)s") % {"d": d.meeting.date}})
    if not note.strip() and status == d.status:
        raise ValidationError({"note": _("状态未变时请填写进展情况")})
    up = DecisionUpdate.objects.create(decision=d, date=date, status=status, note=note.strip(),
                                       by=actor if actor is not None else None)
    changed = versioned_update(actor=actor, obj=d, version=version,
                               changes={"status": status, "status_on": date},
                               area_code=partnership_code(d.meeting.partnership),
                               note=note.strip()[:500])
    if not changed:  # same status and date: the step is still on record, in the trail too
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=d,
                     area_code=partnership_code(d.meeting.partnership),
                     new={"follow_up": up.pk, "note": up.note})
    decision.version, decision.status, decision.status_on = d.version, d.status, d.status_on
    return up

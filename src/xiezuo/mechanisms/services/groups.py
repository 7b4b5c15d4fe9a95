"""Leading groups, the working group and their members over time (ch.8.1)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.services import audit_record
from xiezuo.mechanisms.choices import GroupKind, Post, Side
from xiezuo.mechanisms.models import LeadingGroup, Membership
from xiezuo.mechanisms.services.base import _edit, _guard, _lock


def _check_period(start, end, field="end"):
    if end is not None and start is not None and end < start:
        raise ValidationError({field: _("截止日期不能早于起始日期")})


@transaction.atomic
def group_create(*, actor: Actor, partnership, side: str, area, name: str,
                 established: datetime.date, kind: str = GroupKind.LEADING,
                 document_no: str = "", place: str = "", dissolved: datetime.date | None = None,
                 note: str = "") -> LeadingGroup:
    _guard(actor)
    _check_period(established, dissolved, "dissolved")
    g = LeadingGroup.objects.create(
        partnership=partnership, side=Side(side).value, kind=GroupKind(kind).value, area=area,
        name=name.strip(), established=established, document_no=document_no.strip(),
        place=place.strip(), dissolved=dissolved, note=note.strip())
    _guard(actor, g)  # a group of the other side: refused, and the transaction rolled back
    audit_record(actor=actor, action=AuditAction.CREATE, obj=g, area_code=area.code,
                 new={"name": g.name, "side": g.side, "kind": g.kind,
                      "established": established, "document_no": g.document_no})
    return g


@transaction.atomic
def group_update(*, actor: Actor, group: LeadingGroup, version: int, name: str,
                 established: datetime.date, document_no: str = "", place: str = "",
                 dissolved: datetime.date | None = None, note: str = "") -> LeadingGroup:
    _guard(actor, group)
    g = _lock(group, version)
    _check_period(established, dissolved, "dissolved")
    return _edit(actor, g, version, {
        "name": name.strip(), "established": established, "document_no": document_no.strip(),
        "place": place.strip(), "dissolved": dissolved, "note": note.strip()},
        area_code=g.area.code)


@transaction.atomic
def member_add(*, actor: Actor, group: LeadingGroup, person_name: str, post: str,
               start: datetime.date, unit: str = "", title: str = "",
               end: datetime.date | None = None, note: str = "") -> Membership:
    _guard(actor, group)
    _check_period(start, end)
    m = Membership.objects.create(group=group, person_name=person_name.strip(),
                                  post=Post(post).value, unit=unit.strip(), title=title.strip(),
                                  start=start, end=end, note=note.strip())
    audit_record(actor=actor, action=AuditAction.CREATE, obj=m, area_code=group.area.code,
                 new={"group": group.pk, "person_name": m.person_name, "post": m.post,
                      "unit": m.unit, "start": start, "end": end})
    return m


@transaction.atomic
def member_update(*, actor: Actor, member: Membership, version: int, person_name: str,
                  post: str, start: datetime.date, unit: str = "", title: str = "",
                  end: datetime.date | None = None, note: str = "") -> Membership:
    """Correct a member's line, or end it (`end`: the last day in the group)."""
    _guard(actor, member)
    m = _lock(member, version)
    _check_period(start, end)
    return _edit(actor, m, version, {
        "person_name": person_name.strip(), "post": Post(post).value, "unit": unit.strip(),
        "title": title.strip(), "start": start, "end": end, "note": note.strip()},
        area_code=m.group.area.code)

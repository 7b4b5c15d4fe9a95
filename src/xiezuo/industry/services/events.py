"""Trade events (经贸活动) and the deals signed there, followed into a project or a sale."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import check_version
from xiezuo.industry.choices import EventKind, EventSeries, FollowUp
from xiezuo.industry.models import Deal, TradeEvent
from xiezuo.industry.services.base import _apply_edit, _guard, money


def _check_dates(started_on: datetime.date, ended_on: datetime.date) -> None:
    if ended_on < started_on:
        raise ValidationError({"ended_on": _("结束日期不能早于开始日期")})


@transaction.atomic
def event_create(*, actor: Actor, name: str, kind: str, series: str = EventSeries.OTHER, area,
                 place: str = "", started_on: datetime.date, ended_on: datetime.date,
                 participants: str = "", participant_count: int = 0,
                 note: str = "") -> TradeEvent:
    _guard(actor)
    _check_dates(started_on, ended_on)
    e = TradeEvent.objects.create(name=name, kind=EventKind(kind), series=EventSeries(series),
                                  area=area, place=place, started_on=started_on,
                                  ended_on=ended_on, participants=participants,
                                  participant_count=participant_count, note=note)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=e, area_code=area.code,
                 new={"name": name, "kind": kind, "started_on": started_on.isoformat()})
    return e


@transaction.atomic
def event_update(*, actor: Actor, event: TradeEvent, version: int, name: str, kind: str,
                 series: str, area, place: str, started_on: datetime.date,
                 ended_on: datetime.date, participants: str = "", participant_count: int = 0,
                 note: str = "") -> TradeEvent:
    _guard(actor)
    e = TradeEvent.objects.select_for_update().get(pk=event.pk)
    check_version(e, version)
    _check_dates(started_on, ended_on)
    return _apply_edit(actor, e, version, {
        "name": name, "kind": EventKind(kind).value, "series": EventSeries(series).value,
        "area": area, "place": place, "started_on": started_on, "ended_on": ended_on,
        "participants": participants, "participant_count": participant_count, "note": note},
        area_code=area.code)


def _check_follow_up(follow_up: str, project, sale) -> None:
    if follow_up == FollowUp.PROJECT and project is None:
        raise ValidationError({"project": _("已落地为投资项目时，请选择该项目")})
    if follow_up == FollowUp.SALE and sale is None:
        raise ValidationError({"sale": _("已形成销售时，请选择该笔销售")})


@transaction.atomic
def deal_create(*, actor: Actor, event: TradeEvent, title: str, organisations,
                amount: Decimal = Decimal(0), follow_up: str = FollowUp.PENDING, project=None,
                sale=None, note: str = "") -> Deal:
    _guard(actor)
    _check_follow_up(follow_up, project, sale)
    d = Deal.objects.create(event=event, title=title, amount=money(amount),
                            follow_up=FollowUp(follow_up), project=project, sale=sale,
                            note=note)
    d.organisations.set(organisations)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=d, area_code=event.area.code,
                 new={"event": event.pk, "title": title, "amount": str(d.amount),
                      "organisations": sorted(o.pk for o in organisations)})
    return d


@transaction.atomic
def deal_update(*, actor: Actor, deal: Deal, version: int, title: str, organisations,
                amount: Decimal, follow_up: str, project=None, sale=None,
                note: str = "") -> Deal:
    _guard(actor)
    d = Deal.objects.select_for_update().select_related("event__area").get(pk=deal.pk)
    check_version(d, version)
    _check_follow_up(follow_up, project, sale)
    return _apply_edit(actor, d, version, {
        "title": title, "organisations": list(organisations), "amount": money(amount),
        "follow_up": FollowUp(follow_up).value, "project": project, "sale": sale,
        "note": note}, area_code=d.event.area.code, multi_value=("organisations",))

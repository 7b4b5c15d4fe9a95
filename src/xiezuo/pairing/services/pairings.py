"""Town–township and enterprise–village pairings and their activities (ch.7 1.–2., ch.8.3)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import check_version
from xiezuo.pairing.choices import ActivityKind, EnterpriseForm
from xiezuo.pairing.models import EnterprisePairing, PairingActivity, TownPairing
from xiezuo.pairing.services.base import apply_edit, guard_ends, money
from xiezuo.regions.choices import Level, Side


def _check_dates(started_on: datetime.date, ended_on: datetime.date | None) -> None:
    if ended_on is not None and ended_on < started_on:
        raise ValidationError({"ended_on": _("结束日期不能早于结对日期")})


def _check_town_ends(east_town, west_township) -> None:
    errors = {}
    if east_town.side != Side.EAST or east_town.level != Level.TOWNSHIP:
        errors["east_town"] = _("%(a)s 不是东部的镇或街道") % {"a": east_town.name}
    if west_township.side != Side.WEST or west_township.level != Level.TOWNSHIP:
        errors["west_township"] = _("%(a)s 不是西部的乡镇") % {"a": west_township.name}
    if errors:
        raise ValidationError(errors)


def _check_overlap(qs, started_on, ended_on, message: str) -> None:
    """Refuse a second pairing of the same two ends whose dates overlap the first's."""
    far = datetime.date.max
    for s, e in qs.values_list("started_on", "ended_on"):
        if started_on <= (e or far) and s <= (ended_on or far):
            raise ValidationError({"started_on": message})


@transaction.atomic
def town_pairing_create(*, actor: Actor, east_town, west_township,
                        started_on: datetime.date, ended_on: datetime.date | None = None,
                        agreement_no: str = "", agreement_signed_on: datetime.date | None = None,
                        note: str = "") -> TownPairing:
    guard_ends(actor, east_town, west_township)
    _check_town_ends(east_town, west_township)
    _check_dates(started_on, ended_on)
    _check_overlap(TownPairing.objects.filter(east_town=east_town, west_township=west_township),
                   started_on, ended_on, _("这两个乡镇在该期间已有结对"))
    p = TownPairing.objects.create(
        east_town=east_town, west_township=west_township, started_on=started_on,
        ended_on=ended_on, agreement_no=agreement_no, agreement_signed_on=agreement_signed_on,
        note=note, created_by=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=p, area_code=west_township.code,
                 new={"east_town": east_town.code, "west_township": west_township.code,
                      "started_on": started_on, "ended_on": ended_on,
                      "agreement_no": agreement_no})
    return p


@transaction.atomic
def town_pairing_update(*, actor: Actor, pairing: TownPairing, version: int, east_town,
                        west_township, started_on: datetime.date,
                        ended_on: datetime.date | None = None, agreement_no: str = "",
                        agreement_signed_on: datetime.date | None = None,
                        note: str = "") -> TownPairing:
    p = TownPairing.objects.select_for_update(of=("self",)).select_related(
        "east_town", "west_township").get(pk=pairing.pk)
    guard_ends(actor, p.east_town, p.west_township)
    guard_ends(actor, east_town, west_township)
    check_version(p, version)
    _check_town_ends(east_town, west_township)
    _check_dates(started_on, ended_on)
    _check_overlap(TownPairing.objects.filter(east_town=east_town, west_township=west_township)
                   .exclude(pk=p.pk), started_on, ended_on, _("这两个乡镇在该期间已有结对"))
    return apply_edit(actor, p, version, {
        "east_town": east_town, "west_township": west_township, "started_on": started_on,
        "ended_on": ended_on, "agreement_no": agreement_no,
        "agreement_signed_on": agreement_signed_on, "note": note},
        area_code=west_township.code)


def _check_village(village) -> None:
    if village.side != Side.WEST or village.level != Level.VILLAGE:
        raise ValidationError({"village": _("%(a)s 不是西部的村") % {"a": village.name}})


@transaction.atomic
def enterprise_pairing_create(*, actor: Actor, enterprise, village, started_on: datetime.date,
                              ended_on: datetime.date | None = None,
                              form: str = EnterpriseForm.ONE, agreement_no: str = "",
                              note: str = "") -> EnterprisePairing:
    guard_ends(actor, enterprise.area, village)
    _check_village(village)
    _check_dates(started_on, ended_on)
    _check_overlap(EnterprisePairing.objects.filter(enterprise=enterprise, village=village),
                   started_on, ended_on, _("该企业与该村在该期间已有结对"))
    p = EnterprisePairing.objects.create(
        enterprise=enterprise, village=village, form=EnterpriseForm(form).value,
        started_on=started_on, ended_on=ended_on, agreement_no=agreement_no, note=note,
        created_by=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=p, area_code=village.code,
                 new={"enterprise": enterprise.pk, "village": village.code, "form": p.form,
                      "started_on": started_on, "ended_on": ended_on})
    return p


@transaction.atomic
def enterprise_pairing_update(*, actor: Actor, pairing: EnterprisePairing, version: int,
                              enterprise, village, started_on: datetime.date,
                              ended_on: datetime.date | None = None,
                              form: str = EnterpriseForm.ONE, agreement_no: str = "",
                              note: str = "") -> EnterprisePairing:
    p = EnterprisePairing.objects.select_for_update(of=("self",)).select_related(
        "enterprise__area", "village").get(pk=pairing.pk)
    guard_ends(actor, p.enterprise.area, p.village)
    guard_ends(actor, enterprise.area, village)
    check_version(p, version)
    _check_village(village)
    _check_dates(started_on, ended_on)
    _check_overlap(EnterprisePairing.objects.filter(enterprise=enterprise, village=village)
                   .exclude(pk=p.pk), started_on, ended_on, _("该企业与该村在该期间已有结对"))
    return apply_edit(actor, p, version, {
        "enterprise": enterprise, "village": village, "form": EnterpriseForm(form).value,
        "started_on": started_on, "ended_on": ended_on, "agreement_no": agreement_no,
        "note": note}, area_code=village.code)


def _activity_ends(town_pairing, enterprise_pairing):
    if (town_pairing is None) == (enterprise_pairing is None):
        raise ValidationError(_("请选择一个结对（镇村结对或村企结对之一）"))
    if town_pairing is not None:
        return town_pairing.west_township.code, (town_pairing.east_town,
                                                 town_pairing.west_township)
    return enterprise_pairing.village.code, (enterprise_pairing.enterprise.area,
                                             enterprise_pairing.village)


def _activity_values(kind, money_, goods, goods_value, projects_started, date, pairing):
    errors = {}
    ActivityKind(kind)
    if kind == ActivityKind.MONEY and not money_:
        errors["money"] = _("捐款活动须填写金额")
    if kind == ActivityKind.GOODS and not (goods and goods_value):
        errors["goods_value"] = _("捐物活动须填写物资及折价")
    if kind == ActivityKind.PROJECT and not projects_started:
        errors["projects_started"] = _("项目活动须填写启动项目数")
    if date < pairing.started_on or (pairing.ended_on and date > pairing.ended_on):
        errors["date"] = _("活动日期不在结对期间内")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def activity_create(*, actor: Actor, date: datetime.date, kind: str, town_pairing=None,
                    enterprise_pairing=None, money_amount=0, goods: str = "", goods_value=0,
                    projects_started: int = 0, participants: int = 0,
                    description: str = "") -> PairingActivity:
    code, ends = _activity_ends(town_pairing, enterprise_pairing)
    guard_ends(actor, *ends)
    _activity_values(kind, money_amount, goods, goods_value, projects_started, date,
                     town_pairing or enterprise_pairing)
    a = PairingActivity.objects.create(
        town_pairing=town_pairing, enterprise_pairing=enterprise_pairing, date=date, kind=kind,
        money=money(money_amount), goods=goods, goods_value=money(goods_value),
        projects_started=projects_started, participants=participants,
        description=description, created_by=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=a, area_code=code,
                 new={"date": date, "kind": kind, "money": a.money, "goods_value": a.goods_value,
                      "projects_started": projects_started})
    return a


@transaction.atomic
def activity_update(*, actor: Actor, activity: PairingActivity, version: int,
                    date: datetime.date, kind: str, money_amount=0, goods: str = "",
                    goods_value=0, projects_started: int = 0, participants: int = 0,
                    description: str = "") -> PairingActivity:
    """Correct an activity (its pairing stays: record a new activity for another pairing)."""
    a = PairingActivity.objects.select_for_update(of=("self",)).select_related(
        "town_pairing__east_town", "town_pairing__west_township",
        "enterprise_pairing__enterprise__area", "enterprise_pairing__village").get(pk=activity.pk)
    code, ends = _activity_ends(a.town_pairing, a.enterprise_pairing)
    guard_ends(actor, *ends)
    check_version(a, version)
    _activity_values(kind, money_amount, goods, goods_value, projects_started, date, a.pairing)
    return apply_edit(actor, a, version, {
        "date": date, "kind": kind, "money": money(money_amount), "goods": goods,
        "goods_value": money(goods_value), "projects_started": projects_started,
        "participants": participants, "description": description}, area_code=code)

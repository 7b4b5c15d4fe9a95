"""Investment projects: created, corrected, moved through their stages; money arrived."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import check_version
from xiezuo.industry.choices import Sector, Stage
from xiezuo.industry.models import InvestmentArrival, InvestmentProject, StageChange
from xiezuo.industry.rules import is_signed, stage_error
from xiezuo.industry.services.base import _apply_edit, _guard, money


def _check_project(*, code: str, investor, exclude: int | None = None) -> None:
    errors = {}
    same = InvestmentProject.objects.filter(code=code)
    if exclude:
        same = same.exclude(pk=exclude)
    if same.exists():
        errors["code"] = _("项目编号 %(c)s 已存在") % {"c": code}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def project_create(*, actor: Actor, code: str, name: str, investor, sector: str, area,
                   stage: str = Stage.TALKS, stage_on: datetime.date,
                   contracted_amount: Decimal = Decimal(0), introduced_by_east: bool = False,
                   jobs_created: int = 0, poor_employed: int = 0,
                   note: str = "") -> InvestmentProject:
    _guard(actor, areas=[area])
    _check_project(code=code, investor=investor)
    if poor_employed > jobs_created:
        raise ValidationError({"poor_employed": _("贫困人口就业不能多于带动就业人数")})
    p = InvestmentProject.objects.create(
        code=code, name=name, investor=investor, sector=Sector(sector), area=area,
        stage=Stage(stage), stage_on=stage_on,
        signed_on=stage_on if is_signed(stage) else None,
        contracted_amount=money(contracted_amount), introduced_by_east=introduced_by_east,
        jobs_created=jobs_created, poor_employed=poor_employed, note=note)
    StageChange.objects.create(project=p, old="", new=p.stage, date=stage_on, actor=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=p, area_code=area.code,
                 new={"code": code, "investor": investor.pk, "sector": sector,
                      "stage": p.stage, "contracted_amount": str(p.contracted_amount)})
    return p


@transaction.atomic
def project_update(*, actor: Actor, project: InvestmentProject, version: int, code: str,
                   name: str, investor, sector: str, area, contracted_amount: Decimal,
                   introduced_by_east: bool = False, jobs_created: int = 0,
                   poor_employed: int = 0, note: str = "") -> InvestmentProject:
    """Correct a project (its stage moves by project_set_stage, with its date)."""
    _guard(actor, areas=[area])
    p = InvestmentProject.objects.select_for_update().get(pk=project.pk)
    check_version(p, version)
    _check_project(code=code, investor=investor, exclude=p.pk)
    if poor_employed > jobs_created:
        raise ValidationError({"poor_employed": _("贫困人口就业不能多于带动就业人数")})
    return _apply_edit(actor, p, version, {
        "code": code, "name": name, "investor": investor, "sector": Sector(sector).value,
        "area": area, "contracted_amount": money(contracted_amount),
        "introduced_by_east": introduced_by_east, "jobs_created": jobs_created,
        "poor_employed": poor_employed, "note": note}, area_code=area.code)


@transaction.atomic
def project_set_stage(*, actor: Actor, project: InvestmentProject, version: int, stage: str,
                      date: datetime.date, note: str = "") -> InvestmentProject:
    """Move a project to `stage` on `date` (forward, or 终止), kept in its dated history."""
    p = InvestmentProject.objects.select_for_update().select_related("area").get(pk=project.pk)
    _guard(actor, areas=[p.area])
    check_version(p, version)
    reason = stage_error(p.stage, stage)
    if reason:
        raise ValidationError({"stage": reason})
    if date < p.stage_on:
        raise ValidationError({"date": _("日期不能早于上一阶段的日期 %(d)s") % {"d": p.stage_on}})
    changes = {"stage": Stage(stage).value, "stage_on": date}
    if is_signed(stage) and p.signed_on is None:
        changes["signed_on"] = date
    old = p.stage
    _apply_edit(actor, p, version, changes, area_code=p.area.code)
    StageChange.objects.create(project=p, old=old, new=stage, date=date, note=note, actor=actor)
    return p


def _check_arrival(project, year: int, date: datetime.date, amount: Decimal) -> None:
    errors = {}
    if amount is None or amount <= 0:
        errors["amount"] = _("到位资金应大于 0")
    if date.year != year:
        errors["date"] = _("到位日期应在 %(y)d 年内") % {"y": year}
    if project.stage == Stage.TALKS:
        errors["project"] = _("项目尚在洽谈，签约后才有到位资金")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def arrival_create(*, actor: Actor, project: InvestmentProject, year: int, date: datetime.date,
                   amount: Decimal, note: str = "") -> InvestmentArrival:
    _guard(actor, areas=[project.area])
    _check_arrival(project, year, date, amount)
    a = InvestmentArrival.objects.create(project=project, year=year, date=date,
                                         amount=money(amount), note=note)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=a, area_code=project.area.code,
                 new={"project": project.pk, "year": year, "amount": str(a.amount)})
    return a


@transaction.atomic
def arrival_update(*, actor: Actor, arrival: InvestmentArrival, version: int, year: int,
                   date: datetime.date, amount: Decimal, note: str = "") -> InvestmentArrival:
    a = InvestmentArrival.objects.select_for_update().select_related("project__area").get(
        pk=arrival.pk)
    _guard(actor, areas=[a.project.area])
    check_version(a, version)
    _check_arrival(a.project, year, date, amount)
    return _apply_edit(actor, a, version, {"year": year, "date": date, "amount": money(amount),
                                           "note": note}, area_code=a.project.area.code)

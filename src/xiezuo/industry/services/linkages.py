"""Interest linkage (利益联结): what a project brings a registered poor household in a year."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import check_version
from xiezuo.industry.choices import LinkageKind
from xiezuo.industry.models import Linkage
from xiezuo.industry.services.base import _apply_edit, _guard, money


def _check(project, household, kind, year, amount, exclude=None) -> None:
    errors = {}
    if amount is None or amount <= 0:
        errors["amount"] = _("户年收益应大于 0")
    same = Linkage.objects.filter(project=project, household=household, kind=kind, year=year)
    if exclude:
        same = same.exclude(pk=exclude)
    if same.exists():
        errors["year"] = _("该户 %(y)d 年已有该项目的同类利益联结") % {"y": year}
    signed_year = project.signed_on.year if project.signed_on else None
    if signed_year is None:
        errors["project"] = _("项目尚未签约，不能登记利益联结")
    elif year < signed_year:
        errors["year"] = _("年度早于项目签约年度 %(y)d") % {"y": signed_year}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def linkage_create(*, actor: Actor, project, household, kind: str, year: int, amount: Decimal,
                   note: str = "") -> Linkage:
    _guard(actor, areas=[household.village])
    _check(project, household, kind, year, amount)
    link = Linkage.objects.create(project=project, household=household,
                                  kind=LinkageKind(kind), year=year, amount=money(amount),
                                  note=note)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=link,
                 area_code=household.village.code,
                 new={"project": project.pk, "household": household.number, "kind": kind,
                      "year": year, "amount": str(link.amount)})
    return link


@transaction.atomic
def linkage_update(*, actor: Actor, linkage: Linkage, version: int, kind: str, year: int,
                   amount: Decimal, note: str = "") -> Linkage:
    link = Linkage.objects.select_for_update().select_related(
        "project", "household__village").get(pk=linkage.pk)
    _guard(actor, areas=[link.household.village])
    check_version(link, version)
    _check(link.project, link.household, kind, year, amount, exclude=link.pk)
    return _apply_edit(actor, link, version, {
        "kind": LinkageKind(kind).value, "year": year, "amount": money(amount), "note": note},
        area_code=link.household.village.code)

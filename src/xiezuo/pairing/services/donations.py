"""Donations (ch.7: 捐资助学、慈善公益、医疗救助) and what they reached; the link of a money
donation to the funds allocation it became."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor, guard
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import check_version
from xiezuo.orgs.choices import OrgRole
from xiezuo.pairing.access import LINKS_FUNDS
from xiezuo.pairing.choices import DonationKind, DonorCategory, Purpose
from xiezuo.pairing.models import Donation
from xiezuo.pairing.services.base import apply_edit, guard_ends, money
from xiezuo.regions.choices import Side
from xiezuo.registry.models import Household


def _check(*, actor, donor, donor_name, kind, amount, goods, area, school, households) -> list:
    errors = {}
    if donor is None and not (donor_name or "").strip():
        errors["donor_name"] = _("请选择捐赠单位或填写捐赠人")
    if Decimal(amount or 0) <= 0:
        errors["amount"] = _("金额或折价须大于 0")
    if kind == DonationKind.GOODS and not (goods or "").strip():
        errors["goods"] = _("捐物须写明物资")
    if area.side != Side.WEST:
        errors["area"] = _("%(a)s 不是受援地区") % {"a": area.name}
    if school is not None and not school.has_role(OrgRole.SCHOOL):
        errors["school"] = _("%(o)s 不是登记的学校") % {"o": school.name}
    households = list(households or ())
    outside = [h for h in households if not h.village.code.startswith(area.prefix)]
    if outside:
        errors["households"] = _("贫困户 %(n)s 不在受赠地区 %(a)s") % {
            "n": outside[0].number, "a": area.name}
    if errors:
        raise ValidationError(errors)
    if households and actor is not None:
        pks = [h.pk for h in households]
        if Household.objects.visible_to(actor).filter(pk__in=pks).count() != len(set(pks)):
            raise PermissionDenied(_("所选贫困户不在您负责的区域内"))
    return households


@transaction.atomic
def donation_create(*, actor: Actor, donor_category: str, kind: str, amount, purpose: str,
                    date: datetime.date, area, donor=None, donor_name: str = "",
                    goods: str = "", receipt_no: str = "", school=None, project: str = "",
                    households=(), note: str = "") -> Donation:
    guard_ends(actor, area, donor.area if donor is not None else None)
    hh = _check(actor=actor, donor=donor, donor_name=donor_name, kind=kind, amount=amount,
                goods=goods, area=area, school=school, households=households)
    d = Donation.objects.create(
        donor=donor, donor_name=donor_name.strip(),
        donor_category=DonorCategory(donor_category).value, kind=DonationKind(kind).value,
        amount=money(amount), goods=goods, purpose=Purpose(purpose).value,
        receipt_no=receipt_no, date=date, area=area, school=school, project=project,
        note=note, created_by=actor)
    if hh:
        d.households.set(hh)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=d, area_code=area.code,
                 new={"donor": d.donor_label, "kind": d.kind, "amount": d.amount,
                      "purpose": d.purpose, "receipt_no": receipt_no, "date": date,
                      "households": sorted(h.pk for h in hh)})
    return d


@transaction.atomic
def donation_update(*, actor: Actor, donation: Donation, version: int, donor_category: str,
                    kind: str, amount, purpose: str, date: datetime.date, area, donor=None,
                    donor_name: str = "", goods: str = "", receipt_no: str = "", school=None,
                    project: str = "", households=(), note: str = "") -> Donation:
    d = Donation.objects.select_for_update(of=("self",)).select_related("area", "donor__area").get(
        pk=donation.pk)
    guard_ends(actor, d.area, d.donor.area if d.donor_id else None)
    guard_ends(actor, area, donor.area if donor is not None else None)
    check_version(d, version)
    hh = _check(actor=actor, donor=donor, donor_name=donor_name, kind=kind, amount=amount,
                goods=goods, area=area, school=school, households=households)
    if d.funds_allocation_id is not None and (kind != DonationKind.MONEY
                                              or money(amount) != d.amount):
        raise ValidationError({"amount": _(
            "这笔捐款已转入资金拨入 #%(id)s，金额和形式须先由资金管理员解除关联后再改") % {
            "id": d.funds_allocation_id}})
    return apply_edit(actor, d, version, {
        "donor": donor, "donor_name": donor_name.strip(),
        "donor_category": DonorCategory(donor_category).value,
        "kind": DonationKind(kind).value, "amount": money(amount), "goods": goods,
        "purpose": Purpose(purpose).value, "receipt_no": receipt_no, "date": date,
        "area": area, "school": school, "project": project, "households": hh,
        "note": note}, area_code=area.code)


@transaction.atomic
def donation_link_funds(*, actor: Actor, donation: Donation, version: int,
                        allocation_id: int | None) -> Donation:
    """Say which funds allocation (source 社会捐赠) a money donation became, or undo it
    (None). One allocation holds one donation; a goods donation never becomes funds.

    From then on the yuan is the funds' (ch.6): the donation totals report it as
    `money_in_funds`, and a total of both counts it once (selectors.combined_total)."""
    guard(actor, LINKS_FUNDS, message=_("只有资金管理员可以关联资金拨入"))
    d = Donation.objects.select_for_update(of=("self",)).select_related("area").get(pk=donation.pk)
    guard(actor, LINKS_FUNDS, records=Donation.objects.filter(pk=d.pk))
    check_version(d, version)
    if allocation_id is not None:
        if d.kind != DonationKind.MONEY:
            raise ValidationError({"allocation_id": _("捐物不能转入资金拨入")})
        other = Donation.objects.filter(funds_allocation_id=allocation_id).exclude(pk=d.pk)
        if other.exists():
            raise ValidationError({"allocation_id": _(
                "资金拨入 #%(id)s 已关联另一笔捐赠（%(d)s）") % {
                "id": allocation_id, "d": other.first()}})
    return apply_edit(actor, d, version, {"funds_allocation_id": allocation_id},
                      area_code=d.area.code)

"""The consumption-sales ledger (消费扶贫台账): one sale of Lintao produce into Fuzhou."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import check_version
from xiezuo.industry.choices import BuyerKind, Channel
from xiezuo.industry.models import Sale
from xiezuo.industry.services.base import _apply_edit, _guard, money


def _check(*, date, quantity, amount, supplier, supplier_household) -> None:
    errors = {}
    if amount is None or amount <= 0:
        errors["amount"] = _("金额应大于 0")
    if quantity is None or quantity <= 0:
        errors["quantity"] = _("数量应大于 0")
    if date > timezone.localdate():
        errors["date"] = _("销售日期晚于今天")
    if supplier is None and supplier_household is None:
        errors["supplier"] = _("请填写供货主体（合作社、企业或贫困户）")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def sale_create(*, actor: Actor, date: datetime.date, product: str, township, buyer,
                buyer_kind: str, channel: str, quantity: Decimal, unit: str, amount: Decimal,
                supplier=None, supplier_household=None, households=(), event=None,
                note: str = "") -> Sale:
    households = list(households)
    if supplier_household is not None and supplier_household not in households:
        households.append(supplier_household)
    _guard(actor, areas=[township, *(h.village for h in households)])
    _check(date=date, quantity=quantity, amount=amount, supplier=supplier,
           supplier_household=supplier_household)
    s = Sale.objects.create(date=date, product=product, township=township, buyer=buyer,
                            buyer_kind=BuyerKind(buyer_kind), channel=Channel(channel),
                            quantity=quantity, unit=unit, amount=money(amount),
                            supplier=supplier, supplier_household=supplier_household,
                            event=event, note=note)
    s.households.set(households)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=s, area_code=township.code,
                 new={"date": date.isoformat(), "product": product, "buyer": buyer.pk,
                      "amount": str(s.amount), "households": sorted(h.pk for h in households)})
    return s


@transaction.atomic
def sale_update(*, actor: Actor, sale: Sale, version: int, date: datetime.date, product: str,
                township, buyer, buyer_kind: str, channel: str, quantity: Decimal, unit: str,
                amount: Decimal, supplier=None, supplier_household=None, households=(),
                event=None, note: str = "") -> Sale:
    households = list(households)
    if supplier_household is not None and supplier_household not in households:
        households.append(supplier_household)
    _guard(actor, areas=[township, *(h.village for h in households)])
    s = Sale.objects.select_for_update().get(pk=sale.pk)
    check_version(s, version)
    _check(date=date, quantity=quantity, amount=amount, supplier=supplier,
           supplier_household=supplier_household)
    return _apply_edit(actor, s, version, {
        "date": date, "product": product, "township": township, "buyer": buyer,
        "buyer_kind": BuyerKind(buyer_kind).value, "channel": Channel(channel).value,
        "quantity": quantity, "unit": unit, "amount": money(amount), "supplier": supplier,
        "supplier_household": supplier_household, "households": households, "event": event,
        "note": note}, area_code=township.code, multi_value=("households",))

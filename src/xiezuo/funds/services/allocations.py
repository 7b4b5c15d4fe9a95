"""Money given to a western county for a plan year (a row in that year's pool), and its
reversal."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.services import audit_record
from xiezuo.funds.choices import EntryKind, Source
from xiezuo.funds.models import Allocation, FundYear
from xiezuo.funds.money import parse_amount, yuan
from xiezuo.funds.services.base import FundsRuleError, check_year, lock_pools, require_editor
from xiezuo.funds.services.ledger import Draft, ledger_append
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area


@transaction.atomic
def allocation_record(*, actor, county: Area, year: int, source: str, amount, date: datetime.date,
                      document_no: str = "", donor: str = "", note: str = "") -> Allocation:
    """Record money given for `year` to the western `county` (a row in that year's pool)."""
    require_editor(actor, [county])
    if county.level != Level.COUNTY:
        raise FundsRuleError(_("资金拨入的对象必须是县：%(area)s") % {"area": county.name})
    if source not in Source.values:
        raise FundsRuleError(_("资金来源不正确：%(v)s，可选：%(allowed)s") % {
            "v": source, "allowed": "、".join(str(label) for label in Source.labels)})
    check_year(year)
    amount = parse_amount(amount)
    _check_allocation_date(date, year=year, today=timezone.localdate())
    FundYear.objects.get_or_create(county=county, year=year)
    pool = lock_pools([(county.pk, year)])[(county.pk, year)]
    allocation = Allocation.objects.create(
        county=county, year=year, source=source, amount=amount, date=date,
        document_no=document_no.strip(), donor=donor.strip(), note=note.strip(), created_by=actor)
    pool.allocated += amount
    pool.save(update_fields=["allocated"])
    ledger_append([Draft(EntryKind.ALLOCATION, year, county.code, amount, {
        "source": source, "date": date, "document_no": allocation.document_no,
        "donor": allocation.donor}, allocation_id=allocation.pk)])
    audit_record(actor=actor, action=AuditAction.POST, obj=allocation, area_code=county.code,
                 new={"year": year, "source": source, "amount": amount, "date": date,
                      "document_no": allocation.document_no})
    return allocation


@transaction.atomic
def allocation_reverse(*, actor, allocation: Allocation, reason: str) -> Allocation:
    """Reverse an allocation with a negative one; refused if the year's money is already spent."""
    require_editor(actor, [allocation.county])
    if not reason.strip():
        raise FundsRuleError(_("冲销必须说明原因。"))
    pool = lock_pools([(allocation.county_id, allocation.year)])[
        (allocation.county_id, allocation.year)]
    allocation = Allocation.objects.get(pk=allocation.pk)
    if allocation.reverses_id or Allocation.objects.filter(reverses=allocation).exists():
        raise FundsRuleError(_("这笔拨入已冲销或本身是冲销，不能再冲销。"))
    if pool.unspent < allocation.amount:
        raise FundsRuleError(_("不能冲销：%(year)s 年度未支出资金 %(left)s 元，少于这笔拨入 %(amount)s 元。")
                             % {"year": allocation.year, "left": yuan(pool.unspent),
                                "amount": yuan(allocation.amount)})
    reversal = Allocation.objects.create(
        county_id=allocation.county_id, year=allocation.year, source=allocation.source,
        amount=-allocation.amount, date=timezone.localdate(), document_no=allocation.document_no,
        donor=allocation.donor, note=reason.strip()[:300], reverses=allocation, created_by=actor)
    pool.allocated -= allocation.amount
    pool.save(update_fields=["allocated"])
    ledger_append([Draft(EntryKind.ALLOCATION_REVERSAL, allocation.year, allocation.county.code,
                         reversal.amount, {"reverses": allocation.pk, "reason": reversal.note},
                         allocation_id=reversal.pk)])
    audit_record(actor=actor, action=AuditAction.POST, obj=reversal,
                 area_code=allocation.county.code,
                 new={"reverses": allocation.pk, "amount": reversal.amount, "reason": reason})
    return reversal


def _check_allocation_date(date: datetime.date | None, *, year: int,
                           today: datetime.date) -> None:
    """Money for a year arrives from the year before it at the earliest, and never tomorrow."""
    if date is None:
        raise FundsRuleError({"date": [_("到账日期不能为空。")]})
    if date > today:
        raise FundsRuleError({"date": [_("到账日期不能晚于今天：%(v)s") % {"v": date}]})
    if date.year < year - 1:
        raise FundsRuleError({"date": [_("到账日期早于 %(first)s 年，不属于 %(year)s 年度的资金："
                                         "%(v)s") % {"first": year - 1, "year": year,
                                                    "v": date}]})

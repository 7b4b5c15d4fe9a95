"""What a fund officer is warned about but may still do (docs/decisions/0008-funds-and-follow-up-warnings.md).

Refused (the services raise): a payment beyond its project's budget or beyond the year's
unspent allocation; a voucher number already posted on the same project with other figures
(in an import). Warned, and done when the officer goes on:

- a voucher number already used by another payment that stands (not reversed, not itself a
  reversal): one accounting voucher (记账凭证) may carry several payment lines, so a repeated
  number is not always a mistake, but it usually is. The warning names the earlier payment. The
  form stops once and asks; the import lists it in the check before 正式导入.
- the year's project budgets above the year's allocation: projects are approved before the money
  arrives, so this is planning ahead, not an error; it is said after saving.

The sentences are made by plain functions over plain values (tested without a database); the
two selectors read what they need.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from xiezuo.funds.choices import ProjectStatus
from xiezuo.funds.models import Disbursement, FundYear, Project
from xiezuo.funds.money import yuan


@dataclass(frozen=True)
class EarlierPayment:
    """An earlier payment as a warning names it."""

    pk: int
    project_code: str
    project_name: str
    date: object
    amount: Decimal
    payee: str


def voucher_warning(voucher_no: str, earlier: list[EarlierPayment]) -> str:
    """The sentence naming the payments that already carry `voucher_no` ("" when none)."""
    if not earlier:
        return ""
    named = "；".join(
        _("%(date)s 项目 %(code)s（%(name)s）支出 %(amount)s 元，收款：%(payee)s") % {
            "date": e.date, "code": e.project_code, "name": e.project_name,
            "amount": yuan(e.amount), "payee": e.payee} for e in earlier[:3])
    more = (_("等 %(n)d 笔") % {"n": len(earlier)}) if len(earlier) > 3 else ""
    return _("凭证号 %(v)s 已用于：%(named)s%(more)s。请核对是否重复记账。") % {
        "v": voucher_no, "named": named, "more": more}


def over_allocation(*, allocated: Decimal, budgeted: Decimal) -> Decimal | None:
    """How far the year's project budgets exceed its allocation; None when within it."""
    beyond = budgeted - allocated
    return beyond if beyond > 0 else None


def allocation_warning(*, year: int, allocated: Decimal, budgeted: Decimal) -> str:
    beyond = over_allocation(allocated=allocated, budgeted=budgeted)
    if beyond is None:
        return ""
    return _("注意：%(year)d 年度项目预算合计 %(budgeted)s 元，超出本年度已拨入资金 %(allocated)s 元"
             "（超出 %(beyond)s 元）。拨入到位前，超出部分不能支出。") % {
        "year": year, "budgeted": yuan(budgeted), "allocated": yuan(allocated),
        "beyond": yuan(beyond)}


def payments_with_voucher(*, user, voucher_no: str,
                          exclude_pk: int | None = None) -> list[EarlierPayment]:
    """The standing payments the user can see that carry this voucher number (a reversed pair
    no longer stands: its number may be used again by the corrected payment)."""
    voucher_no = (voucher_no or "").strip()
    if not voucher_no:
        return []
    qs = (Disbursement.objects.visible_to(user)
          .filter(voucher_no=voucher_no, reverses__isnull=True, reversed_by__isnull=True)
          .select_related("project").order_by("date", "pk"))
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return [EarlierPayment(d.pk, d.project.code, d.project.name, d.date, d.amount, d.payee)
            for d in qs[:20]]


def project_allocation_warning(project: Project) -> str:
    """The warning for the project's county and year, after a project was saved."""
    pool = FundYear.objects.filter(county_id=project.county_id, year=project.year).first()
    allocated = pool.allocated if pool else Decimal(0)
    budgeted = (Project.objects.filter(county_id=project.county_id, year=project.year)
                .exclude(status=ProjectStatus.CANCELLED).aggregate(s=Sum("budget"))["s"] or Decimal(0))
    return allocation_warning(year=project.year, allocated=allocated, budgeted=budgeted)

"""Money paid out of a project: within its budget and the year's unspent allocation, posted
one by one (the form) or in bulk (the import), never edited (a correction is a reversal)."""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.services import audit_record
from xiezuo.funds.choices import EntryKind, ProjectStatus
from xiezuo.funds.models import Disbursement, FundYear, Project
from xiezuo.funds.money import parse_amount, yuan
from xiezuo.funds.services.base import (
    FundsRuleError,
    lock_pools,
    lock_projects,
    project_area_code,
    raise_errors,
    require_editor,
)
from xiezuo.funds.services.ledger import Draft, ledger_append


@dataclass
class DisbursementData:
    project: Project
    amount: Decimal | str | int
    date: datetime.date
    payee: str
    voucher_no: str = ""
    note: str = ""


def disbursement_check(data: DisbursementData, *, today: datetime.date) -> list[tuple[str, str]]:
    """The rules one disbursement must meet by itself (the money rules need the locks)."""
    errors = []
    try:
        data.amount = parse_amount(data.amount)
    except ValidationError as exc:
        errors.append(("amount", exc.messages[0]))
    if not data.payee or not data.payee.strip():
        errors.append(("payee", str(_("收款单位或个人不能为空。"))))
    for name in ("payee", "voucher_no", "note"):
        column = Disbursement._meta.get_field(name)
        if len((getattr(data, name) or "").strip()) > column.max_length:
            errors.append((name, str(_("%(field)s最长 %(n)d 个字。") % {
                "field": column.verbose_name, "n": column.max_length})))
    if data.date is None:
        errors.append(("date", str(_("支付日期不能为空。"))))
    elif data.date > today:
        errors.append(("date", str(_("支付日期不能晚于今天：%(v)s") % {"v": data.date})))
    elif data.date.year < data.project.year:
        # A year's money is paid from that year on (later is 结转, still that year's money).
        errors.append(("date", str(_("支付日期早于项目的资金年度 %(year)s 年：%(v)s") % {
            "year": data.project.year, "v": data.date})))
    if data.project.status == ProjectStatus.CANCELLED:
        errors.append(("project", str(_("项目已撤销，不能再支出：%(v)s") % {"v": data.project.code})))
    return errors


@transaction.atomic
def disbursement_post(*, actor, project: Project, amount, date: datetime.date, payee: str,
                      voucher_no: str = "", note: str = "") -> Disbursement:
    """Pay money out of a project, within its budget and the year's unspent allocation."""
    require_editor(actor)
    data = DisbursementData(project=project, amount=amount, date=date, payee=payee,
                            voucher_no=voucher_no, note=note)
    return disbursements_post_many(actor=actor, items=[data], audit=True)[0]


def disbursements_post_many(*, actor, items: Sequence[DisbursementData], audit: bool = False,
                            ) -> list[Disbursement]:
    """Post disbursements in bulk under the locks; all or none (raises on the first rule broken).

    The rules: each within its project's remaining budget, and the year's disbursements within
    the year's unspent allocation, counting the earlier items of the same call.
    """
    require_editor(actor)
    today = timezone.localdate()
    for data in items:
        raise_errors(disbursement_check(data, today=today))
    with transaction.atomic():
        villages = defaultdict(list)
        for link in Project.villages.through.objects.filter(
                project_id__in={d.project.pk for d in items}).select_related("area"):
            villages[link.project_id].append(link.area)
        require_editor(actor, [v for d in items for v in villages[d.project.pk]])
        pools = lock_pools((d.project.county_id, d.project.year) for d in items)
        projects = lock_projects(d.project.pk for d in items)
        for d in items:
            project = projects[d.project.pk]
            pool = pools.get((project.county_id, project.year))
            if project.disbursed + d.amount > project.budget:
                raise FundsRuleError({"amount": [_(
                    "超出项目预算：项目 %(code)s 预算 %(budget)s 元，已支出 %(paid)s 元，"
                    "本次 %(amount)s 元，最多还能支出 %(left)s 元。") % {
                    "code": project.code, "budget": yuan(project.budget),
                    "paid": yuan(project.disbursed), "amount": yuan(d.amount),
                    "left": yuan(project.remaining)}]})
            if pool is None or pool.disbursed + d.amount > pool.allocated:
                left = pool.unspent if pool else Decimal(0)
                raise FundsRuleError({"amount": [_(
                    "超出 %(year)s 年度未支出的拨入资金：尚余 %(left)s 元，本次 %(amount)s 元。") % {
                    "year": project.year, "left": yuan(left), "amount": yuan(d.amount)}]})
            project.disbursed += d.amount
            pool.disbursed += d.amount
        rows = [Disbursement(project_id=d.project.pk, amount=d.amount, date=d.date,
                             payee=d.payee.strip(), voucher_no=(d.voucher_no or "").strip(),
                             note=(d.note or "").strip(), created_by=actor) for d in items]
        Disbursement.objects.bulk_create(rows, batch_size=1000)
        Project.objects.bulk_update(projects.values(), ["disbursed"], batch_size=500)
        FundYear.objects.bulk_update(pools.values(), ["disbursed"], batch_size=500)
        ledger_append([Draft(EntryKind.DISBURSEMENT, projects[r.project_id].year,
                             project_area_code(villages[r.project_id]), r.amount,
                             {"date": r.date, "payee": r.payee, "voucher_no": r.voucher_no,
                              "project": projects[r.project_id].code},
                             project_id=r.project_id, disbursement_id=r.pk) for r in rows])
        if audit:
            for r in rows:
                audit_record(actor=actor, action=AuditAction.POST, obj=r,
                             area_code=project_area_code(villages[r.project_id]),
                             new={"project": projects[r.project_id].code, "amount": r.amount,
                                  "date": r.date, "payee": r.payee, "voucher_no": r.voucher_no})
    for r in rows:
        r.project = projects[r.project_id]
    return rows


@transaction.atomic
def disbursement_reverse(*, actor, disbursement: Disbursement, reason: str) -> Disbursement:
    """Correct a disbursement with a reversing one (negative amount); nothing is edited."""
    require_editor(actor)
    if not reason.strip():
        raise FundsRuleError(_("冲销必须说明原因。"))
    original = Disbursement.objects.select_related("project").get(pk=disbursement.pk)
    villages = list(original.project.villages.all())
    require_editor(actor, villages)
    pool = lock_pools([(original.project.county_id, original.project.year)])[
        (original.project.county_id, original.project.year)]
    project = lock_projects([original.project_id])[original.project_id]
    if original.reverses_id or Disbursement.objects.filter(reverses=original).exists():
        raise FundsRuleError(_("这笔支出已冲销或本身是冲销，不能再冲销。"))
    reversal = Disbursement.objects.create(
        project=project, amount=-original.amount, date=timezone.localdate(), payee=original.payee,
        voucher_no=original.voucher_no, note=reason.strip()[:300], reverses=original,
        created_by=actor)
    project.disbursed -= original.amount
    project.save(update_fields=["disbursed"])
    pool.disbursed -= original.amount
    pool.save(update_fields=["disbursed"])
    area_code = project_area_code(villages)
    ledger_append([Draft(EntryKind.DISBURSEMENT_REVERSAL, project.year, area_code,
                         reversal.amount, {"reverses": original.pk, "reason": reversal.note},
                         project_id=project.pk, disbursement_id=reversal.pk)])
    audit_record(actor=actor, action=AuditAction.POST, obj=reversal, area_code=area_code,
                 new={"reverses": original.pk, "amount": reversal.amount, "reason": reason})
    return reversal

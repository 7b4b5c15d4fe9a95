"""Exports of projects, disbursements (in the import's column layout, so they read back in
unchanged) and of the ledger with its hashes. Every export is audited."""

import csv
from collections import defaultdict

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.services import audit_record
from xiezuo.funds.chain import at_text
from xiezuo.funds.imports import DISBURSEMENT_COLUMNS, PROJECT_COLUMNS
from xiezuo.funds.models import Project
from xiezuo.funds.selectors import disbursements_visible, ledger_visible, projects_visible
from xiezuo.tabular.safe import safe_row
from xiezuo.tabular.write import write_xlsx

PROJECT_HEADER = list(PROJECT_COLUMNS)
DISBURSEMENT_HEADER = list(DISBURSEMENT_COLUMNS)
LEDGER_HEADER = ["序号", "记账时间(UTC)", "类型", "资金年度", "区域代码", "拨入编号", "项目编号",
                 "支出编号", "金额（元）", "内容", "前一条哈希", "哈希"]


def project_rows(*, user, year: int | None = None):
    qs = projects_visible(user=user).order_by("code")
    if year:
        qs = qs.filter(year=year)
    villages, households = defaultdict(list), defaultdict(list)
    village_names = defaultdict(list)
    for pid, code, name in (Project.villages.through.objects.filter(project__in=qs.values("pk"))
                            .order_by("area__code")
                            .values_list("project_id", "area__code", "area__name")):
        villages[pid].append(code)
        village_names[pid].append(name)
    for pid, number in (Project.beneficiaries.through.objects
                        .filter(project__in=qs.values("pk"))
                        .order_by("household__number")
                        .values_list("project_id", "household__number")):
        households[pid].append(number)
    for p in qs:
        # money as a number with 2 places (a sum in Excel works), dates as dates
        yield [p.code, p.name, p.get_category_display(), p.year, "、".join(villages[p.pk]),
               p.budget, p.approval_doc, p.start_date, p.planned_end, p.actual_end,
               p.get_status_display(), p.plaque, p.note, "、".join(households[p.pk]),
               "、".join(village_names[p.pk])]


def disbursement_rows(*, user, year: int | None = None):
    qs = disbursements_visible(user=user).filter(reverses__isnull=True).select_related("project")
    qs = qs.exclude(reversed_by__isnull=False).order_by("date", "pk")
    if year:
        qs = qs.filter(project__year=year)
    for d in qs:
        yield [d.project.code, d.date, d.amount, d.payee, d.voucher_no, d.note, d.project.name]


def ledger_rows(*, user):
    for e in ledger_visible(user=user).order_by("seq").iterator(chunk_size=5000):
        yield [e.seq, at_text(e.at), e.kind, e.year, e.area_code, e.allocation_id,
               e.project_id, e.disbursement_id, e.amount, e.payload, e.prev_hash,
               e.hash]


WHAT = {
    "projects": ("项目", PROJECT_HEADER, project_rows),
    "disbursements": ("资金支出", DISBURSEMENT_HEADER, disbursement_rows),
    "ledger": ("资金台账", LEDGER_HEADER, ledger_rows),
}


def export(*, user, what: str, out, fmt: str = "xlsx", year: int | None = None) -> int:
    """Write `what` to `out` (a path or a binary buffer); returns the number of rows."""
    title, header, make = WHAT[what]
    kwargs = {"user": user} if what == "ledger" else {"user": user, "year": year}
    rows = list(make(**kwargs))
    if fmt == "csv":
        import io

        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(header)
        writer.writerows(safe_row("" if c is None else c for c in r) for r in rows)
        data = text.getvalue().encode("utf-8-sig")
        if hasattr(out, "write"):
            out.write(data)
        else:
            with open(out, "wb") as fh:
                fh.write(data)
    else:
        write_xlsx(out, [(title, header, rows)])
    audit_record(actor=user, action=AuditAction.EXPORT, object_type=f"funds.{what}",
                 object_repr=f"{title} {year or ''}".strip(), note=f"{len(rows)} rows",
                 area_code="" if user is None or user.is_superuser
                 else (user.scope.code if user.scope_id else ""))
    return len(rows)

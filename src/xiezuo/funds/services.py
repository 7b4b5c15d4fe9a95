"""Writes about money. Keyword-only, one transaction each, an audit event and ledger entries.

Lock order, always: the year's pools (FundYear, by county then year), then the projects (by id),
then the ledger head. Every writer takes its locks in this order, so two writers never wait on
each other in a circle, and two disbursements posted at the same moment are checked one after
the other against the same, current totals. On SQLite the IMMEDIATE transactions of the settings
serialise writers anyway.
"""

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor, guard
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import check_version, versioned_update
from xiezuo.funds import chain
from xiezuo.funds.access import EDITS_FUNDS
from xiezuo.funds.choices import Category, EntryKind, ProjectStatus, Source
from xiezuo.funds.models import (
    Allocation,
    Disbursement,
    FundYear,
    LedgerHead,
    Project,
)
from xiezuo.funds.money import parse_amount, yuan
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area

LEDGER_BATCH = 20_000
_INSERT = ("INSERT INTO funds_ledgerentry (seq, at, kind, year, area_code, allocation_id, "
           "project_id, disbursement_id, amount, payload, prev_hash, hash) "
           "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)")


class FundsRuleError(ValidationError):
    """A rule of the funds refused the write; the message names the figures involved."""


# --- The ledger ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Draft:
    """A ledger entry before it has its number and hashes."""

    kind: str
    year: int
    area_code: str
    amount: Decimal
    payload: dict = field(default_factory=dict)
    allocation_id: int | None = None
    project_id: int | None = None
    disbursement_id: int | None = None


def ledger_append(drafts: Sequence[Draft], *, at: datetime.datetime | None = None) -> int:
    """Append `drafts` to the chain in order; returns the last number. Call inside a transaction.

    The bulk path: locks the head once, computes the chain in Python in one pass and inserts
    with executemany in large batches, close to the raw insert (1,000,000 entries: bench).
    """
    if not drafts:
        return 0
    at = at or timezone.now()
    head = _lock_head()
    seq, prev = head.seq, head.hash
    at_db = connection.ops.adapt_datetimefield_value(at)
    canonical, content, sha256 = chain.canonical_json, chain.content, hashlib.sha256
    rows = []
    with connection.cursor() as cursor:
        for d in drafts:
            seq += 1
            amount = d.amount if isinstance(d.amount, Decimal) else Decimal(d.amount)
            payload = canonical(d.payload)
            digest = sha256((prev + content(
                at, d.kind, d.year, d.area_code, d.allocation_id, d.project_id,
                d.disbursement_id, amount, payload)).encode()).hexdigest()
            rows.append((seq, at_db, d.kind, d.year, d.area_code, d.allocation_id, d.project_id,
                         d.disbursement_id, amount, payload, prev, digest))
            prev = digest
            if len(rows) >= LEDGER_BATCH:
                cursor.executemany(_INSERT, rows)
                rows = []
        if rows:
            cursor.executemany(_INSERT, rows)
    LedgerHead.objects.filter(pk=1).update(seq=seq, hash=prev)
    return seq


def _lock_head() -> LedgerHead:
    head, _created = LedgerHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"seq": 0, "hash": chain.GENESIS})
    return head


def verify_ledger(*, chunk_size: int = 20_000) -> chain.Result:
    """Re-compute the whole chain from the table, streaming it in number order.

    A raw cursor rather than model objects: 1,000,000 entries in well under 20 s (bench).
    On SQLite the time is read as its stored text, which chain.at_text understands.
    """
    head = LedgerHead.objects.filter(pk=1).values_list("seq", "hash").first()
    at = "CAST(at AS TEXT)" if connection.vendor == "sqlite" else "at"
    sql = (f"SELECT seq, {at}, kind, year, area_code, allocation_id, project_id, "
           "disbursement_id, amount, payload, prev_hash, hash FROM funds_ledgerentry "
           "ORDER BY seq")
    return chain.verify(_stream(sql, chunk_size), head=tuple(head) if head else (0, chain.GENESIS))


def _stream(sql: str, chunk_size: int):
    # PostgreSQL streams through a server-side cursor inside a transaction; on SQLite a
    # transaction would be IMMEDIATE and hold off writers for the whole walk, so none.
    context = transaction.atomic() if connection.vendor == "postgresql" else nullcontext()
    with context, connection.chunked_cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(chunk_size):
            yield from rows


# --- Guards ----------------------------------------------------------------------------------
def _require_editor(actor: Actor, areas: Iterable[Area] = ()) -> None:
    """The funds' guard: an editor of the funds, each area touched within the actor's scope."""
    guard(actor, EDITS_FUNDS, message=str(_("只有资金管理员和县级管理员可以记账。")),
          areas=areas, outside_message=str(_("%(area)s 不在您的负责区域内。")))


def _project_area_code(villages: Iterable[Area]) -> str:
    """The township's code when all villages lie in one township, else the county's."""
    townships = {v.code[:9] for v in villages}
    if len(townships) == 1:
        return next(iter(townships)) + "000"
    return next(iter(townships))[:6] + "000000"


def _lock_pools(keys: Iterable[tuple[int, int]]) -> dict[tuple[int, int], FundYear]:
    """Lock the pools of (county id, year) in the fixed order; missing pools are simply absent."""
    out = {}
    for county_id, year in sorted(set(keys)):
        pool = FundYear.objects.select_for_update().filter(county_id=county_id, year=year).first()
        if pool is not None:
            out[(county_id, year)] = pool
    return out


def _lock_projects(ids: Iterable[int]) -> dict[int, Project]:
    # One statement with ORDER BY: PostgreSQL takes the row locks in that order.
    return {p.pk: p for p in
            Project.objects.select_for_update().filter(pk__in=set(ids)).order_by("pk")}


# --- Allocations -----------------------------------------------------------------------------
@transaction.atomic
def allocation_record(*, actor, county: Area, year: int, source: str, amount, date: datetime.date,
                      document_no: str = "", donor: str = "", note: str = "") -> Allocation:
    """Record money given for `year` to the western `county` (a row in that year's pool)."""
    _require_editor(actor, [county])
    if county.level != Level.COUNTY:
        raise FundsRuleError(_("资金拨入的对象必须是县：%(area)s") % {"area": county.name})
    if source not in Source.values:
        raise FundsRuleError(_("资金来源不正确：%(v)s，可选：%(allowed)s") % {
            "v": source, "allowed": "、".join(str(label) for label in Source.labels)})
    _check_year(year)
    amount = parse_amount(amount)
    _check_allocation_date(date, year=year, today=timezone.localdate())
    FundYear.objects.get_or_create(county=county, year=year)
    pool = _lock_pools([(county.pk, year)])[(county.pk, year)]
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
    _require_editor(actor, [allocation.county])
    if not reason.strip():
        raise FundsRuleError(_("冲销必须说明原因。"))
    pool = _lock_pools([(allocation.county_id, allocation.year)])[
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


def _check_year(year: int) -> None:
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise FundsRuleError(_("年度不正确：%(v)s") % {"v": year})


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


# --- Projects --------------------------------------------------------------------------------
@dataclass
class ProjectData:
    """What a project is made of, before it is checked and stored (forms, imports, the demo)."""

    code: str
    name: str
    category: str
    year: int
    villages: list[Area]
    budget: Decimal | str | int
    approval_doc: str = ""
    start_date: datetime.date | None = None
    planned_end: datetime.date | None = None
    actual_end: datetime.date | None = None
    status: str = ProjectStatus.PLANNED
    plaque: str = ""
    note: str = ""
    beneficiaries: list = field(default_factory=list)


def project_check(data: ProjectData) -> list[tuple[str, str]]:
    """The rules a project must meet, as (field, message) pairs; empty when it is valid."""
    errors: list[tuple[str, str]] = []
    if not data.code.strip():
        errors.append(("code", str(_("项目编号不能为空。"))))
    if not data.name.strip():
        errors.append(("name", str(_("项目名称不能为空。"))))
    if data.category not in Category.values:
        errors.append(("category", str(_("项目类别不正确：%(v)s，可选：%(allowed)s") % {
            "v": data.category, "allowed": "、".join(str(c) for c in Category.labels)})))
    if data.status not in ProjectStatus.values:
        errors.append(("status", str(_("项目状态不正确：%(v)s，可选：%(allowed)s") % {
            "v": data.status, "allowed": "、".join(str(c) for c in ProjectStatus.labels)})))
    try:
        _check_year(data.year)
    except FundsRuleError as exc:
        errors.append(("year", exc.messages[0]))
    if not data.villages:
        errors.append(("villages", str(_("每个项目至少要有一个实施村。"))))
    elif any(v.level != Level.VILLAGE for v in data.villages):
        errors.append(("villages", str(_("实施地点必须是行政村。"))))
    elif len({v.code[:6] for v in data.villages}) > 1:
        errors.append(("villages", str(_("一个项目的实施村必须在同一个县。"))))
    try:
        data.budget = parse_amount(data.budget)
    except ValidationError as exc:
        errors.append(("budget", exc.messages[0]))
    if data.start_date and data.planned_end and data.planned_end < data.start_date:
        errors.append(("planned_end", str(_("计划完工日期早于开工日期。"))))
    if data.start_date and data.actual_end and data.actual_end < data.start_date:
        errors.append(("actual_end", str(_("实际完工日期早于开工日期。"))))
    if data.beneficiaries and data.villages:
        village_ids = {v.pk for v in data.villages}
        strays = [h.number for h in data.beneficiaries if h.village_id not in village_ids]
        if strays:
            errors.append(("beneficiaries", str(_("受益户不在项目的实施村：%(v)s") % {
                "v": "、".join(strays[:5])})))
    return errors


def _raise(errors: list[tuple[str, str]]) -> None:
    if errors:
        raise FundsRuleError({f: [m for g, m in errors if g == f] for f, _m in errors})


@transaction.atomic
def project_create(*, actor, data: ProjectData) -> Project:
    _require_editor(actor)
    return projects_create_many(actor=actor, items=[data], audit=True)[0]


def projects_create_many(*, actor, items: Sequence[ProjectData], audit: bool = False,
                         ) -> list[Project]:
    """Create checked projects in bulk with one budget entry each (imports and the demo)."""
    _require_editor(actor, [v for data in items for v in data.villages])
    for data in items:
        _raise(project_check(data))
    with transaction.atomic():
        county_ids = {}
        codes = {v.code[:6] + "000000" for d in items for v in d.villages}
        for a in Area.objects.filter(code__in=codes, level=Level.COUNTY):
            county_ids[a.code] = a.pk
        projects = [Project(
            code=d.code.strip(), name=d.name.strip(), category=d.category, year=d.year,
            county_id=county_ids[d.villages[0].code[:6] + "000000"], budget=d.budget,
            approval_doc=d.approval_doc.strip(), start_date=d.start_date,
            planned_end=d.planned_end, actual_end=d.actual_end, status=d.status,
            plaque=d.plaque.strip(), note=d.note.strip(), created_by=actor) for d in items]
        Project.objects.bulk_create(projects, batch_size=500)
        through = Project.villages.through
        through.objects.bulk_create([through(project_id=p.pk, area_id=v.pk)
                                     for p, d in zip(projects, items, strict=True)
                                     for v in d.villages], batch_size=2000)
        ben = Project.beneficiaries.through
        ben.objects.bulk_create([ben(project_id=p.pk, household_id=h.pk)
                                 for p, d in zip(projects, items, strict=True)
                                 for h in d.beneficiaries], batch_size=5000)
        ledger_append([Draft(EntryKind.BUDGET, p.year, _project_area_code(d.villages), p.budget,
                             {"code": p.code, "category": p.category, "budget": p.budget,
                              "villages": sorted(v.code for v in d.villages)}, project_id=p.pk)
                       for p, d in zip(projects, items, strict=True)])
        if audit:
            for p, d in zip(projects, items, strict=True):
                audit_record(actor=actor, action=AuditAction.CREATE, obj=p,
                             area_code=_project_area_code(d.villages),
                             new={"code": p.code, "budget": p.budget, "year": p.year,
                                  "villages": [v.code for v in d.villages]})
    return projects


PROJECT_FIELDS = ("name", "category", "budget", "approval_doc", "start_date", "planned_end",
                  "actual_end", "status", "plaque", "note")


@transaction.atomic
def project_update(*, actor: Actor, project: Project, version: int, changes: dict,
                   villages: list[Area] | None = None) -> Project:
    """Save the project form if nobody saved the project since it read `version` (StaleEditError
    otherwise, nothing written). A new budget is a ledger entry and never below what was paid;
    only the fields that changed are written and audited (the villages as a set)."""
    _require_editor(actor)
    project = _lock_projects([project.pk])[project.pk]
    check_version(project, version)
    current_villages = list(project.villages.all())
    _require_editor(actor, current_villages)
    data = ProjectData(code=project.code, year=project.year,
                       villages=villages if villages is not None else current_villages,
                       **{f: getattr(project, f) for f in PROJECT_FIELDS})
    for key, value in changes.items():
        if key not in PROJECT_FIELDS:
            raise FundsRuleError(_("不能修改的字段：%(v)s") % {"v": key})
        setattr(data, key, value)
    _raise(project_check(data))
    _require_editor(actor, data.villages)
    if ({v.pk for v in data.villages} != {v.pk for v in current_villages}
            and Disbursement.objects.filter(project=project).exists()):
        # The ledger booked its payments under these villages' area; moving them would move
        # paid money into another township's scope and figures.
        raise FundsRuleError({"villages": [_(
            "项目 %(code)s 已有支出，不能再修改实施村（已支付的资金记在这些村）。") % {
            "code": project.code}]})
    if data.budget < project.disbursed:
        raise FundsRuleError({"budget": [_("预算不能少于已支出的 %(paid)s 元。") % {
            "paid": yuan(project.disbursed)}]})
    old_budget = project.budget
    area_code = _project_area_code(data.villages)
    wanted = {f: getattr(data, f) for f in PROJECT_FIELDS if f in changes}
    if villages is not None:
        wanted["villages"] = list(villages)
    changed = versioned_update(actor=actor, obj=project, version=version, changes=wanted,
                               area_code=area_code)
    if "budget" in changed:
        ledger_append([Draft(EntryKind.BUDGET, project.year, area_code, project.budget,
                             {"code": project.code, "budget": project.budget,
                              "previous": old_budget}, project_id=project.pk)])
    return project


@transaction.atomic
def project_set_beneficiaries(*, actor, project: Project, households: Iterable) -> Project:
    """The registered households the project benefits; they must live in its villages."""
    villages = list(project.villages.all())
    _require_editor(actor, villages)
    households = list(households)
    village_ids = {v.pk for v in villages}
    strays = [h.number for h in households if h.village_id not in village_ids]
    if strays:
        raise FundsRuleError(_("受益户不在项目的实施村：%(v)s") % {"v": "、".join(strays[:5])})
    old = sorted(project.beneficiaries.values_list("number", flat=True))
    project.beneficiaries.set(households)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=project,
                 area_code=_project_area_code(villages), old={"beneficiaries": len(old)},
                 new={"beneficiaries": len(households)})
    return project


# --- Disbursements ---------------------------------------------------------------------------
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
    _require_editor(actor)
    data = DisbursementData(project=project, amount=amount, date=date, payee=payee,
                            voucher_no=voucher_no, note=note)
    return disbursements_post_many(actor=actor, items=[data], audit=True)[0]


def disbursements_post_many(*, actor, items: Sequence[DisbursementData], audit: bool = False,
                            ) -> list[Disbursement]:
    """Post disbursements in bulk under the locks; all or none (raises on the first rule broken).

    The rules: each within its project's remaining budget, and the year's disbursements within
    the year's unspent allocation, counting the earlier items of the same call.
    """
    _require_editor(actor)
    today = timezone.localdate()
    for data in items:
        _raise(disbursement_check(data, today=today))
    with transaction.atomic():
        villages = defaultdict(list)
        for link in Project.villages.through.objects.filter(
                project_id__in={d.project.pk for d in items}).select_related("area"):
            villages[link.project_id].append(link.area)
        _require_editor(actor, [v for d in items for v in villages[d.project.pk]])
        pools = _lock_pools((d.project.county_id, d.project.year) for d in items)
        projects = _lock_projects(d.project.pk for d in items)
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
                             _project_area_code(villages[r.project_id]), r.amount,
                             {"date": r.date, "payee": r.payee, "voucher_no": r.voucher_no,
                              "project": projects[r.project_id].code},
                             project_id=r.project_id, disbursement_id=r.pk) for r in rows])
        if audit:
            for r in rows:
                audit_record(actor=actor, action=AuditAction.POST, obj=r,
                             area_code=_project_area_code(villages[r.project_id]),
                             new={"project": projects[r.project_id].code, "amount": r.amount,
                                  "date": r.date, "payee": r.payee, "voucher_no": r.voucher_no})
    for r in rows:
        r.project = projects[r.project_id]
    return rows


@transaction.atomic
def disbursement_reverse(*, actor, disbursement: Disbursement, reason: str) -> Disbursement:
    """Correct a disbursement with a reversing one (negative amount); nothing is edited."""
    _require_editor(actor)
    if not reason.strip():
        raise FundsRuleError(_("冲销必须说明原因。"))
    original = Disbursement.objects.select_related("project").get(pk=disbursement.pk)
    villages = list(original.project.villages.all())
    _require_editor(actor, villages)
    pool = _lock_pools([(original.project.county_id, original.project.year)])[
        (original.project.county_id, original.project.year)]
    project = _lock_projects([original.project_id])[original.project_id]
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
    area_code = _project_area_code(villages)
    ledger_append([Draft(EntryKind.DISBURSEMENT_REVERSAL, project.year, area_code,
                         reversal.amount, {"reverses": original.pk, "reason": reversal.note},
                         project_id=project.pk, disbursement_id=reversal.pk)])
    audit_record(actor=actor, action=AuditAction.POST, obj=reversal, area_code=area_code,
                 new={"reverses": original.pk, "amount": reversal.amount, "reason": reason})
    return reversal

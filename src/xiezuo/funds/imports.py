"""Import of projects and disbursements from Excel/CSV, with the roster import's rules.

Nothing valid is lost and every rejected row is named with its column, value and reason. The
summary has the roster import's fields (`rows`, `..._created`, `..._updated`, `unchanged`,
`rejected`, `ignored_columns`, `errors`, `report`) and `rows` always equals the sum of the
others. Exit codes: 0 processed (even with rejected rows), 2 the file refused (unreadable, no
header, a required column missing), 3 `strict` and some row would be rejected (nothing stored).
The whole import is one transaction; the file is kept under DATA_DIR/uploads/funds with its
summary beside it.
"""

import hashlib
import json
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.roles import EDITS_FUNDS, has
from xiezuo.accounts.services import audit_record
from xiezuo.funds import services, sheets
from xiezuo.funds.choices import Category, ProjectStatus
from xiezuo.funds.models import Disbursement, FundYear, Project
from xiezuo.funds.money import parse_amount, yuan
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area

# Header spelling -> field. Several spellings may name one field.
PROJECT_COLUMNS = {
    "项目编号": "code", "项目名称": "name", "项目类别": "category", "资金年度": "year",
    "实施村": "villages", "预算（元）": "budget", "批复文件": "approval_doc",
    "开工日期": "start_date", "计划完工日期": "planned_end", "实际完工日期": "actual_end",
    "状态": "status", "冠名": "plaque", "说明": "note", "受益户": "beneficiaries",
}
PROJECT_REQUIRED = ("code", "name", "category", "year", "villages", "budget")
PROJECT_KEYS = ("项目编号", "项目名称")
DISBURSEMENT_COLUMNS = {
    "项目编号": "project", "支付日期": "date", "金额（元）": "amount",
    "收款单位或个人": "payee", "凭证号": "voucher_no", "说明": "note",
}
DISBURSEMENT_REQUIRED = ("project", "date", "amount", "payee")
DISBURSEMENT_KEYS = ("项目编号", "金额（元）")
LIST_SEPARATORS = ("、", ";", "；", ",", "，")

EXIT_OK, EXIT_REFUSED, EXIT_STRICT = 0, 2, 3


@dataclass
class Outcome:
    summary: dict
    exit_code: int = EXIT_OK
    rejected_rows: list = field(default_factory=list)


class RowError(Exception):
    def __init__(self, column: str | None, value, reason: str):
        super().__init__(reason)
        self.column, self.value, self.reason = column, value, reason


def _split(text: str) -> list[str]:
    for sep in LIST_SEPARATORS[1:]:
        text = text.replace(sep, LIST_SEPARATORS[0])
    return [p.strip() for p in text.split(LIST_SEPARATORS[0]) if p.strip()]


def _label_to_value(choices, text: str, column: str):
    for value, label in choices.choices:
        if text in (value, str(label)):
            return value
    raise RowError(column, text, f"{column}不正确：{text}，可选：" + "、".join(
        str(label) for label in choices.labels))


def _store(path: Path, original_name: str) -> Path:
    folder = Path(settings.DATA_DIR) / "uploads" / "funds"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
    kept = folder / f"{stamp}-{Path(original_name or path.name).name}"
    shutil.copyfile(path, kept)
    return kept


def _finish(*, kind, summary, kept, actor, rejected_rows, header, report_path, exit_code,
            dry_run) -> Outcome:
    if summary["errors"]:
        report = Path(report_path) if report_path else kept.with_suffix(".errors.xlsx")
        by_row = {}
        for r in rejected_rows:
            by_row.setdefault(r[0], r[1])
        sheets.write_xlsx(report, [("错误", ["行号", "列", "值", "原因", *header], [
            [e["row"], e["column"], "" if e["value"] is None else str(e["value"]), e["reason"],
             *by_row.get(e["row"], [])] for e in summary["errors"]])])
        summary["report"] = str(report)
    kept.with_suffix(kept.suffix + ".json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    if not dry_run and exit_code == EXIT_OK:
        audit_record(actor=actor, action=AuditAction.IMPORT, object_type=f"funds.{kind}",
                     object_repr=kept.name, note=f"{kind}: {summary['rows']} rows",
                     new={k: v for k, v in summary.items() if k != "errors"})
    return Outcome(summary=summary, exit_code=exit_code, rejected_rows=rejected_rows)


def _read(path: Path, original_name: str, keys, columns, required):
    rows = sheets.read_rows(path, original_name)
    h = sheets.find_header(rows, keys)
    index, spelled, ignored = sheets.map_columns(rows[h], columns, required)
    data = []
    for n, row in enumerate(rows[h + 1:], start=h + 2):  # Excel numbers rows from 1
        if sheets.is_blank(row):
            continue
        data.append((n, row, {f: (row[i] if i < len(row) else None) for f, i in index.items()}))
    return rows[h], spelled, ignored, data


def _refused(kind: str, message: str, kept: Path | None) -> Outcome:
    summary = {"rows": 0, "rejected": 0, "ignored_columns": [], "errors": [
        {"row": None, "column": None, "value": None, "reason": message}], "report": None,
        "refused": message}
    if kept:
        kept.with_suffix(kept.suffix + ".json").write_text(
            json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    return Outcome(summary=summary, exit_code=EXIT_REFUSED)


# --- Projects --------------------------------------------------------------------------------
def import_projects(*, actor, path: Path, original_name: str = "", dry_run: bool = False,
                    strict: bool = False, report_path: str | None = None) -> Outcome:
    if not has(actor, EDITS_FUNDS):
        raise PermissionDenied
    kept = _store(path, original_name)
    try:
        header, spelled, ignored, data = _read(kept, original_name, PROJECT_KEYS,
                                               PROJECT_COLUMNS, PROJECT_REQUIRED)
    except sheets.SheetError as exc:
        return _refused("projects", str(exc), kept)
    villages = _village_index(actor)
    from xiezuo.registry.models import Household

    summary = {"rows": len(data), "projects_created": 0, "projects_updated": 0, "unchanged": 0,
               "rejected": 0, "ignored_columns": ignored, "errors": [], "report": None,
               "file": str(kept), "sha256": hashlib.sha256(kept.read_bytes()).hexdigest()}
    rejected_rows, seen = [], {}
    existing = {p.code: p for p in Project.objects.filter(
        code__in=[sheets.cell_text(c["code"]) for _n, _r, c in data]).prefetch_related(
        "villages", "beneficiaries")}
    creates, updates = [], []
    with transaction.atomic():
        for n, row, cells in data:
            try:
                item = _project_row(cells, spelled, villages, Household)
                if item.code in seen:
                    raise RowError(spelled["code"], item.code,
                                   f"项目编号与第 {seen[item.code]} 行重复")
                seen[item.code] = n
                old = existing.get(item.code)
                if old is None:
                    creates.append((n, item))
                elif _same_project(old, item):
                    summary["unchanged"] += 1
                else:
                    if old.year != item.year:
                        raise RowError(spelled["year"], item.year, "已入账项目的资金年度不能修改")
                    updates.append((n, old, item))
            except RowError as err:
                summary["rejected"] += 1
                summary["errors"].append({"row": n, "column": err.column, "value": err.value,
                                          "reason": err.reason})
                rejected_rows.append((n, row))
        if strict and summary["rejected"]:
            return _finish(kind="projects", summary=summary, kept=kept, actor=actor,
                           rejected_rows=rejected_rows, header=header, report_path=report_path,
                           exit_code=EXIT_STRICT, dry_run=True)
        sid = transaction.savepoint()
        if creates:
            services.projects_create_many(actor=actor, items=[i for _n, i in creates])
            summary["projects_created"] = len(creates)
        for n, old, item in updates:
            try:
                with transaction.atomic():
                    services.project_update(actor=actor, project=old, villages=item.villages,
                                            changes={f: getattr(item, f)
                                                     for f in services.PROJECT_FIELDS})
                    services.project_set_beneficiaries(actor=actor, project=old,
                                                       households=item.beneficiaries)
                summary["projects_updated"] += 1
            except ValidationError as exc:
                summary["rejected"] += 1
                summary["errors"].append({"row": n, "column": None, "value": item.code,
                                          "reason": "；".join(exc.messages)})
                rejected_rows.append((n, next(r for m, r, _c in data if m == n)))
        if dry_run:
            transaction.savepoint_rollback(sid)
        else:
            transaction.savepoint_commit(sid)
        summary["errors"].sort(key=lambda e: e["row"])
        return _finish(kind="projects", summary=summary, kept=kept, actor=actor,
                       rejected_rows=rejected_rows, header=header, report_path=report_path,
                       exit_code=EXIT_OK, dry_run=dry_run)


def _village_index(actor) -> dict[str, Area]:
    """Villages the actor may use, by code and by "乡镇名/村名" and "乡镇名村名"."""
    index = {}
    for v in Area.objects.visible_to(actor).filter(level=Level.VILLAGE).select_related("parent"):
        index[v.code] = v
        index[f"{v.parent.name}/{v.name}"] = v
        index[f"{v.parent.name}{v.name}"] = v
    return index


def _project_row(cells, spelled, villages, household_model) -> services.ProjectData:
    code = sheets.cell_text(cells["code"])
    if not code:
        raise RowError(spelled["code"], cells["code"], "项目编号不能为空")
    name = sheets.cell_text(cells["name"])
    category = _label_to_value(Category, sheets.cell_text(cells["category"]), spelled["category"])
    year_text = sheets.cell_text(cells["year"])
    if not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
        raise RowError(spelled["year"], cells["year"], f"资金年度不正确：{year_text}")
    names = _split(sheets.cell_text(cells["villages"]))
    if not names:
        raise RowError(spelled["villages"], cells["villages"], "每个项目至少要有一个实施村")
    found = []
    for vname in names:
        if vname not in villages:
            raise RowError(spelled["villages"], vname,
                           f"实施村不存在或不在您的负责区域内：{vname}（写村代码或“乡镇/村”）")
        found.append(villages[vname])
    try:
        budget = parse_amount(cells["budget"])
    except ValidationError as exc:
        raise RowError(spelled["budget"], cells["budget"], exc.messages[0]) from None
    dates = {}
    for f in ("start_date", "planned_end", "actual_end"):
        value = cells.get(f)
        if value is None or sheets.cell_text(value) == "":
            dates[f] = None
            continue
        try:
            dates[f] = sheets.parse_date(value)
        except ValueError as exc:
            raise RowError(spelled[f], value, str(exc)) from None
    status = ProjectStatus.PLANNED
    if sheets.cell_text(cells.get("status")):
        status = _label_to_value(ProjectStatus, sheets.cell_text(cells["status"]),
                                 spelled["status"])
    beneficiaries = []
    numbers = _split(sheets.cell_text(cells.get("beneficiaries")))
    if numbers:
        by_number = {h.number: h for h in household_model.objects.filter(
            number__in=numbers, village__in=found)}
        missing = [x for x in numbers if x not in by_number]
        if missing:
            raise RowError(spelled["beneficiaries"], "、".join(missing),
                           "受益户不存在或不在项目的实施村：" + "、".join(missing[:5]))
        beneficiaries = [by_number[x] for x in numbers]
    item = services.ProjectData(
        code=code, name=name, category=category, year=int(year_text), villages=found,
        budget=budget, approval_doc=sheets.cell_text(cells.get("approval_doc")),
        status=status, plaque=sheets.cell_text(cells.get("plaque")),
        note=sheets.cell_text(cells.get("note")), beneficiaries=beneficiaries, **dates)
    problems = services.project_check(item)
    if problems:
        f, message = problems[0]
        raise RowError(spelled.get(f), getattr(item, f, None) if f != "villages" else None,
                       message)
    return item


def _same_project(old: Project, item: services.ProjectData) -> bool:
    if any(getattr(old, f) != getattr(item, f) for f in services.PROJECT_FIELDS):
        return False
    if {v.pk for v in old.villages.all()} != {v.pk for v in item.villages}:
        return False
    return {h.pk for h in old.beneficiaries.all()} == {h.pk for h in item.beneficiaries}


# --- Disbursements ---------------------------------------------------------------------------
def import_disbursements(*, actor, path: Path, original_name: str = "", dry_run: bool = False,
                         strict: bool = False, report_path: str | None = None) -> Outcome:
    """Disbursements are never updated: a row already posted is unchanged; a row whose voucher
    is posted with other figures is rejected (a correction is a reversal)."""
    if not has(actor, EDITS_FUNDS):
        raise PermissionDenied
    kept = _store(path, original_name)
    try:
        header, spelled, ignored, data = _read(kept, original_name, DISBURSEMENT_KEYS,
                                               DISBURSEMENT_COLUMNS, DISBURSEMENT_REQUIRED)
    except sheets.SheetError as exc:
        return _refused("disbursements", str(exc), kept)
    summary = {"rows": len(data), "disbursements_created": 0, "unchanged": 0, "rejected": 0,
               "ignored_columns": ignored, "errors": [], "report": None, "file": str(kept),
               "sha256": hashlib.sha256(kept.read_bytes()).hexdigest()}
    rejected_rows = []
    projects = {p.code: p for p in Project.objects.visible_to(actor).filter(
        code__in=[sheets.cell_text(c["project"]) for _n, _r, c in data])}
    today = timezone.localdate()
    with transaction.atomic():
        # Lock in the services' order before reading the figures the rows are checked against.
        services._lock_pools((p.county_id, p.year) for p in projects.values())
        locked = services._lock_projects(p.pk for p in projects.values())
        pools = {(f.county_id, f.year): f for f in FundYear.objects.filter(
            county_id__in={p.county_id for p in projects.values()})}
        paid = {pk: p.disbursed for pk, p in locked.items()}
        left = {k: f.unspent for k, f in pools.items()}
        posted = defaultdict(list)
        for d in Disbursement.objects.filter(project__in=locked, reverses__isnull=True):
            posted[(d.project_id, d.voucher_no)].append(d)
        accepted = []
        for n, row, cells in data:
            try:
                item = _disbursement_row(cells, spelled, projects, today)
                p = locked[item.project.pk]
                same = [d for d in posted[(p.pk, item.voucher_no)]
                        if (d.date, d.amount, d.payee) == (item.date, item.amount, item.payee)]
                if same:
                    posted[(p.pk, item.voucher_no)].remove(same[0])
                    summary["unchanged"] += 1
                    continue
                if item.voucher_no and posted[(p.pk, item.voucher_no)]:
                    raise RowError(spelled.get("voucher_no"), item.voucher_no,
                                   "该凭证号已入账，金额、日期或收款人不同；更正请做冲销")
                if paid[p.pk] + item.amount > p.budget:
                    raise RowError(spelled["amount"], cells["amount"],
                                   f"超出项目预算：预算 {yuan(p.budget)} 元，已支出 "
                                   f"{yuan(paid[p.pk])} 元，本次 {yuan(item.amount)} 元")
                key = (p.county_id, p.year)
                if key not in left or left[key] < item.amount:
                    raise RowError(spelled["amount"], cells["amount"],
                                   f"超出 {p.year} 年度未支出的拨入资金：尚余 "
                                   f"{yuan(left.get(key, Decimal(0)))} 元")
                paid[p.pk] += item.amount
                left[key] -= item.amount
                accepted.append(item)
            except RowError as err:
                summary["rejected"] += 1
                summary["errors"].append({"row": n, "column": err.column, "value": err.value,
                                          "reason": err.reason})
                rejected_rows.append((n, row))
        if strict and summary["rejected"]:
            return _finish(kind="disbursements", summary=summary, kept=kept, actor=actor,
                           rejected_rows=rejected_rows, header=header, report_path=report_path,
                           exit_code=EXIT_STRICT, dry_run=True)
        summary["disbursements_created"] = len(accepted)
        if accepted and not dry_run:
            services.disbursements_post_many(actor=actor, items=accepted)
        return _finish(kind="disbursements", summary=summary, kept=kept, actor=actor,
                       rejected_rows=rejected_rows, header=header, report_path=report_path,
                       exit_code=EXIT_OK, dry_run=dry_run)


def _disbursement_row(cells, spelled, projects, today) -> services.DisbursementData:
    code = sheets.cell_text(cells["project"])
    if code not in projects:
        raise RowError(spelled["project"], code, f"项目不存在或不在您的负责区域内：{code}")
    try:
        day = sheets.parse_date(cells["date"])
    except ValueError as exc:
        raise RowError(spelled["date"], cells["date"], str(exc)) from None
    try:
        amount = parse_amount(cells["amount"])
    except ValidationError as exc:
        raise RowError(spelled["amount"], cells["amount"], exc.messages[0]) from None
    item = services.DisbursementData(
        project=projects[code], amount=amount, date=day, payee=sheets.cell_text(cells["payee"]),
        voucher_no=sheets.cell_text(cells.get("voucher_no")),
        note=sheets.cell_text(cells.get("note")))
    problems = services.disbursement_check(item, today=today)
    if problems:
        f, message = problems[0]
        raise RowError(spelled.get(f), cells.get(f), message)
    return item


def run(kind: str, **kwargs) -> Outcome:
    return {"projects": import_projects, "disbursements": import_disbursements}[kind](**kwargs)

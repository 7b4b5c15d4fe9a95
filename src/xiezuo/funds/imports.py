"""Import of projects and disbursements from Excel/CSV, on the shared import frame.

Nothing valid is lost and every rejected row is named with its column, value and reason. The
file is read by `xiezuo.tabular.read` (header below a title, spellings, blank rows, the checks
against hostile files), its cells parsed by `xiezuo.tabular.cells`. The summary is every
import's (`xiezuo.tabular.result.ImportResult`: `rows`, `..._created`, `..._updated`,
`unchanged`, `rejected`, `ignored_columns`, `errors`, `report`, ...) and `rows` always equals
the sum of the counts. A file refused as a whole raises `FileRefused` (exit 2); `strict` with a
rejected row stores nothing (exit 3). The rows are checked, then written in one transaction;
only a stored import keeps its file, under DATA_DIR/uploads/funds with its summary beside it.
"""

import datetime
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.roles import has
from xiezuo.accounts.services import audit_record
from xiezuo.funds import services
from xiezuo.funds.access import EDITS_FUNDS
from xiezuo.funds.choices import Category, ProjectStatus
from xiezuo.funds.models import Disbursement, FundYear, Project
from xiezuo.funds.money import parse_amount, yuan
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area
from xiezuo.tabular import cells as tcells
from xiezuo.tabular.columns import Col
from xiezuo.tabular.errors import RowError as RejectedCell
from xiezuo.tabular.files import default_report_path, file_sha256, keep_copy
from xiezuo.tabular.read import HEADER_SEARCH_ROWS, read_table
from xiezuo.tabular.result import ImportResult
from xiezuo.tabular.write import write_xlsx

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

PROGRESS_EVERY = 500  # rows checked between two progress reports

Progress = Callable[[int, int, str], None] | None


@dataclass(kw_only=True)
class FundsImportResult(ImportResult):
    kind: str  # projects or disbursements
    created: int = 0
    updated: int = 0
    sha256: str = ""

    def counts(self) -> dict[str, int]:
        if self.kind == "projects":
            return {"projects_created": self.created, "projects_updated": self.updated}
        return {"disbursements_created": self.created}  # disbursements are never updated

    def details(self) -> dict:
        return {"sha256": self.sha256}

    def reject(self, row: int, column: str | None, value, reason: str) -> None:
        """One row rejected, with its reason (the funds' rules give one reason a row). The
        value is kept as the text the cell shows, as the other imports keep it."""
        self.rejected += 1
        self.errors.append(RejectedCell(row, column, None if value is None
                                        else tcells.shown(tcells.folded(value)), reason))


class RowError(Exception):
    def __init__(self, column: str | None, value, reason: str):
        super().__init__(reason)
        self.column, self.value, self.reason = column, value, reason


def _date(value, column: str):
    """A date cell (a date, an Excel serial number or text), None when blank."""
    try:
        # no "not after today" here: the services' checks say what may lie ahead
        return tcells.parse_date(value, today=datetime.date.max)
    except tcells.CellError as exc:
        raise RowError(column, value, exc.reason) from None


def _split(text: str) -> list[str]:
    for sep in LIST_SEPARATORS[1:]:
        text = text.replace(sep, LIST_SEPARATORS[0])
    return [p.strip() for p in text.split(LIST_SEPARATORS[0]) if p.strip()]


def _label_to_value(choices, text: str, column: str):
    for value, label in choices.choices:
        if text in (value, str(label)):
            return value
    raise RowError(column, text, _("%(column)s不正确：%(v)s，可选：%(allowed)s") % {
        "column": column, "v": text, "allowed": "、".join(str(label) for label in choices.labels)})


def _columns(known: dict[str, str], required: tuple[str, ...]) -> tuple[Col, ...]:
    return tuple(Col(header, key, required=key in required) for header, key in known.items())


PROJECT_COLS = _columns(PROJECT_COLUMNS, PROJECT_REQUIRED)
DISBURSEMENT_COLS = _columns(DISBURSEMENT_COLUMNS, DISBURSEMENT_REQUIRED)
PROJECT_LIMITS = tcells.field_limits(Project, {f: f for f in (
    "code", "name", "approval_doc", "plaque", "note")})
DISBURSEMENT_LIMITS = tcells.field_limits(Disbursement, {f: f for f in (
    "payee", "voucher_no", "note")})


def _finish(result: FundsImportResult, *, path: Path, actor, rejected_rows, header,
            report_path) -> FundsImportResult:
    """The error report; then, for rows written, the kept copy with its summary and the audit
    event (a refused --strict file or a dry run keeps nothing: as every import)."""
    result.keep_errors()
    if result.errors:
        report = (Path(report_path) if report_path
                  else default_report_path(path, prefix=f"funds-{result.kind}"))
        report.parent.mkdir(parents=True, exist_ok=True)
        by_row = {}
        for n, row in rejected_rows:
            by_row.setdefault(n, row)
        write_xlsx(report, [(_("错误"), [_("行号"), _("列"), _("值"), _("原因"), *header], [
            [e.row, e.column, "" if e.value is None else str(e.value), e.reason,
             *[tcells.shown(v) if isinstance(v, str) else v for v in by_row.get(e.row, [])]]
            for e in result.errors] + ([["", "", "", _(
                "……另有 %(n)d 个错误未列出；请改正以上错误后重新导入") % {"n": result.errors_omitted}]]
                if result.errors_omitted else []))])
        result.report = str(report)
    result.stored = not result.dry_run and not result.refused
    if not result.stored:
        return result
    kept = Path(settings.DATA_DIR) / keep_copy(path, result.sha256, folder="funds")
    result.file = str(kept)
    summary = result.as_json()
    kept.with_suffix(kept.suffix + ".json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    audit_record(actor=actor, action=AuditAction.IMPORT, object_type=f"funds.{result.kind}",
                 object_repr=kept.name, note=f"{result.kind}: {result.rows} rows",
                 new={k: v for k, v in summary.items() if k != "errors"})
    return result


def _read(result: FundsImportResult, path: Path, original_name: str, keys, columns,
          progress: Progress):
    """(header row, field -> column as spelled, [(row number, cells, field -> cell)]).
    FileRefused when the file cannot be imported at all."""
    sheet = read_table(
        path, columns=columns, markers=keys, csv_delimiters=None,
        suffix=Path(original_name or path.name).suffix,
        no_header=_("前 %(n)d 行中找不到表头（需要同时含有：%(keys)s）")
        % {"n": HEADER_SEARCH_ROWS, "keys": "、".join(keys)})
    result.sha256 = file_sha256(path)
    result.ignored_columns = list(sheet.ignored_columns)
    index = list(sheet.columns.items())
    data = [(n, row, {f: (row[i] if i < len(row) else None) for i, f in index})
            for n, row in sheet.rows]
    result.header_row, result.rows = sheet.header_row, len(data)
    if progress:
        progress(0, len(data), _("已读取 %(n)d 行，正在检查") % {"n": len(data)})
    return sheet.headers, sheet.header_for, data, sheet.control_rows


def _storable(n: int, cells: dict, spelled: dict, limits: dict, control: set[int]) -> None:
    """A control character, or text longer than its field, rejects the row (first one named)."""
    for key, reason in tcells.stored_text_problems(cells, limits, control=n in control):
        raise RowError(spelled.get(key), cells.get(key), reason)


# --- Projects --------------------------------------------------------------------------------
def import_projects(*, actor, path: Path, original_name: str = "", dry_run: bool = False,
                    strict: bool = False, report_path: str | None = None,
                    progress: Progress = None) -> FundsImportResult:
    if not has(actor, EDITS_FUNDS):
        raise PermissionDenied
    path = Path(path)
    result = FundsImportResult(kind="projects", dry_run=dry_run, strict=strict)
    header, spelled, data, control = _read(result, path, original_name, PROJECT_KEYS,
                                           PROJECT_COLS, progress)
    villages = _village_index(actor)
    from xiezuo.registry.models import Household

    rejected_rows, seen = [], {}
    existing = {p.code: p for p in Project.objects.filter(
        code__in=[tcells.folded(c["code"]) for _n, _r, c in data]).prefetch_related(
        "villages", "beneficiaries")}
    creates, updates = [], []
    # The rows are checked before the transaction opens, so the job's progress shows meanwhile.
    for i, (n, row, cells) in enumerate(data, 1):
        try:
            _storable(n, cells, spelled, PROJECT_LIMITS, control)
            item = _project_row(cells, spelled, villages, Household)
            if item.code in seen:
                raise RowError(spelled["code"], item.code,
                               _("项目编号与第 %(row)d 行重复") % {"row": seen[item.code]})
            seen[item.code] = n
            old = existing.get(item.code)
            if old is None:
                creates.append((n, item))
            elif _same_project(old, item):
                result.unchanged += 1
            else:
                if old.year != item.year:
                    raise RowError(spelled["year"], item.year, _("已入账项目的资金年度不能修改"))
                updates.append((n, old, item))
        except RowError as err:
            result.reject(n, err.column, err.value, err.reason)
            rejected_rows.append((n, row))
        if progress and i % PROGRESS_EVERY == 0:
            progress(i, result.rows, _("已检查 %(n)d / %(total)d 行")
                     % {"n": i, "total": result.rows})
    if result.refused:
        return _finish(result, path=path, actor=actor, rejected_rows=rejected_rows,
                       header=header, report_path=report_path)
    with transaction.atomic():
        sid = transaction.savepoint()
        if creates:
            services.projects_create_many(actor=actor, items=[i for _n, i in creates])
            result.created = len(creates)
        for n, old, item in updates:
            try:
                with transaction.atomic():
                    services.project_update(actor=actor, project=old, villages=item.villages,
                                            changes={f: getattr(item, f)
                                                     for f in services.PROJECT_FIELDS})
                    services.project_set_beneficiaries(actor=actor, project=old,
                                                       households=item.beneficiaries)
                result.updated += 1
            except ValidationError as exc:
                result.reject(n, None, item.code, "；".join(exc.messages))
                rejected_rows.append((n, next(r for m, r, _c in data if m == n)))
        # --strict is all or nothing, also when an update is refused only as it is written.
        if dry_run or result.refused:
            transaction.savepoint_rollback(sid)
        else:
            transaction.savepoint_commit(sid)
        result.errors.sort(key=lambda e: e.row)
        return _finish(result, path=path, actor=actor, rejected_rows=rejected_rows,
                       header=header, report_path=report_path)


def _village_index(actor) -> dict[str, Area]:
    """Villages the actor may use, by code and by "乡镇名/村名" and "乡镇名村名"."""
    index = {}
    for v in Area.objects.visible_to(actor).filter(level=Level.VILLAGE).select_related("parent"):
        index[v.code] = v
        index[f"{v.parent.name}/{v.name}"] = v
        index[f"{v.parent.name}{v.name}"] = v
    return index


def _project_row(cells, spelled, villages, household_model) -> services.ProjectData:
    code = tcells.folded(cells["code"])
    if not code:
        raise RowError(spelled["code"], cells["code"], _("项目编号不能为空"))
    name = tcells.folded(cells["name"])
    category = _label_to_value(Category, tcells.folded(cells["category"]), spelled["category"])
    year_text = tcells.folded(cells["year"])
    if not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
        raise RowError(spelled["year"], cells["year"],
                       _("资金年度不正确：%(v)s") % {"v": year_text})
    names = _split(tcells.folded(cells["villages"]))
    if not names:
        raise RowError(spelled["villages"], cells["villages"], _("每个项目至少要有一个实施村"))
    found = []
    for vname in names:
        if vname not in villages:
            raise RowError(spelled["villages"], vname,
                           _("实施村不存在或不在您的负责区域内：%(v)s（写村代码或“乡镇/村”）")
                           % {"v": vname})
        found.append(villages[vname])
    try:
        budget = parse_amount(cells["budget"])
    except ValidationError as exc:
        raise RowError(spelled["budget"], cells["budget"], exc.messages[0]) from None
    dates = {}
    for f in ("start_date", "planned_end", "actual_end"):
        value = cells.get(f)
        if value is None or tcells.folded(value) == "":
            dates[f] = None
            continue
        dates[f] = _date(value, spelled[f])
    status = ProjectStatus.PLANNED
    if tcells.folded(cells.get("status")):
        status = _label_to_value(ProjectStatus, tcells.folded(cells["status"]),
                                 spelled["status"])
    beneficiaries = []
    numbers = _split(tcells.folded(cells.get("beneficiaries")))
    if numbers:
        by_number = {h.number: h for h in household_model.objects.filter(
            number__in=numbers, village__in=found)}
        missing = [x for x in numbers if x not in by_number]
        if missing:
            raise RowError(spelled["beneficiaries"], "、".join(missing),
                           _("受益户不存在或不在项目的实施村：%(v)s") % {"v": "、".join(missing[:5])})
        beneficiaries = [by_number[x] for x in numbers]
    item = services.ProjectData(
        code=code, name=name, category=category, year=int(year_text), villages=found,
        budget=budget, approval_doc=tcells.folded(cells.get("approval_doc")),
        status=status, plaque=tcells.folded(cells.get("plaque")),
        note=tcells.folded(cells.get("note")), beneficiaries=beneficiaries, **dates)
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
                         strict: bool = False, report_path: str | None = None,
                         progress: Progress = None) -> FundsImportResult:
    """Disbursements are never updated: a row already posted is unchanged; a row whose voucher
    is posted with other figures is rejected (a correction is a reversal)."""
    if not has(actor, EDITS_FUNDS):
        raise PermissionDenied
    path = Path(path)
    result = FundsImportResult(kind="disbursements", dry_run=dry_run, strict=strict)
    header, spelled, data, control = _read(result, path, original_name, DISBURSEMENT_KEYS,
                                           DISBURSEMENT_COLS, progress)
    rejected_rows = []
    projects = {p.code: p for p in Project.objects.visible_to(actor).filter(
        code__in=[tcells.folded(c["project"]) for _n, _r, c in data])}
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
                _storable(n, cells, spelled, DISBURSEMENT_LIMITS, control)
                item = _disbursement_row(cells, spelled, projects, today)
                p = locked[item.project.pk]
                same = [d for d in posted[(p.pk, item.voucher_no)]
                        if (d.date, d.amount, d.payee) == (item.date, item.amount, item.payee)]
                if same:
                    posted[(p.pk, item.voucher_no)].remove(same[0])
                    result.unchanged += 1
                    continue
                if item.voucher_no and posted[(p.pk, item.voucher_no)]:
                    raise RowError(spelled.get("voucher_no"), item.voucher_no,
                                   _("该凭证号已入账，金额、日期或收款人不同；更正请做冲销"))
                if paid[p.pk] + item.amount > p.budget:
                    raise RowError(spelled["amount"], cells["amount"],
                                   _("超出项目预算：预算 %(budget)s 元，已支出 %(paid)s 元，"
                                     "本次 %(amount)s 元") % {
                                       "budget": yuan(p.budget), "paid": yuan(paid[p.pk]),
                                       "amount": yuan(item.amount)})
                key = (p.county_id, p.year)
                if key not in left or left[key] < item.amount:
                    raise RowError(spelled["amount"], cells["amount"],
                                   _("超出 %(year)d 年度未支出的拨入资金：尚余 %(left)s 元")
                                   % {"year": p.year, "left": yuan(left.get(key, Decimal(0)))})
                paid[p.pk] += item.amount
                left[key] -= item.amount
                accepted.append(item)
            except RowError as err:
                result.reject(n, err.column, err.value, err.reason)
                rejected_rows.append((n, row))
        result.created = len(accepted)
        if accepted and not dry_run and not result.refused:
            services.disbursements_post_many(actor=actor, items=accepted)
        return _finish(result, path=path, actor=actor, rejected_rows=rejected_rows,
                       header=header, report_path=report_path)


def _disbursement_row(cells, spelled, projects, today) -> services.DisbursementData:
    code = tcells.folded(cells["project"])
    if code not in projects:
        raise RowError(spelled["project"], code,
                       _("项目不存在或不在您的负责区域内：%(v)s") % {"v": code})
    day = _date(cells["date"], spelled["date"])
    if day is None:
        raise RowError(spelled["date"], cells["date"], _("日期不能为空"))
    try:
        amount = parse_amount(cells["amount"])
    except ValidationError as exc:
        raise RowError(spelled["amount"], cells["amount"], exc.messages[0]) from None
    item = services.DisbursementData(
        project=projects[code], amount=amount, date=day, payee=tcells.folded(cells["payee"]),
        voucher_no=tcells.folded(cells.get("voucher_no")),
        note=tcells.folded(cells.get("note")))
    problems = services.disbursement_check(item, today=today)
    if problems:
        f, message = problems[0]
        raise RowError(spelled.get(f), cells.get(f), message)
    return item


def run(kind: str, **kwargs) -> FundsImportResult:
    return {"projects": import_projects, "disbursements": import_disbursements}[kind](**kwargs)

"""Import of projects and disbursements from Excel/CSV, on the shared import pipeline.

Nothing valid is lost and every rejected row is named with its column, value and reason (the
funds' rules give one reason a row: the first found). `ProjectsImport` and
`DisbursementsImport` are `xiezuo.tabular.pipeline.Importer` specs; `run_import` reads the file
(header below a title, spellings, blank rows, the checks against hostile files), counts
(`rows` always equals the counts plus `unchanged` plus `rejected`), writes the error report and,
when the rows are stored, keeps the file under DATA_DIR/uploads/funds with its summary beside
it. A file refused as a whole raises `FileRefused` (exit 2); `strict` with a rejected row stores
nothing (exit 3).

Both are locked imports (`locked = True`): disbursements are checked against the project
budgets and the year's unspent money under the services' row locks (`select_for_update` on
PostgreSQL) inside the one transaction that posts them; projects are created and updated through
the services inside a savepoint (`rehearse`), so an update the service refuses rejects its row,
and a dry run reports what a real run would do before the savepoint is rolled back.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.roles import has
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import StaleEditError
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
from xiezuo.tabular.files import file_sha256
from xiezuo.tabular.pipeline import Importer, Progress, Row, run_import
from xiezuo.tabular.read import HEADER_SEARCH_ROWS
from xiezuo.tabular.result import ImportResult
from xiezuo.tabular.template import ImportTemplate

# Header spelling -> field. Several spellings may name one field.
PROJECT_COLUMNS = {
    "项目编号": "code", "项目名称": "name", "项目类别": "category", "资金年度": "year",
    "实施村": "villages", "预算（元）": "budget", "批复文件": "approval_doc",
    "开工日期": "start_date", "计划完工日期": "planned_end", "实际完工日期": "actual_end",
    "状态": "status", "冠名": "plaque", "说明": "note", "受益户": "beneficiaries",
    # written by the export beside the codes for the reader; an import reads the codes
    "实施村名称": "village_names",
}
PROJECT_REQUIRED = ("code", "name", "category", "year", "villages", "budget")
PROJECT_KEYS = ("项目编号", "项目名称")
DISBURSEMENT_COLUMNS = {
    "项目编号": "project", "支付日期": "date", "金额（元）": "amount",
    "收款单位或个人": "payee", "凭证号": "voucher_no", "说明": "note",
    "项目名称": "project_name",  # beside the code for the reader; the import reads the code
}
DISBURSEMENT_REQUIRED = ("project", "date", "amount", "payee")
DISBURSEMENT_KEYS = ("项目编号", "金额（元）")
LIST_SEPARATORS = ("、", ";", "；", ",", "，")


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


def _reject(row: Row, column: str | None, value, reason: str) -> None:
    """The row rejected with its reason; the value is kept as the text the cell shows."""
    row.errors.append(RejectedCell(row.row, column, None if value is None
                                   else tcells.shown(tcells.folded(value)), reason))


def _no_header(keys: tuple[str, ...]):
    return lazy(lambda: _("前 %(n)d 行中找不到表头（需要同时含有：%(keys)s）")
                % {"n": HEADER_SEARCH_ROWS, "keys": "、".join(keys)}, str)()


class _FundsImporter(Importer):
    """What both funds imports share: the permission, the file's hash in the summary, one
    reason a row, no import row (the import is an audit event and the kept file)."""

    csv_delimiters = None  # commas only: amounts may be written with 、 ; lists in 实施村
    folder = "funds"
    locked = True
    what = ""  # projects or disbursements

    def new_result(self, *, dry_run: bool, strict: bool) -> FundsImportResult:
        return FundsImportResult(kind=self.what, dry_run=dry_run, strict=strict)

    def check(self, actor) -> None:
        if not has(actor, EDITS_FUNDS):
            raise PermissionDenied

    def prepare(self) -> None:
        self.result.sha256 = file_sha256(self.path)

    def parse_row(self, row: Row):
        if row.errors:  # a control character or an over-long text: the first one is the reason
            del row.errors[1:]
            return None
        try:
            return self.parse(row.raw, row.header_for)
        except RowError as err:
            _reject(row, err.column, err.value, err.reason)
            return None

    def parse(self, cells: dict, spelled: dict):
        raise NotImplementedError

    def import_record(self, *, kept: str, sha: str, original_name: str) -> None:
        return None

    def audit(self, imp: None, summary: dict, original_name: str) -> None:
        audit_record(actor=self.actor, action=AuditAction.IMPORT,
                     object_type=f"funds.{self.what}", object_repr=Path(self.kept).name,
                     note=f"{self.what}: {summary['rows']} rows",
                     new={k: v for k, v in summary.items() if k != "errors"})


# --- Projects --------------------------------------------------------------------------------
class ProjectsImport(_FundsImporter):
    """Projects by code: new ones created in bulk, changed ones through `project_update` (a
    budget below what was paid, or villages moved after a payment, rejects the row)."""

    columns, markers, limits = PROJECT_COLS, PROJECT_KEYS, PROJECT_LIMITS
    no_header = _no_header(PROJECT_KEYS)
    template = ImportTemplate(
        title=gettext_lazy("资金项目导入模板"),
        example={"code": "LT2019-001", "name": "洮阳镇某村村组道路硬化", "category": "村组道路",
                 "year": 2019, "villages": "洮阳镇/某村", "budget": 500000,
                 "approval_doc": "临扶办发〔2019〕1号", "start_date": "2019-04-01",
                 "planned_end": "2019-10-31", "actual_end": "", "status": "实施中",
                 "plaque": "", "note": "", "beneficiaries": "",
                 "village_names": ""},
        notes={"code": gettext_lazy("项目的唯一编号；已有的编号更新该项目"),
               "category": gettext_lazy("村组道路、危房改造、安全饮水、易地搬迁、产业发展、培训与劳务 或 其他"),
               "year": gettext_lazy("资金年度，如 2019"),
               "villages": gettext_lazy("实施村的 12 位区划代码或“乡镇名/村名”，多个用“、”分隔"),
               "budget": gettext_lazy("元，数字，最多 2 位小数"),
               "status": gettext_lazy("已立项、实施中、已完工 或 已撤销；空白为已立项"),
               "beneficiaries": gettext_lazy("受益户的户编号，多个用“、”分隔"),
               "village_names": gettext_lazy("导出时写在代码旁供阅读，导入时不读")},
        text=("code", "villages", "beneficiaries"))
    kind, what = "funds-projects", "projects"

    def prepare(self) -> None:
        super().prepare()
        self.villages = _village_index(self.actor)

    def parse(self, cells: dict, spelled: dict) -> services.ProjectData:
        from xiezuo.registry.models import Household

        return _project_row(cells, spelled, self.villages, Household)

    def match(self, rows: list[Row]) -> None:
        result = self.result
        parsed = [r for r in rows if r.ok and r.record is not None]
        existing = {p.code: p for p in Project.objects.filter(
            code__in=[r.record.code for r in parsed]).prefetch_related("villages",
                                                                       "beneficiaries")}
        seen: dict[str, int] = {}
        self.creates, self.updates = [], []
        for row in parsed:
            item = row.record
            spelled = row.header_for
            if item.code in seen:
                _reject(row, spelled["code"], item.code,
                        _("项目编号与第 %(row)d 行重复") % {"row": seen[item.code]})
                continue
            seen[item.code] = row.row
            old = existing.get(item.code)
            if old is None:
                self.creates.append(item)
            elif _same_project(old, item):
                result.unchanged += 1
            elif old.year != item.year:
                _reject(row, spelled["year"], item.year, _("已入账项目的资金年度不能修改"))
            else:
                self.updates.append((row, old, item))
        result.created, result.updated = len(self.creates), len(self.updates)

    def rehearse(self, rows: list[Row]) -> None:
        """The writes, through the services (rolled back on a dry run or a refused run)."""
        actor = self.actor
        if self.creates:
            services.projects_create_many(actor=actor, items=self.creates)
        for row, old, item in self.updates:
            try:
                with transaction.atomic():
                    services.project_update(actor=actor, project=old, version=old.version,
                                            villages=item.villages,
                                            changes={f: getattr(item, f)
                                                     for f in services.PROJECT_FIELDS})
                    services.project_set_beneficiaries(actor=actor, project=old,
                                                       households=item.beneficiaries)
            except ValidationError as exc:
                _reject(row, None, item.code, "；".join(exc.messages))
                self.result.updated -= 1
            except StaleEditError as exc:  # saved on its page since this import read it
                _reject(row, None, item.code, str(exc))
                self.result.updated -= 1

    def write(self, imp: None) -> None:
        """Nothing more: `rehearse` wrote the projects, and the savepoint is kept."""


def _village_index(actor) -> dict[str, "Area | list[Area]"]:
    """Villages the actor may use, by code and by "乡镇名/村名" and "乡镇名村名"."""
    index: dict[str, Area | list[Area]] = {}
    for v in Area.objects.visible_to(actor).filter(level=Level.VILLAGE).select_related("parent"):
        index[v.code] = v
        for key in (f"{v.parent.name}/{v.name}", f"{v.parent.name}{v.name}"):
            # the same township and village names in two counties (several pairs, or the
            # command line seeing every county): a list, which the row must name by code
            had = index.get(key)
            index[key] = v if had is None else [*(had if isinstance(had, list) else [had]), v]
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
        village = villages[vname]
        if isinstance(village, list):
            raise RowError(spelled["villages"], vname,
                           _("有 %(n)d 个同名的实施村（%(codes)s），请写村代码")
                           % {"n": len(village), "codes": "、".join(v.code for v in village)})
        found.append(village)
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
class DisbursementsImport(_FundsImporter):
    """Disbursements are never updated: a row already posted is unchanged; a row whose voucher
    is posted with other figures is rejected (a correction is a reversal). Each row is checked
    against its project's budget and the year's unspent money under the services' locks, in
    the transaction that posts them."""

    columns, markers, limits = DISBURSEMENT_COLS, DISBURSEMENT_KEYS, DISBURSEMENT_LIMITS
    template = ImportTemplate(
        title=gettext_lazy("资金支出导入模板"),
        example={"project": "LT2019-001", "date": "2019-06-01", "amount": 100000,
                 "payee": "临洮县某建筑工程有限公司", "voucher_no": "记-2019-06-001",
                 "note": "首期工程款", "project_name": ""},
        notes={"project": gettext_lazy("已登记项目的项目编号"), "date": gettext_lazy("日期，如 2019-06-01"),
               "amount": gettext_lazy("元，正数，最多 2 位小数（冲销在支出页面登记）"),
               "voucher_no": gettext_lazy("会计凭证号；与已有支出重复时提示"),
               "project_name": gettext_lazy("写在编号旁供阅读，导入时不读")},
        text=("project", "voucher_no"))
    no_header = _no_header(DISBURSEMENT_KEYS)
    kind, what = "funds-disbursements", "disbursements"

    def prepare(self) -> None:
        super().prepare()
        self.projects = {p.code: p for p in Project.objects.visible_to(self.actor)}
        self.today = timezone.localdate()

    def parse(self, cells: dict, spelled: dict) -> services.DisbursementData:
        return _disbursement_row(cells, spelled, self.projects, self.today)

    def match(self, rows: list[Row]) -> None:
        result = self.result
        parsed = [r for r in rows if r.ok and r.record is not None]
        projects = {r.record.project.pk: r.record.project for r in parsed}
        # Lock in the services' order before reading the figures the rows are checked against.
        services.lock_pools((p.county_id, p.year) for p in projects.values())
        locked = services.lock_projects(projects)
        pools = {(f.county_id, f.year): f for f in FundYear.objects.filter(
            county_id__in={p.county_id for p in projects.values()})}
        paid = {pk: p.disbursed for pk, p in locked.items()}
        left = {k: f.unspent for k, f in pools.items()}
        posted = defaultdict(list)
        for d in Disbursement.objects.filter(project__in=locked, reverses__isnull=True):
            posted[(d.project_id, d.voucher_no)].append(d)
        self.accepted = []
        used: dict[str, list[Row]] = {}
        for row in parsed:
            item, spelled = row.record, row.header_for
            p = locked[item.project.pk]
            same = [d for d in posted[(p.pk, item.voucher_no)]
                    if (d.date, d.amount, d.payee) == (item.date, item.amount, item.payee)]
            if same:
                posted[(p.pk, item.voucher_no)].remove(same[0])
                result.unchanged += 1
                continue
            if item.voucher_no and posted[(p.pk, item.voucher_no)]:
                _reject(row, spelled.get("voucher_no"), item.voucher_no,
                        _("该凭证号已入账，金额、日期或收款人不同；更正请做冲销"))
                continue
            if paid[p.pk] + item.amount > p.budget:
                _reject(row, spelled["amount"], row.raw["amount"],
                        _("超出项目预算：预算 %(budget)s 元，已支出 %(paid)s 元，"
                          "本次 %(amount)s 元") % {
                            "budget": yuan(p.budget), "paid": yuan(paid[p.pk]),
                            "amount": yuan(item.amount)})
                continue
            key = (p.county_id, p.year)
            if key not in left or left[key] < item.amount:
                _reject(row, spelled["amount"], row.raw["amount"],
                        _("超出 %(year)d 年度未支出的拨入资金：尚余 %(left)s 元")
                        % {"year": p.year, "left": yuan(left.get(key, Decimal(0)))})
                continue
            paid[p.pk] += item.amount
            left[key] -= item.amount
            self.accepted.append(item)
            if item.voucher_no:
                used.setdefault(item.voucher_no, []).append(row)
        result.created = len(self.accepted)
        self._warn_vouchers(used)

    def _warn_vouchers(self, used: dict) -> None:
        """A voucher number already used by a standing payment, or twice in this file: warned,
        not refused (funds/warnings.py names the earlier payment)."""
        from xiezuo.funds.warnings import payments_with_voucher, voucher_warning

        for voucher_no, rows in used.items():
            earlier = payments_with_voucher(user=self.actor, voucher_no=voucher_no)
            for n, row in enumerate(rows):
                if earlier:
                    reason = voucher_warning(voucher_no, earlier)
                elif n:
                    reason = _("凭证号 %(v)s 与本文件第 %(row)d 行相同。请核对是否重复记账。") % {
                        "v": voucher_no, "row": rows[0].row}
                else:
                    continue
                self.result.warnings.append(
                    RejectedCell(row.row, row.header_for.get("voucher_no"), voucher_no, reason))

    def write(self, imp: None) -> None:
        if self.accepted:
            services.disbursements_post_many(actor=self.actor, items=self.accepted)


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



def import_projects(*, actor, path: Path, original_name: str = "", dry_run: bool = False,
                    strict: bool = False, report_path: str | None = None,
                    progress: Progress = None) -> FundsImportResult:
    spec = ProjectsImport(actor=actor, dry_run=dry_run, strict=strict, progress=progress)
    return run_import(spec, path=path, report_path=report_path, original_name=original_name)


def import_disbursements(*, actor, path: Path, original_name: str = "", dry_run: bool = False,
                         strict: bool = False, report_path: str | None = None,
                         progress: Progress = None) -> FundsImportResult:
    spec = DisbursementsImport(actor=actor, dry_run=dry_run, strict=strict, progress=progress)
    return run_import(spec, path=path, report_path=report_path, original_name=original_name)


def run(kind: str, **kwargs) -> FundsImportResult:
    return {"projects": import_projects, "disbursements": import_disbursements}[kind](**kwargs)

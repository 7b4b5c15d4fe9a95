"""The linkage and consumption-sales imports, by the roster import's rules (docs/industry.md).

Nothing is lost: every non-blank row is created, updated, unchanged or rejected, and every
rejection names the row (as Excel numbers it), the column (as the file spells it), the value and
the reason. `--strict` stores nothing if any row is rejected; `--dry-run` stores nothing; the
writes are one transaction. Both keep the file under DATA_DIR/uploads/industry with its summary.

- Linkages: the household by its registry household number (户编号) or the ID number of one of
  its members (证件号码); the project by its code (项目编号) or its exact name (项目名称). Keyed by
  project, household, kind and year: importing the same file again changes nothing.
- Sales: supplier and buyer are organisations of the register, matched by credit code or exact
  name; an unknown organisation rejects the row (never created silently). The origin township
  by name; the households that supplied the sale as a list of household numbers. A row the
  ledger already holds (same date, product, township, supplier, buyer, channel, quantity,
  amount and note) is unchanged, so a monthly sheet imported twice is counted once.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import guard
from xiezuo.accounts.services import audit_record
from xiezuo.industry import rollup
from xiezuo.industry.access import EDITS_INDUSTRY
from xiezuo.industry.choices import BuyerKind, Channel, ImportKind, LinkageKind
from xiezuo.industry.models import (
    IndustryImport,
    InvestmentProject,
    Linkage,
    Sale,
    SaleHousehold,
)
from xiezuo.orgs import creditcode
from xiezuo.orgs.models import Organisation
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area
from xiezuo.regions.scoping import scope_prefixes
from xiezuo.registry import idnumber
from xiezuo.registry.models import Household, Person
from xiezuo.registry.selectors import persons_by_id_number
from xiezuo.tabular import cells
from xiezuo.tabular.bulk import chunks, insert_rows
from xiezuo.tabular.columns import Col, header_key
from xiezuo.tabular.errors import FileRefused
from xiezuo.tabular.pipeline import Importer, Progress, Row, run_import
from xiezuo.tabular.result import ImportResult
from xiezuo.tabular.template import ImportTemplate

__all__ = ["IndustryImportResult", "LinkageImport", "SaleImport", "TableFormatError",
           "linkages_import", "sales_import"]

TableFormatError = FileRefused
BATCH = 5000
LIST_SPLIT = re.compile(r"[、;；,，\s]+")
FIRST_YEAR = 2013
MAX_QUANTITY = Decimal("1000000000")

LINKAGE_COLUMNS = (
    Col("户编号", "household"),
    Col("证件号码", "id_number"),
    Col("项目编号", "project_code"),
    Col("项目名称", "project_name"),
    Col("联结方式", "kind", required=True),
    Col("年度", "year", required=True),
    Col("户年收益（元）", "amount", required=True),
    Col("户年收益", "amount"),
    Col("备注", "note"),
)

SALE_COLUMNS = (
    Col("销售日期", "date", required=True),
    Col("产品", "product", required=True),
    Col("产地乡镇", "township", required=True),
    Col("供货主体", "supplier"),
    Col("供货主体信用代码", "supplier_code"),
    Col("采购单位", "buyer", required=True),
    Col("采购单位信用代码", "buyer_code"),
    Col("采购方类别", "buyer_kind", required=True),
    Col("销售渠道", "channel", required=True),
    Col("数量", "quantity", required=True),
    Col("单位", "unit", required=True),
    Col("金额（元）", "amount", required=True),
    Col("金额", "amount"),
    Col("带动贫困户", "households"),
    Col("备注", "note"),
)
LINKAGE_LIMITS = {"note": 300}
SALE_LIMITS = {"product": 100, "unit": 16, "note": 300, "supplier": 200, "buyer": 200}


@dataclass(kw_only=True)
class IndustryImportResult(ImportResult):
    kind: str
    created: int = 0
    updated: int = 0
    households_linked: int = 0

    def counts(self) -> dict[str, int]:
        if self.kind == ImportKind.SALES:
            return {"sales_created": self.created}
        return {"linkages_created": self.created, "linkages_updated": self.updated}

    def details(self) -> dict:
        return {"households_linked": self.households_linked}


# --- cell rules (pure) --------------------------------------------------------------------------

def _labels(choices) -> dict[str, str]:
    out = {header_key(str(label)): value for value, label in choices.choices}
    out.update({value: value for value in choices.values})
    return out


LINKAGE_KIND_WORDS = _labels(LinkageKind) | {"工资": LinkageKind.WAGES, "分红": LinkageKind.DIVIDEND,
                                             "土地租金": LinkageKind.LAND_RENT,
                                             "流转": LinkageKind.LAND_RENT}
BUYER_KIND_WORDS = _labels(BuyerKind) | {"超市": BuyerKind.RETAIL, "食堂": BuyerKind.CANTEEN,
                                         "个人": BuyerKind.INDIVIDUAL}
CHANNEL_WORDS = _labels(Channel) | {header_key("机关食堂/工会采购"): Channel.CANTEEN_UNION,
                                    "机关食堂": Channel.CANTEEN_UNION, "工会采购": Channel.CANTEEN_UNION,
                                    "直销": Channel.DIRECT, "直供": Channel.DIRECT}


def word(raw, table: dict[str, str], *, required: bool = True) -> str:
    """A category value from its Chinese label (or a listed alias); CellError otherwise."""
    t = cells.text(raw)
    if not t:
        if required:
            raise cells.CellError(_("此列不能为空"))
        return ""
    v = table.get(t) or table.get(header_key(t))
    if v is None:
        allowed = sorted({str(k) for k in table if not k.isascii()})
        raise cells.CellError(_("“%(v)s”不是允许的值；允许的值：%(allowed)s")
                              % {"v": t, "allowed": "、".join(allowed)})
    return v


def amount(raw) -> Decimal:
    """A positive amount in yuan (2 places at most, never rounded)."""
    d = cells.parse_decimal(raw)
    if d is None:
        raise cells.CellError(_("此列不能为空"))
    if d <= 0:
        raise cells.CellError(_("金额应大于 0"))
    return d


_QUANTITIES: dict[tuple, Decimal] = {}


def quantity(raw) -> Decimal:
    """A positive quantity, 3 decimals at most (a sheet repeats a few thousand quantities over
    100,000 rows: each parsed once)."""
    key = (type(raw), raw) if isinstance(raw, str | int | float) else None
    hit = _QUANTITIES.get(key) if key else None
    if hit is not None:
        return hit
    d = _quantity(raw)
    if key and len(_QUANTITIES) < 20_000:
        _QUANTITIES[key] = d
    return d


def _quantity(raw) -> Decimal:
    if cells.is_number(raw):
        t = repr(float(raw))
    else:
        t = cells.text(raw).replace(",", "")
    if not t:
        raise cells.CellError(_("此列不能为空"))
    try:
        d = Decimal(t)
    except InvalidOperation:
        raise cells.CellError(_("“%(v)s”不是数量") % {"v": t}) from None
    if not d.is_finite() or d <= 0 or d >= MAX_QUANTITY:
        raise cells.CellError(_("数量应大于 0 且小于 10 亿"))
    if d != d.quantize(Decimal("0.001")):
        raise cells.CellError(_("数量最多保留 3 位小数"))
    return d.quantize(Decimal("0.001"))


def year(raw, today: datetime.date) -> int:
    t = cells.text(raw).removesuffix("年")
    if not t:
        raise cells.CellError(_("此列不能为空"))
    if not t.isdigit() or not FIRST_YEAR <= int(t) <= today.year:
        raise cells.CellError(_("年度应为 %(a)d 至 %(b)d 之间的四位数字")
                              % {"a": FIRST_YEAR, "b": today.year})
    return int(t)


def number_list(raw) -> list[str]:
    """Household numbers given in one cell, separated by 、;，, or spaces (each once)."""
    seen: dict[str, None] = {}
    for part in LIST_SPLIT.split(cells.text(raw)):
        if part:
            seen.setdefault(part, None)
    return list(seen)


def parse_linkage_row(raw: dict, err, today: datetime.date) -> dict:
    """A linkage row's values: household (number or ID number), project (code or name), kind,
    year, amount, note. Pure; each problem reported through `err(key, reason)`."""
    v: dict = {"household": cells.text(raw.get("household")), "id_number": None,
               "project_code": cells.text(raw.get("project_code")),
               "project_name": cells.text(raw.get("project_name")),
               "note": cells.text(raw.get("note"))}
    raw_id = raw.get("id_number")
    if cells.text(raw_id):
        reason = cells.numeric_code_error(raw_id)
        if reason:
            err("id_number", reason)
        else:
            try:
                v["id_number"] = idnumber.parse(cells.text(raw_id), today=today).number
            except idnumber.IdNumberError as e:
                err("id_number", e.reason)
    elif not v["household"]:
        err("household", _("请填写户编号或家庭成员的证件号码"))
    if not v["project_code"] and not v["project_name"]:
        err("project_code", _("请填写项目编号或项目名称"))
    for key, parse in (("kind", lambda x: word(x, LINKAGE_KIND_WORDS)),
                       ("year", lambda x: year(x, today)), ("amount", amount)):
        try:
            v[key] = parse(raw.get(key))
        except cells.CellError as e:
            err(key, e.reason)
    return v


_DATES: dict[tuple, datetime.date] = {}


def _sale_date(raw, today: datetime.date) -> datetime.date:
    """A sale's date (a sheet repeats a few hundred dates over 100,000 rows: parsed once each)."""
    key = (type(raw), raw, today) if isinstance(raw, str | datetime.date | int | float) else None
    hit = _DATES.get(key) if key else None
    if hit is not None:
        return hit
    d = cells.parse_date(raw, today=today)
    if d is None:
        raise cells.CellError(_("此列不能为空"))
    if d.year < FIRST_YEAR:
        raise cells.CellError(_("日期早于 %(y)d 年") % {"y": FIRST_YEAR})
    if key and len(_DATES) < 20_000:
        _DATES[key] = d
    return d


def parse_sale_row(raw: dict, err, today: datetime.date) -> dict:
    """A sales row's values. Pure; organisations, township and households are matched later."""
    v: dict = {}
    try:
        v["date"] = _sale_date(raw.get("date"), today)
    except cells.CellError as e:
        err("date", e.reason)
    for key in ("product", "township", "buyer", "unit"):
        t = cells.text(raw.get(key))
        if not t and not (key == "buyer" and cells.text(raw.get("buyer_code"))):
            err(key, _("此列不能为空") if key != "buyer"
                else _("请填写采购单位名称或其统一社会信用代码"))
        v[key] = t
    v["supplier"] = cells.text(raw.get("supplier"))
    for key in ("supplier_code", "buyer_code"):
        t = cells.text(raw.get(key))
        if t:
            reason = cells.numeric_code_error(raw.get(key)) or creditcode.validation_error(t)
            if reason:
                err(key, reason)
            t = creditcode.normalise(t)
        v[key] = t
    for key, parse in (("buyer_kind", lambda x: word(x, BUYER_KIND_WORDS)),
                       ("channel", lambda x: word(x, CHANNEL_WORDS)),
                       ("quantity", quantity), ("amount", amount)):
        try:
            v[key] = parse(raw.get(key))
        except cells.CellError as e:
            err(key, e.reason)
    v["households"] = number_list(raw.get("households"))
    if not v["supplier"] and not v["supplier_code"] and not v["households"]:
        err("supplier", _("请填写供货主体，或在“带动贫困户”中填写供货的贫困户"))
    v["note"] = cells.text(raw.get("note"))
    return v


# --- lookups ------------------------------------------------------------------------------------

class TownshipLookup:
    """The townships by name, with or without 镇/乡 (a clerk writes 洮阳 or 洮阳镇)."""

    SUFFIXES = ("镇", "乡", "街道")

    def __init__(self) -> None:
        self.by_name: dict[str, list[tuple[int, str]]] = {}
        for pk, code, name in Area.objects.filter(level=Level.TOWNSHIP).values_list(
                "id", "code", "name"):
            key = header_key(name)
            self.by_name.setdefault(key, []).append((pk, code))
            for s in self.SUFFIXES:
                if key.endswith(s) and len(key) > len(s) + 1:
                    self.by_name.setdefault(key.removesuffix(s), []).append((pk, code))
        self._memo: dict[str, tuple[int, str]] = {}

    def resolve(self, name: str) -> tuple[int, str]:
        hit = self._memo.get(name)
        if hit:
            return hit
        found = self.by_name.get(header_key(name), [])
        if not found:
            raise cells.CellError(_("没有名为“%(v)s”的乡镇") % {"v": name})
        if len(found) > 1:
            raise cells.CellError(_("“%(v)s”有 %(n)d 个同名乡镇，请写全称") % {
                "v": name, "n": len(found)})
        self._memo[name] = found[0]
        return found[0]


class OrganisationLookup:
    """Organisations of the register by credit code or exact name; never creates one."""

    def __init__(self, codes: set[str], names: set[str]) -> None:
        self.by_code: dict[str, tuple[int, str, str]] = {}
        self.by_name: dict[str, list[tuple[int, str, str]]] = {}
        for chunk in chunks(sorted(codes)):
            for pk, code, name, area in Organisation.objects.filter(
                    credit_code__in=chunk).values_list("id", "credit_code", "name",
                                                       "area__code"):
                self.by_code[code] = (pk, name, area)
        for chunk in chunks(sorted(names)):
            for pk, name, area in Organisation.objects.filter(name__in=chunk).values_list(
                    "id", "name", "area__code"):
                self.by_name.setdefault(name, []).append((pk, name, area))

    def resolve(self, code: str, name: str) -> int:
        if code:
            hit = self.by_code.get(code)
            if hit is None:
                raise cells.CellError(_("统一社会信用代码 %(c)s 未在企业与组织中登记，请先登记该单位")
                                      % {"c": code})
            if name and header_key(name) != header_key(hit[1]):
                raise cells.CellError(_("统一社会信用代码 %(c)s 登记的名称是“%(n)s”")
                                      % {"c": code, "n": hit[1]})
            return hit[0]
        found = self.by_name.get(name, [])
        if not found:
            raise cells.CellError(_("“%(n)s”未在企业与组织中登记（名称须完全一致），请先登记该单位")
                                  % {"n": name})
        if len(found) > 1:
            raise cells.CellError(_("有 %(k)d 个单位名为“%(n)s”，请填写统一社会信用代码")
                                  % {"k": len(found), "n": name})
        return found[0][0]


def _in_scope(prefixes, code: str) -> bool:
    return prefixes is None or any(code.startswith(p) for p in prefixes)


def households_by_number(numbers) -> dict[str, list[tuple[int, str]]]:
    """Household number -> [(household id, village code)] (a number may repeat across counties)."""
    out: dict[str, list[tuple[int, str]]] = {}
    for chunk in chunks(sorted(set(numbers))):
        for pk, number, code in Household.objects.filter(number__in=chunk).values_list(
                "id", "number", "village__code"):
            out.setdefault(number, []).append((pk, code))
    return out


def _one_household(found: list, number: str) -> tuple[int, str]:
    if not found:
        raise cells.CellError(_("户编号 %(n)s 不在建档立卡贫困户中") % {"n": number})
    if len(found) > 1:
        raise cells.CellError(_("户编号 %(n)s 在多个县重复，请改填证件号码") % {"n": number})
    return found[0]


# --- the shared frame ---------------------------------------------------------------------------

class _IndustryImporter(Importer):
    folder = "industry"

    def new_result(self, *, dry_run: bool, strict: bool) -> IndustryImportResult:
        return IndustryImportResult(kind=self.kind, dry_run=dry_run, strict=strict)

    def check(self, actor) -> None:
        guard(actor, EDITS_INDUSTRY, message=_("您没有导入产业合作数据的权限"))

    def prepare(self) -> None:
        self.today = timezone.localdate()
        self.prefixes = scope_prefixes(self.actor) if self.actor is not None else None

    def import_record(self, *, kept: str, sha: str, original_name: str) -> IndustryImport:
        return IndustryImport.objects.create(kind=self.kind, file=kept, sha256=sha, by=self.actor,
                                             original_name=original_name)

    def audit(self, imp, summary: dict, original_name: str) -> None:
        keys = [k for k in summary if k.endswith(("_created", "_updated"))]
        audit_record(actor=self.actor, action=AuditAction.IMPORT, obj=imp,
                     new={k: summary[k] for k in ("rows", *keys, "unchanged", "rejected")},
                     note=_("导入%(kind)s %(f)s") % {"kind": ImportKind(self.kind).label,
                                                  "f": original_name})


# --- linkages ------------------------------------------------------------------------------------

class LinkageImport(_IndustryImporter):
    columns, markers, limits = LINKAGE_COLUMNS, ("联结方式", "年度"), LINKAGE_LIMITS
    template = ImportTemplate(
        title=gettext_lazy("利益联结导入模板"),
        example={"household": "6211240010010001", "id_number": "", "project_code": "LT-2018-001",
                 "project_name": "", "kind": "入股分红", "year": 2019, "amount": 1200,
                 "note": ""},
        notes={"household": gettext_lazy("户编号或证件号码填一项"), "id_number": gettext_lazy("户编号或证件号码填一项"),
               "project_code": gettext_lazy("项目编号或项目名称填一项"),
               "project_name": gettext_lazy("项目编号或项目名称填一项"),
               "kind": gettext_lazy("务工工资、入股分红、土地流转、订单收购 或 资产收益"),
               "amount": gettext_lazy("元，数字")},
        text=("household", "id_number"))
    kind = ImportKind.LINKAGES

    def parse_row(self, row: Row) -> dict:
        return parse_linkage_row(row.raw, row.error, self.today)

    def _projects(self, rows) -> tuple[dict, dict]:
        codes = {r.record["project_code"] for r in rows if r.record["project_code"]}
        names = {r.record["project_name"] for r in rows if r.record["project_name"]}
        by_code, by_name = {}, {}
        for p in InvestmentProject.objects.filter(Q(code__in=codes) | Q(name__in=names)).only(
                "id", "code", "name", "signed_on"):
            by_code[p.code] = p
            by_name.setdefault(p.name, []).append(p)
        return by_code, by_name

    def match(self, rows: list[Row]) -> None:
        result = self.result
        by_code, by_name = self._projects(rows)
        by_number = households_by_number(r.record["household"] for r in rows
                                         if r.record["household"])
        people = persons_by_id_number({r.record["id_number"] for r in rows
                                       if r.record["id_number"]})
        person_household = {}
        for chunk in chunks([pid for pid, _c in people.values()]):
            person_household.update(Person.objects.filter(pk__in=chunk).values_list(
                "id", "household_id"))
        good = []
        for row in rows:
            v = row.record
            if not row.ok:
                continue
            if v["project_code"]:
                project = by_code.get(v["project_code"])
                if project is None:
                    row.error("project_code", _("没有编号为 %(c)s 的项目") % {"c": v["project_code"]})
                    continue
                if v["project_name"] and project.name != v["project_name"]:
                    row.error("project_name", _("项目 %(c)s 的名称是“%(n)s”")
                              % {"c": project.code, "n": project.name})
                    continue
            else:
                found = by_name.get(v["project_name"], [])
                if len(found) != 1:
                    row.error("project_name", _("没有名为“%(n)s”的项目") % {"n": v["project_name"]}
                              if not found else _("有多个项目名为“%(n)s”，请填写项目编号")
                              % {"n": v["project_name"]})
                    continue
                project = found[0]
            if project.signed_on is None:
                row.error("project_code", _("项目 %(c)s 尚未签约，不能登记利益联结")
                          % {"c": project.code})
                continue
            if v["year"] < project.signed_on.year:
                row.error("year", _("年度早于项目签约年度 %(y)d") % {"y": project.signed_on.year})
                continue
            if v["id_number"]:
                found_person = people.get(v["id_number"])
                if found_person is None:
                    row.error("id_number", _("该证件号码不在建档立卡人员中"))
                    continue
                hid, code = person_household[found_person[0]], found_person[1]
                if v["household"] and not any(
                        h == hid for h, _c in by_number.get(v["household"], [])):
                    row.error("household", _("该证件号码的人员不属于户 %(n)s") % {"n": v["household"]})
                    continue
            else:
                try:
                    hid, code = _one_household(by_number.get(v["household"], []), v["household"])
                except cells.CellError as e:
                    row.error("household", e.reason)
                    continue
            if not _in_scope(self.prefixes, code):
                row.error("household" if v["household"] else "id_number",
                          _("该户不在您负责的区域内"))
                continue
            good.append((row, (project.pk, hid, v["kind"], v["year"]), v))
        seen: dict[tuple, int] = {}
        existing = {}
        for chunk in chunks(sorted({k[1] for _r, k, _v in good})):
            for link in Linkage.objects.filter(household_id__in=chunk):
                existing[(link.project_id, link.household_id, link.kind, link.year)] = link
        self.creates, self.updates = [], []
        households = set()
        for row, key, v in good:
            earlier = seen.setdefault(key, row.row)
            if earlier != row.row:
                row.error("kind", _("同一项目、户、联结方式和年度与第 %(r)d 行重复") % {"r": earlier})
                continue
            households.add(key[1])
            current = existing.get(key)
            if current is None:
                self.creates.append((row.row, key, v))
            elif current.amount != v["amount"] or current.note != v["note"]:
                self.updates.append((row.row, current, v))
            else:
                result.unchanged += 1
        result.created, result.updated = len(self.creates), len(self.updates)
        result.households_linked = len(households)

    def write(self, imp: IndustryImport) -> None:
        # SQLite: one rebuild of the rollups, not a village's recount per linkage (rollup.py)
        with rollup.deferred(connection):
            insert_rows(Linkage, ["project", "household", "kind", "year", "amount", "note",
                                  "source_import", "source_row", "version"],
                        ((pid, hid, kind, y, v["amount"], v["note"], imp.pk, row, 1)
                         for row, (pid, hid, kind, y), v in self.creates))
        objs = []
        for row, link, v in self.updates:
            link.amount, link.note = v["amount"], v["note"]
            link.source_import, link.source_row, link.version = imp, row, link.version + 1
            objs.append(link)
        Linkage.objects.bulk_update(objs, ["amount", "note", "source_import", "source_row",
                                           "version"], batch_size=2000)


def linkages_import(*, actor=None, path: str | Path, dry_run: bool = False, strict: bool = False,
                    report_path: str | Path | None = None, original_name: str = "",
                    progress: Progress = None) -> IndustryImportResult:
    spec = LinkageImport(actor=actor, dry_run=dry_run, strict=strict, progress=progress)
    return run_import(spec, path=path, report_path=report_path, original_name=original_name)


# --- sales ----------------------------------------------------------------------------------------

SALE_KEY_FIELDS = ("date", "product", "township_id", "supplier_id", "buyer_id", "channel",
                   "quantity", "amount", "note")


class SaleImport(_IndustryImporter):
    columns, markers, limits = SALE_COLUMNS, ("销售日期", "产品", "采购单位"), SALE_LIMITS
    template = ImportTemplate(
        title=gettext_lazy("消费扶贫销售台账导入模板"),
        example={"date": "2019-06-18", "product": "马铃薯", "township": "洮阳镇",
                 "supplier": "临洮县某马铃薯专业合作社", "supplier_code": "",
                 "buyer": "仓山区某机关食堂", "buyer_code": "", "buyer_kind": "机关食堂",
                 "channel": "机关食堂·工会采购", "quantity": 500, "unit": "公斤", "amount": 1500,
                 "households": "6211240010010001、6211240010010002", "note": ""},
        notes={"supplier": gettext_lazy("须已在“企业与组织”中登记；按信用代码或完全相同的名称匹配"),
               "buyer": gettext_lazy("须已在“企业与组织”中登记；按信用代码或完全相同的名称匹配"),
               "amount": gettext_lazy("元，数字"), "households": gettext_lazy("带动贫困户的户编号，多个用“、”分隔")},
        text=("supplier_code", "buyer_code", "households"))
    kind = ImportKind.SALES

    def prepare(self) -> None:
        super().prepare()
        self.townships = TownshipLookup()

    def parse_row(self, row: Row) -> dict:
        return parse_sale_row(row.raw, row.error, self.today)

    def match(self, rows: list[Row]) -> None:
        result = self.result
        ok = [r for r in rows if r.ok]
        codes = {r.record[k] for r in ok for k in ("supplier_code", "buyer_code") if r.record[k]}
        names = {r.record[k] for r in ok for k in ("supplier", "buyer") if r.record[k]}
        orgs = OrganisationLookup(codes, names)
        by_number = households_by_number(n for r in ok for n in r.record["households"])
        prefixes = self.prefixes
        good = []
        for row in ok:
            v = row.record
            try:
                v["township_id"], tcode = self.townships.resolve(v["township"])
                if not _in_scope(prefixes, tcode):
                    raise cells.CellError(_("该乡镇不在您负责的区域内"))
            except cells.CellError as e:
                row.error("township", e.reason)
            v["supplier_id"] = None
            if v["supplier"] or v["supplier_code"]:
                try:
                    v["supplier_id"] = orgs.resolve(v["supplier_code"], v["supplier"])
                except cells.CellError as e:
                    row.error("supplier_code" if v["supplier_code"] else "supplier", e.reason)
            try:
                v["buyer_id"] = orgs.resolve(v["buyer_code"], v["buyer"])
            except cells.CellError as e:
                row.error("buyer_code" if v["buyer_code"] else "buyer", e.reason)
            hids = []
            for number in v["households"]:
                try:
                    hid, code = _one_household(by_number.get(number, []), number)
                except cells.CellError as e:
                    row.error("households", e.reason)
                    continue
                if not _in_scope(prefixes, code):
                    row.error("households", _("户 %(n)s 不在您负责的区域内") % {"n": number})
                    continue
                hids.append(hid)
            v["household_ids"] = hids
            if row.ok:
                good.append(row)
        # the ledger's rows already held (the same sheet imported again), within its dates
        existing: set[tuple] = set()
        if good:
            first = min(r.record["date"] for r in good)
            last = max(r.record["date"] for r in good)
            for t in Sale.objects.filter(date__range=(first, last)).values_list(
                    *SALE_KEY_FIELDS).iterator(chunk_size=20000):
                existing.add(t)
        seen: dict[tuple, int] = {}
        self.creates = []
        households = set()
        for row in good:
            v = row.record
            key = tuple(v[k] for k in SALE_KEY_FIELDS)
            earlier = seen.setdefault(key, row.row)
            if earlier != row.row:
                row.error("amount", _("与第 %(r)d 行完全相同；如确为两笔销售，请在备注中区分")
                          % {"r": earlier})
                continue
            if key in existing:
                result.unchanged += 1
                continue
            households.update(v["household_ids"])
            self.creates.append(row)
        result.created = len(self.creates)
        result.households_linked = len(households)

    def write(self, imp: IndustryImport) -> None:
        with rollup.deferred(connection):  # SQLite: one rebuild, not a trigger per row
            self._write(imp)

    def _write(self, imp: IndustryImport) -> None:
        names = ["date", "product", "township", "supplier", "buyer", "buyer_kind", "channel",
                 "quantity", "unit", "amount", "note", "source_import", "source_row", "version"]
        insert_rows(Sale, names, (
            (v["date"], v["product"], v["township_id"], v["supplier_id"], v["buyer_id"],
             v["buyer_kind"], v["channel"], v["quantity"], v["unit"], v["amount"], v["note"],
             imp.pk, r.row, 1)
            for r in self.creates for v in (r.record,)), batch=BATCH)
        if self.progress:
            self.progress(len(self.creates), len(self.creates), "")
        with_households = {r.row: r.record["household_ids"] for r in self.creates
                           if r.record["household_ids"]}
        if not with_households:
            return
        ids = dict(Sale.objects.filter(source_import=imp).values_list("source_row", "id"))
        insert_rows(SaleHousehold, ["sale", "household"],
                    ((ids[row], hid) for row, hids in with_households.items() for hid in hids),
                    batch=BATCH)


def sales_import(*, actor=None, path: str | Path, dry_run: bool = False, strict: bool = False,
                 report_path: str | Path | None = None, original_name: str = "",
                 progress: Progress = None) -> IndustryImportResult:
    spec = SaleImport(actor=actor, dry_run=dry_run, strict=strict, progress=progress)
    return run_import(spec, path=path, report_path=report_path, original_name=original_name)

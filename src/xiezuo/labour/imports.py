"""The labour survey and openings imports, by the roster import's rules (docs/labour.md).

Nothing is lost: every non-blank row is created, updated, unchanged or rejected, and every
rejection names the row (as Excel numbers it), the column (as the file spells it), the value and
the reason. `--strict` stores nothing if any row is rejected; `--dry-run` stores nothing; the
writes are one transaction. Both keep the file under DATA_DIR/uploads/labour with its summary.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import guard
from xiezuo.accounts.services import audit_record
from xiezuo.labour.access import EDITS_LABOUR
from xiezuo.labour.choices import Housing, ImportKind, OpeningStatus, Sector
from xiezuo.labour.models import LabourImport, LabourProfile, Opening, join
from xiezuo.orgs import creditcode as credit_code
from xiezuo.orgs.choices import OrgRole
from xiezuo.orgs.models import Organisation
from xiezuo.orgs.services import organisations_ensure
from xiezuo.regions.models import Area
from xiezuo.regions.scoping import scope_prefixes
from xiezuo.registry import idnumber
from xiezuo.registry.selectors import persons_by_id_number
from xiezuo.tabular import cells
from xiezuo.tabular.bulk import chunks, insert_rows
from xiezuo.tabular.columns import Col, header_key
from xiezuo.tabular.errors import FileRefused
from xiezuo.tabular.pipeline import Importer, Progress, Row, run_import
from xiezuo.tabular.result import ImportResult
from xiezuo.tabular.template import ImportTemplate

#: the labour imports' name for the shared refusal
TableFormatError = FileRefused

__all__ = ["LabourImportResult", "OpeningsImport", "SurveyImport", "TableFormatError",
           "openings_import", "survey_import"]

BATCH = 2000
TAG_SPLIT = re.compile(r"[、;；]+")
MAX_WAGE = Decimal("100000")

SURVEY_COLUMNS = (
    Col("证件号码", "id_number", required=True),
    Col("就业意愿", "willing", required=True),
    Col("可外出务工", "can_work_away"),
    Col("技能", "skills"),
    Col("证书", "certificates"),
    Col("期望月薪", "expected_wage"),
    Col("意向地区", "destinations"),
    Col("现工作单位", "current_employer"),
    Col("备注", "note"),
)
SURVEY_FIELDS = ("willing", "can_work_away", "skills", "certificates", "expected_wage",
                 "destinations", "current_employer", "note")

OPENING_COLUMNS = (
    Col("统一社会信用代码", "credit_code", required=True),
    Col("单位名称", "employer", required=True),
    Col("岗位名称", "title", required=True),
    Col("招聘人数", "positions", required=True),
    Col("月薪", "wage", required=True),
    Col("工作地点", "area", required=True),
    Col("技能要求", "skills"),
    Col("证书要求", "certificates"),
    Col("最低年龄", "min_age"),
    Col("最高年龄", "max_age"),
    Col("住宿", "housing"),
    Col("到岗日期", "start_date"),
    Col("状态", "status"),
    Col("行业", "sector"),
    Col("联系人", "contact_name"),
    Col("联系电话", "contact_phone"),
    Col("备注", "note"),
)
OPENING_FIELDS = ("positions", "wage", "skills", "certificates", "min_age", "max_age",
                  "housing", "start_date", "status", "note")
# Only the lengths the row rules do not check themselves (a control character anywhere rejects).
SURVEY_LIMITS: dict[str, int] = {}
OPENING_LIMITS = {"skills": 300, "certificates": 300}  # Opening.skills, Opening.certificates
HOUSING_WORDS = {"是": Housing.DORMITORY, "否": Housing.NONE, "提供": Housing.DORMITORY,
                 "不提供": Housing.NONE}


@dataclass(kw_only=True)
class LabourImportResult(ImportResult):
    kind: str
    created: int = 0
    updated: int = 0
    employers_created: int = 0

    def counts(self) -> dict[str, int]:
        noun = "profiles" if self.kind == ImportKind.SURVEY else "openings"
        return {f"{noun}_created": self.created, f"{noun}_updated": self.updated}

    def details(self) -> dict:
        return {"employers_created": self.employers_created} \
            if self.kind == ImportKind.OPENINGS else {}


# --- areas by name or code --------------------------------------------------------------------

class AreaLookup:
    """Area names and codes as a clerk writes them: 12-digit codes, short prefixes, or names."""

    SUFFIXES = ("市", "区", "县", "镇", "乡", "街道", "省", "村")

    def __init__(self) -> None:
        self.codes: set[str] = set()
        self.names: dict[str, list[str]] = {}
        for code, name in Area.objects.values_list("code", "name"):
            self.codes.add(code)
            self.names.setdefault(header_key(name), []).append(code)

    def resolve(self, value: str) -> str:
        """The area's 12-digit code, or CellError with the reason."""
        v = header_key(value)
        if v.isdigit():
            code = v.ljust(12, "0") if len(v) in (2, 4, 6, 9) else v
            if code in self.codes:
                return code
            raise cells.CellError(_("没有代码为 %(v)s 的地区") % {"v": value})
        found = self.names.get(v) or next(
            (self.names[v + s] for s in self.SUFFIXES if v + s in self.names), None)
        if not found:
            raise cells.CellError(_("没有名为“%(v)s”的地区") % {"v": value})
        if len(found) > 1:
            raise cells.CellError(_("“%(v)s”有 %(n)d 个同名地区（%(codes)s），请改填区划代码")
                                  % {"v": value, "n": len(found), "codes": "、".join(found)})
        return found[0]


def split_tags(value: object) -> list[str]:
    return sorted({t.strip() for t in TAG_SPLIT.split(cells.text(value)) if t.strip()})


# --- shared frame -----------------------------------------------------------------------------

class _LabourImporter(Importer):
    """What both labour imports share: the permission, the kept file's folder, the import row."""

    csv_delimiters = ",\t"  # no ";" for the CSV sniffer: tag lists are separated by it
    folder = "labour"

    def new_result(self, *, dry_run: bool, strict: bool) -> LabourImportResult:
        return LabourImportResult(kind=self.kind, dry_run=dry_run, strict=strict)

    def check(self, actor) -> None:
        guard(actor, EDITS_LABOUR, message=_("您没有导入劳务数据的权限"))

    def prepare(self) -> None:
        self.areas = AreaLookup()

    def import_record(self, *, kept: str, sha: str, original_name: str) -> LabourImport:
        return LabourImport.objects.create(kind=self.kind, file=kept, sha256=sha, by=self.actor,
                                           original_name=original_name)

    def audit(self, imp, summary: dict, original_name: str) -> None:
        keys = [k for k in summary if k.endswith(("_created", "_updated"))]
        audit_record(actor=self.actor, action=AuditAction.IMPORT, obj=imp,
                     new={k: summary[k] for k in ("rows", *keys, "unchanged", "rejected")},
                     note=_("导入%(kind)s %(f)s") % {"kind": ImportKind(self.kind).label,
                                                  "f": original_name})


# --- the labour survey ------------------------------------------------------------------------

def _parse_survey_row(raw: dict, err, areas: AreaLookup,
                      today: datetime.date) -> tuple[str | None, dict]:
    values: dict = {}
    number = None
    reason = cells.numeric_code_error(raw.get("id_number"))
    if reason:
        err("id_number", reason)
    else:
        try:
            number = idnumber.parse(cells.text(raw.get("id_number")), today=today).number
        except idnumber.IdNumberError as e:
            err("id_number", e.reason)
    for key in ("willing", "can_work_away"):
        if key not in raw:
            continue
        try:
            v = cells.parse_yesno(raw[key])
        except cells.CellError as e:
            err(key, e.reason)
            continue
        if v is None and key == "willing":
            err(key, _("此列不能为空"))
        values[key] = bool(v)
    for key in ("skills", "certificates"):
        if key in raw:
            tags = split_tags(raw[key])
            if len(join(tags)) > 300:
                err(key, _("内容过长（最多 300 个字符）"))
            values[key] = join(tags)
    if "expected_wage" in raw:
        try:
            w = cells.parse_decimal(raw["expected_wage"])
            if w is not None and w > MAX_WAGE:
                raise cells.CellError(_("月薪超过 %(m)s 元，请核对") % {"m": MAX_WAGE})
            values["expected_wage"] = w
        except cells.CellError as e:
            err("expected_wage", e.reason)
    if "destinations" in raw:
        codes = []
        for part in split_tags(raw["destinations"]):
            try:
                codes.append(areas.resolve(part))
            except cells.CellError as e:
                err("destinations", e.reason)
        values["destinations"] = join(codes)
    for key, limit in (("current_employer", 200), ("note", 500)):
        if key in raw:
            t = cells.text(raw[key])
            if len(t) > limit:
                err(key, _("内容过长（最多 %(n)d 个字符）") % {"n": limit})
            values[key] = t
    return number, values


class SurveyImport(_LabourImporter):
    """The labour survey: one profile per registered person, found by the ID's hash."""

    columns, markers, limits = SURVEY_COLUMNS, ("证件号码", "就业意愿"), SURVEY_LIMITS
    kind = ImportKind.SURVEY
    template = ImportTemplate(
        title=gettext_lazy("劳动力调查导入模板"),
        example={"id_number": "621124198503120020", "willing": "是", "can_work_away": "是",
                 "skills": "电工、焊工", "certificates": "电工证", "expected_wage": 4000,
                 "destinations": "仓山区", "current_employer": "", "note": ""},
        notes={"id_number": gettext_lazy("建档立卡人员的 18 位证件号码（请设为文本格式）；须已在花名册中"),
               "willing": gettext_lazy("是 或 否"), "can_work_away": gettext_lazy("是 或 否"),
               "skills": gettext_lazy("多项用“、”“;”或“；”分隔"),
               "certificates": gettext_lazy("多项用“、”分隔，写法与岗位的证书要求一致（如 电工证）"),
               "expected_wage": gettext_lazy("元/月，数字"),
               "destinations": gettext_lazy("地名（如 仓山区）或区划代码，多项用“、”分隔")})

    def prepare(self) -> None:
        super().prepare()
        self.today = timezone.localdate()

    def parse_row(self, row: Row) -> tuple[str | None, dict]:
        """(the ID number or None, the profile's values)."""
        return _parse_survey_row(row.raw, row.error, self.areas, self.today)

    def match(self, rows: list[Row]) -> None:
        result = self.result
        first_seen: dict[str, int] = {}
        for row in rows:
            number = row.record[0]
            if number is not None:
                earlier = first_seen.setdefault(number, row.row)
                if earlier != row.row:
                    row.error("id_number", _("证件号码与第 %(row)d 行重复") % {"row": earlier})
        good = [r for r in rows if r.ok and r.record[0] is not None]
        people = persons_by_id_number({r.record[0] for r in good})
        existing = {}
        for chunk in chunks([pid for pid, _c in people.values()]):
            for p in LabourProfile.objects.filter(person_id__in=chunk):
                existing[p.person_id] = p
        prefixes = scope_prefixes(self.actor) if self.actor is not None else None
        self.creates: list[tuple[int, int, dict]] = []  # row, person id, values
        self.updates: list[tuple[int, LabourProfile, dict]] = []
        for row in good:
            number, values = row.record
            found = people.get(number)
            if found is None:
                row.error("id_number", _("该证件号码不在建档立卡人员中，请先导入花名册"))
                continue
            pid, code = found
            if prefixes is not None and not any(code.startswith(p) for p in prefixes):
                row.error("id_number", _("该人员不在您负责的区域内"))
                continue
            current = existing.get(pid)
            if current is None:
                self.creates.append((row.row, pid, values))
                continue
            changes = {k: v for k, v in values.items() if getattr(current, k) != v}
            if changes:
                self.updates.append((row.row, current, changes))
            else:
                result.unchanged += 1
        result.created, result.updated = len(self.creates), len(self.updates)

    def write(self, imp: LabourImport) -> None:
        creates, updates, today = self.creates, self.updates, self.today
        # New profiles: one prepared INSERT over plain tuples (bulk_create spends most of its
        # time compiling statements); the defaults fill the columns a file did not have.
        defaults = {f: LabourProfile._meta.get_field(f).get_default() for f in SURVEY_FIELDS}
        names = ["person", "source_import", "source_row", "surveyed_on", "version",
                 *SURVEY_FIELDS]
        insert_rows(LabourProfile, names, (
            (pid, imp.pk, row, today, 1, *[values.get(f, defaults[f]) for f in SURVEY_FIELDS])
            for row, pid, values in creates))
        if self.progress:
            self.progress(len(creates), len(creates) + len(updates), "")
        now = timezone.now()
        for batch in chunks(updates, BATCH):
            names = {"source_import", "source_row", "surveyed_on", "updated_at", "version"}
            objs = []
            for row, p, changes in batch:
                for k, v in changes.items():
                    setattr(p, k, v)
                p.source_import, p.source_row, p.surveyed_on = imp, row, today
                p.updated_at, p.version = now, p.version + 1
                names |= set(changes)
                objs.append(p)
            LabourProfile.objects.bulk_update(objs, sorted(names))


def survey_import(*, actor=None, path: str | Path, dry_run: bool = False, strict: bool = False,
                  report_path: str | Path | None = None, original_name: str = "",
                  progress: Progress = None) -> LabourImportResult:
    """Import a labour survey (SurveyImport on the shared pipeline)."""
    spec = SurveyImport(actor=actor, dry_run=dry_run, strict=strict, progress=progress)
    return run_import(spec, path=path, report_path=report_path, original_name=original_name)


# --- openings ---------------------------------------------------------------------------------

_STATUS_WORDS = {header_key(str(label)): value for value, label in OpeningStatus.choices}
_HOUSING_WORDS = {header_key(str(label)): value for value, label in Housing.choices}
_HOUSING_WORDS.update({header_key(k): v for k, v in HOUSING_WORDS.items()})
_SECTOR_WORDS = {header_key(str(label)): value for value, label in Sector.choices}


def _word(raw, table: dict, default: str, allowed) -> str:
    t = cells.text(raw)
    if not t:
        return default
    v = table.get(header_key(t)) or (t if t in allowed else None)
    if v is None:
        raise cells.CellError(_("“%(v)s”不是允许的值；允许的值：%(allowed)s")
                              % {"v": t, "allowed": "、".join(str(x) for x in table)})
    return v


def _parse_opening_row(raw: dict, err, areas: AreaLookup) -> dict:
    v: dict = {}
    try:
        v["credit_code"] = credit_code.parse(cells.text(raw.get("credit_code")))
    except credit_code.CreditCodeError as e:
        err("credit_code", e.reason)
    for key, limit in (("employer", 200), ("title", 100)):
        t = cells.text(raw.get(key))
        if not t:
            err(key, _("此列不能为空"))
        elif len(t) > limit:
            err(key, _("内容过长（最多 %(n)d 个字符）") % {"n": limit})
        v[key] = t
    try:
        n = cells.parse_int(raw.get("positions"), _IntCol(1, 100000))
        if n is None:
            raise cells.CellError(_("此列不能为空"))
        v["positions"] = n
    except cells.CellError as e:
        err("positions", e.reason)
    try:
        w = cells.parse_decimal(raw.get("wage"))
        if w is None:
            raise cells.CellError(_("此列不能为空"))
        if w > MAX_WAGE:
            raise cells.CellError(_("月薪超过 %(m)s 元，请核对") % {"m": MAX_WAGE})
        v["wage"] = w
    except cells.CellError as e:
        err("wage", e.reason)
    place = cells.text(raw.get("area"))
    if not place:
        err("area", _("此列不能为空"))
    else:
        try:
            v["area"] = areas.resolve(place)
        except cells.CellError as e:
            err("area", e.reason)
    v["skills"] = join(split_tags(raw.get("skills")))
    v["certificates"] = join(split_tags(raw.get("certificates")))
    for key, default in (("min_age", 16), ("max_age", 60)):
        try:
            n = cells.parse_int(raw.get(key), _IntCol(16, 99))
            v[key] = default if n is None else n
        except cells.CellError as e:
            err(key, e.reason)
    if "min_age" in v and "max_age" in v and v["max_age"] < v["min_age"]:
        err("max_age", _("最高年龄不能小于最低年龄 %(n)d") % {"n": v["min_age"]})
    for key, table, default, allowed in (
            ("housing", _HOUSING_WORDS, Housing.NONE, Housing.values),
            ("status", _STATUS_WORDS, OpeningStatus.OPEN, OpeningStatus.values),
            ("sector", _SECTOR_WORDS, Sector.OTHER, Sector.values)):
        try:
            v[key] = _word(raw.get(key), table, default, allowed)
        except cells.CellError as e:
            err(key, e.reason)
    try:  # a start date may lie ahead: openings are announced before they start
        v["start_date"] = cells.parse_date(raw.get("start_date"),
                                           today=datetime.date(9999, 12, 31))
    except cells.CellError as e:
        err("start_date", e.reason)
    for key, limit in (("contact_name", 64), ("contact_phone", 32), ("note", 500)):
        t = cells.text(raw.get(key))
        if len(t) > limit:
            err(key, _("内容过长（最多 %(n)d 个字符）") % {"n": limit})
        v[key] = t
    return v


@dataclass(frozen=True)
class _IntCol:
    """The bounds cells.parse_int reads from a roster column."""

    low: int
    high: int


class OpeningsImport(_LabourImporter):
    """Openings; an employer not yet known is created from its row. Openings are keyed by
    employer (credit code), title and place of work, so importing the same file again changes
    nothing."""

    columns, markers, limits = OPENING_COLUMNS, ("统一社会信用代码", "岗位名称"), OPENING_LIMITS
    template = ImportTemplate(
        title=gettext_lazy("招聘岗位导入模板"),
        example={"credit_code": "91350104MA2Y000109", "employer": "福州某电子有限公司",
                 "title": "装配工", "positions": 20, "wage": 4500, "area": "仓山区",
                 "skills": "装配", "certificates": "", "min_age": 18, "max_age": 45,
                 "housing": "提供宿舍", "start_date": "2019-03-01", "status": "招聘中",
                 "sector": "", "contact_name": "王经理", "contact_phone": "0591-88888888",
                 "note": ""},
        notes={"credit_code": gettext_lazy("用工单位的 18 位统一社会信用代码；未登记的单位按此新建"),
               "positions": gettext_lazy("整数"), "wage": gettext_lazy("元/月，数字"),
               "area": gettext_lazy("地名（如 仓山区）或区划代码"),
               "min_age": gettext_lazy("16–99，空白为 16"), "max_age": gettext_lazy("16–99，空白为 60"),
               "housing": gettext_lazy("不提供、提供宿舍 或 住房补贴"),
               "start_date": gettext_lazy("日期，如 2019-03-01"), "status": gettext_lazy("招聘中、已招满 或 已关闭"),
               "sector": gettext_lazy("行业，按“企业与组织”的行业名称；空白为其他")})
    kind = ImportKind.OPENINGS

    def parse_row(self, row: Row) -> dict:
        return _parse_opening_row(row.raw, row.error, self.areas)

    def match(self, rows: list[Row]) -> None:
        result = self.result
        # every organisation of the register with a code: a buyer's code gets the employer role
        employers = {e.credit_code: e for e in Organisation.objects.exclude(credit_code="")}
        self.employers, self.area_ids = employers, dict(Area.objects.values_list("code", "id"))
        seen_keys: dict[tuple, int] = {}
        new_employers: dict[str, dict] = {}  # code -> fields (first row wins)
        good: list[tuple[int, dict]] = []
        for row in rows:
            v = row.record
            code = v.get("credit_code")
            if code and v.get("employer"):
                known = employers.get(code)
                name = known.name if known else new_employers.get(code, {}).get("name")
                if name and header_key(name) != header_key(v["employer"]):
                    row.error("employer", _("统一社会信用代码 %(c)s 已登记为“%(n)s”")
                              % {"c": code, "n": name})
            if row.ok:
                key = (code, v["title"], v["area"])
                earlier = seen_keys.setdefault(key, row.row)
                if earlier != row.row:
                    row.error("title", _("同一单位、岗位和工作地点与第 %(row)d 行重复")
                              % {"row": earlier})
            if not row.ok:
                continue
            if code not in employers and code not in new_employers:
                new_employers[code] = {"name": v["employer"], "area": v["area"],
                                       "sector": v["sector"], "contact_name": v["contact_name"],
                                       "contact_phone": v["contact_phone"], "row": row.row}
            good.append((row.row, v))
        existing = {}
        for chunk in chunks([e.pk for e in employers.values()]):
            for o in (Opening.objects.filter(employer_id__in=chunk)
                      .select_related("employer", "area")):
                existing[(o.employer.credit_code, o.title, o.area.code)] = o
        self.creates, self.updates, self.new_employers = [], [], new_employers
        for row_no, v in good:
            wanted = {k: v[k] for k in OPENING_FIELDS}
            current = existing.get((v["credit_code"], v["title"], v["area"]))
            if current is None:
                self.creates.append((row_no, v, wanted))
            else:
                changes = {k: x for k, x in wanted.items() if getattr(current, k) != x}
                if changes:
                    self.updates.append((row_no, current, changes))
                else:
                    result.unchanged += 1
        result.created, result.updated = len(self.creates), len(self.updates)
        result.employers_created = len(new_employers)

    def write(self, imp: LabourImport) -> None:
        area_ids = self.area_ids
        used = {v["credit_code"] for _row, v, _w in self.creates}
        ids = organisations_ensure(actor=self.actor, role=OrgRole.EMPLOYER, records={
            code: {"name": f["name"], "area_id": area_ids[f["area"]], "sector": f["sector"],
                   "contact_name": f["contact_name"], "contact_phone": f["contact_phone"]}
            for code, f in self.new_employers.items()} | {
            code: {} for code in used if code in self.employers})
        Opening.objects.bulk_create([
            Opening(employer_id=ids[v["credit_code"]], title=v["title"],
                    area_id=area_ids[v["area"]], source_import=imp, source_row=row, **wanted)
            for row, v, wanted in self.creates], batch_size=BATCH)
        # the version moves too, so a web form opened before the import cannot overwrite it
        names = {"source_import", "source_row", "version"}
        objs = []
        for row, o, changes in self.updates:
            for k, x in changes.items():
                setattr(o, k, x)
            o.source_import, o.source_row, o.version = imp, row, o.version + 1
            names |= set(changes)
            objs.append(o)
        Opening.objects.bulk_update(objs, sorted(names), batch_size=BATCH)


def openings_import(*, actor=None, path: str | Path, dry_run: bool = False,
                    strict: bool = False, report_path: str | Path | None = None,
                    original_name: str = "", progress: Progress = None) -> LabourImportResult:
    """Import openings (OpeningsImport on the shared pipeline)."""
    spec = OpeningsImport(actor=actor, dry_run=dry_run, strict=strict, progress=progress)
    return run_import(spec, path=path, report_path=report_path, original_name=original_name)

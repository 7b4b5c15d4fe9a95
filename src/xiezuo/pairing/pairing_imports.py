"""The pairings and their activities from spreadsheets (镇村结对、村企结对、结对帮扶活动), on the
shared pipeline (xiezuo.tabular.pipeline) by the roster import's rules, beside the donation
ledger (pairing/imports.py).

- Town pairings: one row a Cangshan town (street) ↔ Lintao township from a date;
- enterprise pairings: one row a registered enterprise ↔ a village of the western county;
- activities: one row what a pairing did on a day; the pairing is named by its two ends (the
  eastern town and the township, or the enterprise and the village) and must be in force on
  that day.

What a file names must exist: an unknown town, township, village or enterprise, or a pairing
not recorded, rejects the row with what to do (核对名称，或先在区划/单位名录中登记; 请先登记结对),
never a new record made up by the import. The rules are the forms' (services.pairings: the
ends' sides and levels, dates in order, no second pairing of the same two ends over the same
days, an activity's values and its date within the pairing), checked before anything is
written and applied again by the services that write each record (one transaction, audited per
record and as one import). Once each: the same pairing (ends and start date) or the same
activity (pairing, date, type, money, goods value, content) already recorded is `unchanged`; the
same row twice in a file rejects the second, naming the first.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import guard, within_scope
from xiezuo.accounts.services import audit_record
from xiezuo.orgs.models import Organisation
from xiezuo.pairing import services
from xiezuo.pairing.access import EDITS_PAIRING
from xiezuo.pairing.choices import ActivityKind, EnterpriseForm
from xiezuo.pairing.imports import PlaceLookup, _word
from xiezuo.pairing.models import EnterprisePairing, PairingActivity, TownPairing
from xiezuo.pairing.services.pairings import _activity_values, _check_overlap, _check_town_ends
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area, Partnership
from xiezuo.tabular import cells
from xiezuo.tabular.columns import Col, header_key
from xiezuo.tabular.errors import FileRefused
from xiezuo.tabular.pipeline import Importer, Progress, Row, run_import
from xiezuo.tabular.result import ImportResult
from xiezuo.tabular.template import ImportTemplate

__all__ = ["ActivityImport", "EnterprisePairingImport", "TownPairingImport",
           "activities_import", "enterprise_pairings_import", "town_pairings_import"]

FORM_WORDS = {str(c.label): c.value for c in EnterpriseForm} | {
    "一企一村": EnterpriseForm.ONE, "多企一村": EnterpriseForm.MANY}
ACTIVITY_WORDS = {str(c.label): c.value for c in ActivityKind} | {
    "慰问": ActivityKind.VISIT, "调研": ActivityKind.VISIT, "考察": ActivityKind.VISIT,
    "捐赠资金": ActivityKind.MONEY, "捐赠物资": ActivityKind.GOODS, "项目启动": ActivityKind.PROJECT}


@dataclass(kw_only=True)
class PairingImportResult(ImportResult):
    created: int = 0
    what: str = "pairings"  # the count's name in the summary

    def counts(self) -> dict[str, int]:
        return {f"{self.what}_created": self.created}


class _EndsLookup:
    """The names a pairing file uses: the western county's townships and villages
    (PlaceLookup), the eastern county's towns and streets, registered organisations."""

    def __init__(self, west: Area) -> None:
        self.places = PlaceLookup(west)
        pair = Partnership.objects.filter(west=west).select_related("east").first()
        self.east_towns: dict[str, Area] = {}
        if pair is not None:
            for a in Area.objects.filter(code__startswith=pair.east.prefix, level=Level.TOWNSHIP):
                for k in {a.name, a.name.removesuffix("镇"), a.name.removesuffix("街道"), a.code}:
                    self.east_towns[header_key(k)] = a
        self.east_name = pair.east.name if pair is not None else ""

    def east_town(self, name: str, r: Row, key: str) -> Area | None:
        a = self.east_towns.get(header_key(name))
        if a is None:
            r.error(key, _("%(c)s没有名为“%(v)s”的镇或街道；请核对名称，或先在区划中登记")
                    % {"c": self.east_name, "v": name})
        return a

    def township(self, name: str, r: Row, key: str) -> Area | None:
        a = self.places.townships.get(header_key(name))
        if a is None:
            r.error(key, _("%(c)s没有名为“%(v)s”的乡镇；请核对名称，或先在区划中登记")
                    % {"c": self.places.county.name, "v": name})
        return a

    def village(self, township: str, village: str, r: Row) -> Area | None:
        errors: list[tuple[str, str]] = []
        a = self.places.place(township, village, lambda k, m: errors.append((k, m)))
        if a is not None and a.level != Level.VILLAGE:
            errors.append(("village", _("请填写结对村")))
        for k, m in errors:
            r.error(k, m)
        return None if errors else a


def _organisations(names: set[str], codes: set[str]) -> tuple[dict, dict]:
    by_name: dict[str, list[Organisation]] = {}
    by_code: dict[str, Organisation] = {}
    for o in Organisation.objects.filter(name__in=sorted(names)).select_related("area"):
        by_name.setdefault(header_key(o.name), []).append(o)
    for o in Organisation.objects.filter(credit_code__in=sorted(codes)).select_related("area"):
        by_code[o.credit_code.upper()] = o
    return by_name, by_code


def _enterprise(r: Row, name: str, code: str, by_name, by_code) -> Organisation | None:
    """The registered enterprise a row names (credit code first), or None with the error."""
    if code:
        o = by_code.get(code.upper())
        if o is None:
            r.error("enterprise_code", _("没有信用代码为 %(v)s 的已登记单位；请先在单位名录中登记")
                    % {"v": code})
        elif name and header_key(name) != header_key(o.name):
            r.error("enterprise", _("与信用代码所登记的单位“%(n)s”不一致") % {"n": o.name})
            return None
        return o
    found = by_name.get(header_key(name), [])
    if not found:
        r.error("enterprise", _("“%(v)s”不是已登记的单位；请先在单位名录中登记") % {"v": name})
        return None
    if len(found) > 1:
        r.error("enterprise", _("有 %(n)d 个单位名为“%(v)s”，请填写企业信用代码")
                % {"n": len(found), "v": name})
        return None
    return found[0]


def _date(r: Row, key: str, today: datetime.date, *, required: bool) -> datetime.date | None:
    try:
        d = cells.parse_date(r.raw.get(key), today=today)
    except cells.CellError as e:
        r.error(key, e.reason)
        return None
    if d is None and required:
        r.error(key, _("此列不能为空"))
    return d


def _money(r: Row, key: str) -> Decimal:
    try:
        v = cells.parse_decimal(r.raw.get(key))
    except cells.CellError as e:
        r.error(key, e.reason)
        return Decimal(0)
    if v is not None and v < 0:
        r.error(key, _("不能为负数"))
    return (v or Decimal(0)).quantize(Decimal("0.01"))


def _count(r: Row, key: str) -> int:
    t = cells.text(r.raw.get(key))
    if not t:
        return 0
    try:
        f = float(t)
    except ValueError:
        f = -1.0
    if f < 0 or not f.is_integer():
        r.error(key, _("“%(v)s”不是整数") % {"v": t})
        return 0
    return int(f)


def _within(actor, *ends: Area | None) -> bool:
    return actor is None or any(within_scope(actor, a.code) for a in ends if a is not None)


def _messages(e: ValidationError) -> list[tuple[str, str]]:
    if hasattr(e, "error_dict"):
        return [(k, str(m)) for k, ms in e.message_dict.items() for m in ms]
    return [("", str(m)) for m in e.messages]


class _PairingImporter(Importer):
    """What the three share: the county, the scope check, the audit of the import."""

    folder = "pairing"
    county_code: str | None = None
    what = ""  # the summary's count: <what>_created
    audit_type = ""
    audit_note = ""
    fields: dict[str, str] = {}  # a service's error key -> the column key it points to

    def new_result(self, *, dry_run: bool, strict: bool) -> PairingImportResult:
        return PairingImportResult(dry_run=dry_run, strict=strict, what=self.what)

    def check(self, actor) -> None:
        guard(actor, EDITS_PAIRING, message=_("您没有导入结对帮扶数据的权限"))

    def prepare(self) -> None:
        from xiezuo.regions.selectors import import_county

        self.today = timezone.localdate()
        county = import_county(self.actor, county_code=self.county_code)
        if county is None:
            raise FileRefused(_("尚未载入协作关系和区划，请先运行 xiezuo init"))
        self.county = county
        self.ends = _EndsLookup(county)

    def parse_row(self, row: Row) -> Row:
        return row  # the rows name records: read in match, with the lookups

    def refuse(self, r: Row, e: ValidationError) -> None:
        for k, m in _messages(e):
            r.error(self.fields.get(k, k) if k else None, m)

    def write(self, imp) -> None:
        made = [self.create(**kw) for _row, kw in self.new]
        if self.progress:
            self.progress(len(made), len(made), "")

    def import_record(self, *, kept: str, sha: str, original_name: str):
        return None  # the summary is kept beside the file and in the audit log

    def audit(self, imp, summary: dict, original_name: str) -> None:
        keys = ("rows", f"{self.what}_created", "unchanged", "rejected")
        audit_record(actor=self.actor, action=AuditAction.IMPORT, object_type=self.audit_type,
                     object_id="", object_repr=original_name[:200], area_code=self.county.code,
                     new={k: summary.get(k) for k in keys} | {"file": self.kept,
                                                              "sha256": self.sha256},
                     note=self.audit_note % {"f": original_name})


class TownPairingImport(_PairingImporter):
    columns = (
        Col("东部镇（街道）", "east_town", required=True), Col("仓山区镇（街道）", "east_town"),
        Col("临洮乡镇", "township", required=True), Col("结对乡镇", "township"),
        Col("结对日期", "started_on", required=True), Col("开始日期", "started_on"),
        Col("结束日期", "ended_on"), Col("协议编号", "agreement_no"),
        Col("协议签订日期", "agreement_signed_on"), Col("备注", "note"),
    )
    markers = ("结对日期",)
    limits = {"agreement_no": 100, "note": 500}
    kind, what = "town-pairings", "pairings"
    audit_type, audit_note = "pairing.townpairing", gettext_lazy("导入镇村结对 %(f)s")
    fields = {"east_town": "east_town", "west_township": "township", "started_on": "started_on",
              "ended_on": "ended_on"}
    template = ImportTemplate(
        title=gettext_lazy("镇村结对导入模板"),
        example={"east_town": "仓山镇", "township": "洮阳镇", "started_on": "2018-03-01",
                 "agreement_no": "CX-2018-01", "agreement_signed_on": "2018-03-01"},
        notes={"east_town": gettext_lazy("仓山区的镇或街道名称"),
               "township": gettext_lazy("临洮县的乡镇名称"),
               "started_on": gettext_lazy("日期，如 2018-03-01"),
               "ended_on": gettext_lazy("空白：结对仍在继续")},
        text=("agreement_no",))

    def match(self, rows: list[Row]) -> None:
        known = set(TownPairing.objects.values_list("east_town_id", "west_township_id",
                                                    "started_on"))
        self.new, seen, self.file_spans = [], {}, {}
        for r in (r for r in rows if r.ok):
            east = self.ends.east_town(cells.text(r.raw.get("east_town")), r, "east_town")
            west = self.ends.township(cells.text(r.raw.get("township")), r, "township")
            started = _date(r, "started_on", self.today, required=True)
            ended = _date(r, "ended_on", self.today, required=False)
            signed = _date(r, "agreement_signed_on", self.today, required=False)
            if not r.ok:
                continue
            if not _within(self.actor, east, west):
                r.error("township", _("%(a)s 不在您负责的区域内") % {"a": west.name})
                continue
            key = (east.pk, west.pk, started)
            if key in seen:
                r.error("started_on", _("与第 %(row)d 行是同一个结对") % {"row": seen[key]})
                continue
            seen[key] = r.row
            if key in known:
                self.result.unchanged += 1
                continue
            try:
                if ended is not None and ended < started:
                    raise ValidationError({"ended_on": _("结束日期不能早于结对日期")})
                _check_town_ends(east, west)
                _check_overlap(TownPairing.objects.filter(east_town=east, west_township=west),
                               started, ended, _("这两个乡镇在该期间已有结对"))
                self._overlap_in_file(r, (east.pk, west.pk), started, ended)
            except ValidationError as e:
                self.refuse(r, e)
                continue
            self.new.append((r.row, {
                "east_town": east, "west_township": west, "started_on": started,
                "ended_on": ended, "agreement_no": cells.text(r.raw.get("agreement_no")),
                "agreement_signed_on": signed, "note": cells.text(r.raw.get("note"))}))
        self.result.created = len(self.new)

    def _overlap_in_file(self, r: Row, ends, started, ended) -> None:
        """Two rows of one file pairing the same ends over overlapping days: the second is
        refused (the service would refuse it once the first is written)."""
        spans = self.file_spans
        far = datetime.date.max
        for row, s, e in spans.get(ends, []):
            if started <= (e or far) and s <= (ended or far):
                raise ValidationError({"started_on": _(
                    "与第 %(row)d 行的结对期间重叠") % {"row": row}})
        spans.setdefault(ends, []).append((r.row, started, ended))

    def create(self, **kw):
        return services.town_pairing_create(actor=self.actor, **kw)


class EnterprisePairingImport(TownPairingImport):
    columns = (
        Col("企业", "enterprise"), Col("企业名称", "enterprise"),
        Col("企业信用代码", "enterprise_code"),
        Col("结对乡镇", "township"), Col("临洮乡镇", "township"),
        Col("结对村", "village", required=True),
        Col("结对形式", "form"),
        Col("结对日期", "started_on", required=True), Col("开始日期", "started_on"),
        Col("结束日期", "ended_on"), Col("协议编号", "agreement_no"), Col("备注", "note"),
    )
    markers = ("结对村", "结对日期")
    limits = {"agreement_no": 100, "note": 500, "enterprise": 200}
    kind, what = "enterprise-pairings", "pairings"
    audit_type, audit_note = "pairing.enterprisepairing", gettext_lazy("导入村企结对 %(f)s")
    fields = {"village": "village", "started_on": "started_on", "ended_on": "ended_on"}
    template = ImportTemplate(
        title=gettext_lazy("村企结对导入模板"),
        example={"enterprise": "福州示例食品有限公司", "township": "洮阳镇", "village": "示例村",
                 "form": "一企帮一村", "started_on": "2018-03-01"},
        notes={"enterprise": gettext_lazy("已登记的企业名称；与“企业信用代码”至少填一项"),
               "township": gettext_lazy("结对村所在乡镇；村名在县内重复时必填"),
               "village": gettext_lazy("临洮县的村名称"),
               "form": gettext_lazy("一企帮一村 或 多企帮一村，空白为一企帮一村"),
               "started_on": gettext_lazy("日期，如 2018-03-01"),
               "ended_on": gettext_lazy("空白：结对仍在继续")},
        text=("enterprise_code", "agreement_no"))

    def match(self, rows: list[Row]) -> None:
        good = [r for r in rows if r.ok]
        by_name, by_code = _organisations(
            {cells.text(r.raw.get("enterprise")) for r in good} - {""},
            {cells.text(r.raw.get("enterprise_code")).upper() for r in good} - {""})
        known = set(EnterprisePairing.objects.values_list("enterprise_id", "village_id",
                                                          "started_on"))
        self.new, seen, self.file_spans = [], {}, {}
        for r in good:
            name, code = (cells.text(r.raw.get("enterprise")),
                          cells.text(r.raw.get("enterprise_code")))
            if not (name or code):
                r.error("enterprise", _("请填写企业名称或企业信用代码"))
                continue
            enterprise = _enterprise(r, name, code, by_name, by_code)
            village = self.ends.village(cells.text(r.raw.get("township")),
                                        cells.text(r.raw.get("village")), r)
            form = _word(r.raw, "form", FORM_WORDS, r.error,
                         allowed="一企帮一村、多企帮一村") or EnterpriseForm.ONE
            started = _date(r, "started_on", self.today, required=True)
            ended = _date(r, "ended_on", self.today, required=False)
            if not r.ok:
                continue
            if not _within(self.actor, enterprise.area, village):
                r.error("village", _("%(a)s 不在您负责的区域内") % {"a": village.name})
                continue
            key = (enterprise.pk, village.pk, started)
            if key in seen:
                r.error("started_on", _("与第 %(row)d 行是同一个结对") % {"row": seen[key]})
                continue
            seen[key] = r.row
            if key in known:
                self.result.unchanged += 1
                continue
            try:
                if ended is not None and ended < started:
                    raise ValidationError({"ended_on": _("结束日期不能早于结对日期")})
                _check_overlap(EnterprisePairing.objects.filter(enterprise=enterprise,
                                                                village=village),
                               started, ended, _("该企业与该村在该期间已有结对"))
                self._overlap_in_file(r, (enterprise.pk, village.pk), started, ended)
            except ValidationError as e:
                self.refuse(r, e)
                continue
            self.new.append((r.row, {
                "enterprise": enterprise, "village": village, "form": form,
                "started_on": started, "ended_on": ended,
                "agreement_no": cells.text(r.raw.get("agreement_no")),
                "note": cells.text(r.raw.get("note"))}))
        self.result.created = len(self.new)

    def create(self, **kw):
        return services.enterprise_pairing_create(actor=self.actor, **kw)


class ActivityImport(_PairingImporter):
    columns = (
        Col("活动日期", "date", required=True), Col("日期", "date"),
        Col("活动类型", "kind", required=True),
        Col("东部镇（街道）", "east_town"), Col("仓山区镇（街道）", "east_town"),
        Col("临洮乡镇", "township"), Col("结对乡镇", "township"),
        Col("企业", "enterprise"), Col("企业名称", "enterprise"),
        Col("企业信用代码", "enterprise_code"), Col("结对村", "village"),
        Col("捐款（元）", "money"), Col("捐赠物资", "goods"), Col("物资折价（元）", "goods_value"),
        Col("启动项目数", "projects_started"), Col("参加人数", "participants"),
        Col("内容", "description"), Col("活动内容", "description"),
    )
    markers = ("活动日期", "活动类型")
    limits = {"goods": 300, "description": 500, "enterprise": 200}
    kind, what = "pairing-activities", "activities"
    audit_type, audit_note = "pairing.pairingactivity", gettext_lazy("导入结对帮扶活动 %(f)s")
    fields = {"money": "money", "goods_value": "goods_value",
              "projects_started": "projects_started", "date": "date"}
    template = ImportTemplate(
        title=gettext_lazy("结对帮扶活动导入模板"),
        example={"date": "2019-05-10", "kind": "捐款", "east_town": "仓山镇",
                 "township": "洮阳镇", "money": 50000, "participants": 6,
                 "description": "走访慰问并捐赠助学资金"},
        notes={"date": gettext_lazy("日期，须在结对期间内"),
               "kind": gettext_lazy("走访、捐款、捐物、项目、其他"),
               "east_town": gettext_lazy("镇村结对：填东部镇（街道）和临洮乡镇"),
               "enterprise": gettext_lazy("村企结对：填企业（或企业信用代码）和结对村"),
               "village": gettext_lazy("村企结对的村；村名在县内重复时同时填临洮乡镇"),
               "money": gettext_lazy("捐款活动必填"),
               "goods_value": gettext_lazy("捐物活动必填，并填写捐赠物资"),
               "projects_started": gettext_lazy("项目活动必填")},
        text=("enterprise_code",))

    def match(self, rows: list[Row]) -> None:
        good = [r for r in rows if r.ok]
        by_name, by_code = _organisations(
            {cells.text(r.raw.get("enterprise")) for r in good} - {""},
            {cells.text(r.raw.get("enterprise_code")).upper() for r in good} - {""})
        towns: dict[tuple, list[TownPairing]] = {}
        for p in TownPairing.objects.select_related("east_town", "west_township"):
            towns.setdefault((p.east_town_id, p.west_township_id), []).append(p)
        firms: dict[tuple, list[EnterprisePairing]] = {}
        for p in EnterprisePairing.objects.select_related("enterprise__area", "village"):
            firms.setdefault((p.enterprise_id, p.village_id), []).append(p)
        known = set(PairingActivity.objects.values_list(
            "town_pairing_id", "enterprise_pairing_id", "date", "kind", "money", "goods_value",
            "description"))
        self.new, seen = [], {}
        for r in good:
            day = _date(r, "date", self.today, required=True)
            kind = _word(r.raw, "kind", ACTIVITY_WORDS, r.error,
                         allowed="、".join(str(c.label) for c in ActivityKind))
            money, goods_value = _money(r, "money"), _money(r, "goods_value")
            projects, participants = _count(r, "projects_started"), _count(r, "participants")
            pairing = self._pairing(r, towns, firms, by_name, by_code)
            if not r.ok or pairing is None or day is None or not kind:
                continue
            town = pairing if isinstance(pairing, TownPairing) else None
            firm = pairing if town is None else None
            ends = ((town.east_town, town.west_township) if town is not None
                    else (firm.enterprise.area, firm.village))
            if not _within(self.actor, *ends):
                r.error("township" if town else "village",
                        _("%(a)s 不在您负责的区域内") % {"a": ends[1].name})
                continue
            goods, description = cells.text(r.raw.get("goods")), cells.text(
                r.raw.get("description"))
            try:
                _activity_values(kind, money, goods, goods_value, projects, day, pairing)
            except ValidationError as e:
                self.refuse(r, e)
                continue
            key = (getattr(town, "pk", None), getattr(firm, "pk", None), day, kind, money,
                   goods_value, description)
            if key in seen:
                r.error("date", _("与第 %(row)d 行是同一次活动（结对、日期、类型、金额和内容相同）")
                        % {"row": seen[key]})
                continue
            seen[key] = r.row
            if key in known:
                self.result.unchanged += 1
                continue
            self.new.append((r.row, {
                "town_pairing": town, "enterprise_pairing": firm, "date": day, "kind": kind,
                "money_amount": money, "goods": goods, "goods_value": goods_value,
                "projects_started": projects, "participants": participants,
                "description": description}))
        self.result.created = len(self.new)

    def _pairing(self, r: Row, towns, firms, by_name, by_code):
        """The pairing a row names by its two ends, in force on the row's date."""
        name, code = cells.text(r.raw.get("enterprise")), cells.text(r.raw.get("enterprise_code"))
        township, village = cells.text(r.raw.get("township")), cells.text(r.raw.get("village"))
        east = cells.text(r.raw.get("east_town"))
        try:
            day = cells.parse_date(r.raw.get("date"), today=self.today)
        except cells.CellError:
            day = None
        if name or code:
            enterprise = _enterprise(r, name, code, by_name, by_code)
            if not village:
                r.error("village", _("村企结对的活动请填写结对村"))
                return None
            v = self.ends.village(township, village, r)
            if enterprise is None or v is None:
                return None
            found, what = firms.get((enterprise.pk, v.pk), []), f"{enterprise.name}—{v.name}"
            key = "village"
        else:
            if not (east and township):
                r.error("east_town", _("请填写东部镇（街道）和临洮乡镇（镇村结对），"
                                       "或企业和结对村（村企结对）"))
                return None
            e = self.ends.east_town(east, r, "east_town")
            t = self.ends.township(township, r, "township")
            if e is None or t is None:
                return None
            found, what = towns.get((e.pk, t.pk), []), f"{e.name}—{t.name}"
            key = "township"
        if not found:
            r.error(key, _("尚未登记 %(p)s 的结对；请先登记结对（结对页面或导入结对）")
                    % {"p": what})
            return None
        if day is not None:
            for p in found:
                if p.started_on <= day and (p.ended_on is None or day <= p.ended_on):
                    return p
        return found[0]  # the date's own check names what is wrong

    def create(self, **kw):
        return services.activity_create(actor=self.actor, **kw)


def _run(spec_class, *, actor, path, county_code, dry_run, strict, report_path, original_name,
         progress):
    spec = spec_class(actor=actor, dry_run=dry_run, strict=strict, progress=progress)
    spec.county_code = county_code  # the pipeline's Importer takes only its own arguments
    return run_import(spec, path=path, report_path=report_path, original_name=original_name)


def town_pairings_import(*, actor=None, path: str | Path, county_code: str | None = None,
                         dry_run: bool = False, strict: bool = False,
                         report_path: str | Path | None = None, original_name: str = "",
                         progress: Progress = None) -> PairingImportResult:
    """Import town–township pairings (TownPairingImport on the shared pipeline)."""
    return _run(TownPairingImport, actor=actor, path=path, county_code=county_code,
                dry_run=dry_run, strict=strict, report_path=report_path,
                original_name=original_name, progress=progress)


def enterprise_pairings_import(*, actor=None, path: str | Path, county_code: str | None = None,
                               dry_run: bool = False, strict: bool = False,
                               report_path: str | Path | None = None, original_name: str = "",
                               progress: Progress = None) -> PairingImportResult:
    """Import enterprise–village pairings (EnterprisePairingImport)."""
    return _run(EnterprisePairingImport, actor=actor, path=path, county_code=county_code,
                dry_run=dry_run, strict=strict, report_path=report_path,
                original_name=original_name, progress=progress)


def activities_import(*, actor=None, path: str | Path, county_code: str | None = None,
                      dry_run: bool = False, strict: bool = False,
                      report_path: str | Path | None = None, original_name: str = "",
                      progress: Progress = None) -> PairingImportResult:
    """Import the pairings' activities (ActivityImport)."""
    return _run(ActivityImport, actor=actor, path=path, county_code=county_code,
                dry_run=dry_run, strict=strict, report_path=report_path,
                original_name=original_name, progress=progress)


#: the page's kinds: (spec, service)
KINDS = {"towns": (TownPairingImport, town_pairings_import),
         "enterprises": (EnterprisePairingImport, enterprise_pairings_import),
         "activities": (ActivityImport, activities_import)}

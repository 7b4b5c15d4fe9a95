"""The donation-ledger import (捐赠台账): a spreadsheet of donations on the shared pipeline
(xiezuo.tabular.pipeline), by the roster import's rules.

Each row is one donation: created, unchanged (the same receipt number, or without one the same
date, donor, amount and place, already recorded) or rejected, and every rejection names the row
(as Excel numbers it), the column (as the file spells it), the value and the reason, in
Chinese. What the file names must already be known: an unknown township or village, an
unregistered donor organisation or school, a household number not in the registry is a
question put to the clerk (the row is rejected with what to do), never a new record made up by
the import. `--dry-run` (the page's 检查文件) stores nothing; `--strict` stores nothing when a row
is rejected; the writes are one transaction, audited as one import, and the file is kept under
DATA_DIR/uploads/pairing with its summary.

The rules of a donation are the service's (services.donations._check): a donor organisation or
a named person, an amount above 0, goods described, a place of the western county, a school
with the school role, households within the place; the importer must hold the place or the
donor's area (services.base.guard_ends).
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import guard, within_scope
from xiezuo.accounts.services import audit_record
from xiezuo.orgs.choices import OrgRole
from xiezuo.orgs.models import Organisation
from xiezuo.pairing.access import EDITS_PAIRING
from xiezuo.pairing.choices import DonationKind, DonorCategory, Purpose
from xiezuo.pairing.models import Donation
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area
from xiezuo.registry.models import Household
from xiezuo.tabular import cells
from xiezuo.tabular.bulk import chunks
from xiezuo.tabular.columns import Col, header_key
from xiezuo.tabular.errors import FileRefused
from xiezuo.tabular.pipeline import Importer, Progress, Row, run_import
from xiezuo.tabular.result import ImportResult
from xiezuo.tabular.template import ImportTemplate

__all__ = ["DONATION_COLUMNS", "DonationImport", "DonationImportResult", "donations_import"]

DONATION_COLUMNS = (
    Col("捐赠日期", "date", required=True),
    Col("日期", "date"),
    Col("捐赠单位", "donor"),
    Col("捐赠单位信用代码", "donor_code"),
    Col("捐赠人", "donor_name"),
    Col("捐赠方类别", "category", required=True),
    Col("形式", "kind"),
    Col("金额或折价（元）", "amount", required=True),
    Col("金额（元）", "amount"),
    Col("物资", "goods"),
    Col("用途", "purpose", required=True),
    Col("收据编号", "receipt_no"),
    Col("受赠乡镇", "township"),
    Col("受赠村", "village"),
    Col("受赠学校", "school"),
    Col("受赠项目", "project"),
    Col("受助贫困户", "households"),
    Col("备注", "note"),
)
LIMITS = {"donor": 200, "donor_name": 100, "goods": 300, "receipt_no": 100, "project": 200,
          "note": 500, "school": 200}

#: the words a ledger uses for each value (the choices' own labels, and a few more)
CATEGORY_WORDS = {str(c.label): c.value for c in DonorCategory} | {
    "企业家": DonorCategory.ENTERPRISE, "爱心企业": DonorCategory.ENTERPRISE,
    "社会组织": DonorCategory.SOCIAL_ORG, "港澳台商": DonorCategory.HK_MACAO_TAIWAN,
    "港澳台同胞": DonorCategory.HK_MACAO_TAIWAN, "爱心人士": DonorCategory.INDIVIDUAL}
KIND_WORDS = {str(c.label): c.value for c in DonationKind} | {
    "资金": DonationKind.MONEY, "捐款": DonationKind.MONEY, "现金": DonationKind.MONEY,
    "物资": DonationKind.GOODS, "捐物": DonationKind.GOODS, "物资折价": DonationKind.GOODS}
PURPOSE_WORDS = {str(c.label): c.value for c in Purpose}
HOUSEHOLD_SPLIT = re.compile(r"[、,，;；\s]+")


@dataclass(kw_only=True)
class DonationImportResult(ImportResult):
    created: int = 0  # donations
    households_linked: int = 0  # households reached, over the donations created

    def counts(self) -> dict[str, int]:
        return {"donations_created": self.created}

    def details(self) -> dict:
        return {"households_linked": self.households_linked}


@dataclass
class ParsedDonation:
    date: datetime.date | None = None
    donor: str = ""  # a registered organisation's name, as written
    donor_code: str = ""
    donor_name: str = ""
    category: str = ""
    kind: str = DonationKind.MONEY
    amount: Decimal | None = None
    goods: str = ""
    purpose: str = ""
    receipt_no: str = ""
    township: str = ""
    village: str = ""
    school: str = ""
    project: str = ""
    households: list[str] = field(default_factory=list)
    note: str = ""


def _word(raw: dict, key: str, words: dict[str, str], err, *, allowed: str) -> str:
    t = cells.text(raw.get(key))
    if not t:
        return ""
    value = words.get(t) or words.get(header_key(t))
    if value is None:
        err(key, _("“%(v)s”不是允许的值；允许的值：%(allowed)s") % {"v": t, "allowed": allowed})
        return ""
    return value


def parse_donation_row(raw: dict, err, *, today: datetime.date) -> ParsedDonation:
    """Pure: the row's donation as written, `err(key, reason)` for each problem."""
    p = ParsedDonation()
    try:
        p.date = cells.parse_date(raw.get("date"), today=today)
    except cells.CellError as e:
        err("date", e.reason)
    else:
        if p.date is None:
            err("date", _("此列不能为空"))
    for key in ("donor", "donor_code", "donor_name", "goods", "receipt_no", "township",
                "village", "school", "project", "note"):
        setattr(p, key, cells.text(raw.get(key)))
    if not (p.donor or p.donor_code or p.donor_name):
        err("donor", _("请填写捐赠单位（已登记的单位）或捐赠人（个人或未登记的捐赠方）"))
    p.category = _word(raw, "category", CATEGORY_WORDS, err,
                       allowed="、".join(str(c.label) for c in DonorCategory))
    if not p.category and not cells.text(raw.get("category")):
        err("category", _("此列不能为空"))
    p.kind = _word(raw, "kind", KIND_WORDS, err, allowed="资金、物资") or DonationKind.MONEY
    p.purpose = _word(raw, "purpose", PURPOSE_WORDS, err,
                      allowed="、".join(str(c.label) for c in Purpose))
    if not p.purpose and not cells.text(raw.get("purpose")):
        err("purpose", _("此列不能为空"))
    try:
        p.amount = cells.parse_decimal(raw.get("amount"))
    except cells.CellError as e:
        err("amount", e.reason)
    else:
        if p.amount is None:
            err("amount", _("此列不能为空"))
        elif p.amount <= 0:
            err("amount", _("金额或折价须大于 0"))
    if p.kind == DonationKind.GOODS and not p.goods:
        err("goods", _("捐物须写明物资"))
    if not (p.township or p.village):
        err("township", _("请填写受赠乡镇或受赠村（捐给全县的填“临洮县”）"))
    p.households = [h for h in HOUSEHOLD_SPLIT.split(cells.text(raw.get("households"))) if h]
    return p


class PlaceLookup:
    """The western county, its townships and villages by name (with or without 镇/乡/村) or
    code. A village name found in several townships needs its township."""

    def __init__(self, county: Area | None) -> None:
        self.county = county
        self.townships: dict[str, Area] = {}
        self.villages: dict[str, list[Area]] = {}
        if county is None:
            return
        for a in Area.objects.filter(code__startswith=county.prefix,
                                     level__in=[Level.TOWNSHIP, Level.VILLAGE]):
            if a.level == Level.TOWNSHIP:
                for k in {a.name, a.name.removesuffix("镇"), a.name.removesuffix("乡"), a.code}:
                    self.townships[header_key(k)] = a
            else:
                for k in {a.name, a.name.removesuffix("村"), a.code}:
                    self.villages.setdefault(header_key(k), []).append(a)

    def place(self, township: str, village: str, err) -> Area | None:
        """The place a row names, or None with the row's error."""
        county = self.county
        t = None
        if township:
            if header_key(township) in {header_key(county.name), county.code}:
                t = county
            else:
                t = self.townships.get(header_key(township))
                if t is None:
                    err("township", _("%(c)s没有名为“%(v)s”的乡镇；请核对名称，或先在区划中登记")
                        % {"c": county.name, "v": township})
                    return None
        if not village:
            return t
        found = self.villages.get(header_key(village), [])
        if t is not None and t is not county:
            found = [v for v in found if v.parent_id == t.pk]
        if not found:
            where = t.name if t is not None else county.name
            err("village", _("%(w)s没有名为“%(v)s”的村；请核对名称，或先在区划中登记")
                % {"w": where, "v": village})
            return None
        if len(found) > 1:
            err("village", _("有 %(n)d 个村名为“%(v)s”，请同时填写受赠乡镇")
                % {"n": len(found), "v": village})
            return None
        return found[0]


class DonationImport(Importer):
    columns, limits = DONATION_COLUMNS, LIMITS
    markers = ("捐赠方类别", "用途")
    kind, folder = "donations", "pairing"
    county_code: str | None = None  # the western county named (--county / --partnership)
    template = ImportTemplate(
        title=gettext_lazy("社会捐赠台账导入模板"),
        example={"date": "2019-09-01", "donor_name": "王某某", "category": "侨胞", "kind": "资金",
                 "amount": 20000, "purpose": "捐资助学", "receipt_no": "SJ-2019-001",
                 "township": "洮阳镇"},
        notes={"date": gettext_lazy("日期，如 2019-09-01"),
               "donor": gettext_lazy("已登记的单位名称；与“捐赠单位信用代码”“捐赠人”填一项"),
               "donor_name": gettext_lazy("个人或未登记的捐赠方"),
               "category": gettext_lazy("企业、社会团体、侨胞、港澳台、个人、其他"),
               "kind": gettext_lazy("资金 或 物资，空白为资金；物资须填“物资”列"),
               "purpose": gettext_lazy("捐资助学、慈善公益、医疗救助、其他"),
               "township": gettext_lazy("乡镇名称；捐给全县的填“临洮县”；与“受赠村”至少填一项"),
               "school": gettext_lazy("已登记的学校名称"),
               "households": gettext_lazy("户编号，多户用顿号分隔")},
        text=("donor_code", "receipt_no", "households"))

    def new_result(self, *, dry_run: bool, strict: bool) -> DonationImportResult:
        return DonationImportResult(dry_run=dry_run, strict=strict)

    def check(self, actor) -> None:
        guard(actor, EDITS_PAIRING, message=_("您没有导入社会捐赠的权限"))

    def prepare(self) -> None:
        from xiezuo.regions.selectors import import_county

        self.today = timezone.localdate()
        # the actor's pair's, or the one named; several pairs and none named: refused
        county = import_county(self.actor, county_code=self.county_code)
        if county is None:  # no partnership loaded (`xiezuo init` not run)
            raise FileRefused(_("尚未载入协作关系和区划，请先运行 xiezuo init"))
        self.places = PlaceLookup(county)

    def parse_row(self, row: Row) -> ParsedDonation:
        return parse_donation_row(row.raw, row.error, today=self.today)

    def _organisations(self, good: list[Row]) -> tuple[dict, dict]:
        """The registered organisations the rows name, by folded name and by credit code."""
        names = sorted({header_key(n) for r in good
                        for n in (r.record.donor, r.record.school) if n})
        codes = sorted({r.record.donor_code.upper() for r in good if r.record.donor_code})
        by_name: dict[str, list[Organisation]] = {}
        by_code: dict[str, Organisation] = {}
        raw_names = sorted({n for r in good for n in (r.record.donor, r.record.school) if n})
        for chunk in chunks(raw_names):
            for o in Organisation.objects.filter(name__in=chunk).select_related("area") \
                    .prefetch_related("roles"):
                by_name.setdefault(header_key(o.name), []).append(o)
        for chunk in chunks(codes):
            for o in Organisation.objects.filter(credit_code__in=chunk).select_related("area") \
                    .prefetch_related("roles"):
                by_code[o.credit_code.upper()] = o
        del names
        return by_name, by_code

    def match(self, rows: list[Row]) -> None:
        result = self.result
        good = [r for r in rows if r.ok]
        by_name, by_code = self._organisations(good)
        numbers = sorted({n for r in good for n in r.record.households})
        households: dict[str, Household] = {}
        for chunk in chunks(numbers):
            for h in Household.objects.filter(number__in=chunk,
                                              county=self.places.county).select_related("village"):
                households[h.number] = h
        visible = set()
        if self.actor is not None and households:
            for chunk in chunks(sorted(h.pk for h in households.values())):
                visible |= set(Household.objects.visible_to(self.actor).filter(pk__in=chunk)
                               .values_list("pk", flat=True))
        receipts = sorted({r.record.receipt_no for r in good if r.record.receipt_no})
        known_receipts: dict[str, Donation] = {}
        for chunk in chunks(receipts):
            for d in Donation.objects.filter(receipt_no__in=chunk):
                known_receipts.setdefault(d.receipt_no, d)
        dates = sorted({r.record.date for r in good if not r.record.receipt_no})
        known_plain = set()
        for chunk in chunks(dates):
            for d in Donation.objects.filter(date__in=chunk, receipt_no="").select_related(
                    "donor"):
                known_plain.add((d.date, d.donor_label, d.amount, d.area_id))
        self.new: list[tuple[int, dict, list[int]]] = []
        seen_receipt: dict[str, int] = {}
        seen_plain: dict[tuple, int] = {}
        for r in good:
            p: ParsedDonation = r.record
            donor = self._donor(r, p, by_name, by_code)
            area = self.places.place(p.township, p.village, r.error)
            school = None
            if p.school:
                found = by_name.get(header_key(p.school), [])
                if not found:
                    r.error("school", _("“%(v)s”不是已登记的学校；请先在单位名录中登记（角色：学校）")
                            % {"v": p.school})
                elif not found[0].has_role(OrgRole.SCHOOL):
                    r.error("school", _("“%(v)s”已登记，但不是学校") % {"v": p.school})
                else:
                    school = found[0]
            hh = []
            for n in p.households:
                h = households.get(n)
                if h is None:
                    r.error("households", _("户编号 %(n)s 不在建档立卡名册中") % {"n": n})
                elif area is not None and not h.village.code.startswith(area.prefix):
                    r.error("households", _("贫困户 %(n)s 不在受赠地区 %(a)s")
                            % {"n": n, "a": area.name})
                elif self.actor is not None and h.pk not in visible:
                    r.error("households", _("贫困户 %(n)s 不在您负责的区域内") % {"n": n})
                else:
                    hh.append(h.pk)
            if area is not None and self.actor is not None:
                ends = [area.code] + ([donor.area.code] if donor is not None else [])
                if not any(within_scope(self.actor, c) for c in ends):
                    r.error("township", _("%(a)s 不在您负责的区域内") % {"a": area.name})
            if not r.ok or area is None:
                continue
            label = donor.name if donor is not None else p.donor_name
            if p.receipt_no:
                earlier = seen_receipt.get(p.receipt_no)
                if earlier is not None:
                    r.error("receipt_no", _("与第 %(row)d 行的收据编号相同") % {"row": earlier})
                    continue
                seen_receipt[p.receipt_no] = r.row
                known = known_receipts.get(p.receipt_no)
                if known is not None:
                    if (known.date, known.amount, known.area_id) == (p.date, p.amount, area.pk):
                        result.unchanged += 1
                    else:
                        r.error("receipt_no", _("收据编号 %(n)s 已登记为另一笔捐赠（%(d)s，%(a)s 元）")
                                % {"n": p.receipt_no, "d": known.date.isoformat(),
                                   "a": known.amount})
                    continue
            else:
                key = (p.date, label, p.amount, area.pk)
                earlier = seen_plain.get(key)
                if earlier is not None:
                    r.error("amount", _("与第 %(row)d 行是同一笔捐赠（日期、捐赠方、金额和受赠地区相同）；"
                                        "不同的捐赠请填写收据编号") % {"row": earlier})
                    continue
                seen_plain[key] = r.row
                if key in known_plain:
                    result.unchanged += 1
                    continue
            self.new.append((r.row, {
                "donor": donor, "donor_name": "" if donor is not None else p.donor_name,
                "donor_category": p.category, "kind": p.kind, "amount": p.amount,
                "goods": p.goods, "purpose": p.purpose, "receipt_no": p.receipt_no,
                "date": p.date, "area": area, "school": school, "project": p.project,
                "note": p.note, "created_by": self.actor}, hh))
        result.created = len(self.new)
        result.households_linked = sum(len(hh) for _r, _d, hh in self.new)

    def _donor(self, r: Row, p: ParsedDonation, by_name, by_code) -> Organisation | None:
        """The registered donor the row names (credit code first), or None for a person."""
        if p.donor_code:
            o = by_code.get(p.donor_code.upper())
            if o is None:
                r.error("donor_code", _("没有信用代码为 %(v)s 的已登记单位；请先在单位名录中登记，"
                                        "或把捐赠方填在“捐赠人”列") % {"v": p.donor_code})
            elif p.donor and header_key(p.donor) != header_key(o.name):
                r.error("donor", _("与信用代码所登记的单位“%(n)s”不一致") % {"n": o.name})
            return o
        if not p.donor:
            return None
        found = by_name.get(header_key(p.donor), [])
        if not found:
            r.error("donor", _("“%(v)s”不是已登记的单位；请先在单位名录中登记，或把捐赠方填在“捐赠人”列")
                    % {"v": p.donor})
            return None
        if len(found) > 1:
            r.error("donor", _("有 %(n)d 个单位名为“%(v)s”，请填写捐赠单位信用代码")
                    % {"n": len(found), "v": p.donor})
            return None
        return found[0]

    def write(self, imp) -> None:
        made = Donation.objects.bulk_create([Donation(**d) for _row, d, _hh in self.new])
        through = Donation.households.through
        through.objects.bulk_create([through(donation_id=d.pk, household_id=h)
                                     for d, (_row, _d, hh) in zip(made, self.new, strict=True)
                                     for h in hh])
        if self.progress:
            self.progress(len(made), len(made), "")
        self.made = made

    def import_record(self, *, kept: str, sha: str, original_name: str):
        return None  # the summary is kept beside the file and in the audit log

    def audit(self, imp, summary: dict, original_name: str) -> None:
        keys = ("rows", "donations_created", "unchanged", "rejected", "households_linked")
        audit_record(actor=self.actor, action=AuditAction.IMPORT, object_type="pairing.donation",
                     object_id="",
                     object_repr=original_name[:200], area_code=self.places.county.code,
                     new={k: summary.get(k) for k in keys} | {"file": self.kept,
                                                              "sha256": self.sha256},
                     note=_("导入社会捐赠台账 %(f)s") % {"f": original_name})


def donations_import(*, actor=None, path: str | Path, county_code: str | None = None,
                     dry_run: bool = False, strict: bool = False,
                     report_path: str | Path | None = None, original_name: str = "",
                     progress: Progress = None) -> DonationImportResult:
    """Import a donation ledger (DonationImport on the shared pipeline) into `county_code`'s
    places (default: the actor's pair's western county)."""
    spec = DonationImport(actor=actor, dry_run=dry_run, strict=strict, progress=progress)
    spec.county_code = county_code  # the pipeline's Importer takes only its own arguments
    return run_import(spec, path=path, report_path=report_path, original_name=original_name)

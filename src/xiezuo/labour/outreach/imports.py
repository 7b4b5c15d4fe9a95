"""The SMS platform's delivery report (短信送达回执) back into the outreach records.

The report is an .xlsx or .csv with the header (found by its markers in the first rows):

    批次号 | 序号 | 手机号 | 状态 | 送达时间 | 失败原因

one row per message of a batch sent by Xiezuo (labour.outreach.sms). A row is matched to its
message by 批次号 and 序号, and the 手机号 must be the number the message went to (in full, or
masked by the platform as 138****5678). 状态 says delivered (成功, 已送达, DELIVRD, 0…) or failed
(失败, UNDELIV, EXPIRED, REJECTD…). The message's household reach becomes 短信已送达 or
短信发送失败; a row that says what the record already says is unchanged. Every rejected row names
its row, column, value (a phone number masked) and reason; `--strict` stores nothing if any row
is rejected, `--dry-run` stores nothing.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import guard
from xiezuo.accounts.services import audit_record
from xiezuo.labour.access import EDITS_LABOUR
from xiezuo.labour.choices import ImportKind
from xiezuo.labour.models import LabourImport
from xiezuo.labour.outreach import phones, rollup
from xiezuo.labour.outreach.choices import ReachResult
from xiezuo.labour.outreach.models import HouseholdReach, SmsBatch
from xiezuo.registry import crypto
from xiezuo.tabular import cells
from xiezuo.tabular.bulk import chunks
from xiezuo.tabular.columns import Col, header_key
from xiezuo.tabular.pipeline import Importer, Progress, Row, run_import
from xiezuo.tabular.result import ImportResult
from xiezuo.tabular.template import ImportTemplate

COLUMNS = (
    Col("批次号", "batch", required=True),
    Col("序号", "seq", required=True),
    Col("手机号", "phone", required=True),
    Col("状态", "status", required=True),
    Col("送达时间", "at"),
    Col("失败原因", "reason"),
)
LIMITS = {"reason": 200}

DELIVERED_WORDS = ("成功", "发送成功", "送达", "已送达", "接收成功", "DELIVRD", "DELIVERED",
                   "SUCCESS", "0")
FAILED_WORDS = ("失败", "发送失败", "未送达", "空号", "停机", "关机", "拒收", "UNDELIV",
                "EXPIRED", "REJECTD", "REJECTED", "FAILED", "BLACK")
STATUS_WORDS = {header_key(w).upper(): ReachResult.DELIVERED for w in DELIVERED_WORDS}
STATUS_WORDS.update({header_key(w).upper(): ReachResult.FAILED for w in FAILED_WORDS})


@dataclass(frozen=True)
class _Seq:
    low: int = 1
    high: int = 10_000_000


@dataclass(kw_only=True)
class SmsReportResult(ImportResult):
    delivered: int = 0  # messages now marked delivered
    failed: int = 0  # messages now marked failed

    def counts(self) -> dict[str, int]:
        return {"delivered": self.delivered, "failed": self.failed}


def parse_status(value: object) -> str:
    t = cells.text(value)
    found = STATUS_WORDS.get(header_key(t).upper())
    if found is None:
        raise cells.CellError(
            _("“%(v)s”不是可识别的发送状态；表示送达：%(ok)s；表示失败：%(bad)s")
            % {"v": t, "ok": "、".join(DELIVERED_WORDS), "bad": "、".join(FAILED_WORDS)})
    return found


def parse_report_row(raw: dict, err, *, today: datetime.date) -> dict:
    """Pure: the row's values; the phone cell is replaced by its masked form (the error report
    and summaries never hold a full number)."""
    v: dict = {}
    batch = cells.text(raw.get("batch"))
    if not batch:
        err("batch", _("此列不能为空"))
    v["batch"] = batch
    try:
        seq = cells.parse_int(raw.get("seq"), _Seq())
        if seq is None:
            raise cells.CellError(_("此列不能为空"))
        v["seq"] = seq
    except cells.CellError as e:
        err("seq", e.reason)
    shown = raw.get("phone")
    if cells.is_number(shown):
        shown = str(int(shown))
    t = phones.normalise(shown)
    if "*" in t:
        v["phone_masked"] = t
        raw["phone"] = t
    else:
        try:
            number = phones.parse_mobile(shown)
            v["phone"] = number
            raw["phone"] = crypto.mask_phone(number)
        except phones.PhoneError as e:
            raw["phone"] = crypto.mask_phone(t) if t.isdigit() else t
            err("phone", e.reason)
    try:
        v["status"] = parse_status(raw.get("status"))
    except cells.CellError as e:
        err("status", e.reason)
    at = raw.get("at")
    try:
        if isinstance(at, datetime.datetime):
            v["date"] = at.date()
        else:
            txt = cells.text(at)
            v["date"] = cells.parse_date(txt.split(" ")[0] if txt else at, today=today)
    except cells.CellError as e:
        err("at", e.reason)
    v["reason"] = cells.text(raw.get("reason"))
    return v


class SmsReportImport(Importer):
    columns, markers, limits = COLUMNS, ("批次号", "序号", "状态"), LIMITS
    template = ImportTemplate(
        title=gettext_lazy("短信送达回执导入模板"),
        example={"batch": "DX20190301-01", "seq": 1, "phone": "13800000000", "status": "成功",
                 "at": "2019-03-01 10:00", "reason": ""},
        notes={"batch": gettext_lazy("本系统生成批量发送文件时编的批次号"),
               "seq": gettext_lazy("批量发送文件中的序号"), "phone": gettext_lazy("11 位手机号（请设为文本格式）"),
               "status": gettext_lazy("成功、失败 等短信平台的状态词"),
               "at": gettext_lazy("日期或日期时间"), "reason": gettext_lazy("失败时短信平台给的原因")},
        text=("phone",))
    kind, folder = ImportKind.SMS_REPORT, "sms_reports"

    def new_result(self, *, dry_run: bool, strict: bool) -> SmsReportResult:
        return SmsReportResult(dry_run=dry_run, strict=strict)

    def check(self, actor) -> None:
        guard(actor, EDITS_LABOUR, message=_("您没有导入短信送达回执的权限"))

    def prepare(self) -> None:
        self.today = timezone.localdate()

    def parse_row(self, row: Row) -> dict:
        return parse_report_row(row.raw, row.error, today=self.today)

    def match(self, rows: list[Row]) -> None:
        result = self.result
        seen: dict[tuple, int] = {}
        for row in rows:
            if row.ok:
                key = (row.record["batch"], row.record["seq"])
                earlier = seen.setdefault(key, row.row)
                if earlier != row.row:
                    row.error("seq", _("批次号和序号与第 %(row)d 行重复") % {"row": earlier})
        good = [r for r in rows if r.ok]
        numbers = {r.record["batch"] for r in good}
        batches = {b.number: b for b in SmsBatch.objects.filter(number__in=numbers)}
        visible = set(SmsBatch.objects.visible_to(self.actor).filter(number__in=numbers)
                      .values_list("number", flat=True)) if self.actor is not None \
            else set(batches)
        reaches: dict[tuple, HouseholdReach] = {}
        for chunk in chunks([b.pk for b in batches.values()]):
            for r in HouseholdReach.objects.filter(sms_batch_id__in=chunk).select_related(
                    "sms_batch", "household__village"):
                reaches[(r.sms_batch.number, r.sms_seq)] = r
        in_scope = None
        if self.actor is not None:
            in_scope = set(HouseholdReach.objects.visible_to(self.actor).filter(
                sms_batch__number__in=numbers).values_list("pk", flat=True))
        self.updates: list[tuple[int, HouseholdReach, dict]] = []
        for row in good:
            v = row.record
            batch = batches.get(v["batch"])
            if batch is None or v["batch"] not in visible:
                row.error("batch", _("没有这个短信批次（批次号应为本系统发送时生成的，如 "
                                     "DX2019-0001-001）"))
                continue
            r = reaches.get((v["batch"], v["seq"]))
            if r is None:
                row.error("seq", _("批次 %(b)s 没有第 %(n)d 条（该批共 %(m)d 条）")
                          % {"b": v["batch"], "n": v["seq"], "m": batch.messages})
                continue
            if in_scope is not None and r.pk not in in_scope:
                row.error("seq", _("该条短信的家庭不在您负责的区域内"))
                continue
            if "phone" in v:
                same = crypto.phone_hash(v["phone"]) == r.sms_phone_hash
            else:
                same = v["phone_masked"] == r.sms_phone_masked
            if not same:
                row.error("phone", _("手机号与批次 %(b)s 第 %(n)d 条的发送号码（%(m)s）不符")
                          % {"b": v["batch"], "n": v["seq"], "m": r.sms_phone_masked})
                continue
            wanted = {"result": v["status"],
                      "failure": v["reason"][:200] if v["status"] == ReachResult.FAILED else ""}
            if v.get("date"):
                wanted["date"] = v["date"]
            changes = {k: x for k, x in wanted.items() if getattr(r, k) != x}
            if r.result == wanted["result"] or not changes:
                result.unchanged += 1
                continue
            self.updates.append((row.row, r, changes))
            if wanted["result"] == ReachResult.DELIVERED:
                result.delivered += 1
            else:
                result.failed += 1

    def write(self, imp: LabourImport) -> None:
        now = timezone.now()
        objs, names = [], {"source_import", "source_row", "version", "updated_at"}
        for row, r, changes in self.updates:
            for k, x in changes.items():
                setattr(r, k, x)
            r.source_import, r.source_row, r.version, r.updated_at = imp, row, r.version + 1, now
            names |= set(changes)
            objs.append(r)
        # SQLite: a large report rebuilds the outreach rollup once instead of a trigger a row
        with rollup.deferred(connection, rows=len(objs)):
            HouseholdReach.objects.bulk_update(objs, sorted(names), batch_size=2000)

    def import_record(self, *, kept: str, sha: str, original_name: str) -> LabourImport:
        return LabourImport.objects.create(kind=self.kind, file=kept, sha256=sha, by=self.actor,
                                           original_name=original_name)

    def audit(self, imp, summary: dict, original_name: str) -> None:
        audit_record(actor=self.actor, action=AuditAction.IMPORT, obj=imp,
                     new={k: summary[k] for k in ("rows", "delivered", "failed", "unchanged",
                                                  "rejected")},
                     note=_("导入短信送达回执 %(f)s") % {"f": original_name})


def sms_report_import(*, actor=None, path: str | Path, dry_run: bool = False,
                      strict: bool = False, report_path: str | Path | None = None,
                      original_name: str = "", progress: Progress = None) -> SmsReportResult:
    """Import an SMS platform's delivery report (SmsReportImport on the shared pipeline)."""
    spec = SmsReportImport(actor=actor, dry_run=dry_run, strict=strict, progress=progress)
    return run_import(spec, path=path, report_path=report_path, original_name=original_name)


__all__ = ["SmsReportImport", "SmsReportResult", "parse_report_row",
           "parse_status", "sms_report_import"]

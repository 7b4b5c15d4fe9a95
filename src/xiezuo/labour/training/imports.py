"""Trainees of one course from Excel (`xiezuo import_course_trainees FILE --course ID`), by the
import rules (tabular.pipeline): every row is created, updated, unchanged or rejected, and every
rejection names the row, the column, the value (an ID number masked in summaries) and the reason.

Columns (the header is found by 证件号码 and 状态 in the first rows):

    证件号码 | 姓名 | 状态 | 结业日期 | 证书编号 | 发证日期 | 备注

状态 is 在训 (default), 已结业 or 已退训. A person is found by ID number among the registered poor
of the importer's area; 姓名, when given, must be the registry's name. A completion needs 结业日期,
and 证书编号 when the course grants a certificate; the certificate and skill then go into the
person's labour profile (training.services.credit_profile), as a completion on the page does.
A completed trainee is not set back to 在训 by a file.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import guard
from xiezuo.accounts.services import audit_record
from xiezuo.labour.access import EDITS_LABOUR
from xiezuo.labour.choices import ImportKind
from xiezuo.labour.models import LabourImport
from xiezuo.labour.training.choices import TraineeSource, TraineeStatus
from xiezuo.labour.training.models import Course, CourseTrainee
from xiezuo.labour.training.services import credit_profile
from xiezuo.regions.scoping import scope_prefixes
from xiezuo.registry import idnumber
from xiezuo.registry.models import Person
from xiezuo.registry.selectors import persons_by_id_number
from xiezuo.tabular import cells
from xiezuo.tabular.columns import Col, header_key
from xiezuo.tabular.pipeline import Importer, Progress, Row, run_import
from xiezuo.tabular.result import ImportResult
from xiezuo.tabular.template import ImportTemplate

COLUMNS = (
    Col("证件号码", "id_number", required=True),
    Col("姓名", "name"),
    Col("状态", "status", required=True),
    Col("结业日期", "completed_on"),
    Col("证书编号", "certificate_number"),
    Col("发证日期", "certificate_date"),
    Col("备注", "note"),
)
LIMITS = {"certificate_number": 64, "note": 300, "name": 64}
STATUS_WORDS = {header_key(str(label)): value for value, label in TraineeStatus.choices}
STATUS_WORDS.update({header_key(w): v for w, v in (
    ("报名", TraineeStatus.ENROLLED), ("在训", TraineeStatus.ENROLLED),
    ("结业", TraineeStatus.COMPLETED), ("已结业", TraineeStatus.COMPLETED),
    ("合格", TraineeStatus.COMPLETED), ("退训", TraineeStatus.DROPPED),
    ("退学", TraineeStatus.DROPPED))})
ORDER = {TraineeStatus.ENROLLED: 0, TraineeStatus.DROPPED: 1, TraineeStatus.COMPLETED: 2}


@dataclass(kw_only=True)
class TraineeImportResult(ImportResult):
    created: int = 0
    updated: int = 0
    certificates: int = 0  # completions that put a certificate into a labour profile

    def counts(self) -> dict[str, int]:
        return {"trainees_created": self.created, "trainees_updated": self.updated}

    def details(self) -> dict:
        return {"certificates": self.certificates}


def parse_trainee_row(raw: dict, err, *, today: datetime.date,
                      certificate_needed: bool) -> dict:
    """Pure: the row's values, or errors on the row."""
    v: dict = {}
    reason = cells.numeric_code_error(raw.get("id_number"))
    if reason:
        err("id_number", reason)
    else:
        try:
            v["id_number"] = idnumber.parse(cells.text(raw.get("id_number")), today=today).number
        except idnumber.IdNumberError as e:
            err("id_number", e.reason)
    v["name"] = cells.text(raw.get("name"))
    t = cells.text(raw.get("status"))
    status = STATUS_WORDS.get(header_key(t)) if t else TraineeStatus.ENROLLED
    if status is None:
        err("status", _("“%(v)s”不是允许的值；允许的值：在训、已结业、已退训") % {"v": t})
    v["status"] = status
    for key in ("completed_on", "certificate_date"):
        try:
            v[key] = cells.parse_date(raw.get(key), today=today)
        except cells.CellError as e:
            err(key, e.reason)
    v["certificate_number"] = cells.text(raw.get("certificate_number"))
    v["note"] = cells.text(raw.get("note"))
    if status == TraineeStatus.COMPLETED:
        if "completed_on" in v and v["completed_on"] is None:
            err("completed_on", _("已结业的学员须填写结业日期"))
        if certificate_needed and not v["certificate_number"]:
            err("certificate_number", _("该培训班颁发证书：已结业的学员须填写证书编号"))
    return v


class TraineeImport(Importer):
    columns, markers, limits = COLUMNS, ("证件号码", "状态"), LIMITS
    template = ImportTemplate(
        title=gettext_lazy("培训学员导入模板"),
        example={"id_number": "621124198503120020", "name": "张三", "status": "已结业",
                 "completed_on": "2019-05-30", "certificate_number": "ZS2019001",
                 "certificate_date": "2019-06-05", "note": ""},
        notes={"id_number": gettext_lazy("建档立卡人员的 18 位证件号码（请设为文本格式）"),
               "status": gettext_lazy("在训、已结业 或 已退训"),
               "certificate_number": gettext_lazy("结业学员的证书编号，记入其劳动力信息")})
    kind, folder = ImportKind.TRAINEES, "training"

    def __init__(self, *, course: Course, **kw) -> None:
        self.course = course
        super().__init__(**kw)

    def new_result(self, *, dry_run: bool, strict: bool) -> TraineeImportResult:
        return TraineeImportResult(dry_run=dry_run, strict=strict)

    def check(self, actor) -> None:
        guard(actor, EDITS_LABOUR, message=_("您没有导入培训学员的权限"))
        if actor is not None and not Course.objects.visible_to(actor).filter(
                pk=self.course.pk).exists():
            raise PermissionDenied(_("该培训班不在您负责的区域内"))

    def prepare(self) -> None:
        self.today = timezone.localdate()

    def parse_row(self, row: Row) -> dict:
        return parse_trainee_row(row.raw, row.error, today=self.today,
                                 certificate_needed=bool(self.course.certificate))

    def match(self, rows: list[Row]) -> None:
        result, course = self.result, self.course
        first: dict[str, int] = {}
        for row in rows:
            n = row.record.get("id_number")
            if n:
                earlier = first.setdefault(n, row.row)
                if earlier != row.row:
                    row.error("id_number", _("证件号码与第 %(row)d 行重复") % {"row": earlier})
        good = [r for r in rows if r.ok]
        people = persons_by_id_number({r.record["id_number"] for r in good})
        names = dict(Person.objects.filter(pk__in=[pid for pid, _c in people.values()])
                     .values_list("pk", "name"))
        existing = {t.person_id: t for t in CourseTrainee.objects.filter(course=course)}
        prefixes = scope_prefixes(self.actor) if self.actor is not None else None
        self.creates, self.updates = [], []
        for row in good:
            v = row.record
            found = people.get(v["id_number"])
            if found is None:
                row.error("id_number", _("该证件号码不在建档立卡人员中"))
                continue
            pid, code = found
            if prefixes is not None and not any(code.startswith(p) for p in prefixes):
                row.error("id_number", _("该人员不在您负责的区域内"))
                continue
            if v["name"] and header_key(v["name"]) != header_key(names[pid]):
                row.error("name", _("与建档立卡登记的姓名（%(n)s）不符") % {"n": names[pid]})
                continue
            if v["completed_on"] and v["completed_on"] < course.starts_on:
                row.error("completed_on", _("结业日期早于开班日期 %(d)s") % {"d": course.starts_on})
                continue
            wanted = {"status": v["status"], "note": v["note"]}
            if v["status"] == TraineeStatus.COMPLETED:
                wanted.update(completed_on=v["completed_on"],
                              certificate_number=v["certificate_number"],
                              certificate_date=v["certificate_date"] or (
                                  v["completed_on"] if v["certificate_number"] else None))
            current = existing.get(pid)
            if current is None:
                self.creates.append((row.row, pid, wanted))
                continue
            if current.status == TraineeStatus.COMPLETED and wanted["status"] != current.status:
                row.error("status", _("该学员已结业，不能改为%(s)s")
                          % {"s": TraineeStatus(wanted["status"]).label})
                continue
            changes = {k: x for k, x in wanted.items() if getattr(current, k) != x}
            if changes:
                self.updates.append((row.row, current, changes))
            else:
                result.unchanged += 1
        result.created, result.updated = len(self.creates), len(self.updates)
        result.certificates = sum(
            1 for _r, _p, w in self.creates if w["status"] == TraineeStatus.COMPLETED) + sum(
            1 for _r, t, c in self.updates if c.get("status") == TraineeStatus.COMPLETED)
        if not (self.course.certificate or self.course.skill):
            result.certificates = 0

    def write(self, imp: LabourImport) -> None:
        course, today = self.course, self.today
        made = CourseTrainee.objects.bulk_create([
            CourseTrainee(course=course, person_id=pid, source=TraineeSource.IMPORT,
                          enrolled_on=today, source_import=imp, source_row=row, **wanted)
            for row, pid, wanted in self.creates])
        completed = [t.person_id for t in made if t.status == TraineeStatus.COMPLETED]
        for row, t, changes in self.updates:
            for k, x in changes.items():
                setattr(t, k, x)
            t.source_import, t.source_row, t.version = imp, row, t.version + 1
            t.save()
            if changes.get("status") == TraineeStatus.COMPLETED:
                completed.append(t.person_id)
        for person in Person.objects.filter(pk__in=completed).select_related(
                "household__village"):
            credit_profile(actor=self.actor, person=person, course=course)

    def import_record(self, *, kept: str, sha: str, original_name: str) -> LabourImport:
        return LabourImport.objects.create(kind=self.kind, file=kept, sha256=sha, by=self.actor,
                                           original_name=original_name)

    def audit(self, imp, summary: dict, original_name: str) -> None:
        audit_record(actor=self.actor, action=AuditAction.IMPORT, obj=imp,
                     new={k: summary[k] for k in ("rows", "trainees_created", "trainees_updated",
                                                  "unchanged", "rejected", "certificates")},
                     note=_("导入培训学员 %(f)s（%(c)s）") % {"f": original_name,
                                                          "c": self.course.title})


def trainees_import(*, actor=None, course: Course, path: str | Path, dry_run: bool = False,
                    strict: bool = False, report_path: str | Path | None = None,
                    original_name: str = "", progress: Progress = None) -> TraineeImportResult:
    spec = TraineeImport(course=course, actor=actor, dry_run=dry_run, strict=strict,
                         progress=progress)
    return run_import(spec, path=path, report_path=report_path, original_name=original_name)

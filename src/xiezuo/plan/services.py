"""Writes of the plan app: loading a plan, aggregate entries and their approval, comments,
finalising a report. Keyword-only, one transaction each, each with its audit event."""

import hashlib
import json
from decimal import Decimal
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor, guard
from xiezuo.accounts.models import User
from xiezuo.accounts.services import audit_record
from xiezuo.evidence import filetypes
from xiezuo.plan.access import (
    APPROVES_AGGREGATES,
    COMMENTS_ASSESSMENT,
    ENTERS_AGGREGATES,
    FINALISES_REPORT,
)
from xiezuo.plan.choices import EntryState, TargetKind
from xiezuo.plan.models import AggregateEntry, AssessmentComment, FinalisedReport, Plan, Target
from xiezuo.plan.planfile import PlanFileError, PlanSpec, parse_plan
from xiezuo.tabular.errors import FileRefused

DEFAULT_PLAN_FILE = "cangshan-lintao-2017-2020.yaml"
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


def default_plan_text() -> str:
    return resources.files("xiezuo.plan").joinpath("plans", DEFAULT_PLAN_FILE).read_text("utf-8")


@transaction.atomic
def plan_load(*, text: str, source: str, actor=None) -> tuple[Plan, dict[str, int]]:
    """Create or update a plan from a plan file; a second run with the same file is a no-op.

    A target that has entries cannot disappear from the file (its evidence would be orphaned).
    """
    spec: PlanSpec = parse_plan(text, source=source)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    partnership = _plan_partnership(spec, source)
    plan = Plan.objects.filter(key=spec.key).first()
    if plan is not None and plan.source_sha256 == digest:
        if partnership is not None and plan.partnership_id != partnership.pk:
            plan.partnership = partnership
            plan.save(update_fields=["partnership"])
        return plan, {"targets_created": 0, "targets_updated": 0, "unchanged": 1}
    fields = {"partnership": partnership,
              "name_zh": spec.name_zh, "name_en": spec.name_en, "east_code": spec.east_code,
              "west_code": spec.west_code, "start_year": spec.start_year,
              "end_year": spec.end_year, "signed": spec.signed, "config": spec.config,
              "source_name": Path(source).name, "source_sha256": digest}
    if plan is None:
        plan = Plan.objects.create(key=spec.key, **fields)
    else:
        for k, v in fields.items():
            setattr(plan, k, v)
        plan.save()
    existing = {t.key: t for t in plan.targets.all()}
    created = updated = 0
    for order, ts in enumerate(spec.targets):
        values = {"order": order, "chapter": ts.chapter, "section": ts.section, "side": ts.side,
                  "text_zh": ts.text_zh, "text_en": ts.text_en, "unit_zh": ts.unit_zh,
                  "unit_en": ts.unit_en, "kind": ts.kind, "value": ts.value,
                  "value_max": ts.value_max, "years": ts.years, "due": ts.due,
                  "indicator": ts.indicator, "value_indicator": ts.value_indicator,
                  "params": ts.params, "note_zh": ts.note_zh, "note_en": ts.note_en}
        t = existing.pop(ts.key, None)
        if t is None:
            Target.objects.create(plan=plan, key=ts.key, **values)
            created += 1
        else:
            for k, v in values.items():
                setattr(t, k, v)
            t.save()
            updated += 1
    gone = [t for t in existing.values()]
    used = {t.key for t in gone if t.entries.exists()}
    if used:
        raise PlanFileError([f"{source}: targets {sorted(used)} have entries and cannot be "
                             "removed from the plan"])
    for t in gone:
        t.delete()
    audit_record(actor=actor, action=AuditAction.IMPORT, obj=plan, area_code=plan.west_code,
                 new={"source": Path(source).name, "sha256": digest, "targets": len(spec.targets)},
                 note="plan file loaded")
    return plan, {"targets_created": created, "targets_updated": updated,
                  "targets_removed": len(gone)}


def _plan_partnership(spec: PlanSpec, source: str):
    """The county pair the file names (east, west, years), declared if new: a plan file is how
    a partnership enters the system. None while the areas are not loaded (the plan still
    loads; `xiezuo init` links it once they are)."""
    from xiezuo.regions.models import Area
    from xiezuo.regions.services import partnership_declare

    if Area.objects.filter(code__in=[spec.east_code, spec.west_code]).count() < 2:
        return None
    try:
        p, _changed = partnership_declare(
            east_code=spec.east_code, west_code=spec.west_code, start_year=spec.start_year,
            end_year=spec.end_year, plan_file=Path(source).name, synthetic=spec.synthetic)
    except ValidationError as exc:
        raise PlanFileError([f"{source}: plan: {m}" for m in exc.messages]) from exc
    return p


@transaction.atomic
def partnership_add(*, actor: Actor, east_code: str, west_code: str, plan_text: str = "",
                    source: str = "", years: tuple[int, int] | None = None,
                    synthetic: bool | None = None):
    """Declare another county pair, with its plan file (whose east, west and years must be the
    pair's) or with its years alone; the plan's targets, and later the parts' records and
    users, are the pair's own. Audited; a second run with the same file changes nothing."""
    from xiezuo.regions.services import partnership_declare

    guard(actor, frozenset())  # the command line (actor None) or a superuser only
    plan = None
    if plan_text:
        spec = parse_plan(plan_text, source=source)
        wrong = [f"{source}: plan: '{k}' is {v!r}, not {want!r} as given"
                 for k, v, want in (("east", spec.east_code, east_code),
                                    ("west", spec.west_code, west_code))
                 if want and v != want]
        if years and (spec.start_year, spec.end_year) != tuple(years):
            wrong.append(f"{source}: plan: 'years' are {[spec.start_year, spec.end_year]}, "
                         f"not {list(years)} as given")
        if wrong:
            raise PlanFileError(wrong)
        if synthetic is not None and synthetic != spec.synthetic:
            raise PlanFileError([f"{source}: plan: 'synthetic' is {spec.synthetic}, the file "
                                 "says whether the pair is demo data"])
        plan, summary = plan_load(text=plan_text, source=source, actor=actor)
        if plan.partnership is None:
            raise PlanFileError([f"{source}: plan: the areas {spec.east_code} and "
                                 f"{spec.west_code} are not loaded (xiezuo init)"])
        return plan.partnership, plan, summary
    if not years:
        raise ValidationError(_("须给出规划文件或协作年度。"))
    p, changed = partnership_declare(east_code=east_code, west_code=west_code,
                                     start_year=years[0], end_year=years[1],
                                     synthetic=bool(synthetic))
    if changed:
        audit_record(actor=actor, action=AuditAction.CREATE, obj=p, area_code=p.west.code,
                     new={"east": east_code, "west": west_code, "years": list(years),
                          "synthetic": p.synthetic})
    return p, plan, {"partnership_changed": int(changed)}


def _sha256_file(f) -> str:
    h = hashlib.sha256()
    for chunk in f.chunks():
        h.update(chunk)
    f.seek(0)
    return h.hexdigest()


@transaction.atomic
def entry_create(*, actor: Actor, target: Target, year: int, area, value: Decimal, evidence,
                 member: str = "", partner: str = "", venue_side: str = "",
                 description: str = "") -> AggregateEntry:
    """Record an aggregate value with its evidence file; it counts once another user approves it."""
    guard(actor, ENTERS_AGGREGATES, areas=[area],
          outside_message=_("该区域不在您的负责范围内。"))
    if year not in target.years:
        raise ValidationError(_("%(year)s 年不在该目标的适用年度内。") % {"year": year})
    if value is None or Decimal(value) < 0:
        raise ValidationError(_("数值不能为负。"))
    if target.kind == TargetKind.COVERAGE and not member:
        raise ValidationError(_("覆盖类目标须注明覆盖的成员（如乡镇）。"))
    if evidence is None:
        raise ValidationError(_("须上传佐证材料。"))
    if evidence.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(_("佐证材料不能超过 20 MB。"))
    name = Path(evidence.name).name[:200]
    try:  # the type from the content, as every evidence file (xiezuo.evidence); a typed list
        # (.txt) is still taken here, as it always was for aggregate entries
        filetypes.check(evidence, name=name, size=evidence.size, allow_text=True)
    except FileRefused as e:
        raise ValidationError(str(e)) from e
    evidence.seek(0)
    digest = _sha256_file(evidence)
    entry = AggregateEntry(target=target, year=year, area=area, value=Decimal(value),
                           member=member, partner=partner, venue_side=venue_side,
                           description=description, evidence_name=name,
                           evidence_sha256=digest, entered_by=actor)
    entry.evidence.save(f"{digest[:16]}-{name}", evidence, save=False)
    entry.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=entry, area_code=area.code,
                 new={"target": target.key, "year": year, "value": entry.value,
                      "member": member, "evidence_sha256": digest})
    return entry


@transaction.atomic
def entry_decide(*, actor: User, entry: AggregateEntry, approve: bool, note: str = ""
                 ) -> AggregateEntry:
    """Approve or send back an entry. The one who entered it may not decide on it, so `actor` is
    a signed-in user, never the command line."""
    guard(actor, APPROVES_AGGREGATES)
    entry = AggregateEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.entered_by_id == actor.pk:
        raise PermissionDenied(_("填报人不能审批自己填报的数据，须由另一位用户审批。"))
    if entry.state != EntryState.PENDING:
        raise ValidationError(_("该条填报已审批。"))
    entry.state = EntryState.APPROVED if approve else EntryState.REJECTED
    entry.decided_by, entry.decided_at, entry.decision_note = actor, timezone.now(), note[:300]
    entry.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    audit_record(actor=actor, action=AuditAction.APPROVE, obj=entry, area_code=entry.area.code,
                 old={"state": EntryState.PENDING}, new={"state": entry.state}, note=note)
    return entry


@transaction.atomic
def comment_add(*, actor: User, plan: Plan, year: int, text: str) -> AssessmentComment:
    guard(actor, COMMENTS_ASSESSMENT)
    text = text.strip()
    if not text:
        raise ValidationError(_("评议意见不能为空。"))
    if year not in plan.years:
        raise ValidationError(_("年度不在规划期内。"))
    side = actor.scope.side if getattr(actor, "scope", None) else ""
    c = AssessmentComment.objects.create(plan=plan, year=year, author=actor, side=side,
                                         text=text)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=c, area_code=plan.west_code,
                 new={"year": year, "text": text[:200]})
    return c


def report_dir() -> Path:
    return Path(getattr(settings, "REPORT_DIR", settings.DATA_DIR / "reports")) / "plan"


def snapshot_hash(snapshot: dict, file_hashes: dict[str, str]) -> str:
    canonical = json.dumps({"snapshot": snapshot, "files": file_hashes}, sort_keys=True,
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def content_hash(snapshot: dict) -> str:
    """The hash of what a report says: its snapshot without the 文号 and the date it was made, so
    two finalisations of unchanged figures and text compare equal."""
    content = {k: v for k, v in snapshot.items() if k not in ("number", "as_of")}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def report_finalise(*, actor: Actor, plan: Plan, year: int,
                    narrative: dict | None = None) -> FinalisedReport:
    """Produce the year's report in all three formats and keep it as a numbered, hashed version.

    The files are written before the row, outside the transaction (they take seconds); a
    failure leaves at most an unreferenced directory, never a version without its files.
    """
    from xiezuo.plan.report import build_report, report_data

    guard(actor, FINALISES_REPORT)
    if year not in plan.years:
        raise ValidationError(_("年度不在规划期内。"))
    previous = FinalisedReport.objects.filter(plan=plan, year=year).order_by("-version").first()
    version = (FinalisedReport.objects.filter(plan=plan, year=year).count()) + 1
    prefix = plan.config.get("report_number_prefix") or plan.key
    number = f"{prefix}〔{year}〕{version}号"
    data = report_data(plan=plan, year=year, user=actor, number=number, final=True,
                       narrative=narrative)
    if previous is not None and content_hash(previous.snapshot) == content_hash(data["snapshot"]):
        # Nothing changed since the last finalised version: no new 文号, the last one stands.
        previous.unchanged = True
        return previous
    rel = Path(plan.key) / str(year) / f"v{version}"
    out = report_dir() / rel
    out.mkdir(parents=True, exist_ok=True)
    paths = build_report(data, out_dir=out)
    files = {}
    for fmt, path in paths.items():
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        Path(path).chmod(0o444)  # the kept copy is read-only on disk too
        files[fmt] = {"path": str(rel / Path(path).name), "sha256": digest}
    snapshot = data["snapshot"]
    with transaction.atomic():
        # Count again under the lock of the insert: two finalisations get two numbers or fail.
        report = FinalisedReport(
            plan=plan, year=year, version=version, number=number, finalised_by=actor,
            finalised_at=timezone.now(), snapshot=snapshot, files=files,
            sha256=snapshot_hash(snapshot, {k: v["sha256"] for k, v in files.items()}))
        report.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=report,
                     area_code=plan.west_code,
                     new={"number": number, "sha256": report.sha256, "files": files})
    return report


def report_verify(report: FinalisedReport) -> dict[str, bool]:
    """Recompute each kept file's hash; False where a file is missing or changed."""
    out = {}
    for fmt, f in report.files.items():
        p = report_dir() / f["path"]
        out[fmt] = p.exists() and hashlib.sha256(p.read_bytes()).hexdigest() == f["sha256"]
    return out


def evidence_demo_file(name: str, text: str) -> ContentFile:
    return ContentFile(text.encode("utf-8"), name=name)

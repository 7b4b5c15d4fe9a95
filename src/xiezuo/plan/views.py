"""Pages of the plan: the dashboard, a page per target, entries, approval, the assessment."""

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.roles import has
from xiezuo.accounts.services import audit_record
from xiezuo.core.lists import paginate
from xiezuo.core.numbers import TEN_THOUSAND
from xiezuo.core.redirects import next_or
from xiezuo.plan import selectors, services
from xiezuo.plan.access import (
    APPROVES_AGGREGATES,
    COMMENTS_ASSESSMENT,
    ENTERS_AGGREGATES,
    FINALISES_REPORT,
    PRODUCES_REPORT,
    READS_ASSESSMENT,
)
from xiezuo.plan.choices import EntryState, Status, TargetKind
from xiezuo.plan.evaluation import (
    current_plan,
    current_plan_targets,
    default_year,
    evaluate,
    plans_for,
    reader_for,
)
from xiezuo.plan.forms import CommentForm, DashboardFilter, DecisionForm, EntryForm
from xiezuo.plan.models import FinalisedReport, Target
from xiezuo.regions.scoping import scope_label
from xiezuo.tabular.listexport import XCol, wants_xlsx, xlsx_response

STATUS_COLOURS = {Status.MET: "#1d6b2f", Status.ON_TRACK: "#4f8fcf", Status.BEHIND: "#c98a00",
                  Status.NOT_MET: "#a11212"}
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _status_counts(counts: dict) -> list[tuple[str, str, int]]:
    return [(s, Status(s).label, counts.get(s, 0))
            for s in (Status.MET, Status.ON_TRACK, Status.BEHIND, Status.NOT_MET)]


PLAN_SESSION_KEY = "plan:key"


def _plan_key(request) -> str:
    """The pair's plan the user chose (`?plan=KEY`, kept in the session for the plan's other
    pages): a city office or a superuser sees several; a county user has one and needs none."""
    key = request.GET.get("plan", "")
    if key:
        request.session[PLAN_SESSION_KEY] = key
        return key
    return request.session.get(PLAN_SESSION_KEY, "")


def _plan_or_404(request):
    """The plan of the user's pair (the chosen one of several); a plan of a pair the user does
    not work in is not there (404), as if never loaded."""
    key = _plan_key(request)
    plan = current_plan(request.user, key)
    if plan is None and key and not request.GET.get("plan"):
        plan = current_plan(request.user)  # a stale choice from another account's pair
    if plan is None:
        raise Http404(_("尚未载入规划。"))
    return plan


def _year_or_404(plan, year: int) -> int:
    if year not in plan.years:
        raise Http404
    return year


def tracked_series(rows, years: list[int]) -> list[dict]:
    """The chapter's tracked targets (跟踪指标: a figure each year, no number to reach, no
    status) as one small bar chart each: the year's value in the target's unit (yuan shown in
    万元, as the reports write it), the link to the list behind each bar, None for a year the
    target does not apply or has no figure. A status chart counts no tracked target, so a
    chapter of tracked targets only (ch.3) would otherwise show nothing."""
    out = []
    for r in rows:
        if not r.tracked:
            continue
        unit, scale = str(r.target.unit), Decimal(1)
        if r.target.unit_zh == "元":
            unit, scale = str(_("万元")), TEN_THOUSAND
        data, links = [], []
        for y in years:
            yr = r.years[y]
            v = yr.shown if yr.applies else None
            data.append(None if v is None else float(
                (Decimal(v) / scale).quantize(Decimal("0.01"), ROUND_HALF_UP)))
            links.append(yr.drill_url if v is not None else "")
        out.append({"key": r.target.key, "name": str(r.target.text), "unit": unit,
                    "data": data, "links": links})
    return out


@login_required
def dashboard(request):
    key = _plan_key(request)
    plan, targets = current_plan_targets(user=request.user, key=key)
    if plan is None and key and not request.GET.get("plan"):
        plan, targets = current_plan_targets(user=request.user)
    if plan is None:
        raise Http404(_("尚未载入规划。"))
    form = DashboardFilter(request.GET or None, years=plan.years)
    f = form.cleaned_data if form.is_valid() else {}
    year = f.get("year") or default_year(plan)
    as_of = f.get("as_of") or timezone.localdate()
    side = f.get("side") or ""
    if side in {"east", "west"}:
        targets = [t for t in targets if t.side in {side, "both"}]
    result = evaluate(plan, user=reader_for(request.user, plan), as_of=as_of, targets=targets)
    from xiezuo.core.navigation import CHAPTERS

    titles = {n: t for n, t, _label in CHAPTERS}
    chapters = []
    for ch, rows in result.by_chapter():
        series = []
        for s in (Status.MET, Status.ON_TRACK, Status.BEHIND, Status.NOT_MET):
            series.append({"name": str(Status(s).label), "colour": STATUS_COLOURS[s],
                           "data": [sum(1 for r in rows if r.years[y].applies
                                        and r.years[y].status == s) for y in plan.years]})
        tracked = tracked_series(rows, plan.years)
        chapters.append({"number": ch, "title": titles.get(ch, ""), "rows": rows, "chart": series,
                         "tracked": tracked, "judged": any(not r.tracked for r in rows),
                         "rows_year": [(r, r.years[year]) for r in rows]})
    charts = {c["number"]: {"years": [str(y) for y in plan.years], "series": c["chart"],
                            "tracked": c["tracked"]}
              for c in chapters}
    return render(request, "plan/dashboard.html", {
        "plan": plan, "form": form, "year": year, "as_of": as_of, "side": side,
        "chapters": chapters, "charts": charts, "result": result,
        "statuses": _status_counts(result.counts(year)),
    })


@login_required
def city(request):
    """The pairs the user works in side by side and added up (a city office's dashboard)."""
    from xiezuo.plan.city import STATUSES, city_evaluate

    result = city_evaluate(user=request.user)
    if not result.pairs:
        raise Http404(_("尚未载入规划。"))
    years = result.years
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = 0
    if year not in years:
        year = min(max(timezone.localdate().year, years[0]), years[-1])
    pairs = [{"plan": plan, "partnership": plan.partnership,
              "counts": [result_.counts(year).get(s, 0) for s in STATUSES]}
             for plan, result_ in result.pairs]
    rows = [{"row": row, "value": row.value(year), "required": row.required(year),
             "url": row.url(year),
             "cells": [row.by_pair[plan.pk].years.get(year) if plan.pk in row.by_pair else None
                       for plan, _r in result.pairs]}
            for row in result.rows]
    return render(request, "plan/city.html", {
        "year": year, "years": years, "pairs": pairs, "rows": rows,
        "statuses": _status_counts(result.counts(year)), "status_labels": [
            Status(s).label for s in STATUSES],
    })


@login_required
def target_detail(request, key: str):
    plan = _plan_or_404(request)
    target = get_object_or_404(Target, plan=plan, key=key)
    result = evaluate(plan, user=reader_for(request.user, plan), targets=[target]).targets[0]
    entries = selectors.entries_for(user=request.user, plan=plan, target_key=key)
    form = None
    if has(request.user, ENTERS_AGGREGATES) and result.source != "records":
        form = _entry_form(request, target, result)
    chart = {"years": [str(y) for y in plan.years],
             "values": [float(result.years[y].shown) if result.years[y].shown is not None
                        else None for y in plan.years],
             "required": [float(result.years[y].required) if result.years[y].required
                          is not None else None for y in plan.years]}
    return render(request, "plan/target.html", {
        "plan": plan, "target": target, "result": result,
        "years": [result.years[y] for y in plan.years], "entries": entries, "form": form,
        "chart": chart, "can_approve": has(request.user, APPROVES_AGGREGATES),
        "decision_form": DecisionForm(),
    })


def _entry_form(request, target, result, data=None, files=None):
    if target.kind == TargetKind.COVERAGE:
        members = result.members
    else:
        members = ()
    return EntryForm(data, files, target=target, user=request.user, members=members,
                     initial={"area": target.plan.west_code})


@require_POST
@login_required
def entry_create(request, key: str):
    if not has(request.user, ENTERS_AGGREGATES):
        raise PermissionDenied
    plan = _plan_or_404(request)
    target = get_object_or_404(Target, plan=plan, key=key)
    result = evaluate(plan, user=reader_for(request.user, plan), targets=[target]).targets[0]
    form = _entry_form(request, target, result, request.POST, request.FILES)
    if form.is_valid():
        from xiezuo.regions.models import Area

        area = get_object_or_404(Area.objects.visible_to(request.user),
                                 code=form.cleaned_data["area"])
        try:
            services.entry_create(
                actor=request.user, target=target, year=form.cleaned_data["year"], area=area,
                value=form.cleaned_data["value"], evidence=form.cleaned_data["evidence"],
                member=form.cleaned_data.get("member", ""),
                partner=form.cleaned_data.get("partner", ""),
                venue_side=form.cleaned_data.get("venue_side", ""),
                description=form.cleaned_data.get("description", ""))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("已提交，待另一位用户审批后计入。"))
            return redirect("plan:target_detail", key=key)
    else:
        messages.error(request, _("填报有误：") + "; ".join(
            f"{form.fields[k].label if k in form.fields else k}: {' '.join(v)}"
            for k, v in form.errors.items()))
    return redirect("plan:target_detail", key=key)


@require_POST
@login_required
def entry_decide(request, pk: int):
    if not has(request.user, APPROVES_AGGREGATES):
        raise PermissionDenied
    plan = _plan_or_404(request)
    entry = get_object_or_404(selectors.entries_visible(user=request.user, plan=plan), pk=pk)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    approve = request.POST.get("decision") == "approve"
    try:
        services.entry_decide(actor=request.user, entry=entry, approve=approve, note=note)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:  # the role may approve, but not this (own) entry
        messages.error(request, str(exc) or _("无权审批。"))
    else:
        messages.success(request, _("已审批通过。") if approve else _("已退回。"))
    return redirect(next_or(request, reverse("plan:target_detail", args=[entry.target.key])))


@login_required
def entry_list(request):
    plan = _plan_or_404(request)

    def as_int(name):
        v = request.GET.get(name, "")
        return int(v) if v.isdigit() else None

    target_key = request.GET.get("target", "")
    target = Target.objects.filter(plan=plan, key=target_key).first() if target_key else None
    state = request.GET.get("state", "")
    qs = selectors.entries_for(user=request.user, plan=plan, target_key=target_key,
                               year=as_int("year"), upto=as_int("upto"),
                               state=state if state in EntryState.values else "")
    approved = qs.filter(state=EntryState.APPROVED)
    if wants_xlsx(request):
        return xlsx_response(
            title=_("汇总填报") + (f"：{target.text}" if target else ""), columns=ENTRY_COLUMNS,
            rows=qs.select_related("target", "area", "entered_by", "decided_by"),
            filename=_("汇总填报"), scope=scope_label(request.user),
            filters="　".join(x for x in (as_int("year") and f"{as_int('year')} 年",
                                          as_int("upto") and f"截至 {as_int('upto')} 年") if x))
    totals = approved.aggregate(total=Sum("value"), n=Count("id"))
    members = approved.exclude(member="").values("member").distinct().count()
    page = paginate(request, qs.select_related("target", "area", "entered_by", "decided_by"))
    return render(request, "plan/entries.html", {
        "plan": plan, "target": target, "entries": page, "page": page, "total": totals["total"],
        "n_approved": totals["n"], "members": members, "year": as_int("year"),
        "upto": as_int("upto"), "can_approve": has(request.user, APPROVES_AGGREGATES),
    })


ENTRY_COLUMNS = [
    XCol(gettext_lazy("目标"), "target.text", width=40), XCol(gettext_lazy("年度"), "year", kind="int"),
    XCol(gettext_lazy("区域代码"), "area.code", width=15), XCol(gettext_lazy("区域"), "area.name"),
    XCol(gettext_lazy("数值"), "value", kind="decimal"), XCol(gettext_lazy("单位"), "target.unit"),
    XCol(gettext_lazy("覆盖成员"), "member"), XCol(gettext_lazy("结对/合作单位"), "partner"),
    XCol(gettext_lazy("说明"), "description", width=40),
    XCol(gettext_lazy("佐证材料"), "evidence_name"),
    XCol(gettext_lazy("填报人"), "entered_by"), XCol(gettext_lazy("填报时间"), "entered_at", kind="datetime"),
    XCol(gettext_lazy("状态"), "state"), XCol(gettext_lazy("审批人"), "decided_by"),
    XCol(gettext_lazy("审批时间"), "decided_at", kind="datetime"),
]


@login_required
def pending_list(request):
    if not has(request.user, APPROVES_AGGREGATES):
        raise PermissionDenied
    plan = _plan_or_404(request)
    return render(request, "plan/pending.html", {
        "plan": plan, "entries": selectors.pending_for_approval(user=request.user, plan=plan),
    })


@login_required
def evidence(request, pk: int):
    plan = _plan_or_404(request)
    entry = get_object_or_404(selectors.entries_visible(user=request.user, plan=plan), pk=pk)
    audit_record(actor=request.user, action=AuditAction.EXPORT, obj=entry,
                 area_code=entry.area.code, note="evidence downloaded")
    return FileResponse(entry.evidence.open("rb"), as_attachment=True,
                        filename=entry.evidence_name)


def _assessment_reader(user) -> None:
    if not has(user, READS_ASSESSMENT):
        raise PermissionDenied


@login_required
def assessment(request, year: int):
    _assessment_reader(request.user)
    plan = _plan_or_404(request)
    _year_or_404(plan, year)
    result = evaluate(plan, user=reader_for(request.user, plan))
    rows = [(r, r.years[year]) for r in result.targets]
    return render(request, "plan/assessment.html", {
        "plan": plan, "year": year, "rows": rows,
        "comments": plan.comments.filter(year=year).select_related("author"),
        "comment_form": CommentForm() if has(request.user, COMMENTS_ASSESSMENT) else None,
        "can_produce": has(request.user, PRODUCES_REPORT),
        "can_finalise": has(request.user, FINALISES_REPORT),
        "reports": selectors.reports_for(plan=plan, year=year),
        "statuses": _status_counts(result.counts(year)),
    })


@require_POST
@login_required
def comment_add(request, year: int):
    if not has(request.user, COMMENTS_ASSESSMENT):
        raise PermissionDenied
    plan = _plan_or_404(request)
    _year_or_404(plan, year)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(actor=request.user, plan=plan, year=year,
                                 text=form.cleaned_data["text"])
            messages.success(request, _("评议意见已保存。"))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("评议意见不能为空。"))
    return redirect("plan:assessment", year=year)


@require_POST
@login_required
def report_generate(request, year: int):
    if not has(request.user, PRODUCES_REPORT):
        raise PermissionDenied
    plan = _plan_or_404(request)
    _year_or_404(plan, year)
    from xiezuo.core.jobs import job_create
    from xiezuo.plan.tasks import report_draft_task

    job = job_create(kind="plan.report", title=_("%(year)s 年度自评报告（草稿）") % {"year": year},
                     user=request.user)
    audit_record(actor=request.user, action=AuditAction.EXPORT, object_type="plan.report",
                 object_id=str(job.pk), object_repr=f"{plan.key} {year} draft",
                 area_code=plan.west_code)
    report_draft_task.enqueue(job_id=str(job.pk), plan_id=plan.pk, year=year,
                              user_id=request.user.pk)
    return redirect("core:job_detail", pk=job.pk)


@login_required
def draft(request, job_id):
    from xiezuo.core.models import Job

    job = get_object_or_404(Job, pk=job_id, created_by=request.user, kind="plan.report")
    if not job.result:
        raise Http404
    return render(request, "plan/draft.html", {"job": job, "formats": ["docx", "xlsx", "pdf"]})


@login_required
def draft_download(request, job_id, fmt: str):
    from xiezuo.core.models import Job

    job = get_object_or_404(Job, pk=job_id, created_by=request.user, kind="plan.report")
    if fmt not in CONTENT_TYPES or not job.result:
        raise Http404
    path = services.report_dir() / "drafts" / str(job.pk) / f"{job.result['stem']}.{fmt}"
    if not path.exists():
        raise Http404
    # the file on disk keeps its plain name; the user's copy says what it is, in Chinese
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"{job.title}.{fmt}",
                        content_type=CONTENT_TYPES[fmt])


@require_POST
@login_required
def report_finalise(request, year: int):
    if not has(request.user, FINALISES_REPORT):
        raise PermissionDenied
    plan = _plan_or_404(request)
    _year_or_404(plan, year)
    report = services.report_finalise(actor=request.user, plan=plan, year=year)
    if getattr(report, "unchanged", False):
        messages.info(request, _("内容与上次定稿相同，未生成新文号：%(number)s")
                      % {"number": report.number})
        return redirect("plan:assessment", year=year)
    messages.success(request, _("已定稿：%(number)s") % {"number": report.number})
    return redirect("plan:assessment", year=year)


@login_required
def report_download(request, pk: int, fmt: str):
    _assessment_reader(request.user)
    report = get_object_or_404(FinalisedReport, pk=pk,
                               plan__in=[p.pk for p in plans_for(request.user)])
    if fmt not in report.files:
        raise Http404
    if not services.report_verify(report).get(fmt):
        messages.error(request, _("文件与定稿时的哈希不一致，可能已被改动。"))
        return redirect("plan:assessment", year=report.year)
    path = services.report_dir() / report.files[fmt]["path"]
    audit_record(actor=request.user, action=AuditAction.EXPORT, obj=report,
                 area_code=report.plan.west_code, note=f"final report {fmt}")
    name = _("%(year)s 年度自评报告（%(number)s）") % {"year": report.year, "number": report.number}
    return FileResponse(Path(path).open("rb"), as_attachment=True, filename=f"{name}.{fmt}",
                        content_type=CONTENT_TYPES[fmt])

"""The talent pages. Reads need READS_TALENT, writes EDITS_TALENT (403 otherwise); a record
outside the user's scope is 404 (get_object_or_404 over visible_to)."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xiezuo.accounts.access import require
from xiezuo.accounts.roles import has
from xiezuo.core.jobs import job_create, job_of, job_report_response, job_upload
from xiezuo.core.lists import paginate
from xiezuo.registry import selectors as registry_selectors
from xiezuo.tabular.safe import mask_id
from xiezuo.talent import forms as f
from xiezuo.talent import selectors, services
from xiezuo.talent.access import EDITS_TALENT, READS_TALENT, REVEALS_ID
from xiezuo.talent.choices import ExpertStatus, MergeState
from xiezuo.talent.filters import (
    AttendanceFilters,
    ClassFilters,
    EnrolmentFilters,
    MergeFilters,
    RequestFilters,
    TraineeFilters,
)
from xiezuo.talent.models import (
    Attendance,
    DirectedEnrolment,
    ExpertRequest,
    Trainee,
    TrainingClass,
)
from xiezuo.talent.status import DATE_FIELD, is_overdue, next_status


def _saved(request, form, save) -> bool:
    """Run `save(cleaned_data)` for a valid POSTed form; a refusal goes back onto the form
    (a stale version as a message over the form, a field's error beside the field)."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(dict(form.cleaned_data))
    except services.StaleEditError as e:
        form.add_error(None, str(e))
    except ValidationError as e:
        if hasattr(e, "error_dict"):
            for field, errs in e.error_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            form.add_error(None, e)
    else:
        return True
    return False


def _form_page(request, form, title, back):
    return render(request, "talent/form.html", {"form": form, "title": title, "back": back})


# --- classes ------------------------------------------------------------------------------------

@require(READS_TALENT)
def class_list(request):
    form = f.ClassFilterForm(request.GET or None)
    filters = ClassFilters.from_form(form)
    qs = selectors.class_list(user=request.user, filters=filters)
    page = paginate(request, qs)
    return render(request, "talent/class_list.html", {
        "form": form, "page": page, "total": page.paginator.count,
        "attendances": qs.aggregate(n=Sum("n_attendances"))["n"] or 0,
        "can_edit": has(request.user, EDITS_TALENT)})


@require(READS_TALENT)
def class_detail(request, pk: int):
    c = get_object_or_404(TrainingClass.objects.visible_to(request.user).select_related("area"),
                          pk=pk)
    rows = selectors.attendance_list(user=request.user,
                                     filters=AttendanceFilters(training_class=c.code))
    return render(request, "talent/class_detail.html", {
        "c": c, "page": paginate(request, rows), "can_edit": has(request.user, EDITS_TALENT),
        "completed": rows.filter(completed=True).count()})


@require(EDITS_TALENT)
def class_create(request):
    form = f.ClassForm(request.POST or None)
    saved = {}

    def save(d):
        saved["c"] = services.class_create(actor=request.user, **d)

    if _saved(request, form, save):
        messages.success(request, _("已登记培训班 %(c)s") % {"c": saved["c"].code})
        return redirect("talent:class_detail", saved["c"].pk)
    return _form_page(request, form, _("登记培训班"), reverse("talent:class_list"))


@require(EDITS_TALENT)
def class_edit(request, pk: int):
    c = get_object_or_404(TrainingClass.objects.visible_to(request.user), pk=pk)
    form = f.ClassEditForm(request.POST or None, initial=f.ClassEditForm.initial_for(c))

    def save(d):
        services.class_update(actor=request.user, training_class=c, version=d.pop("version"),
                              **d)

    if _saved(request, form, save):
        messages.success(request, _("已保存培训班 %(c)s") % {"c": c.code})
        return redirect("talent:class_detail", c.pk)
    return _form_page(request, form, _("编辑培训班：%(c)s") % {"c": c},
                      reverse("talent:class_detail", args=[c.pk]))


# --- trainees and attendances -------------------------------------------------------------------

@require(READS_TALENT)
def trainee_list(request):
    form = f.TraineeFilterForm(request.GET or None, user=request.user)
    filters = TraineeFilters.from_form(form)
    page = paginate(request, selectors.trainee_list(user=request.user, filters=filters))
    return render(request, "talent/trainee_list.html", {
        "form": form, "page": page, "total": page.paginator.count})


@require(READS_TALENT)
def trainee_detail(request, pk: int):
    t = get_object_or_404(Trainee.objects.visible_to(request.user).select_related("area"), pk=pk)
    return render(request, "talent/trainee_detail.html", {
        "t": t, "attendances": Attendance.objects.visible_to(request.user).filter(
            trainee=t).select_related("training_class").order_by("training_class__start_date"),
        "can_edit": has(request.user, EDITS_TALENT),
        "can_reveal": bool(t.id_hash) and has(request.user, REVEALS_ID)})


@require(EDITS_TALENT)
def trainee_edit(request, pk: int):
    t = get_object_or_404(Trainee.objects.visible_to(request.user), pk=pk)
    form = f.TraineeEditForm(request.POST or None, user=request.user,
                             initial=f.TraineeEditForm.initial_for(t))

    def save(d):
        services.trainee_update(actor=request.user, trainee=t, version=d.pop("version"), **d)

    if _saved(request, form, save):
        messages.success(request, _("已保存学员 %(n)s") % {"n": form.cleaned_data["name"]})
        return redirect("talent:trainee_detail", t.pk)
    return _form_page(request, form, _("编辑学员：%(n)s") % {"n": t.name},
                      reverse("talent:trainee_detail", args=[t.pk]))


@require(REVEALS_ID)
@require_POST
def trainee_reveal(request, pk: int):
    """The full ID number in place of the masked one (htmx swaps the cell); audited."""
    t = get_object_or_404(Trainee.objects.visible_to(request.user).select_related("area"), pk=pk)
    number = services.trainee_reveal_id(actor=request.user, trainee=t)
    return render(request, "talent/_id_cell.html", {"t": t, "number": number})


@require(READS_TALENT)
def attendance_list(request):
    form = f.AttendanceFilterForm(request.GET or None)
    filters = AttendanceFilters.from_form(form)
    qs = selectors.attendance_list(user=request.user, filters=filters)
    page = paginate(request, qs)
    return render(request, "talent/attendance_list.html", {
        "form": form, "page": page, "total": page.paginator.count, "filters": filters,
        "people": qs.order_by().values("trainee").distinct().count()})


@require(READS_TALENT)
def merge_list(request):
    form = f.MergeFilterForm(request.GET or None)
    filters = MergeFilters.from_form(form)
    page = paginate(request, selectors.merge_list(user=request.user, filters=filters))
    return render(request, "talent/merge_list.html", {
        "form": form, "page": page, "total": page.paginator.count, "filters": filters,
        "can_edit": has(request.user, EDITS_TALENT), "open": MergeState.OPEN})


@require(EDITS_TALENT)
@require_POST
def merge_decide(request, pk: int):
    c = get_object_or_404(selectors.merge_list(user=request.user, filters=MergeFilters()), pk=pk)
    decision = request.POST.get("decision", "")
    try:
        if decision == "apart":
            services.merge_keep_apart(actor=request.user, candidate=c)
            messages.success(request, _("已确认为不同的人"))
        elif decision in ("first", "second"):
            keep = c.first if decision == "first" else c.second
            kept = services.trainee_merge(actor=request.user, candidate=c, keep=keep)
            messages.success(request, _("已合并为 %(t)s") % {"t": kept})
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as e:
        messages.error(request, "; ".join(getattr(e, "messages", [str(e)])))
    return redirect("talent:merge_list")


# --- expert requests ----------------------------------------------------------------------------

@require(READS_TALENT)
def request_list(request):
    form = f.RequestFilterForm(request.GET or None)
    filters = RequestFilters.from_form(form)
    today = timezone.localdate()
    page = paginate(request, selectors.request_list(user=request.user, filters=filters,
                                                    today=today))
    for r in page:
        r.overdue = is_overdue(r.status, r.due_on, today)
    return render(request, "talent/request_list.html", {
        "form": form, "page": page, "total": page.paginator.count,
        "can_edit": has(request.user, EDITS_TALENT)})


@require(READS_TALENT)
def request_detail(request, pk: int):
    r = get_object_or_404(ExpertRequest.objects.visible_to(request.user).select_related("area"),
                          pk=pk)
    nxt = next_status(r.status)
    return render(request, "talent/request_detail.html", {
        "r": r, "experts": r.experts.all(), "next": ExpertStatus(nxt) if nxt else None,
        "overdue": is_overdue(r.status, r.due_on, timezone.localdate()),
        "steps": [(ExpertStatus(s).label, getattr(r, field)) for s, field in DATE_FIELD.items()],
        "can_edit": has(request.user, EDITS_TALENT),
        "advance_form": f.AdvanceForm(initial={"version": r.version, "status": nxt,
                                               "on": timezone.localdate(),
                                               "outcome": r.outcome}) if nxt else None,
        "expert_form": f.ExpertForm()})


@require(EDITS_TALENT)
def request_create(request):
    form = f.RequestForm(request.POST or None, user=request.user)
    saved = {}

    def save(d):
        saved["r"] = services.request_file(actor=request.user, **d)

    if _saved(request, form, save):
        messages.success(request, _("已登记人才需求"))
        return redirect("talent:request_detail", saved["r"].pk)
    return _form_page(request, form, _("提出人才需求"), reverse("talent:request_list"))


@require(EDITS_TALENT)
@require_POST
def request_advance(request, pk: int):
    r = get_object_or_404(ExpertRequest.objects.visible_to(request.user), pk=pk)
    form = f.AdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写日期"))
        return redirect("talent:request_detail", pk)
    d = form.cleaned_data
    try:
        services.request_advance(actor=request.user, request=r, version=d["version"],
                                 status=d["status"], on=d["on"], outcome=d["outcome"],
                                 evaluation=d["evaluation"])
    except (ValidationError, services.StaleEditError) as e:
        messages.error(request, "; ".join(getattr(e, "messages", [str(e)])))
    else:
        messages.success(request, _("已进入“%(s)s”") % {"s": ExpertStatus(d["status"]).label})
    return redirect("talent:request_detail", pk)


@require(EDITS_TALENT)
@require_POST
def expert_add(request, pk: int):
    r = get_object_or_404(ExpertRequest.objects.visible_to(request.user), pk=pk)
    form = f.ExpertForm(request.POST)
    if form.is_valid():
        try:
            services.expert_assign(actor=request.user, request=r, **form.cleaned_data)
            messages.success(request, _("已登记选派专家"))
        except ValidationError as e:
            messages.error(request, "; ".join(e.messages))
    else:
        messages.error(request, _("请填写专家姓名和工作单位"))
    return redirect("talent:request_detail", pk)


# --- directed enrolment -------------------------------------------------------------------------

@require(READS_TALENT)
def enrolment_list(request):
    form = f.EnrolmentFilterForm(request.GET or None)
    filters = EnrolmentFilters.from_form(form)
    qs = selectors.enrolment_list(user=request.user, filters=filters)
    page = paginate(request, qs)
    sums = qs.order_by().aggregate(t=Sum("school_years__tuition_waived"),
                                   s=Sum("school_years__subsidy"))
    return render(request, "talent/enrolment_list.html", {
        "form": form, "page": page, "total": page.paginator.count, "sums": sums,
        "can_edit": has(request.user, EDITS_TALENT), "year_form": f.EnrolmentYearForm()})


@require(EDITS_TALENT)
def enrolment_create(request):
    form = f.EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        person = registry_selectors.person_by_id_number(user=request.user,
                                                        raw=d.pop("id_number"))
        if person is None:
            form.add_error("id_number", _("在您负责的区域内没有这个证件号码的建档立卡人员"))
        else:
            try:
                services.enrolment_record(actor=request.user, person=person, **d)
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(request, _("已登记定向招生：%(n)s") % {"n": person.name})
                return redirect("talent:enrolment_list")
    return _form_page(request, form, _("登记定向招生"), reverse("talent:enrolment_list"))


@require(EDITS_TALENT)
@require_POST
def enrolment_year_add(request, pk: int):
    e = get_object_or_404(DirectedEnrolment.objects.visible_to(request.user), pk=pk)
    form = f.EnrolmentYearForm(request.POST)
    if form.is_valid():
        try:
            services.enrolment_year_record(actor=request.user, enrolment=e, **form.cleaned_data)
            messages.success(request, _("已登记学年资助"))
        except ValidationError as err:
            messages.error(request, "; ".join(err.messages))
    else:
        messages.error(request, "; ".join(" ".join(v) for v in form.errors.values()))
    return redirect(reverse("talent:enrolment_list") + f"#e{e.pk}")


# --- the targets' figures -----------------------------------------------------------------------

@require(READS_TALENT)
def figures(request):
    from xiezuo.talent.indicators import INDICATORS

    years = list(range(2017, max(2020, timezone.localdate().year) + 1))
    rows = []
    for ind in INDICATORS:
        per = ind.per_year(user=request.user)
        rows.append({"ind": ind, "cells": [(y, per.get(y, 0), ind.url(y)) for y in years]})
    return render(request, "talent/figures.html", {"rows": rows, "years": years})


# --- the roster import from the web -------------------------------------------------------------

IMPORT_JOB = "talent.import"
IMPORT_LABELS = {
    "rows": gettext_lazy("数据行"), "attendances_created": gettext_lazy("新增参训记录"),
    "attendances_updated": gettext_lazy("更新参训记录"), "unchanged": gettext_lazy("未变化"),
    "rejected": gettext_lazy("拒绝的行"), "trainees_created": gettext_lazy("新增学员"),
    "trainees_matched": gettext_lazy("已有学员（同一人）"),
    "trainees_completed": gettext_lazy("补全证件号码或出生日期的学员"),
    "merge_candidates": gettext_lazy("疑似同一人，待核实"),
}


def _enqueue(request, *, path, original_name, class_code, strict, dry_run):
    from xiezuo.talent.tasks import trainee_import_task

    title = (_("预览学员名单 %(f)s") if dry_run else _("导入学员名单 %(f)s")) % {"f": original_name}
    job = job_create(kind=IMPORT_JOB, title=title, user=request.user)
    trainee_import_task.enqueue(job_id=str(job.pk), path=str(path), user_id=request.user.pk,
                                original_name=original_name, class_code=class_code,
                                dry_run=dry_run, strict=strict)
    return job


@require(EDITS_TALENT)
def import_upload(request):
    """Upload a roster: it is first checked (a preview, nothing stored); the result page then
    offers to import exactly that file."""
    classes = selectors.class_list(user=request.user, filters=ClassFilters())[:200]
    form = f.ImportUploadForm(request.POST or None, request.FILES or None, classes=classes)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        upload = d["file"]
        target = job_upload(upload, folder="talent")
        job = _enqueue(request, path=target, original_name=upload.name,
                       class_code=d["training_class"], strict=d["strict"], dry_run=True)
        return redirect("core:job_detail", pk=job.pk)
    return render(request, "talent/import_upload.html", {"form": form})


def _masked(e: dict) -> dict:
    value = str(e.get("value") or "")
    if e.get("column") and "证件号码" in str(e["column"]).replace(" ", "") and value:
        value = mask_id(value)
    return {**e, "value": value}


@require(EDITS_TALENT)
def import_result(request, job_id):
    job = job_of(request, job_id, kind=IMPORT_JOB)
    if not job.finished_at:
        return redirect("core:job_detail", pk=job.pk)
    result = job.result or {}
    preview = result.get("preview") or {}
    errors = [_masked(e) for e in result.get("errors") or []]
    would_store = sum(result.get(k, 0) for k in ("attendances_created", "attendances_updated"))
    return render(request, "talent/import_result.html", {
        "job": job, "result": result, "errors": errors,
        "counts": [(IMPORT_LABELS[k], v) for k, v in result.items() if k in IMPORT_LABELS],
        "report_url": reverse("talent:import_report", args=[job.pk])
        if result.get("report") else "",
        "can_confirm": bool(preview) and not preview.get("confirmed") and would_store > 0
        and not (preview.get("strict") and result.get("rejected")),
        "again_url": reverse("talent:import_upload")})


@require(EDITS_TALENT)
@require_POST
def import_confirm(request, job_id):
    """Import the file a preview checked (once)."""
    from xiezuo.core.models import Job

    job = job_of(request, job_id, kind=IMPORT_JOB)
    preview = (job.result or {}).get("preview") or {}
    path = Path(preview.get("path") or "")
    incoming = (Path(settings.DATA_DIR) / "uploads" / "talent" / "incoming").resolve()
    if (not preview or preview.get("confirmed") or not path.resolve().is_relative_to(incoming)
            or not path.is_file()):
        raise Http404
    new = _enqueue(request, path=path, original_name=preview["original_name"],
                   class_code=preview["class_code"], strict=preview["strict"], dry_run=False)
    Job.objects.filter(pk=job.pk).update(
        result={**job.result, "preview": {**preview, "confirmed": str(new.pk)}})
    return redirect("core:job_detail", pk=new.pk)


@require(EDITS_TALENT)
def import_report(request, job_id):
    """The error report (whole rows, full ID numbers): downloaded by its importer, audited."""
    return job_report_response(request, job_of(request, job_id, kind=IMPORT_JOB),
                               note=_("下载学员名单导入错误报告"))

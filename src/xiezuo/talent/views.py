"""The talent pages. Reads need READS_TALENT, writes EDITS_TALENT (403 otherwise); a record
outside the user's scope is 404 (get_object_or_404 over visible_to)."""


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
from xiezuo.core.formpages import form_page
from xiezuo.core.importpages import ImportPages
from xiezuo.core.lists import paginate
from xiezuo.core.years import year_choices
from xiezuo.regions.scoping import scope_label
from xiezuo.registry import selectors as registry_selectors
from xiezuo.tabular.listexport import XCol, wants_xlsx, xlsx_response
from xiezuo.tabular.safe import masked_error
from xiezuo.tabular.template import template_response
from xiezuo.talent import forms as f
from xiezuo.talent import selectors, services
from xiezuo.talent.access import EDITS_TALENT, READS_TALENT, REVEALS_ID
from xiezuo.talent.choices import ExpertStatus, MergeState
from xiezuo.talent.filters import (
    ActivityFilters,
    AttendanceFilters,
    ClassFilters,
    EnrolmentFilters,
    MergeFilters,
    PairingFilters,
    RequestFilters,
    TraineeFilters,
)
from xiezuo.talent.models import (
    Attendance,
    DirectedEnrolment,
    ExpertRequest,
    HospitalPairing,
    Trainee,
    TrainingClass,
)
from xiezuo.talent.status import DATE_FIELD, is_overdue, next_status


def _filters_label(form) -> str:
    """The filters a list was read with, in words, for the export's second row."""
    if form is None or not form.is_bound or not form.is_valid():
        return ""
    out = []
    for name, value in form.cleaned_data.items():
        if value in (None, "", False):
            continue
        field = form.fields[name]
        shown = dict(getattr(field, "choices", ()) or ()).get(value, value) \
            if hasattr(field, "choices") else value
        out.append(f"{field.label or name}：{'是' if value is True else shown}")
    return "；".join(str(x) for x in out)


def _export(request, *, title, columns, rows, form=None):
    return xlsx_response(title=str(title), columns=columns, rows=rows, filename=str(title),
                         scope=scope_label(request.user), filters=_filters_label(form))


def _yes(v) -> str:
    return _("是") if v else _("否")


CLASS_COLUMNS = [
    XCol(gettext_lazy("班次编号"), "code", width=14), XCol(gettext_lazy("名称"), "name"),
    XCol(gettext_lazy("类别"), "get_kind_display"), XCol(gettext_lazy("举办地"), "get_held_display"),
    XCol(gettext_lazy("开班日期"), "start_date", kind="date"),
    XCol(gettext_lazy("结业日期"), "end_date", kind="date"),
    XCol(gettext_lazy("学时"), "hours", kind="decimal"),
    XCol(gettext_lazy("主办单位"), "organiser_name"),
    XCol(gettext_lazy("授课教师或专家"), "teachers"),
    XCol(gettext_lazy("参训人次"), "n_attendances", kind="int"),
    XCol(gettext_lazy("结业人次"), "n_completed", kind="int")]
TRAINEE_COLUMNS = [
    XCol(gettext_lazy("姓名"), "name"), XCol(gettext_lazy("性别"), "sex"),
    XCol(gettext_lazy("出生日期"), "birth_date", kind="date"),
    XCol(gettext_lazy("证件号码"), "id_masked", width=20), XCol(gettext_lazy("工作单位"), "unit"),
    XCol(gettext_lazy("职务"), "post"), XCol(gettext_lazy("乡镇"), "area.name"),
    XCol(gettext_lazy("参训期数"), "n_classes", kind="int")]
ATTENDANCE_COLUMNS = [
    XCol(gettext_lazy("班次编号"), "training_class.code", width=14),
    XCol(gettext_lazy("培训班"), "training_class.name"),
    XCol(gettext_lazy("类别"), "training_class.get_kind_display"),
    XCol(gettext_lazy("开班日期"), "training_class.start_date", kind="date"),
    XCol(gettext_lazy("姓名"), "trainee.name"),
    XCol(gettext_lazy("证件号码"), "trainee.id_masked", width=20),
    XCol(gettext_lazy("工作单位"), "trainee.unit"), XCol(gettext_lazy("乡镇"), "trainee.area.name"),
    XCol(gettext_lazy("结业"), lambda a: _yes(a.completed))]
MERGE_COLUMNS = [
    XCol(gettext_lazy("两条记录"), lambda m: m.label or str(m), width=60),
    XCol(gettext_lazy("原因"), "get_reason_display"), XCol(gettext_lazy("状态"), "get_state_display"),
    XCol(gettext_lazy("处理人"), lambda m: str(m.decided_by or "")),
    XCol(gettext_lazy("处理时间"), "decided_at", kind="datetime")]
PAIRING_COLUMNS = [
    XCol(gettext_lazy("临洮县医院"), "west_hospital.name"),
    XCol(gettext_lazy("仓山区协作医院"), "east_hospital.name"),
    XCol(gettext_lazy("协议编号"), "agreement_no"),
    XCol(gettext_lazy("协议签订日期"), "signed_on", kind="date"),
    XCol(gettext_lazy("协作开始日期"), "start_on", kind="date"),
    XCol(gettext_lazy("协作结束日期"), "end_on", kind="date"),
    XCol(gettext_lazy("协作活动"), "n_activities", kind="int")]
ACTIVITY_COLUMNS = [
    XCol(gettext_lazy("日期"), "date", kind="date"),
    XCol(gettext_lazy("临洮县医院"), "pairing.west_hospital.name"),
    XCol(gettext_lazy("仓山区协作医院"), "pairing.east_hospital.name"),
    XCol(gettext_lazy("类别"), "get_kind_display"), XCol(gettext_lazy("内容"), "title"),
    XCol(gettext_lazy("仓山方人数"), "east_staff", kind="int"),
    XCol(gettext_lazy("临洮方人数"), "west_staff", kind="int")]
REQUEST_COLUMNS = [
    XCol(gettext_lazy("需求名称"), "title"), XCol(gettext_lazy("需求类别"), "get_need_kind_display"),
    XCol(gettext_lazy("项目或企业"), "subject"), XCol(gettext_lazy("所在地区"), "area.name"),
    XCol(gettext_lazy("所需人才"), "skills_sought"), XCol(gettext_lazy("状态"), "get_status_display"),
    XCol(gettext_lazy("提出日期"), "filed_on", kind="date"),
    XCol(gettext_lazy("要求完成日期"), "due_on", kind="date"),
    XCol(gettext_lazy("逾期"), lambda r: _yes(is_overdue(r.status, r.due_on,
                                                       timezone.localdate()))),
    XCol(gettext_lazy("选派专家"), "n_experts", kind="int"),
    XCol(gettext_lazy("帮扶成效"), "outcome")]
ENROLMENT_COLUMNS = [
    XCol(gettext_lazy("学生"), "person.name"),
    XCol(gettext_lazy("证件号码"), "person.id_masked", width=20),
    XCol(gettext_lazy("乡镇"), "person.household.village.parent.name"),
    XCol(gettext_lazy("村"), "person.household.village.name"),
    XCol(gettext_lazy("录取院校"), "college"), XCol(gettext_lazy("专业"), "major"),
    XCol(gettext_lazy("录取年份"), "admitted_year", kind="int"),
    XCol(gettext_lazy("学制（年）"), "years", kind="int"),
    XCol(gettext_lazy("减免学费（元）"), "tuition_total", kind="money"),
    XCol(gettext_lazy("补助（元）"), "subsidy_total", kind="money")]


#: the edit pages' template (core.formpages.form_page: bind, save through the service, redirect)
TEMPLATE = "talent/form.html"


# --- classes ------------------------------------------------------------------------------------

@require(READS_TALENT)
def class_list(request):
    form = f.ClassFilterForm(request.GET or None)
    filters = ClassFilters.from_form(form)
    qs = selectors.class_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return _export(request, title=_("培训班"), columns=CLASS_COLUMNS, rows=qs, form=form)
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
    form = f.ClassForm(request.POST or None, user=request.user)

    def save(d):
        return services.class_create(actor=request.user, **d)

    return form_page(request, form, save=save,
                     title=_("登记培训班"),
                     back=reverse("talent:class_list"),
                     done=lambda made: ("talent:class_detail", made.pk),
                     message=lambda made: _("已登记培训班 %(c)s") % {"c": made.code},
                     template=TEMPLATE)


@require(EDITS_TALENT)
def class_edit(request, pk: int):
    c = get_object_or_404(TrainingClass.objects.visible_to(request.user), pk=pk)
    form = f.ClassEditForm(request.POST or None, user=request.user,
                           initial=f.ClassEditForm.initial_for(c))

    def save(d):
        services.class_update(actor=request.user, training_class=c, version=d.pop("version"),
                              **d)

    return form_page(request, form, save=save,
                     title=_("编辑培训班：%(c)s") % {"c": c},
                     back=reverse("talent:class_detail", args=[c.pk]),
                     done=lambda _made: ("talent:class_detail", c.pk),
                     message=lambda _made: _("已保存培训班 %(c)s") % {"c": c.code},
                     template=TEMPLATE)


# --- trainees and attendances -------------------------------------------------------------------

@require(READS_TALENT)
def trainee_list(request):
    form = f.TraineeFilterForm(request.GET or None, user=request.user)
    filters = TraineeFilters.from_form(form)
    qs = selectors.trainee_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return _export(request, title=_("培训学员"), columns=TRAINEE_COLUMNS, rows=qs, form=form)
    page = paginate(request, qs)
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

    return form_page(request, form, save=save,
                     title=_("编辑学员：%(n)s") % {"n": t.name},
                     back=reverse("talent:trainee_detail", args=[t.pk]),
                     done=lambda _made: ("talent:trainee_detail", t.pk),
                     message=lambda _made: _("已保存学员 %(n)s") % {"n": form.cleaned_data["name"]},
                     template=TEMPLATE)


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
    if wants_xlsx(request):
        return _export(request, title=_("参训记录"), columns=ATTENDANCE_COLUMNS, rows=qs,
                       form=form)
    page = paginate(request, qs)
    return render(request, "talent/attendance_list.html", {
        "form": form, "page": page, "total": page.paginator.count, "filters": filters,
        "people": qs.order_by().values("trainee").distinct().count()})


@require(READS_TALENT)
def merge_list(request):
    form = f.MergeFilterForm(request.GET or None)
    filters = MergeFilters.from_form(form)
    qs = selectors.merge_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return _export(request, title=_("疑似同一人"), columns=MERGE_COLUMNS, rows=qs, form=form)
    page = paginate(request, qs)
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


# --- hospital pairings -------------------------------------------------------------------------

@require(READS_TALENT)
def pairing_list(request):
    form = f.PairingFilterForm(request.GET or None)
    filters = PairingFilters.from_form(form)
    qs = selectors.pairing_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return _export(request, title=_("医院对口协作"), columns=PAIRING_COLUMNS, rows=qs,
                       form=form)
    page = paginate(request, qs)
    return render(request, "talent/pairing_list.html", {
        "form": form, "page": page, "total": page.paginator.count,
        "per_year": selectors.pairings_in_operation(user=request.user),
        "can_edit": has(request.user, EDITS_TALENT)})


@require(READS_TALENT)
def pairing_detail(request, pk: int):
    p = get_object_or_404(selectors.pairing_list(user=request.user, filters=PairingFilters()),
                          pk=pk)
    activities = selectors.activity_list(user=request.user, filters=ActivityFilters(pairing=p.pk))
    return render(request, "talent/pairing_detail.html", {
        "p": p, "activities": activities, "can_edit": has(request.user, EDITS_TALENT),
        "staff": activities.aggregate(e=Sum("east_staff"), w=Sum("west_staff")),
        "activity_form": f.ActivityForm()})


@require(EDITS_TALENT)
def pairing_create(request):
    form = f.PairingForm(request.POST or None, user=request.user)

    def save(d):
        return services.pairing_create(actor=request.user, **d)

    return form_page(request, form, save=save,
                     title=_("登记医院对口协作"),
                     back=reverse("talent:pairing_list"),
                     done=lambda made: ("talent:pairing_detail", made.pk),
                     message=lambda made: _("已登记医院对口协作"),
                     template=TEMPLATE)


@require(EDITS_TALENT)
def pairing_edit(request, pk: int):
    p = get_object_or_404(HospitalPairing.objects.visible_to(request.user), pk=pk)
    form = f.PairingEditForm(request.POST or None, user=request.user,
                             initial=f.PairingEditForm.initial_for(p))

    def save(d):
        if not d.get("start_on"):
            d["start_on"] = d["signed_on"]
        services.pairing_update(actor=request.user, pairing=p, version=d.pop("version"), **d)

    return form_page(request, form, save=save,
                     title=_("编辑医院对口协作：%(p)s") % {"p": p},
                     back=reverse("talent:pairing_detail", args=[p.pk]),
                     done=lambda _made: ("talent:pairing_detail", p.pk),
                     message=lambda _made: _("已保存医院对口协作"),
                     template=TEMPLATE)


@require(READS_TALENT)
def activity_list(request):
    form = f.ActivityFilterForm(request.GET or None)
    filters = ActivityFilters.from_form(form)
    qs = selectors.activity_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return _export(request, title=_("医院协作活动"), columns=ACTIVITY_COLUMNS, rows=qs,
                       form=form)
    page = paginate(request, qs)
    return render(request, "talent/activity_list.html", {
        "form": form, "page": page, "total": page.paginator.count,
        "staff": qs.aggregate(e=Sum("east_staff"), w=Sum("west_staff"))})


@require(EDITS_TALENT)
@require_POST
def activity_create(request, pk: int):
    p = get_object_or_404(HospitalPairing.objects.visible_to(request.user), pk=pk)
    form = f.ActivityForm(request.POST)
    if form.is_valid():
        try:
            services.activity_record(actor=request.user, pairing=p, **form.cleaned_data)
            messages.success(request, _("已登记协作活动"))
        except ValidationError as e:
            messages.error(request, "; ".join(e.messages))
    else:
        messages.error(request, "; ".join(" ".join(v) for v in form.errors.values()))
    return redirect("talent:pairing_detail", pk)


# --- expert requests ----------------------------------------------------------------------------

@require(READS_TALENT)
def request_list(request):
    form = f.RequestFilterForm(request.GET or None)
    filters = RequestFilters.from_form(form)
    today = timezone.localdate()
    qs = selectors.request_list(user=request.user, filters=filters, today=today)
    if wants_xlsx(request):
        return _export(request, title=_("专家人才需求"), columns=REQUEST_COLUMNS, rows=qs,
                       form=form)
    page = paginate(request, qs)
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

    def save(d):
        return services.request_file(actor=request.user, **d)

    return form_page(request, form, save=save,
                     title=_("提出人才需求"),
                     back=reverse("talent:request_list"),
                     done=lambda made: ("talent:request_detail", made.pk),
                     message=lambda made: _("已登记人才需求"),
                     template=TEMPLATE)


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
    if wants_xlsx(request):
        return _export(request, title=_("定向招生"), columns=ENROLMENT_COLUMNS, rows=qs,
                       form=form)
    page = paginate(request, qs)
    sums = qs.order_by().aggregate(t=Sum("school_years__tuition_waived"),
                                   s=Sum("school_years__subsidy"))
    return render(request, "talent/enrolment_list.html", {
        "form": form, "page": page, "total": page.paginator.count, "sums": sums,
        "can_edit": has(request.user, EDITS_TALENT), "year_form": f.EnrolmentYearForm()})


@require(EDITS_TALENT)
def enrolment_create(request):
    form = f.EnrolmentForm(request.POST or None)

    def save(d):
        person = registry_selectors.person_by_id_number(user=request.user,
                                                        raw=d.pop("id_number"))
        if person is None:
            raise ValidationError({"id_number": _("在您负责的区域内没有这个证件号码的建档立卡人员")})
        services.enrolment_record(actor=request.user, person=person, **d)
        return person

    return form_page(request, form, save=save, title=_("登记定向招生"),
                     back=reverse("talent:enrolment_list"),
                     message=lambda person: _("已登记定向招生：%(n)s") % {"n": person.name},
                     template=TEMPLATE)


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
    """The ch.5 figures year by year, each linking to its list: the plain counts of every
    year in one query (core.indicators.answer_together, as the plan's dashboard counts them),
    the hospital pairings from one read of their dates."""
    from xiezuo.core.indicators import answer_together, one_evaluation
    from xiezuo.talent.indicators import INDICATORS

    with one_evaluation():
        answer_together(INDICATORS, user=request.user)
        pers = [(ind, ind.per_year(user=request.user)) for ind in INDICATORS]
    # the plan's years, and later ones only where some figure has records
    years = year_choices([y for _ind, per in pers for y, n in per.items() if n],
                         today=timezone.localdate())
    rows = [{"ind": ind, "cells": [(y, per.get(y, 0), ind.url(y)) for y in years]}
            for ind, per in pers]
    return render(request, "talent/figures.html", {"rows": rows, "years": years})


# --- the roster import from the web -------------------------------------------------------------

IMPORT = ImportPages(
    job_kind="talent.import", task="xiezuo.talent.tasks.trainee_import_task", folder="talent",
    urls="talent:import_", upload_url="talent:import_upload", what=gettext_lazy("学员名单"),
    options=("class_code", "strict"), shown=masked_error,
    report_note=gettext_lazy("下载学员名单导入错误报告"),
    labels={
        "rows": gettext_lazy("数据行"), "attendances_created": gettext_lazy("新增参训记录"),
        "attendances_updated": gettext_lazy("更新参训记录"), "unchanged": gettext_lazy("未变化"),
        "rejected": gettext_lazy("拒绝的行"), "trainees_created": gettext_lazy("新增学员"),
        "trainees_matched": gettext_lazy("已有学员（同一人）"),
        "trainees_completed": gettext_lazy("补全证件号码或出生日期的学员"),
        "merge_candidates": gettext_lazy("疑似同一人，待核实"),
    })


@require(EDITS_TALENT)
def import_upload(request):
    """Upload a roster: it is first checked (a dry run: what would be stored and rejected, and
    its first rows); the result page then imports exactly that file (正式导入, import_confirm)."""
    classes = selectors.class_list(user=request.user, filters=ClassFilters())[:200]
    form = f.ImportUploadForm(request.POST or None, request.FILES or None, classes=classes)
    return IMPORT.upload(request, form, template="talent/import_upload.html",
                         options=lambda d: {"class_code": d["training_class"],
                                            "strict": d["strict"]})


@require(EDITS_TALENT)
def import_result(request, job_id):
    job = IMPORT.job(request, job_id)
    return IMPORT.result(request, job_id, job=job,
                         links=[(_("核实疑似同一人"), reverse("talent:merge_list"))]
                         if (job.result or {}).get("merge_candidates") else ())


@require(EDITS_TALENT)
@require_POST
def import_confirm(request, job_id):
    """正式导入: the file the check read, imported for real (once)."""
    return IMPORT.confirm(request, job_id)


@require(EDITS_TALENT)
def import_template(request):
    """The trainee roster's template (tabular.template): columns, an example row, notes."""
    from xiezuo.talent.imports import TraineeImport

    return template_response(TraineeImport)


@require(EDITS_TALENT)
def import_report(request, job_id):
    """The error report (whole rows, full ID numbers): downloaded by its importer, audited."""
    return IMPORT.report_download(request, job_id)

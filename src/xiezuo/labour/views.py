"""The labour pages. Reads need READS_LABOUR, writes EDITS_LABOUR (403 otherwise); a record
outside the user's scope is 404 (get_object_or_404 over visible_to)."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xiezuo.accounts.access import require
from xiezuo.accounts.roles import has
from xiezuo.core.importpages import ImportPages
from xiezuo.core.lists import Sorting, paginate
from xiezuo.core.redirects import next_or
from xiezuo.core.years import year_choices
from xiezuo.labour import forms as f
from xiezuo.labour import listexports, selectors, services
from xiezuo.labour.access import EDITS_LABOUR, READS_LABOUR
from xiezuo.labour.choices import (
    CaseStatus,
    ImportKind,
    OpeningStatus,
    PlacementStatus,
    ProposalStatus,
    Unmatched,
)
from xiezuo.labour.employment import follow_up_early
from xiezuo.labour.filters import (
    CaseFilters,
    EmployerFilters,
    FollowUpFilters,
    GraduateFilters,
    InternFilters,
    JobFairFilters,
    OpeningFilters,
    PlacementFilters,
    SeekerFilters,
    WorkstationFilters,
)
from xiezuo.labour.models import (
    EmploymentBase,
    FollowUp,
    JobFair,
    LabourProfile,
    MatchRun,
    Opening,
    Placement,
    Proposal,
    UnmatchedSeeker,
    Workstation,
    WorkstationCase,
)
from xiezuo.labour.runs import match_run_start
from xiezuo.labour.training.models import Course
from xiezuo.orgs.models import Organisation
from xiezuo.regions.scoping import scope_label
from xiezuo.registry import selectors as registry_selectors
from xiezuo.registry.models import Person
from xiezuo.tabular.listexport import wants_xlsx, xlsx_response
from xiezuo.tabular.safe import masked_error
from xiezuo.tabular.template import template_response


def _plan_years() -> tuple[int, int]:
    from xiezuo.regions.models import Partnership
    from xiezuo.regions.reference import default_partnership

    try:
        p = default_partnership()
    except Partnership.DoesNotExist:
        return 2017, 2020
    return p.start_year, p.end_year


def _fail(request, e: Exception) -> None:
    text = "; ".join(e.messages) if isinstance(e, ValidationError) else str(e)
    messages.error(request, text)


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
        form.add_error(None, e)
    else:
        return True
    return False


def _export(request, spec, rows):
    """The list as the page shows it, every page of it, as a typed .xlsx (tabular.listexport)."""
    title, columns = spec
    return xlsx_response(title=title, columns=columns, rows=rows, filename=title,
                         scope=scope_label(request.user))


# --- the labour database ------------------------------------------------------------------------

@require(READS_LABOUR)
def seeker_list(request):
    form = f.SeekerFilterForm(request.GET or None, user=request.user)
    filters = SeekerFilters.from_form(form)
    if wants_xlsx(request):
        return _export(request, listexports.SEEKERS,
                       selectors.seeker_list(user=request.user, filters=filters))
    page = paginate(request, selectors.seeker_list(user=request.user, filters=filters))
    return render(request, "labour/seeker_list.html", {
        "form": form, "page": page, "total": page.paginator.count,
        "can_edit": has(request.user, EDITS_LABOUR)})


@require(READS_LABOUR)
def seeker_detail(request, person_id: int):
    person = get_object_or_404(Person.objects.visible_to(request.user).select_related(
        "household__village__parent"), pk=person_id)
    profile = getattr(person, "labour_profile", None)
    return render(request, "labour/seeker_detail.html", {
        "person": person, "profile": profile,
        "placements": selectors.placements(user=request.user).filter(person=person),
        "proposals": (Proposal.objects.visible_to(request.user).filter(profile__person=person)
                      .select_related("opening__employer", "run")[:20]),
        "settlement_since": selectors.settlement_since_for(person.pk),
        "can_edit": has(request.user, EDITS_LABOUR),
        "refer_form": f.ReferForm(user=request.user),
    })


def _only_employer(request, filters):
    """The organisation a list is narrowed to (the register's page links with ?employer=)."""
    if not filters.employer:
        return None
    return Organisation.objects.visible_to(request.user).filter(pk=filters.employer).first()


# --- employers and openings ---------------------------------------------------------------------

@require(READS_LABOUR)
def employer_list(request):
    filters = EmployerFilters.from_form(f.EmployerFilterForm(request.GET or None))
    if wants_xlsx(request):
        return _export(request, listexports.EMPLOYERS,
                       selectors.employer_list(user=request.user, filters=filters))
    return render(request, "labour/employer_list.html", {
        "page": paginate(request, selectors.employer_list(user=request.user, filters=filters)),
        "q": filters.q, "east": filters.east, "can_edit": has(request.user, EDITS_LABOUR)})


@require(EDITS_LABOUR)
def employer_create(request):
    form = f.EmployerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            e = services.employer_create(
                actor=request.user, name=d["name"], credit_code_value=d["credit_code"],
                area=d["area"], sector=d["sector"], contact_name=d["contact_name"],
                contact_phone=d["contact_phone"], address=d["address"],
                employment_base=d["employment_base"])
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("已登记用工单位 %(n)s") % {"n": e.name})
            return redirect("labour:employer_detail", e.pk)
    return render(request, "labour/form.html", {"form": form, "title": _("登记用工单位"),
                                                 "back": reverse("labour:employer_list")})


@require(READS_LABOUR)
def employer_detail(request, pk: int):
    e = get_object_or_404(selectors.employers(user=request.user).select_related("area"), pk=pk)
    return render(request, "labour/employer_detail.html", {
        "employer": e, "employment_base": EmploymentBase.objects.filter(organisation=e).exists(), "openings": Opening.objects.visible_to(request.user).filter(employer=e),
        "placements": selectors.placements(user=request.user).filter(employer=e)[:100],
        "fairs": JobFair.objects.visible_to(request.user).filter(employers=e),
        "can_edit": has(request.user, EDITS_LABOUR)})


@require(EDITS_LABOUR)
def employer_edit(request, pk: int):
    e = get_object_or_404(selectors.employers(user=request.user), pk=pk)
    form = f.EmployerEditForm(request.POST or None, user=request.user, employer=e,
                              initial=f.EmployerEditForm.initial_for(e))

    def save(d):
        services.employer_update(actor=request.user, employer=e, version=d.pop("version"),
                                 credit_code_value=d.pop("credit_code"), **d)

    if _saved(request, form, save):
        messages.success(request, _("已保存用工单位 %(n)s") % {"n": form.cleaned_data["name"]})
        return redirect("labour:employer_detail", e.pk)
    return render(request, "labour/form.html", {
        "form": form, "title": _("编辑用工单位：%(n)s") % {"n": e.name},
        "back": reverse("labour:employer_detail", args=[e.pk])})


@require(READS_LABOUR)
def opening_list(request):
    filters = OpeningFilters.from_form(f.OpeningFilterForm(request.GET or None))
    if wants_xlsx(request):
        return _export(request, listexports.OPENINGS,
                       selectors.opening_list(user=request.user, filters=filters))
    return render(request, "labour/opening_list.html", {
        "page": paginate(request, selectors.opening_list(user=request.user, filters=filters)),
        "status": filters.status, "statuses": OpeningStatus.choices, "east": filters.east,
        "only_employer": _only_employer(request, filters),
        "can_edit": has(request.user, EDITS_LABOUR)})


@require(EDITS_LABOUR)
def opening_create(request):
    form = f.OpeningForm(request.POST or None, user=request.user,
                         initial={"employer": request.GET.get("employer")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        from xiezuo.labour.imports import split_tags

        try:
            services.opening_create(
                actor=request.user, employer=d["employer"], title=d["title"],
                positions=d["positions"], wage=d["wage"], area=d["area"],
                skills=split_tags(d["skills"]), certificates=split_tags(d["certificates"]),
                min_age=d["min_age"], max_age=d["max_age"], housing=d["housing"],
                start_date=d["start_date"])
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("已发布岗位"))
            return redirect("labour:opening_list")
    return render(request, "labour/form.html", {"form": form, "title": _("发布岗位"),
                                                 "back": reverse("labour:opening_list")})


@require(EDITS_LABOUR)
def opening_edit(request, pk: int):
    o = get_object_or_404(Opening.objects.visible_to(request.user).select_related("employer"),
                          pk=pk)
    form = f.OpeningEditForm(request.POST or None, user=request.user,
                             initial=f.OpeningEditForm.initial_for(o))

    def save(d):
        from xiezuo.labour.imports import split_tags

        d["skills"] = split_tags(d["skills"])
        d["certificates"] = split_tags(d["certificates"])
        services.opening_update(actor=request.user, opening=o, version=d.pop("version"), **d)

    if _saved(request, form, save):
        messages.success(request, _("已保存岗位"))
        return redirect("labour:opening_list")
    return render(request, "labour/form.html", {
        "form": form, "title": _("编辑岗位：%(o)s") % {"o": o},
        "back": reverse("labour:opening_list")})


@require(EDITS_LABOUR)
@require_POST
def opening_status(request, pk: int):
    o = get_object_or_404(Opening.objects.visible_to(request.user).select_related("area"), pk=pk)
    status = request.POST.get("status", "")
    if status not in OpeningStatus.values:
        raise Http404
    services.opening_set_status(actor=request.user, opening=o, status=status)
    messages.success(request, _("岗位状态已更新"))
    return redirect("labour:opening_list")


# --- workstation, fairs, recruitment ------------------------------------------------------------

@require(READS_LABOUR)
def workstation_list(request):
    form = f.WorkstationFilterForm(request.GET or None)
    filters = WorkstationFilters.from_form(form)
    cases = CaseFilters.from_form(form)
    workstations = selectors.workstation_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        if request.GET.get("what") == "cases":
            return _export(request, listexports.CASES, selectors.case_list(
                user=request.user, filters=cases).select_related("workstation", "person"))
        return _export(request, listexports.WORKSTATIONS, workstations.select_related("area"))
    return render(request, "labour/workstation_list.html", {
        "workstations": workstations, "total": workstations.count(), "filters": filters,
        "page": paginate(request, selectors.case_list(user=request.user, filters=cases)),
        "status": cases.status, "statuses": CaseStatus.choices,
        "can_edit": has(request.user, EDITS_LABOUR), "close_form": f.CaseCloseForm()})


@require(EDITS_LABOUR)
def workstation_create(request):
    form = f.WorkstationForm(request.POST or None, user=request.user)
    if _saved(request, form, lambda d: services.workstation_create(actor=request.user, **d)):
        messages.success(request, _("已登记劳务工作站"))
        return redirect("labour:workstation_list")
    return render(request, "labour/form.html", {"form": form, "title": _("登记劳务工作站"),
                                                 "back": reverse("labour:workstation_list")})


@require(EDITS_LABOUR)
def workstation_edit(request, pk: int):
    w = get_object_or_404(Workstation.objects.visible_to(request.user), pk=pk)
    form = f.WorkstationEditForm(request.POST or None, user=request.user,
                                 initial=f.WorkstationEditForm.initial_for(w))

    def save(d):
        services.workstation_update(actor=request.user, workstation=w, version=d.pop("version"),
                                    **d)

    if _saved(request, form, save):
        messages.success(request, _("已保存劳务工作站"))
        return redirect("labour:workstation_list")
    return render(request, "labour/form.html", {
        "form": form, "title": _("编辑劳务工作站：%(n)s") % {"n": w.name},
        "back": reverse("labour:workstation_list")})


@require(EDITS_LABOUR)
def case_create(request):
    form = f.CaseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        person = registry_selectors.person_by_id_number(user=request.user, raw=d["id_number"])
        if person is None:
            form.add_error("id_number", _("在您负责的区域内没有这个证件号码的建档立卡人员"))
        else:
            services.case_open(actor=request.user, workstation=d["workstation"], person=person,
                               kind=d["kind"], opened_on=d["opened_on"], summary=d["summary"],
                               placement=selectors.active_placement_of(person.pk))
            messages.success(request, _("已受理"))
            return redirect("labour:workstation_list")
    return render(request, "labour/form.html", {"form": form, "title": _("受理工作站案件"),
                                                 "back": reverse("labour:workstation_list")})


@require(EDITS_LABOUR)
@require_POST
def case_close(request, pk: int):
    case = get_object_or_404(WorkstationCase.objects.visible_to(request.user), pk=pk)
    form = f.CaseCloseForm(request.POST)
    if form.is_valid():
        try:
            services.case_close(actor=request.user, case=case, **form.cleaned_data)
            messages.success(request, _("案件已办结"))
        except ValidationError as e:
            _fail(request, e)
    else:
        messages.error(request, _("请填写办结日期和处理情况"))
    return redirect("labour:workstation_list")


@require(READS_LABOUR)
def job_fair_list(request):
    form = f.JobFairFilterForm(request.GET or None)
    filters = JobFairFilters.from_form(form)
    fairs = selectors.job_fair_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return _export(request, listexports.JOB_FAIRS, fairs)
    return render(request, "labour/job_fair_list.html", {
        "form": form, "fairs": fairs, "total": fairs.count(), "year": filters.year,
        "per_year": selectors.job_fairs(user=request.user),
        "can_edit": has(request.user, EDITS_LABOUR)})


@require(EDITS_LABOUR)
def job_fair_create(request):
    form = f.JobFairForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.job_fair_record(actor=request.user, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("已登记招聘会"))
            return redirect("labour:job_fair_list")
    return render(request, "labour/form.html", {"form": form, "title": _("登记招聘会"),
                                                 "back": reverse("labour:job_fair_list")})


@require(READS_LABOUR)
def recruitment_list(request):
    if wants_xlsx(request):
        return _export(request, listexports.RECRUITMENTS,
                       selectors.recruitment_list(user=request.user))
    return render(request, "labour/recruitment_list.html", {
        "page": paginate(request, selectors.recruitment_list(user=request.user)),
        "can_edit": has(request.user, EDITS_LABOUR)})


@require(EDITS_LABOUR)
def recruitment_create(request):
    form = f.RecruitmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.recruitment_record(actor=request.user, **form.cleaned_data)
        messages.success(request, _("已登记定向招聘"))
        return redirect("labour:recruitment_list")
    return render(request, "labour/form.html", {"form": form, "title": _("登记定向招聘"),
                                                 "back": reverse("labour:recruitment_list")})


# --- placements and follow-ups ------------------------------------------------------------------

#: the placement list's sortable columns (dates and wages of one county's placements)
PLACEMENT_SORT = {"referred": "referred_on", "hired": "hired_on", "wage": "wage",
                  "left": "left_on"}


@require(READS_LABOUR)
def placement_list(request):
    form = f.PlacementFilterForm(request.GET or None)
    filters = PlacementFilters.from_form(form)
    sorting = Sorting.from_request(request, PLACEMENT_SORT)
    rows = sorting.apply(selectors.placement_list(user=request.user, filters=filters))
    if wants_xlsx(request):
        return _export(request, listexports.PLACEMENTS, rows)
    page = paginate(request, rows)
    return render(request, "labour/placement_list.html", {
        "form": form, "page": page, "filters": filters, "year": filters.year,
        "status": filters.status, "statuses": PlacementStatus.choices,
        # the plan's years, and later ones only where placements were made
        "years": year_choices(selectors.placements(user=request.user).order_by()
                              .values_list("hired_on__year", flat=True).distinct()),
        "east": filters.east, "sorting": sorting,
        "only_employer": _only_employer(request, filters)})


@require(READS_LABOUR)
def placement_detail(request, pk: int):
    p = get_object_or_404(selectors.placements(user=request.user), pk=pk)
    initial = {"version": p.version}
    can_edit = has(request.user, EDITS_LABOUR)
    return render(request, "labour/placement_detail.html", {
        "p": p, "can_edit": can_edit,
        "follow_ups": p.follow_ups.all(), "cases": p.cases.all(),
        "chain": _chain(p),
        "settlement_since": selectors.settlement_since_for(p.person_id),
        "interview_form": f.InterviewForm(initial=initial),
        "hire_form": f.HireForm(initial={**initial, "wage": p.opening.wage if p.opening else None}),
        "not_hired_form": f.NotHiredForm(initial=initial),
        "leave_form": f.LeaveForm(initial=initial),
        "refer_form": f.ReferForm(user=request.user),
        "follow_up_form": f.FollowUpForm(),
        "today": timezone.localdate(),
    })


def _chain(p: Placement) -> list[Placement]:
    """The placements before this one (a worker matched again after leaving)."""
    out, node, seen = [], p.previous, {p.pk}
    while node is not None and node.pk not in seen and len(out) < 20:
        out.append(node)
        seen.add(node.pk)
        node = node.previous
    return out


_ACTIONS = {
    "interview": (f.InterviewForm, services.placement_interview),
    "hire": (f.HireForm, services.placement_hire),
    "not_hired": (f.NotHiredForm, services.placement_not_hired),
    "leave": (f.LeaveForm, services.placement_leave),
}


@require(EDITS_LABOUR)
@require_POST
def placement_action(request, pk: int, action: str):
    p = get_object_or_404(Placement.objects.visible_to(request.user), pk=pk)
    if action not in _ACTIONS:
        raise Http404
    form_class, service = _ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(f"{form.fields[k].label or k}: {' '.join(v)}"
                                          for k, v in form.errors.items()))
        return redirect("labour:placement_detail", pk)
    try:
        service(actor=request.user, placement=p, **form.cleaned_data)
    except (ValidationError, services.StaleEditError) as e:
        _fail(request, e)
    else:
        messages.success(request, _("已更新"))
    return redirect("labour:placement_detail", pk)


@require(EDITS_LABOUR)
@require_POST
def placement_refer(request, person_id: int):
    """A manual referral, or matching again a worker who left."""
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)
    form = f.ReferForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("请选择岗位和推荐日期"))
        return redirect("labour:seeker_detail", person_id)
    o = form.cleaned_data["opening"]
    try:
        p = services.placement_refer(actor=request.user, person=person, employer=o.employer,
                                     opening=o, referred_on=form.cleaned_data["referred_on"])
    except ValidationError as e:
        _fail(request, e)
        return redirect("labour:seeker_detail", person_id)
    messages.success(request, _("已推荐"))
    return redirect("labour:placement_detail", p.pk)


@require(READS_LABOUR)
def follow_up_list(request):
    today = timezone.localdate()
    if wants_xlsx(request):
        return _export(request, listexports.FOLLOW_UPS,
                       selectors.follow_up_list(user=request.user, filters=FollowUpFilters(),
                                                today=today))
    rows = list(selectors.follow_up_list(user=request.user, filters=FollowUpFilters(),
                                         today=today)[:500])
    overdue = [x for x in rows if x.due_on < today]
    due = [x for x in rows if x.due_on >= today]
    return render(request, "labour/follow_up_list.html", {
        "overdue": overdue, "due": due, "today": today,
        "can_edit": has(request.user, EDITS_LABOUR), "form": f.FollowUpForm()})


@require(EDITS_LABOUR)
@require_POST
def follow_up_record(request, pk: int):
    fu = get_object_or_404(FollowUp.objects.visible_to(request.user), pk=pk)
    form = f.FollowUpForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        if follow_up_early(fu.due_on, data["done_on"]) and not data["early_confirmed"]:
            # Warned, not refused: an early visit happens, but is usually a wrong row or date.
            messages.warning(request, _(
                "未保存：这次 %(m)d 个月回访应在 %(due)s 所在月份进行，回访日期 %(done)s 早于应访月份。"
                "确属提前回访的，请勾选“提前回访，确认记录”后再保存。") % {
                "m": fu.months, "due": fu.due_on, "done": data["done_on"]})
            return redirect(next_or(request, reverse("labour:follow_up_list")))
        data.pop("early_confirmed")
        try:
            services.follow_up_record(actor=request.user, follow_up=fu, **data)
            messages.success(request, _("已记录回访"))
        except ValidationError as e:
            _fail(request, e)
    else:
        messages.error(request, "; ".join(" ".join(v) for v in form.errors.values()))
    return redirect(next_or(request, reverse("labour:follow_up_list")))


# --- matching -----------------------------------------------------------------------------------

@require(READS_LABOUR)
def run_list(request):
    return render(request, "labour/run_list.html", {
        "runs": MatchRun.objects.visible_to(request.user).select_related("created_by")[:50],
        "can_edit": has(request.user, EDITS_LABOUR)})


@require(EDITS_LABOUR)
@require_POST
def run_start(request):
    run = match_run_start(actor=request.user)
    return redirect("core:job_detail", run.job_id)


@require(READS_LABOUR)
def run_detail(request, pk: int):
    run = get_object_or_404(MatchRun.objects.visible_to(request.user), pk=pk)
    proposals = (Proposal.objects.visible_to(request.user).filter(run=run)
                 .select_related("run", "profile__person__household__village",
                                 "opening__employer", "opening__area", "placement"))
    show = request.GET.get("show", "best")
    if show == "best":
        proposals = proposals.filter(rank=0)
    if request.GET.get("status") in ProposalStatus.values:
        proposals = proposals.filter(status=request.GET["status"])
    unmatched = UnmatchedSeeker.objects.visible_to(request.user).filter(run=run)
    counts = {r["reason"]: r["n"] for r in unmatched.values("reason").annotate(n=Count("id"))}
    return render(request, "labour/run_detail.html", {
        "run": run, "today": timezone.localdate(), "page": paginate(request, proposals.order_by("rank", "-priority", "-fit", "id")),
        "show": show, "can_edit": has(request.user, EDITS_LABOUR),
        "status": request.GET.get("status", ""), "statuses": ProposalStatus.choices,
        "unmatched": unmatched.select_related("profile__person__household__village")[:200],
        "no_eligible": counts.get(Unmatched.NO_ELIGIBLE, 0),
        "outcompeted": counts.get(Unmatched.OUTCOMPETED, 0),
        "reject_form": f.RejectForm(), "refer_form": f.ReferToEmployerForm(),
        "base": (run.settings_used or {}).get("weights", {}).get("base", 100)})


@require(EDITS_LABOUR)
@require_POST
def proposal_decide(request, pk: int, decision: str):
    p = get_object_or_404(Proposal.objects.visible_to(request.user), pk=pk)
    back = next_or(request, reverse("labour:run_detail", args=[p.run_id]))
    try:
        if decision == "accept":
            form = f.AcceptForm(request.POST)
            if not form.is_valid():
                messages.error(request, "；".join(form.errors.get("referred_on", [])))
                return redirect(back)
            placement = services.proposal_accept(actor=request.user, proposal=p,
                                                 referred_on=form.cleaned_data["referred_on"])
            messages.success(request, _("已采纳：%(p)s，推荐日期 %(d)s") % {
                "p": placement, "d": placement.referred_on})
        elif decision == "reject":
            form = f.RejectForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("请填写拒绝理由"))
                return redirect(back)
            services.proposal_reject(actor=request.user, proposal=p,
                                     reason=form.cleaned_data["reason"])
            messages.success(request, _("已拒绝"))
        elif decision == "refer":
            form = f.ReferToEmployerForm(request.POST)
            form.is_valid()
            services.proposal_refer(actor=request.user, proposal=p,
                                    note=form.cleaned_data.get("note", ""))
            messages.success(request, _("已转企业"))
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as e:
        _fail(request, e)
    return redirect(back)


# --- graduates, interns, figures ----------------------------------------------------------------

@require(READS_LABOUR)
def graduate_list(request):
    form = f.GraduateFilterForm(request.GET or None)
    filters = GraduateFilters.from_form(form)
    if wants_xlsx(request):
        return _export(request, listexports.GRADUATES,
                       selectors.graduate_list(user=request.user, filters=filters))
    return render(request, "labour/graduate_list.html", {
        "form": form, "filters": filters, "year": filters.year, "kind": "graduates",
        "page": paginate(request, selectors.graduate_list(user=request.user, filters=filters)),
        "per_year": selectors.graduates_employed(user=request.user),
        "can_edit": has(request.user, EDITS_LABOUR)})


@require(READS_LABOUR)
def intern_list(request):
    form = f.InternFilterForm(request.GET or None)
    filters = InternFilters.from_form(form)
    if wants_xlsx(request):
        return _export(request, listexports.INTERNS,
                       selectors.intern_list(user=request.user, filters=filters))
    return render(request, "labour/internship_list.html", {
        "form": form, "year": filters.year,
        "page": paginate(request, selectors.intern_list(user=request.user, filters=filters)),
        "per_year": selectors.interns_placed(user=request.user),
        "can_edit": has(request.user, EDITS_LABOUR)})


def _record_view(request, form_class, service, title, back):
    form = form_class(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        d["employer_name"] = d["employer"].name
        service(actor=request.user, **d)
        messages.success(request, _("已登记"))
        return redirect(back)
    return render(request, "labour/form.html", {"form": form, "title": title,
                                                 "back": reverse(back)})


@require(EDITS_LABOUR)
def graduate_create(request):
    return _record_view(request, f.GraduateForm, services.graduate_record,
                        _("登记高校毕业生就业"), "labour:graduate_list")


@require(EDITS_LABOUR)
def intern_create(request):
    return _record_view(request, f.InternForm, services.intern_record,
                        _("登记职业院校学生实习"), "labour:intern_list")


@require(READS_LABOUR)
def figures(request):
    user = request.user
    transferred = selectors.transferred_to_east(user=user)
    grads = selectors.graduates_employed(user=user)
    interns = selectors.interns_placed(user=user)
    fairs = selectors.job_fairs(user=user)
    # The plan's years, and later years only where records exist.
    recorded = [y for d in (transferred, grads, interns, fairs) for y in d]
    first, last = _plan_years()
    years = list(range(first, max([last, *recorded]) + 1))
    rows, cum = [], {"t": 0, "g": 0, "i": 0}
    for y in years:
        cum["t"] += transferred.get(y, 0)
        cum["g"] += grads.get(y, 0)
        cum["i"] += interns.get(y, 0)
        rows.append({"year": y, "transferred": transferred.get(y, 0), "transferred_cum": cum["t"],
                     "fairs": fairs.get(y, 0), "graduates": grads.get(y, 0),
                     "graduates_cum": cum["g"], "interns": interns.get(y, 0),
                     "interns_cum": cum["i"],
                     "stable": selectors.stable_employment_rate(user=user, year=y) * 100})
    return render(request, "labour/figures.html", {
        "rows": rows, "workstations": selectors.workstations(user=user),
        "retention": [(m, selectors.retention(user=user, months=m) * 100) for m in (3, 6, 12)],
        "settlement": len(selectors.settlement_eligible(user=user)),
        "today": datetime.date.today()})


# --- imports from the web -----------------------------------------------------------------------

IMPORT = ImportPages(
    job_kind="labour.import", task="xiezuo.labour.tasks.labour_import_task", folder="labour",
    urls="labour:import_", upload_url="labour:import_upload",
    what=lambda kind: ImportKind(kind).label, kind_option="kind",
    options=("strict", "course_id"), template_kinds=lambda: import_templates(), shown=masked_error,
    report_note=gettext_lazy("下载劳务数据导入错误报告"),
    labels={
        "rows": gettext_lazy("数据行"), "profiles_created": gettext_lazy("新增劳动力信息"),
        "profiles_updated": gettext_lazy("更新劳动力信息"),
        "openings_created": gettext_lazy("新增岗位"), "openings_updated": gettext_lazy("更新岗位"),
        "employers_created": gettext_lazy("新增用工单位"), "delivered": gettext_lazy("短信已送达"),
        "failed": gettext_lazy("短信发送失败"), "trainees_created": gettext_lazy("新增学员"),
        "trainees_updated": gettext_lazy("更新学员"),
        "certificates": gettext_lazy("证书记入劳动力信息"),
        "unchanged": gettext_lazy("未变化"), "rejected": gettext_lazy("拒绝的行"),
    })


@require(EDITS_LABOUR)
def import_upload(request):
    """Upload a labour survey, openings, SMS delivery report or trainee list: the file is first
    checked (a dry run: what would be created, updated and rejected, and its first rows); the
    result page then imports exactly that file (正式导入, import_confirm)."""
    initial = {k: request.GET[k] for k in ("kind", "course") if request.GET.get(k)}
    form = f.ImportUploadForm(request.POST or None, request.FILES or None, user=request.user,
                              initial=initial)
    return IMPORT.upload(
        request, form, template="labour/import_upload.html",
        options=lambda d: {"strict": d["strict"],
                           "course_id": d["course"].pk if d.get("course") else None},
        context={"templates": [(ImportKind(k).label, reverse("labour:import_template", args=[k]))
                               for k in import_templates()]})


@require(EDITS_LABOUR)
def import_result(request, job_id):
    return IMPORT.result(request, job_id)


@require(EDITS_LABOUR)
@require_POST
def import_confirm(request, job_id):
    """正式导入: the file the dry run checked, imported for real (once); a course the user no
    longer sees is refused."""
    def check(kept):
        if kept.get("course_id") and not Course.objects.visible_to(request.user).filter(
                pk=kept["course_id"]).exists():
            raise Http404

    return IMPORT.confirm(request, job_id, check=check)


def import_templates() -> dict:
    """Each import's spec, whose columns make its template (tabular.template)."""
    from xiezuo.labour.imports import OpeningsImport, SurveyImport
    from xiezuo.labour.outreach.imports import SmsReportImport
    from xiezuo.labour.training.imports import TraineeImport

    return {ImportKind.SURVEY: SurveyImport, ImportKind.OPENINGS: OpeningsImport,
            ImportKind.SMS_REPORT: SmsReportImport, ImportKind.TRAINEES: TraineeImport}


@require(EDITS_LABOUR)
def import_template(request, kind: str):
    """The import's template: its columns, an example row and notes on each column."""
    spec = import_templates().get(kind)
    if spec is None:
        raise Http404
    return template_response(spec)


@require(EDITS_LABOUR)
def import_report(request, job_id):
    """The error report (whole rows, full ID numbers): downloaded by its importer, audited."""
    return IMPORT.report_download(request, job_id)


@require(EDITS_LABOUR)
def profile_edit(request, person_id: int):
    """Correct one person's survey answers (or record them for someone not yet surveyed)."""
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)
    profile = LabourProfile.objects.filter(person=person).first()
    initial = {"version": 0}
    if profile:
        initial = {"version": profile.version, "willing": profile.willing,
                   "can_work_away": profile.can_work_away,
                   "skills": "、".join(profile.skill_list),
                   "certificates": "、".join(profile.certificate_list),
                   "expected_wage": profile.expected_wage,
                   "current_employer": profile.current_employer, "note": profile.note}
    form = f.ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        from xiezuo.labour.imports import split_tags

        d = dict(form.cleaned_data)
        version = d.pop("version")
        d["skills"] = split_tags(d["skills"])
        d["certificates"] = split_tags(d["certificates"])
        try:
            services.profile_save(actor=request.user, person=person,
                                  version=version if profile else None, **d)
        except services.StaleEditError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("已保存劳动力信息"))
            return redirect("labour:seeker_detail", person.pk)
    return render(request, "labour/form.html", {
        "form": form, "title": _("劳动力信息：%(n)s") % {"n": person.name},
        "back": reverse("labour:seeker_detail", args=[person.pk])})

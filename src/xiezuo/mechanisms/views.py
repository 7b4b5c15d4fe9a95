"""The ch.8 pages. Reads need READS_MECHANISMS, writes EDITS_MECHANISMS (403 otherwise); a
record the user does not see is 404 (get_object_or_404 over visible_to). Every list answers
`?format=xlsx` with the same rows (tabular.listexport)."""


from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from xiezuo.accounts.access import require
from xiezuo.accounts.roles import has
from xiezuo.core.formpages import form_page
from xiezuo.core.lists import paginate
from xiezuo.core.panels import panels_for
from xiezuo.mechanisms import exports, selectors, services
from xiezuo.mechanisms import forms as f
from xiezuo.mechanisms.access import EDITS_MECHANISMS, READS_MECHANISMS
from xiezuo.mechanisms.choices import Direction, Side
from xiezuo.mechanisms.documents import minutes_docx, secondment_report_docx
from xiezuo.mechanisms.filters import (
    CaseFilters,
    DecisionFilters,
    GroupFilters,
    MeetingFilters,
    SecondmentFilters,
)
from xiezuo.mechanisms.models import (
    Decision,
    JointMeeting,
    LeadingGroup,
    Membership,
    ModelCase,
    Secondment,
    WorkSummary,
)
from xiezuo.mechanisms.rules import members_on
from xiezuo.regions.scoping import scope_label
from xiezuo.tabular.listexport import wants_xlsx, xlsx_response

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx_response(data: bytes, filename: str) -> HttpResponse:
    from urllib.parse import quote

    r = HttpResponse(data, content_type=DOCX)
    r["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return r


def _url(name: str, pk: int) -> str:
    return reverse(f"mechanisms:{name}", args=[pk])


def _export(request, *, title, columns, rows, filters=""):
    return xlsx_response(title=title, columns=columns, rows=rows, filename=title,
                         scope=scope_label(request.user), filters=filters)


def _partnership(request):
    p = selectors.partnership_for(request.user)
    if p is None:
        raise PermissionDenied(_("您不在任何协作关系中"))
    return p


def _can_edit(request) -> bool:
    return has(request.user, EDITS_MECHANISMS)


# --- leading groups ---------------------------------------------------------------------------
@require(READS_MECHANISMS)
def group_list(request):
    form = f.GroupFilterForm(request.GET or None)
    filters = GroupFilters.from_form(form)
    groups = selectors.group_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return _export(request, title=_("领导小组和工作组"), columns=exports.GROUP_COLUMNS,
                       rows=groups)
    return render(request, "mechanisms/group_list.html", {
        "form": form, "groups": groups, "total": groups.count(), "can_edit": _can_edit(request)})


@require(READS_MECHANISMS)
def group_detail(request, pk: int):
    group = get_object_or_404(LeadingGroup.objects.visible_to(request.user), pk=pk)
    on_form = f.OnDateForm(request.GET or None)
    on = (on_form.cleaned_data.get("on") if on_form.is_valid() else None) or timezone.localdate()
    members = list(selectors.membership_list(user=request.user, group=group))
    if wants_xlsx(request):
        return _export(request, title=f"{group.name}成员", columns=exports.MEMBER_COLUMNS,
                       rows=members)
    return render(request, "mechanisms/group_detail.html", {
        "group": group, "on": on, "on_form": on_form, "current": members_on(members, on),
        "members": members, "secondments": group.secondments.all(),
        "can_edit": _can_edit(request)})


@require(EDITS_MECHANISMS)
def group_create(request):
    def save(d):
        p = _partnership(request)
        area = p.east if d["side"] == Side.EAST else p.west
        return services.group_create(actor=request.user, partnership=p, area=area, **d)

    return form_page(request, f.GroupForm(request.POST or None), save=save,
                     title=_("登记领导小组或工作组"), back=reverse("mechanisms:group_list"),
                     message=lambda g: _("已登记 %(n)s") % {"n": g.name},
                     done=lambda g: _url("group_detail", g.pk))


@require(EDITS_MECHANISMS)
def group_edit(request, pk: int):
    group = get_object_or_404(LeadingGroup.objects.visible_to(request.user), pk=pk)
    return form_page(request, f.GroupEditForm(request.POST or None, instance=group),
                     save=lambda d: services.group_update(actor=request.user, group=group, **d),
                     title=_("编辑：%(n)s") % {"n": group.name},
                     back=_url("group_detail", group.pk))


@require(EDITS_MECHANISMS)
def member_create(request, pk: int):
    group = get_object_or_404(LeadingGroup.objects.visible_to(request.user), pk=pk)
    return form_page(request, f.MemberForm(request.POST or None),
                     save=lambda d: services.member_add(actor=request.user, group=group, **d),
                     title=_("添加成员：%(n)s") % {"n": group.name},
                     back=_url("group_detail", group.pk), message=_("已添加成员"))


@require(EDITS_MECHANISMS)
def member_edit(request, pk: int):
    member = get_object_or_404(Membership.objects.visible_to(request.user).select_related(
        "group"), pk=pk)
    return form_page(request, f.MemberEditForm(request.POST or None, instance=member),
                     save=lambda d: services.member_update(actor=request.user, member=member,
                                                           **d),
                     title=_("编辑成员：%(n)s") % {"n": member.person_name},
                     back=_url("group_detail", member.group_id))


# --- joint meetings ---------------------------------------------------------------------------
def _warning_text(w, by_pk) -> str:
    prev = by_pk.get(w.previous)
    return _("与上一次联席会议（%(d)s）同在%(s)s举办，未轮流") % {
        "d": prev.date if prev else "", "s": Side(w.side).label}


@require(READS_MECHANISMS)
def meeting_list(request):
    form = f.MeetingFilterForm(request.GET or None)
    filters = MeetingFilters.from_form(form)
    meetings = list(selectors.meeting_list(user=request.user, filters=filters))
    warnings = selectors.meeting_venue_warnings(user=request.user)
    by_pk = {m.pk: m for m in JointMeeting.objects.visible_to(request.user).filter(
        pk__in=[w.previous for w in warnings.values()])}
    for m in meetings:
        w = warnings.get(m.pk)
        m.venue_warning = _warning_text(w, by_pk) if w else ""
    if wants_xlsx(request):
        return _export(request, title=_("联席会议和互访"), columns=exports.MEETING_COLUMNS,
                       rows=meetings)
    return render(request, "mechanisms/meeting_list.html", {
        "form": form, "meetings": meetings, "total": len(meetings),
        "n_warnings": sum(1 for m in meetings if m.venue_warning),
        "per_year": selectors.joint_meetings_per_year(user=request.user),
        "can_edit": _can_edit(request)})


@require(READS_MECHANISMS)
def meeting_detail(request, pk: int):
    meeting = get_object_or_404(JointMeeting.objects.visible_to(request.user), pk=pk)
    w = selectors.meeting_venue_warnings(user=request.user).get(meeting.pk)
    warning = ""
    if w:
        prev = JointMeeting.objects.visible_to(request.user).filter(pk=w.previous)
        warning = _warning_text(w, {p.pk: p for p in prev})
    decisions = list(meeting.decisions.all())
    return render(request, "mechanisms/meeting_detail.html", {
        "meeting": meeting, "decisions": decisions, "warning": warning,
        "decision_form": f.DecisionForm(), "can_edit": _can_edit(request)})


@require(READS_MECHANISMS)
def meeting_minutes(request, pk: int):
    """The minutes drafted from the record, as a Word document."""
    meeting = get_object_or_404(JointMeeting.objects.visible_to(request.user).select_related(
        "partnership__east", "partnership__west"), pk=pk)
    p = meeting.partnership
    issuer = f"{p.east.name}·{p.west.name}东西部扶贫协作联席会议"
    data = minutes_docx(meeting, list(meeting.decisions.all()), issuer=issuer)
    return _docx_response(data, f"{meeting.title}纪要（草稿）.docx")


@require(EDITS_MECHANISMS)
def meeting_create(request):
    return form_page(request, f.MeetingForm(request.POST or None),
                     save=lambda d: services.meeting_create(
                         actor=request.user, partnership=_partnership(request), **d),
                     title=_("登记联席会议或互访"), back=reverse("mechanisms:meeting_list"),
                     message=_("已登记会议"), done=lambda m: _url("meeting_detail", m.pk))


@require(EDITS_MECHANISMS)
def meeting_edit(request, pk: int):
    meeting = get_object_or_404(JointMeeting.objects.visible_to(request.user), pk=pk)
    return form_page(request, f.MeetingEditForm(request.POST or None, instance=meeting),
                     save=lambda d: services.meeting_update(actor=request.user, meeting=meeting,
                                                            **d),
                     title=_("编辑：%(n)s") % {"n": meeting.title},
                     back=_url("meeting_detail", meeting.pk))


@require(EDITS_MECHANISMS)
def decision_create(request, pk: int):
    meeting = get_object_or_404(JointMeeting.objects.visible_to(request.user), pk=pk)
    return form_page(request, f.DecisionForm(request.POST or None),
                     save=lambda d: services.decision_add(actor=request.user, meeting=meeting,
                                                          **d),
                     title=_("添加议定事项：%(n)s") % {"n": meeting.title},
                     back=_url("meeting_detail", meeting.pk), message=_("已添加议定事项"))


# --- decisions --------------------------------------------------------------------------------
@require(READS_MECHANISMS)
def decision_list(request):
    form = f.DecisionFilterForm(request.GET or None)
    filters = DecisionFilters.from_form(form)
    decisions = selectors.decision_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return _export(request, title=_("议定事项"), columns=exports.DECISION_COLUMNS,
                       rows=decisions, filters=_("逾期未办结") if filters.overdue else "")
    page = paginate(request, decisions)
    today = timezone.localdate()
    for d in page:
        d.overdue = d.is_overdue(today)
    return render(request, "mechanisms/decision_list.html", {
        "form": form, "page": page, "total": page.paginator.count, "filters": filters,
        "can_edit": _can_edit(request)})


@require(EDITS_MECHANISMS)
def decision_edit(request, pk: int):
    decision = get_object_or_404(Decision.objects.visible_to(request.user), pk=pk)
    return form_page(request, f.DecisionEditForm(request.POST or None, instance=decision),
                     save=lambda d: services.decision_update(actor=request.user,
                                                             decision=decision, **d),
                     title=_("编辑议定事项"), back=_url("meeting_detail", decision.meeting_id))


@require(EDITS_MECHANISMS)
def decision_follow_up(request, pk: int):
    decision = get_object_or_404(Decision.objects.visible_to(request.user).select_related(
        "meeting"), pk=pk)
    form = f.FollowUpForm(request.POST or None, initial={
        "version": decision.version, "status": decision.status})
    back = reverse("mechanisms:decision_list")
    # back where the follow-up was opened from (a list with its filters), never off the site
    after = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(after, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        after = back
    return form_page(request, form,
                     save=lambda d: services.decision_follow_up(actor=request.user,
                                                                decision=decision, **d),
                     title=_("记录办理进展"), back=back, done=after,
                     message=_("已记录办理进展"), template="mechanisms/decision_follow_up.html",
                     context={"decision": decision,
                              "updates": decision.updates.select_related("by")})


# --- secondments ------------------------------------------------------------------------------
@require(READS_MECHANISMS)
def secondment_list(request):
    form = f.SecondmentFilterForm(request.GET or None)
    filters = SecondmentFilters.from_form(form)
    rows = selectors.secondment_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return _export(request, title=_("挂职干部"), columns=exports.SECONDMENT_COLUMNS, rows=rows)
    return render(request, "mechanisms/secondment_list.html", {
        "form": form, "page": paginate(request, rows), "total": rows.count(),
        "can_edit": _can_edit(request)})


@require(READS_MECHANISMS)
def secondment_detail(request, pk: int):
    s = get_object_or_404(Secondment.objects.visible_to(request.user), pk=pk)
    have = {ws.year: ws for ws in s.summaries.all()}
    years = [(y, have.get(y)) for y in range(s.start.year, s.end.year + 1)]
    return render(request, "mechanisms/secondment_detail.html", {
        "s": s, "years": years, "can_edit": _can_edit(request)})


@require(EDITS_MECHANISMS)
def secondment_create(request):
    return form_page(request, f.SecondmentForm(request.POST or None, user=request.user),
                     save=lambda d: services.secondment_create(
                         actor=request.user, partnership=_partnership(request), **d),
                     title=_("登记挂职干部"), back=reverse("mechanisms:secondment_list"),
                     message=_("已登记挂职干部"), done=lambda s: _url("secondment_detail", s.pk))


@require(EDITS_MECHANISMS)
def secondment_edit(request, pk: int):
    s = get_object_or_404(Secondment.objects.visible_to(request.user), pk=pk)
    return form_page(request, f.SecondmentEditForm(request.POST or None, instance=s,
                                                    user=request.user),
                     save=lambda d: services.secondment_update(actor=request.user,
                                                               secondment=s, **d),
                     title=_("编辑：%(n)s") % {"n": s.person_name},
                     back=_url("secondment_detail", s.pk))


@require(EDITS_MECHANISMS)
def summary_save(request, pk: int, year: int):
    s = get_object_or_404(Secondment.objects.visible_to(request.user), pk=pk)
    existing = WorkSummary.objects.filter(secondment=s, year=year).first()
    form = f.SummaryForm(request.POST or None, instance=existing,
                         initial={"version": existing.version if existing else None})
    return form_page(request, form,
                     save=lambda d: services.summary_save(actor=request.user, secondment=s,
                                                          year=year, **d),
                     title=_("%(n)s %(y)d 年度工作总结") % {"n": s.person_name, "y": year},
                     back=_url("secondment_detail", s.pk),
                     message=_("已保存 %(y)d 年度工作总结") % {"y": year})


@require(READS_MECHANISMS)
def secondment_report(request, pk: int, year: int):
    """The yearly report on a seconded cadre's work to the home organisation department."""
    s = get_object_or_404(Secondment.objects.visible_to(request.user).select_related(
        "partnership__east", "partnership__west"), pk=pk)
    summary = WorkSummary.objects.filter(secondment=s, year=year).first()
    if summary is None:
        raise Http404(_("该年度还没有工作总结"))
    east, west = s.partnership.east.name, s.partnership.west.name
    home, host = (east, west) if s.direction == Direction.EAST_TO_WEST else (west, east)
    data = secondment_report_docx(s, summary, home_area=home, host_area=host,
                                  today=timezone.localdate())
    return _docx_response(data, f"{s.person_name}{year}年度挂职工作情况报告.docx")


# --- model cases ------------------------------------------------------------------------------
@require(READS_MECHANISMS)
def case_list(request):
    form = f.CaseFilterForm(request.GET or None)
    filters = CaseFilters.from_form(form)
    cases = selectors.case_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return _export(request, title=_("典型案例"), columns=exports.CASE_COLUMNS, rows=cases)
    # the plaques recorded with other parts' projects (funds: 冠名项目), found by discovery
    panels = panels_for("model_cases", filters.year, request.user)
    return render(request, "mechanisms/case_list.html", {
        "form": form, "page": paginate(request, cases), "total": cases.count(),
        "panels": panels, "can_edit": _can_edit(request)})


@require(READS_MECHANISMS)
def case_detail(request, pk: int):
    case = get_object_or_404(ModelCase.objects.visible_to(request.user), pk=pk)
    return render(request, "mechanisms/case_detail.html", {
        "case": case, "can_edit": _can_edit(request)})


@require(EDITS_MECHANISMS)
def case_create(request):
    return form_page(request, f.CaseForm(request.POST or None,
                                         initial={"year": timezone.localdate().year}),
                     save=lambda d: services.case_create(
                         actor=request.user, partnership=_partnership(request), **d),
                     title=_("登记典型案例"), back=reverse("mechanisms:case_list"),
                     message=_("已登记典型案例"), done=lambda c: _url("case_detail", c.pk))


@require(EDITS_MECHANISMS)
def case_edit(request, pk: int):
    case = get_object_or_404(ModelCase.objects.visible_to(request.user), pk=pk)
    return form_page(request, f.CaseEditForm(request.POST or None, instance=case),
                     save=lambda d: services.case_update(actor=request.user, case=case, **d),
                     title=_("编辑：%(n)s") % {"n": case.title}, back=_url("case_detail", case.pk))


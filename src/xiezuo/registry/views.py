"""The registry's pages: search, household, edit, roster import and export, and the
agricultural population figures and their import.

Thin views: reads start from `visible_to(request.user)` (outside the user's scope a record does
not exist: 404), writes go through the services, capabilities come from accounts.roles (403).
"""

import mimetypes
import shutil
from pathlib import Path

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xiezuo.accounts.access import require
from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.roles import SEES_FULL_ID, has
from xiezuo.accounts.services import audit_record
from xiezuo.core import lists
from xiezuo.core.importpages import ImportPages
from xiezuo.core.jobs import (
    job_create,
    job_import_result,
    job_of,
    job_report_response,
    job_upload,
)
from xiezuo.core.lists import Sorting, page_query, paginate, with_sort
from xiezuo.core.panels import panels_for
from xiezuo.regions.choices import Level
from xiezuo.regions.scoping import scope_label
from xiezuo.registry import crypto, forms, selectors
from xiezuo.registry.access import EDITS_REGISTRY
from xiezuo.registry.choices import ExitStatus, Relation
from xiezuo.registry.filters import HouseholdFilters
from xiezuo.registry.models import (
    AreaPopulation,
    Household,
    HouseholdEvent,
    MonitoringRecord,
    Person,
    RosterImport,
    StatusChange,
)
from xiezuo.registry.roster.columns import BY_KEY, header_key
from xiezuo.registry.services import MemberChange, StaleEditError, household_edit
from xiezuo.tabular.listexport import XCol, wants_xlsx, xlsx_response
from xiezuo.tabular.template import template_response

IMPORT_JOB = "registry.import"
EXPORT_JOB = "registry.export"
EXPORT_KEEP_HOURS = 24  # an export file (full ID numbers) is deleted a day after it was made
_ID_HEADER = header_key(BY_KEY["id_number"].header)


# --- search and household ----------------------------------------------------------------------

HOUSEHOLD_COLUMNS = [
    XCol(gettext_lazy("户编号"), "number", width=24), XCol(gettext_lazy("县"), "county.name"),
    XCol(gettext_lazy("乡（镇）"), "township.name"), XCol(gettext_lazy("行政村代码"), "village.code", width=15),
    XCol(gettext_lazy("行政村"), "village.name"), XCol(gettext_lazy("登记人数"), "member_count", kind="int"),
    XCol(gettext_lazy("贫困户属性"), "poverty_attribute"), XCol(gettext_lazy("脱贫属性"), "exit_status"),
    XCol(gettext_lazy("脱贫年度"), "exit_year", kind="int"), XCol(gettext_lazy("主要致贫原因"), "main_cause"),
    XCol(gettext_lazy("人均纯收入（元）"), "income_per_capita", kind="money"),
    XCol(gettext_lazy("首次识别时间"), "first_identified", kind="date"),
]


PERSON_COLUMNS = [
    XCol(gettext_lazy("姓名"), "name"), XCol(gettext_lazy("证件号码（脱敏）"), "id_masked", width=20),
    XCol(gettext_lazy("与户主关系"), "relation"), XCol(gettext_lazy("户编号"), "household.number",
                                                 width=24),
    XCol(gettext_lazy("乡（镇）"), "household.township.name"),
    XCol(gettext_lazy("行政村代码"), "household.village.code", width=15),
    XCol(gettext_lazy("行政村"), "household.village.name"),
    XCol(gettext_lazy("脱贫属性"), "household.exit_status"),
    XCol(gettext_lazy("脱贫年度"), "household.exit_year", kind="int"),
]
POPULATION_COLUMNS = [
    XCol(gettext_lazy("区划代码"), "area.code", width=15), XCol(gettext_lazy("地区名称"), "area.name"),
    XCol(gettext_lazy("上级"), "area.parent.name"),
    XCol(gettext_lazy("农业人口"), "agricultural", kind="int"),
    XCol(gettext_lazy("年份"), "year", kind="int"), XCol(gettext_lazy("来源"), "source"),
    XCol(gettext_lazy("合成演示数据"), "synthetic"),
]


#: the columns a registry list sorts by (indexed: the village, the household's number within
#: its county, the exit year; counts of one county's households are small enough)
HOUSEHOLD_SORT = {"number": "number", "township": ("township__code", "number"),
                  "village": ("village__code", "number"), "members": "member_count",
                  "exit_year": "exit_year"}
PERSON_SORT = {"name": "name", "household": "household__number",
               "village": ("household__village__code", "household__number"),
               "birth": "birth_date"}


#: what the household and person pages show of a row (the rest of a household's 20-odd
#: columns is read by the export and the API, not by the page)
HOUSEHOLD_SHOWN = ("id", "number", "size", "exit_status", "exit_year", "township__name",
                   "village__name")
PERSON_SHOWN = ("id", "name", "id_masked", "relation", "household_id", "household__number",
                "household__exit_status", "household__exit_year", "household__township__name",
                "household__village__name")


def _pk_urls(url_name: str):
    """pk -> the URL `url_name` gives for it, reversed once for a whole page of rows (reverse()
    cost ~0.1 ms a row, a tenth of a 50-row page's rendering)."""
    marker = 987654321
    pattern = reverse(url_name, args=[marker])
    head, _sep, tail = pattern.partition(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


_LABELS: dict = {}


def _labels(choices) -> dict[str, str]:
    """Value -> label in the active language for a choices class (get_FOO_display rebuilt the
    choices' dict and translated it for every row)."""
    from django.utils.translation import get_language

    key = (choices, get_language())
    if key not in _LABELS:
        _LABELS[key] = {value: str(label) for value, label in choices.choices}
    return _LABELS[key]


def _household_rows(rows) -> None:
    """What search.html shows of each household, worked out once per page."""
    url, status = _pk_urls("registry:household_detail"), _labels(ExitStatus)
    for h in rows:
        h.url, h.status_label = url(h.pk), status.get(h.exit_status, h.exit_status)


def _person_rows(rows) -> None:
    url, status, relation = (_pk_urls("registry:household_detail"), _labels(ExitStatus),
                             _labels(Relation))
    for p in rows:
        hh = p.household
        p.household_url = url(p.household_id)
        p.status_label = status.get(hh.exit_status, hh.exit_status)
        p.relation_label = relation.get(p.relation, p.relation)


def _list_page(request, *, form_class, selector, url_name: str, template: str,
               persons_field: str = "", export: tuple[str, list[XCol], tuple] | None = None,
               sort: dict | None = None, shown: tuple[str, ...] = (), prepare=None):
    """A registry list: bind the filters (a POST is redirected to its GET, the typed ID number
    turned into its keyed hash first), read the list's selector and page through it. The page
    reads only the `shown` fields of its rows and `prepare(rows)` adds what the template
    shows of each."""
    if request.method == "POST":
        form = form_class(request.POST, user=request.user)
        if form.is_valid():
            return redirect(f"{reverse(url_name)}?{form.filters().query()}")
        return render(request, template, {"form": form, "searched": False})
    if request.GET.get("id_number"):
        # A full ID number in a URL reaches access logs, browser history and Referer headers:
        # refused, not searched and not echoed; the form posts it instead.
        return render(request, template, {
            "form": form_class(user=request.user), "searched": False, "id_in_url": True},
            status=400)
    form = form_class(request.GET or None, user=request.user)
    page = None
    if not form.is_bound or form.is_valid():
        filters = form.filters()
        sorting = Sorting.from_request(request, sort or {})
        rows = sorting.apply(selector(user=request.user, filters=filters))
        if export is not None and wants_xlsx(request):
            title, columns, related = export
            return xlsx_response(title=title, columns=columns,
                                 rows=rows.select_related(*related),
                                 filename=title, scope=scope_label(request.user))
        page = _counted_page(request, rows.only(*shown) if shown else rows, filters,
                             persons_field=persons_field)
        page.query = with_sort(filters.query(), sorting)
        page.object_list = list(page.object_list)
        if prepare is not None:
            prepare(page.object_list)
    return render(request, template, {
        "form": form, "page": page, "searched": form.is_bound,
        "sorting": Sorting.from_request(request, sort or {}),
        "can_create": has(request.user, EDITS_REGISTRY),
        "by_id": form.is_bound and form.by_id,
        "show_matched": page is not None and bool(page.query) and bool(
            form.cleaned_data.get("name") or form.cleaned_data.get("idh"))})


#: a search by name or ID number counts its matches up to here and says "more than 1,000"
SEARCH_COUNT_CAP = 1000


def _counted_page(request, rows, filters, *, persons_field: str):
    """The requested page of a registry list, with its total counted the cheap way that gives
    the same number: without a name or an ID number, the village rollup's sums (the figures the
    plan shows, tested equal to counting the rows); with one, the matches counted up to
    SEARCH_COUNT_CAP (`page.capped` when there are more: "1,000 户以上"), because an exact count
    of a common surname over a city's half a million people costs more than the page itself."""
    paginator = Paginator(rows, lists.PAGE_SIZE)
    persons = None
    capped = False
    if filters.name or filters.idh:
        n = rows.order_by().values("pk")[:SEARCH_COUNT_CAP + 1].count()
        capped = n > SEARCH_COUNT_CAP
        paginator.count = min(n, SEARCH_COUNT_CAP)
        if persons_field and not capped:
            persons = rows.order_by().aggregate(n=Sum(persons_field))["n"] or 0
    else:
        base = HouseholdFilters(**{k: getattr(filters, k) for k in (
            "county", "township", "village", "exit_status", "exit_year")})
        totals = selectors.village_rollup(user=request.user, filters=base).aggregate(
            h=Sum("households"), m=Sum("members"))
        # the household list counts households, the persons list people
        paginator.count = (totals["h"] if persons_field else totals["m"]) or 0
        persons = totals["m"] or 0
    page = paginator.get_page(request.GET.get("page"))
    page.query = page_query(request)
    page.persons, page.capped, page.cap = persons, capped, f"{SEARCH_COUNT_CAP:,}"
    return page


@login_required
@require_http_methods(["GET", "POST"])
def household_list(request):
    return _list_page(request, form_class=forms.SearchForm, selector=selectors.household_list,
                      url_name="registry:household_list", template="registry/search.html",
                      persons_field="member_count", sort=HOUSEHOLD_SORT,
                      shown=HOUSEHOLD_SHOWN, prepare=_household_rows,
                      export=(str(_("建档立卡贫困户")), HOUSEHOLD_COLUMNS,
                              ("county", "township", "village")))


@login_required
@require_http_methods(["GET", "POST"])
def person_list(request):
    return _list_page(request, form_class=forms.PersonSearchForm,
                      selector=selectors.person_list, url_name="registry:person_list",
                      template="registry/person_list.html", sort=PERSON_SORT,
                      shown=PERSON_SHOWN, prepare=_person_rows,
                      export=(str(_("建档立卡人员")), PERSON_COLUMNS,
                              ("household__township", "household__village")))


@login_required
@require_GET
def village_options(request):
    """The village <option>s of a township, for the search form (htmx swaps the select's body)."""
    choices = forms.village_choices(request.user, request.GET.get("township", ""))
    return render(request, "registry/_village_options.html", {"groups": choices[1:]})


def _visible_household(request, pk: int) -> Household:
    return get_object_or_404(
        Household.objects.visible_to(request.user).select_related(
            "county", "township", "village", "source_import"), pk=pk)


@login_required
@require_GET
def household_detail(request, pk: int):
    household = _visible_household(request, pk)
    return render(request, "registry/household.html", {
        "household": household,
        "members": household.members.all(),
        "history": StatusChange.objects.visible_to(request.user).filter(
            household=household).select_related("source_import", "actor"),
        "monitoring": MonitoringRecord.objects.visible_to(request.user).filter(
            household=household),
        "events": HouseholdEvent.objects.visible_to(request.user).filter(
            household=household).select_related("actor"),
        "can_reveal": has(request.user, SEES_FULL_ID),
        "can_edit": has(request.user, EDITS_REGISTRY),
        "can_see_import": household.source_import_id is not None and _sees_import(
            request.user, household.source_import),
        # what the other parts record for this household (linkage income, students, donations)
        "panels": panels_for("household", household, request.user),
    })


@require(SEES_FULL_ID)
@require_POST
def person_reveal(request, pk: int):
    """The full ID number in place of the masked one (htmx swaps the cell); audited."""
    from xiezuo.registry.services import person_reveal_id

    person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
    number = person_reveal_id(actor=request.user, person=person)
    return render(request, "registry/_id_cell.html", {"person": person, "number": number})


@require(EDITS_REGISTRY)
@require_http_methods(["GET", "POST"])
def household_edit_view(request, pk: int):
    household = _visible_household(request, pk)
    members_qs = household.members.all()
    if request.method == "POST":
        form = forms.HouseholdEditForm(request.POST, instance=_copy(household))
        formset = forms.MemberFormSet(request.POST, queryset=members_qs, prefix="m")
        if form.is_valid() and formset.is_valid():
            members = [MemberChange(person=f.instance, version=f.cleaned_data["version"],
                                    changes=f.changes()) for f in formset.forms]
            try:
                household_edit(actor=request.user, household=household,
                               version=form.cleaned_data["version"], changes=form.changes(),
                               members=members)
            except StaleEditError as e:
                messages.error(request, _("未保存：%(e)s。您的修改没有覆盖他人的修改。")
                               % {"e": e})
                return redirect("registry:household_edit", pk=pk)
            messages.success(request, _("已保存"))
            return redirect("registry:household_detail", pk=pk)
    else:
        form = forms.HouseholdEditForm(instance=_copy(household))
        formset = forms.MemberFormSet(queryset=members_qs, prefix="m")
    return render(request, "registry/household_edit.html", {
        "household": household, "form": form, "formset": formset})


def _apply_errors(form, error: ValidationError) -> None:
    """A service's ValidationError onto the form: per field where it names one of the form's
    fields, over the form otherwise."""
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error)


@require(EDITS_REGISTRY)
@require_http_methods(["GET", "POST"])
def household_create_view(request):
    """A household registered by hand (between two rosters), with its head."""
    from xiezuo.registry.services import household_create

    form = forms.HouseholdCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            household = household_create(
                actor=request.user, village=form.cleaned_data["village"],
                number=form.cleaned_data["number"], head=form.member(),
                fields=form.household_fields())
        except ValidationError as e:
            _apply_errors(form, e)
        else:
            messages.success(request, _("已建户，户主已登记"))
            return redirect("registry:household_detail", pk=household.pk)
    return render(request, "registry/household_create.html", {"form": form})


@require(EDITS_REGISTRY)
@require_http_methods(["GET", "POST"])
def member_add_view(request, pk: int):
    from xiezuo.registry.services import member_add

    household = _visible_household(request, pk)
    form = forms.MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = member_add(actor=request.user, household=household, member=form.member())
        except ValidationError as e:
            _apply_errors(form, e)
        else:
            messages.success(request, _("已增加成员 %(n)s") % {"n": person.name})
            return redirect("registry:household_detail", pk=pk)
    return render(request, "registry/member_form.html", {
        "household": household, "form": form, "title": _("增加成员")})


@require(EDITS_REGISTRY)
@require_http_methods(["GET", "POST"])
def member_remove_view(request, pk: int):
    from xiezuo.registry.services import member_remove

    person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
    household = _visible_household(request, person.household_id)
    form = forms.MemberRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            member_remove(actor=request.user, person=person, reason=d["reason"],
                          note=d["note"], date=d["date"])
        except ValidationError as e:
            _apply_errors(form, e)
        else:
            messages.success(request, _("已减少成员 %(n)s") % {"n": person.name})
            return redirect("registry:household_detail", pk=household.pk)
    return render(request, "registry/member_form.html", {
        "household": household, "person": person, "form": form, "title": _("减少成员"),
        "confirm": _("确定从本户减少 %(n)s 吗？此操作记入户变更记录和审计日志。")
        % {"n": person.name}})


@require(EDITS_REGISTRY)
@require_http_methods(["GET", "POST"])
def person_id_correct_view(request, pk: int):
    from xiezuo.registry.services import person_correct_id

    person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
    household = _visible_household(request, person.household_id)
    form = forms.IdCorrectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person_correct_id(actor=request.user, person=person,
                              id_number=form.cleaned_data["id_number"],
                              reason=form.cleaned_data["reason"])
        except ValidationError as e:
            _apply_errors(form, e)
        else:
            messages.success(request, _("已更正 %(n)s 的证件号码，原号码记入户变更记录")
                             % {"n": person.name})
            return redirect("registry:household_detail", pk=household.pk)
    return render(request, "registry/member_form.html", {
        "household": household, "person": person, "form": form, "title": _("更正证件号码")})


def _copy(household: Household) -> Household:
    """A copy for the form to write into, so the record the service locks stays as it was."""
    return Household.objects.get(pk=household.pk)


# --- import ------------------------------------------------------------------------------------

def _user_county_code(user) -> str | None:
    """The county of the user's scope, for the import; None lets the import use the default."""
    scope = getattr(user, "scope", None)
    while scope is not None and scope.level not in (Level.COUNTY,):
        if scope.level in (Level.PROVINCE, Level.CITY):
            return None
        scope = scope.parent
    return scope.code if scope is not None else None


IMPORT = ImportPages(
    job_kind=IMPORT_JOB, task="xiezuo.registry.tasks.roster_import_task", folder="registry",
    urls="registry:import_", upload_url="registry:import", what=gettext_lazy("花名册"),
    options=("strict", "allow_moves"), shown=lambda e: _masked_errors([e])[0],
    report="result_report",  # import_result_report, with the registry's own audit
    labels={
        "rows": gettext_lazy("数据行"), "persons_created": gettext_lazy("新增人员"),
        "persons_updated": gettext_lazy("更新人员"), "unchanged": gettext_lazy("未变"),
        "rejected": gettext_lazy("拒绝的行"), "households_created": gettext_lazy("新增户"),
        "households_updated": gettext_lazy("更新户"),
        "villages_created": gettext_lazy("新建行政村"),
    })


@require(EDITS_REGISTRY)
@require_http_methods(["GET", "POST"])
def import_upload(request):
    """Upload a roster: it is first checked (a dry run: the counts, the rejected rows, the
    file's first rows and the villages the county does not have); the result page then imports
    exactly that file (正式导入, import_confirm), creating only the villages ticked there."""
    form = forms.RosterUploadForm(request.POST or None, request.FILES or None)
    return IMPORT.upload(request, form, template="registry/import_upload.html",
                         county_code=_user_county_code(request.user), new_villages=[])


def _masked_errors(errors: list[dict]) -> list[dict]:
    """Errors as a page shows them: a value in the ID column masked (the report has it whole)."""
    out = []
    for e in errors:
        value = str(e.get("value") or "")
        if e.get("column") and header_key(e["column"]) == _ID_HEADER and value:
            value = crypto.mask_id(value)
        out.append({**e, "value": value})
    return out


@login_required
@require_GET
def import_result(request, job_id):
    job = IMPORT.job(request, job_id)
    result = job.result or {}
    links = [(_("查看导入记录"), reverse("registry:import_detail", args=[result["import_id"]]))
             ] if result.get("import_id") else []
    return IMPORT.result(
        request, job_id, job=job, links=links, extra="registry/_new_villages.html",
        context={"unknown_villages": [v for v in result.get("new_villages") or ()
                                      if not v.get("created")]})


@require(EDITS_REGISTRY)
@require_POST
def import_confirm(request, job_id):
    """正式导入: the file the check read, imported for real (once); of the villages the check
    listed as unknown, only those ticked are created (all of them with the header's box)."""
    job = IMPORT.job(request, job_id)
    listed = [f"{v['township_code']}|{v['village']}"
              for v in (job.result or {}).get("new_villages") or ()]
    chosen = listed if request.POST.get("new_villages_all") else request.POST.getlist(
        "new_villages")
    ticked = [v.split("|", 1) for v in chosen if v in listed]
    return IMPORT.confirm(request, job_id, job=job, new_villages=ticked,
                          county_code=_user_county_code(request.user))


def _report_response(request, path_text: str, *, obj=None, object_id: str = "",
                     area_code: str = "", what: str) -> FileResponse:
    """Stream a file the registry wrote (an error report, a kept upload); audited as an export.

    Error reports and uploads hold whole rows with full ID numbers, so each download is recorded.
    """
    path = Path(path_text)
    if not path.is_absolute():
        path = Path(settings.DATA_DIR) / path
    path = path.resolve()
    roots = [Path(settings.DATA_DIR).resolve(), Path(settings.REPORT_DIR).resolve()]
    if not any(path.is_relative_to(r) for r in roots) or not path.is_file():
        raise Http404
    with transaction.atomic():
        audit_record(actor=request.user, action=AuditAction.EXPORT, obj=obj,
                     object_type="" if obj else "core.job", object_id=object_id,
                     object_repr=path.name,
                     area_code=area_code, note=what)
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name,
                        content_type=content_type)


@login_required
@require_GET
def import_result_report(request, job_id):
    job = IMPORT.job(request, job_id)
    report = (job.result or {}).get("report")
    if not report:
        raise Http404
    return _report_response(request, report, object_id=str(job.pk),
                            area_code=_user_county_code(request.user) or "",
                            what=_("下载导入错误报告（任务 %(j)s）") % {"j": job.pk})


def _imports_for(user):
    """Imports of the counties the user sees, and the user's own (a township clerk's uploads)."""
    return RosterImport.objects.filter(
        Q(pk__in=RosterImport.objects.visible_to(user).values("pk")) | Q(by=user)
    ).select_related("by", "county")


def _sees_import(user, roster_import: RosterImport) -> bool:
    return _imports_for(user).filter(pk=roster_import.pk).exists()


def _may_download(user, roster_import: RosterImport) -> bool:
    # The files hold full ID numbers: the importer, or a role that may see them.
    return roster_import.by_id == user.pk or has(user, SEES_FULL_ID)


@login_required
@require_GET
def import_list(request):
    page = paginate(request, _imports_for(request.user))
    return render(request, "registry/import_list.html", {"page": page})


@login_required
@require_GET
def import_detail(request, pk: int):
    roster_import = get_object_or_404(_imports_for(request.user), pk=pk)
    summary = roster_import.summary or {}
    return render(request, "registry/import_detail.html", {
        "imp": roster_import, "summary": summary,
        "errors": _masked_errors(summary.get("errors") or []),
        "may_download": _may_download(request.user, roster_import)})


@login_required
@require_GET
def import_download(request, pk: int, what: str):
    roster_import = get_object_or_404(_imports_for(request.user), pk=pk)
    if not _may_download(request.user, roster_import):
        raise PermissionDenied
    if what == "report":
        path, note = (roster_import.summary or {}).get("report"), _("下载导入错误报告")
    else:
        path, note = roster_import.file, _("下载导入的原文件")
    if not path:
        raise Http404
    return _report_response(request, path, obj=roster_import,
                            area_code=roster_import.county.code if roster_import.county else "",
                            what=f"{note} {roster_import.original_name}")


# --- export ------------------------------------------------------------------------------------

@require(SEES_FULL_ID)
@require_http_methods(["GET", "POST"])
def export(request):
    form = forms.ExportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        township = form.cleaned_data["township"]
        name = forms.export_file_name(dict(form.fields["township"].choices).get(township, "")
                                      if township else "", form.cleaned_data["format"],
                                      timezone.localdate())
        _sweep_exports()
        job = job_create(kind=EXPORT_JOB, title=_("导出花名册 %(f)s") % {"f": name},
                         user=request.user)
        from xiezuo.registry.tasks import roster_export_task

        roster_export_task.enqueue(
            job_id=str(job.pk), path=str(_export_dir() / str(job.pk) / name),
            user_id=request.user.pk, township_code=township or None,
            county_code=form.cleaned_data.get("county") or None)
        return redirect("core:job_detail", pk=job.pk)
    return render(request, "registry/export.html", {"form": form})


def _export_dir() -> Path:
    return Path(settings.REPORT_DIR) / "roster-exports"


def _sweep_exports() -> None:
    """Export files hold full ID numbers: keep each only EXPORT_KEEP_HOURS for its download."""
    cutoff = timezone.now().timestamp() - EXPORT_KEEP_HOURS * 3600
    for folder in _export_dir().glob("*"):
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


@require(SEES_FULL_ID)
def export_download(request, job_id):
    """The file a finished export job wrote, for the one who started it; audited."""
    job = job_of(request, job_id, kind=EXPORT_JOB)
    if not job.finished:
        return redirect("core:job_detail", pk=job.pk)
    path = Path((job.result or {}).get("file") or "")
    if not path.is_file() or not path.resolve().is_relative_to(_export_dir().resolve()):
        messages.error(request, _("导出文件已过期删除，请重新导出"))
        return redirect("registry:export")
    with transaction.atomic():
        audit_record(actor=request.user, action=AuditAction.EXPORT, object_type="core.job",
                     object_id=str(job.pk), object_repr=path.name, note=_("下载花名册导出文件"))
    content_type = ("text/csv; charset=utf-8" if path.suffix == ".csv" else
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name,
                        content_type=content_type)


# --- agricultural population (the denominator of poverty incidence) --------------------------

POPULATION_JOB = "registry.population_import"
POPULATION_LABELS = {
    "rows": gettext_lazy("数据行"), "populations_created": gettext_lazy("新增农业人口数字"),
    "populations_updated": gettext_lazy("更新农业人口数字"), "unchanged": gettext_lazy("未变化"),
    "rejected": gettext_lazy("拒绝的行"),
}


class PopulationUploadForm(forms.RosterUploadForm):
    """The population file and the import's options (the roster upload's file checks).

    Kept beside its views: the population import adds to the registry's pages without
    touching the roster's forms."""

    year = django_forms.IntegerField(
        label=gettext_lazy("年份"), required=False, min_value=2000, max_value=2100,
        help_text=gettext_lazy("用于“年份”为空的行（文件没有“年份”列时用于每一行）"))
    source = django_forms.CharField(
        label=gettext_lazy("来源"), required=False, max_length=200,
        help_text=gettext_lazy("用于“来源”为空的行，如：临洮县统计局 2016 年统计年鉴"))
    dry_run = django_forms.BooleanField(label=gettext_lazy("试运行（只检查，不保存）"),
                                        required=False)
    strict = django_forms.BooleanField(
        label=gettext_lazy("严格模式（有任何一行被拒绝则全部不保存）"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = gettext_lazy("农业人口文件")


@require(EDITS_REGISTRY)
@require_GET
def population_list(request):
    """The figures stored for the areas the user sees, real and synthetic."""
    qs = (AreaPopulation.objects.visible_to(request.user)
          .select_related("area", "area__parent").order_by("area__code"))
    if wants_xlsx(request):
        return xlsx_response(title=str(_("农业人口")), columns=POPULATION_COLUMNS, rows=qs,
                             filename=str(_("农业人口")), scope=scope_label(request.user))
    page = paginate(request, qs)
    return render(request, "registry/population_list.html", {
        "page": page, "synthetic": qs.filter(synthetic=True).count()})


@require(EDITS_REGISTRY)
@require_http_methods(["GET", "POST"])
def population_import(request):
    """Upload the statistics bureau's figures; the import runs as a background job."""
    form = PopulationUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        target = job_upload(d["file"], folder="population")
        job = job_create(kind=POPULATION_JOB, title=_("导入农业人口 %(f)s") % {"f": d["file"].name},
                         user=request.user)
        from xiezuo.registry.tasks import population_import_task

        population_import_task.enqueue(
            job_id=str(job.pk), path=str(target), user_id=request.user.pk, year=d["year"],
            source=d["source"], dry_run=d["dry_run"], strict=d["strict"],
            original_name=d["file"].name)
        return redirect("core:job_detail", pk=job.pk)
    return render(request, "registry/population_import.html", {"form": form})


@require(EDITS_REGISTRY)
@require_GET
def population_import_result(request, job_id):
    job = job_of(request, job_id, kind=POPULATION_JOB)
    if job.finished:
        # Sums that disagree are notes, not rejections: shown above the result.
        for note in (job.result or {}).get("notes") or []:
            messages.warning(request, note["note"])
    return job_import_result(request, job, labels=POPULATION_LABELS,
                             report_url_name="registry:population_import_report",
                             again_url=reverse("registry:population_import"))


@require(EDITS_REGISTRY)
@require_GET
def population_import_report(request, job_id):
    """The error report of the user's own import job (the rejected rows whole); audited."""
    return job_report_response(request, job_of(request, job_id, kind=POPULATION_JOB),
                               note=_("下载农业人口导入错误报告"))


@require(EDITS_REGISTRY)
@require_GET
def population_template(request):
    """The import's template (tabular.template): its header, an example row, column notes."""
    from xiezuo.registry.population import PopulationImporter

    return template_response(PopulationImporter)


@require(EDITS_REGISTRY)
@require_GET
def import_template(request):
    """The roster's template (tabular.template): every column, an example member, notes."""
    from xiezuo.registry.services.roster_import import RosterImporter

    return template_response(RosterImporter)

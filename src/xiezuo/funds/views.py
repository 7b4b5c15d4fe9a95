"""Funds pages: thin views over funds.services and funds.selectors, scoped by visible_to."""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xiezuo.accounts.access import require
from xiezuo.accounts.roles import has
from xiezuo.accounts.versioned import StaleEditError
from xiezuo.core.importpages import ImportPages
from xiezuo.core.lists import Sorting, paginate
from xiezuo.funds import exports, selectors, services, warnings
from xiezuo.funds.access import EDITS_FUNDS, READS_FUNDS
from xiezuo.funds.choices import EntryKind, Source
from xiezuo.funds.filters import AllocationFilters, LedgerFilters, ProjectFilters
from xiezuo.funds.forms import (
    AllocationFilterForm,
    AllocationForm,
    DisbursementForm,
    ImportForm,
    LedgerFilterForm,
    ProjectFilterForm,
    ProjectForm,
    ReverseForm,
)
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area
from xiezuo.regions.scoping import scope_label
from xiezuo.tabular.listexport import XCol, wants_xlsx, xlsx_response
from xiezuo.tabular.template import template_response


def _year(request, years: list[int]) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return years[-1] if years else timezone.localdate().year


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require(READS_FUNDS)
def supervision(request):
    years = selectors.years_visible(user=request.user)
    year = _year(request, years)
    return render(request, "funds/supervision.html", {
        "years": years, "year": year, "s": selectors.supervision(user=request.user, year=year),
        "plan": selectors.plan_figures(user=request.user),
        "chart": selectors.yearly_chart(user=request.user),
        "chart_labels": {"allocated": _("拨入"), "disbursed": _("已支出")},
        "can_edit": has(request.user, EDITS_FUNDS),
    })


@require(READS_FUNDS)
def project_list(request):
    form = ProjectFilterForm(request.GET or None, user=request.user)
    sorting = Sorting.from_request(request, PROJECT_SORT)
    qs = sorting.apply(selectors.project_list(user=request.user,
                                              filters=ProjectFilters.from_form(form)))
    if wants_xlsx(request):
        return _list_export(request, LIST_PROJECTS, qs.select_related(None).prefetch_related(
            "villages__parent"))
    return render(request, "funds/project_list.html", {
        "form": form, "page": paginate(request, qs), "sorting": sorting,
        "can_edit": has(request.user, EDITS_FUNDS)})


#: the project list's sortable columns (a county has hundreds of projects at most)
PROJECT_SORT = {"code": "code", "year": ("year", "code"), "budget": "budget",
                "disbursed": "disbursed"}


@require(READS_FUNDS)
def project_detail(request, pk: int):
    project = get_object_or_404(selectors.projects_visible(user=request.user), pk=pk)
    return _project_page(request, project, DisbursementForm(
        initial={"date": timezone.localdate()}))


def _project_page(request, project, form, status=200):
    return render(request, "funds/project_detail.html", {
        "project": project,
        "villages": project.villages.select_related("parent").order_by("code"),
        "beneficiaries": project.beneficiaries.select_related("village").order_by("number")[:200],
        "n_beneficiaries": project.beneficiaries.count(),
        "disbursements": project.disbursements.select_related("reverses").order_by("date", "pk"),
        "entries": project.ledger_entries.order_by("seq"),
        "form": form, "reverse_form": ReverseForm(),
        "can_edit": has(request.user, EDITS_FUNDS),
    }, status=status)


@require(EDITS_FUNDS)
@require_POST
def disbursement_create(request, pk: int):
    project = get_object_or_404(selectors.projects_visible(user=request.user), pk=pk)
    form = DisbursementForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        confirmed = data.pop("voucher_confirmed")
        earlier = warnings.payments_with_voucher(user=request.user, voucher_no=data["voucher_no"])
        if earlier and not confirmed:
            # Warned, not refused (funds/warnings.py): the officer checks, then goes on.
            form.ask_voucher_confirmation(warnings.voucher_warning(data["voucher_no"], earlier))
            return _project_page(request, project, form, status=400)
        try:
            d = services.disbursement_post(actor=request.user, project=project, **data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("已记账：%(amount)s 元，凭证号 %(voucher)s") % {
                "amount": d.amount, "voucher": d.voucher_no or "—"})
            return redirect("funds:project_detail", pk=project.pk)
    return _project_page(request, project, form, status=400)


@require(EDITS_FUNDS)
@require_POST
def disbursement_reverse(request, pk: int):
    d = get_object_or_404(selectors.disbursements_visible(user=request.user), pk=pk)
    form = ReverseForm(request.POST)
    if form.is_valid():
        try:
            services.disbursement_reverse(actor=request.user, disbursement=d,
                                          reason=form.cleaned_data["reason"])
            messages.success(request, _("已冲销。"))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
    else:
        messages.error(request, _("冲销必须说明原因。"))
    return redirect("funds:project_detail", pk=d.project_id)


# Each list's 导出 Excel (tabular.listexport): the page's columns, names beside codes, typed.
LIST_PROJECTS = (gettext_lazy("资金项目"), [
    XCol(gettext_lazy("项目编号"), "code"), XCol(gettext_lazy("项目名称"), "name", width=30),
    XCol(gettext_lazy("类别"), "category"), XCol(gettext_lazy("资金年度"), "year", kind="int"),
    XCol(gettext_lazy("实施村"), lambda p: "、".join(
        f"{v.parent.name}{v.name}" for v in p.villages.all()), width=30),
    XCol(gettext_lazy("预算（元）"), "budget", kind="money"),
    XCol(gettext_lazy("已支出（元）"), "disbursed", kind="money"),
    XCol(gettext_lazy("状态"), "status"),
    XCol(gettext_lazy("开工日期"), "start_date", kind="date"),
    XCol(gettext_lazy("计划完工日期"), "planned_end", kind="date"),
])
LIST_ALLOCATIONS = (gettext_lazy("资金拨入"), [
    XCol(gettext_lazy("年度"), "year", kind="int"), XCol(gettext_lazy("资金来源"), "source"),
    XCol(gettext_lazy("金额（元）"), "amount", kind="money"),
    XCol(gettext_lazy("到账日期"), "date", kind="date"),
    XCol(gettext_lazy("文件编号"), "document_no"), XCol(gettext_lazy("捐赠或拨付单位"), "donor"),
    XCol(gettext_lazy("说明"), "note"),
])
LIST_LEDGER = (gettext_lazy("资金台账"), [
    XCol(gettext_lazy("序号"), "seq", kind="int"), XCol(gettext_lazy("记账时间"), "at",
                                                      kind="datetime"),
    XCol(gettext_lazy("类型"), "kind"), XCol(gettext_lazy("资金年度"), "year", kind="int"),
    XCol(gettext_lazy("区域代码"), "area_code"),
    XCol(gettext_lazy("金额（元）"), "amount", kind="money"),
    XCol(gettext_lazy("内容"), lambda e: "；".join(f"{k}：{v}" for k, v in e.data_words()),
         width=50),
    XCol(gettext_lazy("哈希"), "hash", width=20),
])


def _list_export(request, spec, rows):
    title, columns = spec
    return xlsx_response(title=str(title), columns=columns, rows=rows, filename=str(title),
                         scope=scope_label(request.user))


def _warn_allocation(request, project) -> None:
    text = warnings.project_allocation_warning(project)
    if text:
        messages.warning(request, text)


@require(EDITS_FUNDS)
def project_create(request):
    form = ProjectForm(request.POST or None, user=request.user,
                       initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            project = services.project_create(actor=request.user, code=d["code"], name=d["name"],
                                              category=d["category"], year=d["year"],
                                              villages=list(d["villages"]), budget=d["budget"],
                                              approval_doc=d["approval_doc"],
                                              start_date=d["start_date"],
                                              planned_end=d["planned_end"],
                                              actual_end=d["actual_end"], status=d["status"],
                                              plaque=d["plaque"], note=d["note"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("项目已登记。"))
            _warn_allocation(request, project)
            return redirect("funds:project_detail", pk=project.pk)
    return render(request, "funds/project_form.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@require(EDITS_FUNDS)
def project_edit(request, pk: int):
    project = get_object_or_404(selectors.projects_visible(user=request.user), pk=pk)
    initial = {f: getattr(project, f) for f in ("code", "year", *services.PROJECT_FIELDS)}
    initial["villages"] = list(project.villages.all())
    initial["version"] = project.version
    form = ProjectForm(request.POST or None, user=request.user, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.project_update(actor=request.user, project=project, version=d["version"],
                                    villages=list(d["villages"]),
                                    changes={f: d[f] for f in services.PROJECT_FIELDS})
        except StaleEditError as exc:
            form.add_error(None, _("未保存：%(e)s。您的修改没有覆盖他人的修改。") % {"e": exc})
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("项目已更新。"))
            project.refresh_from_db()
            _warn_allocation(request, project)
            return redirect("funds:project_detail", pk=project.pk)
    return render(request, "funds/project_form.html", {"form": form, "project": project},
                  status=400 if request.method == "POST" else 200)


@require(EDITS_FUNDS)
def project_beneficiaries(request, pk: int):
    from xiezuo.registry.models import Household

    project = get_object_or_404(selectors.projects_visible(user=request.user), pk=pk)
    households = (Household.objects.visible_to(request.user)
                  .filter(village__in=project.villages.all()).select_related("village")
                  .order_by("village__code", "number"))
    if request.method == "POST":
        chosen = households.filter(pk__in=request.POST.getlist("households"))
        try:
            services.project_set_beneficiaries(actor=request.user, project=project,
                                               households=chosen)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("受益户已更新。"))
            return redirect("funds:project_detail", pk=project.pk)
    current = set(project.beneficiaries.values_list("pk", flat=True))
    return render(request, "funds/project_beneficiaries.html", {
        "project": project, "households": households, "current": current})


@require(READS_FUNDS)
def allocation_list(request):
    form = AllocationForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST":
        if not has(request.user, EDITS_FUNDS):
            return HttpResponse(status=403)
        county = Area.objects.visible_to(request.user).filter(level=Level.COUNTY,
                                                              side="west").first()
        if county is None:
            raise Http404
        if form.is_valid():
            try:
                services.allocation_record(actor=request.user, county=county,
                                           **form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("拨入已记账。"))
                return redirect("funds:allocation_list")
    filter_form = AllocationFilterForm(request.GET or None)
    filters = AllocationFilters.from_form(filter_form)
    allocations = selectors.allocation_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return _list_export(request, LIST_ALLOCATIONS, allocations)
    return render(request, "funds/allocation_list.html", {
        "allocations": allocations, "total": selectors.list_sum(allocations),
        "filter_form": filter_form, "filters": filters, "sources": Source.choices,
        "form": form, "can_edit": has(request.user, EDITS_FUNDS),
    }, status=400 if request.method == "POST" else 200)


@require(EDITS_FUNDS)
@require_POST
def allocation_reverse(request, pk: int):
    allocation = get_object_or_404(selectors.allocations_visible(user=request.user), pk=pk)
    form = ReverseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("冲销必须说明原因。"))
        return redirect("funds:allocation_list")
    try:
        services.allocation_reverse(actor=request.user, allocation=allocation,
                                    reason=form.cleaned_data["reason"])
        messages.success(request, _("已冲销。"))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("funds:allocation_list")


@require(READS_FUNDS)
def ledger(request):
    form = LedgerFilterForm(request.GET or None)
    filters = LedgerFilters.from_form(form)
    qs = selectors.ledger_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return _list_export(request, LIST_LEDGER, qs)
    return render(request, "funds/ledger.html", {
        "form": form, "page": paginate(request, qs, per_page=100),
        "total": selectors.list_sum(qs), "kinds": EntryKind.choices, "kind": filters.kind,
        "year": filters.year or ""})


@require(READS_FUNDS)
@require_POST
def ledger_verify(request):
    result = services.verify_ledger()
    if result.ok:
        messages.success(request, _("台账完整：%(n)s 条记录，链头 %(hash)s") % {
            "n": result.entries, "hash": result.head_hash[:16]})
    else:
        bad = result.first_bad
        messages.error(request, _("台账在第 %(seq)s 条处被破坏（%(problem)s）：%(detail)s") % {
            "seq": bad.seq, "problem": bad.problem, "detail": bad.detail})
    return redirect("funds:ledger_list")


@require(READS_FUNDS)
def export(request, what: str):
    if what not in exports.WHAT:
        raise Http404
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else None
    buffer = io.BytesIO()
    exports.export(user=request.user, what=what, out=buffer, fmt=fmt, year=year)
    buffer.seek(0)
    title = {"projects": _("资金项目"), "disbursements": _("资金支出"), "ledger": _("资金台账")}[what]
    year_part = "-" + _("%(year)s年度") % {"year": year} if year else ""
    name = f"{title}{year_part}-{timezone.localdate():%Y%m%d}.{fmt}"
    return FileResponse(buffer, as_attachment=True, filename=name)


# --- imports from the web -----------------------------------------------------------------------

IMPORT = ImportPages(
    job_kind="funds.import", task="xiezuo.funds.tasks.funds_import_task", folder="funds",
    urls="funds:import_", upload_url="funds:import",
    what=lambda kind: dict(ImportForm.KIND_CHOICES)[kind], kind_option="kind",
    template_kinds=lambda: _specs(), report_note=gettext_lazy("下载资金导入错误报告"),
    labels={
        "rows": gettext_lazy("数据行"), "projects_created": gettext_lazy("新增项目"),
        "projects_updated": gettext_lazy("更新项目"),
        "disbursements_created": gettext_lazy("新增支出"), "unchanged": gettext_lazy("未变化"),
        "rejected": gettext_lazy("拒绝的行"),
    })


@require(EDITS_FUNDS)
def import_page(request):
    """Upload projects or disbursements: the file is first checked (a dry run: what would be
    created, updated and rejected, and its first rows); the result page then imports exactly
    that file (正式导入, import_confirm)."""
    form = ImportForm(request.POST or None, request.FILES or None)
    return IMPORT.upload(request, form, template="funds/import.html", context={"templates": [
        (label, reverse("funds:import_template", args=[kind]))
        for kind, label in ImportForm.KIND_CHOICES]})


@require(EDITS_FUNDS)
def import_result(request, job_id):
    return IMPORT.result(request, job_id)


@require(EDITS_FUNDS)
@require_POST
def import_confirm(request, job_id):
    """正式导入: the file the dry run checked, imported for real (once)."""
    return IMPORT.confirm(request, job_id)


def _specs() -> dict:
    from xiezuo.funds.imports import DisbursementsImport, ProjectsImport

    return {"projects": ProjectsImport, "disbursements": DisbursementsImport}


@require(EDITS_FUNDS)
def import_template(request, kind: str):
    """The import's template: its columns, an example row and notes on each column."""
    if kind not in _specs():
        raise Http404
    return template_response(_specs()[kind])


@require(EDITS_FUNDS)
def import_report(request, job_id):
    """The error report (the rejected rows whole): downloaded by its importer, audited."""
    return IMPORT.report_download(request, job_id)

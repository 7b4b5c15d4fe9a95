"""The register's pages: the list (search, filters, Excel), an organisation's page with what
every part does with it (core.panels), the create and edit forms."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiezuo.accounts.access import require
from xiezuo.accounts.roles import has
from xiezuo.core.formpages import form_page
from xiezuo.core.lists import paginate
from xiezuo.core.panels import panels_for
from xiezuo.orgs import forms as f
from xiezuo.orgs import selectors, services
from xiezuo.orgs.access import EDITS_ORGS, READS_ORGS
from xiezuo.orgs.models import Organisation
from xiezuo.regions.scoping import scope_label
from xiezuo.tabular.listexport import XCol, wants_xlsx, xlsx_response

COLUMNS = [
    XCol(gettext_lazy("名称"), "name", width=36),
    XCol(gettext_lazy("统一社会信用代码"), "credit_code", width=22),
    XCol(gettext_lazy("类型"), "get_kind_display"),
    XCol(gettext_lazy("角色"), lambda o: "、".join(o.role_labels), width=24),
    XCol(gettext_lazy("协作方"), "get_side_display"),
    XCol(gettext_lazy("地区代码"), "area.code", width=15),
    XCol(gettext_lazy("所在地区"), "area.name"),
    XCol(gettext_lazy("行业"), "get_sector_display"),
    XCol(gettext_lazy("联系人"), "contact_name"),
    XCol(gettext_lazy("联系电话"), "contact_phone"),
    XCol(gettext_lazy("地址"), "address", width=30),
    XCol(gettext_lazy("备注"), "note", width=30),
    XCol(gettext_lazy("登记时间"), "created_at", kind="datetime"),
]


def _filters_in_words(form) -> str:
    if not form.is_bound or not form.is_valid():
        return ""
    parts = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, ""):
            continue
        shown = dict(field.choices).get(value, value) if hasattr(field, "choices") and \
            not hasattr(value, "pk") else value
        parts.append(f"{field.label}：{shown}")
    return "；".join(str(p) for p in parts)


@require(READS_ORGS)
def organisation_list(request):
    form = f.OrganisationFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    rows = selectors.organisation_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return xlsx_response(title=_("企业与组织"), columns=COLUMNS, rows=rows,
                             filename=_("企业与组织"), scope=scope_label(request.user),
                             filters=_filters_in_words(form))
    page = paginate(request, rows)
    return render(request, "orgs/organisation_list.html", {
        "form": form, "page": page, "can_edit": has(request.user, EDITS_ORGS)})


@require(READS_ORGS)
def organisation_detail(request, pk: int):
    org = get_object_or_404(Organisation.objects.visible_to(request.user)
                            .select_related("area__parent").prefetch_related("roles"), pk=pk)
    return render(request, "orgs/organisation_detail.html", {
        "org": org, "panels": panels_for("organisation", org, request.user),
        "can_edit": has(request.user, EDITS_ORGS)})


@require(EDITS_ORGS)
def organisation_create(request):
    return form_page(
        request, f.OrganisationForm(request.POST or None, user=request.user),
        save=lambda d: services.organisation_create(actor=request.user, **d),
        title=_("登记企业或组织"), back=reverse("orgs:organisation_list"),
        done=lambda org: reverse("orgs:organisation_detail", args=[org.pk]),
        message=lambda org: _("已登记 %(n)s") % {"n": org.name}, template="orgs/form.html")


@require(EDITS_ORGS)
def organisation_edit(request, pk: int):
    org = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    form = f.OrganisationEditForm(request.POST or None, user=request.user, organisation=org,
                                  initial=f.OrganisationEditForm.initial_for(org))

    def save(d):
        return services.organisation_update(actor=request.user, organisation=org,
                                            version=d.pop("version"), **d)

    return form_page(request, form, save=save, title=_("编辑：%(n)s") % {"n": org.name},
                     back=reverse("orgs:organisation_detail", args=[org.pk]),
                     message=lambda _made: _("已保存 %(n)s") % {"n": form.cleaned_data["name"]},
                     template="orgs/form.html")

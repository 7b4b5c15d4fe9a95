"""The industry pages. Reads need READS_INDUSTRY, writes EDITS_INDUSTRY (403 otherwise); a
record outside the user's scope is 404 (get_object_or_404 over visible_to). Every list answers
`?format=xlsx` with the same selector, filters and columns (industry.tables)."""

from decimal import Decimal
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from xiezuo.accounts.access import require
from xiezuo.accounts.roles import has
from xiezuo.core.formpages import form_page
from xiezuo.core.importpages import ImportPages
from xiezuo.core.lists import paginate
from xiezuo.industry import forms as f
from xiezuo.industry import selectors, services, tables
from xiezuo.industry.access import EDITS_INDUSTRY, READS_INDUSTRY
from xiezuo.industry.choices import BuyerKind, Channel, ImportKind
from xiezuo.industry.filters import (
    ArrivalFilters,
    DealFilters,
    EventFilters,
    HouseholdFilters,
    InvestorFilters,
    LinkageFilters,
    ProductFilters,
    ProjectFilters,
    SaleFilters,
)
from xiezuo.industry.imports import LIST_SPLIT
from xiezuo.industry.models import (
    Deal,
    InvestmentArrival,
    InvestmentProject,
    Linkage,
    Product,
    Sale,
    TradeEvent,
)
from xiezuo.orgs.models import Organisation
from xiezuo.regions.models import Area
from xiezuo.regions.scoping import scope_label
from xiezuo.registry.models import Household
from xiezuo.registry.selectors import person_by_id_number
from xiezuo.tabular.listexport import wants_xlsx, xlsx_response
from xiezuo.tabular.template import template_response


def _shown(value, kind: str) -> str:
    if value is None or value == "":
        return ""
    if kind == "money":
        return f"{value:,.2f}"
    if kind == "int":
        return f"{value:,}"
    if kind == "decimal":
        return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)
    if kind == "date":
        return value.isoformat()
    return str(value)


def _list(request, *, title: str, qs, columns, filename: str, form=None, unit: str,
          link=None, sum_field: str = "", create=None, extra_links=(), note: str = "",
          export_columns=None, persons: int | None = None):
    """A list page (or its Excel file): the rows of the selector, the total with its unit."""
    if wants_xlsx(request):
        filters = "；".join(f"{form.fields[k].label}={v}" for k, v in request.GET.items()
                           if form is not None and k in form.fields and v)
        return xlsx_response(title=str(title), columns=export_columns or columns, rows=qs,
                             filename=filename, scope=scope_label(request.user), filters=filters)
    page = paginate(request, qs)
    rows = []
    for obj in page:
        cells = [(_shown(c.get(obj), c.kind), c.kind) for c in columns]
        rows.append({"cells": cells, "url": link(obj) if link else ""})
    total_sum = (qs.order_by().aggregate(v=Sum(sum_field))["v"] or Decimal(0)) if sum_field \
        else None
    return render(request, "industry/list.html", {
        "title": title, "form": form, "page": page, "rows": rows, "unit": unit,
        "headers": [(c.header, c.kind) for c in columns], "total_sum": total_sum,
        "create": create if has(request.user, EDITS_INDUSTRY) else None,
        "extra_links": extra_links, "note": note, "persons": persons})


#: the edit pages' template (core.formpages.form_page: bind, save through the service, redirect)
TEMPLATE = "industry/form.html"


# --- projects -----------------------------------------------------------------------------------

@require(READS_INDUSTRY)
def project_list(request):
    form = f.ProjectFilterForm(request.GET or None, user=request.user)
    qs = selectors.project_list(user=request.user, filters=ProjectFilters.from_form(form))
    return _list(request, title=_("投资项目"), qs=qs, columns=tables.PROJECTS,
                 filename="投资项目", form=form, unit=pgettext("projects", "个"),
                 sum_field="contracted_amount",
                 link=lambda p: reverse("industry:project_detail", args=[p.pk]),
                 create=reverse("industry:project_create"),
                 extra_links=[(reverse("industry:investor_list"), _("投资企业")),
                              (reverse("industry:arrival_list"), _("到位资金"))])


@require(READS_INDUSTRY)
def project_detail(request, pk: int):
    p = get_object_or_404(selectors.project_list(user=request.user, filters=ProjectFilters()),
                          pk=pk)
    links = selectors.linkage_list(user=request.user, filters=LinkageFilters(project=p))
    return render(request, "industry/project_detail.html", {
        "p": p, "history": p.stage_changes.all(),
        "arrivals": p.arrivals.order_by("year", "date"),
        "arrived": p.arrivals.aggregate(v=Sum("amount"))["v"] or Decimal(0),
        "linkages": links[:200], "linkage_count": links.count(),
        "linkage_households": links.values("household").distinct().count(),
        "linkage_total": links.aggregate(v=Sum("amount"))["v"] or Decimal(0),
        "deals": Deal.objects.visible_to(request.user).filter(project=p),
        "stage_form": f.StageForm(initial={"version": p.version}),
        "can_edit": has(request.user, EDITS_INDUSTRY)})


@require(EDITS_INDUSTRY)
def project_create(request):
    form = f.ProjectCreateForm(request.POST or None, user=request.user)

    def save(d):
        d.pop("version", None)
        return services.project_create(actor=request.user, **d)

    return form_page(request, form, save=save, title=_("登记投资项目"),
                     back=reverse("industry:project_list"),
                     done=lambda made: ("industry:project_detail", made.pk),
                     message=lambda made: _("已登记项目 %(c)s") % {"c": made.code}, template=TEMPLATE)


@require(EDITS_INDUSTRY)
def project_edit(request, pk: int):
    p = get_object_or_404(InvestmentProject.objects.visible_to(request.user), pk=pk)
    initial = {k: getattr(p, k) for k in ("code", "name", "introduced_by_east", "sector",
                                           "contracted_amount", "jobs_created", "poor_employed",
                                           "note", "version")}
    initial |= {"investor": p.investor_id, "area": p.area_id}
    form = f.ProjectForm(request.POST or None, user=request.user, initial=initial)

    def save(d):
        services.project_update(actor=request.user, project=p, **d)

    return form_page(request, form, save=save, title=_("编辑项目：%(c)s") % {"c": p.code},
                     back=reverse("industry:project_detail", args=[p.pk]),
                     done=lambda _made: ("industry:project_detail", p.pk),
                     message=lambda _made: _("已保存项目 %(c)s") % {"c": p.code}, template=TEMPLATE)


@require(EDITS_INDUSTRY)
def project_stage(request, pk: int):
    p = get_object_or_404(InvestmentProject.objects.visible_to(request.user), pk=pk)
    form = f.StageForm(request.POST or None, initial={"version": p.version})

    def save(d):
        services.project_set_stage(actor=request.user, project=p, **d)

    return form_page(request, form, save=save, title=_("变更阶段：%(c)s") % {"c": p.code},
                     back=reverse("industry:project_detail", args=[p.pk]),
                     done=lambda _made: ("industry:project_detail", p.pk),
                     message=lambda _made: _("已变更项目阶段"), template=TEMPLATE)


@require(READS_INDUSTRY)
def investor_list(request):
    form = f.InvestorFilterForm(request.GET or None)
    qs = selectors.investor_list(user=request.user, filters=InvestorFilters.from_form(form))
    return _list(request, title=_("投资企业"), qs=qs, columns=tables.INVESTORS,
                 filename="投资企业", form=form, unit=_("家"),
                 link=lambda o: reverse("industry:project_list") + "?" + urlencode(
                     {"q": o.name}))


@require(READS_INDUSTRY)
def arrival_list(request):
    form = f.ArrivalFilterForm(request.GET or None, user=request.user)
    qs = selectors.arrival_list(user=request.user, filters=ArrivalFilters.from_form(form))
    return _list(request, title=_("到位资金"), qs=qs, columns=tables.ARRIVALS,
                 filename="到位资金", form=form, unit=_("笔"), sum_field="amount",
                 link=lambda a: reverse("industry:project_detail", args=[a.project_id]))


def _project_for_edit(request, pk):
    return get_object_or_404(InvestmentProject.objects.visible_to(request.user), pk=pk)


@require(EDITS_INDUSTRY)
def arrival_create(request, project_id: int):
    p = _project_for_edit(request, project_id)
    form = f.ArrivalForm(request.POST or None)

    def save(d):
        d.pop("version", None)
        services.arrival_create(actor=request.user, project=p, **d)

    return form_page(request, form, save=save, title=_("登记到位资金：%(c)s") % {"c": p.code},
                     back=reverse("industry:project_detail", args=[p.pk]),
                     done=lambda _made: ("industry:project_detail", p.pk),
                     message=lambda _made: _("已登记到位资金"), template=TEMPLATE)


@require(EDITS_INDUSTRY)
def arrival_edit(request, pk: int):
    a = get_object_or_404(InvestmentArrival.objects.visible_to(request.user), pk=pk)
    form = f.ArrivalForm(request.POST or None, initial={
        "version": a.version, "year": a.year, "date": a.date, "amount": a.amount,
        "note": a.note})

    def save(d):
        services.arrival_update(actor=request.user, arrival=a, **d)

    return form_page(request, form, save=save, title=_("编辑到位资金"),
                     back=reverse("industry:project_detail", args=[a.project_id]),
                     done=lambda _made: ("industry:project_detail", a.project_id),
                     message=lambda _made: _("已保存到位资金"), template=TEMPLATE)


# --- linkages -------------------------------------------------------------------------------------

@require(READS_INDUSTRY)
def linkage_list(request):
    form = f.LinkageFilterForm(request.GET or None, user=request.user)
    qs = selectors.linkage_list(user=request.user, filters=LinkageFilters.from_form(form))
    return _list(request, title=_("利益联结"), qs=qs, columns=tables.LINKAGES,
                 filename="利益联结", form=form, unit=_("条"), sum_field="amount",
                 link=lambda x: reverse("registry:household_detail", args=[x.household_id]),
                 extra_links=[(reverse("industry:household_list"), _("带动贫困户")),
                              (reverse("industry:import_upload") + "?kind=linkages",
                               _("导入利益联结"))])


def _household_by(user, value: str) -> Household:
    """A household of the user's scope by its number or a member's ID number."""
    value = value.strip()
    h = Household.objects.visible_to(user).filter(number=value).first()
    if h is None and len(value) == 18:
        person = person_by_id_number(user=user, raw=value)
        h = person.household if person else None
    if h is None:
        raise ValidationError({"household": _("在您负责的区域内没有户编号或证件号码为 %(v)s 的贫困户")
                                            % {"v": value}})
    return h


@require(EDITS_INDUSTRY)
def linkage_create(request, project_id: int):
    p = _project_for_edit(request, project_id)
    form = f.LinkageForm(request.POST or None)

    def save(d):
        d.pop("version", None)
        household = _household_by(request.user, d.pop("household"))
        services.linkage_create(actor=request.user, project=p, household=household, **d)

    return form_page(request, form, save=save, title=_("登记利益联结：%(c)s") % {"c": p.code},
                     back=reverse("industry:project_detail", args=[p.pk]),
                     done=lambda _made: ("industry:project_detail", p.pk),
                     message=lambda _made: _("已登记利益联结"), template=TEMPLATE)


@require(EDITS_INDUSTRY)
def linkage_edit(request, pk: int):
    link = get_object_or_404(Linkage.objects.visible_to(request.user), pk=pk)
    form = f.LinkageEditForm(request.POST or None, initial={
        "version": link.version, "kind": link.kind, "year": link.year, "amount": link.amount,
        "note": link.note})

    def save(d):
        services.linkage_update(actor=request.user, linkage=link, **d)

    return form_page(request, form, save=save,
                     title=_("编辑利益联结：%(n)s") % {"n": link.household.number},
                     back=reverse("industry:project_detail", args=[link.project_id]),
                     done=lambda _made: ("industry:project_detail", link.project_id),
                     message=lambda _made: _("已保存利益联结"), template=TEMPLATE)


@require(READS_INDUSTRY)
def household_list(request):
    form = f.HouseholdFilterForm(request.GET or None, user=request.user)
    filters = HouseholdFilters.from_form(form)
    qs = selectors.household_list(user=request.user, filters=filters)
    persons = qs.order_by().aggregate(v=Sum("member_count"))["v"] or 0
    return _list(request, title=_("带动贫困户"), qs=qs, columns=tables.HOUSEHOLDS,
                 filename="带动贫困户", form=form, unit=pgettext("unit", "户"), persons=persons,
                 link=lambda h: reverse("registry:household_detail", args=[h.pk]))


# --- events and deals -------------------------------------------------------------------------------

@require(READS_INDUSTRY)
def event_list(request):
    form = f.EventFilterForm(request.GET or None)
    qs = selectors.event_list(user=request.user, filters=EventFilters.from_form(form))
    return _list(request, title=_("经贸活动"), qs=qs, columns=tables.EVENTS, filename="经贸活动",
                 form=form, unit=_("场"),
                 link=lambda e: reverse("industry:event_detail", args=[e.pk]),
                 create=reverse("industry:event_create"),
                 extra_links=[(reverse("industry:deal_list"), _("签约项目"))])


@require(READS_INDUSTRY)
def event_detail(request, pk: int):
    e = get_object_or_404(TradeEvent.objects.visible_to(request.user).select_related("area"),
                          pk=pk)
    sales = selectors.sale_list(user=request.user, filters=SaleFilters(event=e))
    return render(request, "industry/event_detail.html", {
        "e": e, "deals": Deal.objects.visible_to(request.user).filter(event=e)
        .prefetch_related("organisations").select_related("project", "sale"),
        "sales_summary": selectors.sale_summary(user=request.user, filters=SaleFilters(event=e)),
        "sales_url": reverse("industry:sale_list") + "?" + SaleFilters(event=e).query(),
        "sales": sales[:20], "can_edit": has(request.user, EDITS_INDUSTRY)})


def _event_initial(e):
    return {k: getattr(e, k) for k in ("version", "name", "kind", "series", "place", "started_on",
                                        "ended_on", "participants", "participant_count",
                                        "note")} | {"area": e.area_id}


@require(EDITS_INDUSTRY)
def event_create(request):
    form = f.EventForm(request.POST or None, user=request.user)

    def save(d):
        d.pop("version", None)
        return services.event_create(actor=request.user, **d)

    return form_page(request, form, save=save, title=_("登记经贸活动"),
                     back=reverse("industry:event_list"),
                     done=lambda made: ("industry:event_detail", made.pk),
                     message=lambda made: _("已登记经贸活动"), template=TEMPLATE)


@require(EDITS_INDUSTRY)
def event_edit(request, pk: int):
    e = get_object_or_404(TradeEvent.objects.visible_to(request.user), pk=pk)
    form = f.EventForm(request.POST or None, user=request.user, initial=_event_initial(e))

    def save(d):
        services.event_update(actor=request.user, event=e, **d)

    return form_page(request, form, save=save, title=_("编辑经贸活动：%(n)s") % {"n": e.name},
                     back=reverse("industry:event_detail", args=[e.pk]),
                     done=lambda _made: ("industry:event_detail", e.pk),
                     message=lambda _made: _("已保存经贸活动"), template=TEMPLATE)


@require(READS_INDUSTRY)
def deal_list(request):
    form = f.DealFilterForm(request.GET or None)
    qs = selectors.deal_list(user=request.user, filters=DealFilters.from_form(form))
    return _list(request, title=_("签约项目"), qs=qs, columns=tables.DEALS, filename="签约项目",
                 form=form, unit=_("项"), sum_field="amount",
                 link=lambda d: reverse("industry:event_detail", args=[d.event_id]))


@require(EDITS_INDUSTRY)
def deal_create(request, event_id: int):
    e = get_object_or_404(TradeEvent.objects.visible_to(request.user), pk=event_id)
    form = f.DealForm(request.POST or None, user=request.user)

    def save(d):
        d.pop("version", None)
        services.deal_create(actor=request.user, event=e, **d)

    return form_page(request, form, save=save, title=_("登记签约项目：%(n)s") % {"n": e.name},
                     back=reverse("industry:event_detail", args=[e.pk]),
                     done=lambda _made: ("industry:event_detail", e.pk),
                     message=lambda _made: _("已登记签约项目"), template=TEMPLATE)


@require(EDITS_INDUSTRY)
def deal_edit(request, pk: int):
    d0 = get_object_or_404(Deal.objects.visible_to(request.user), pk=pk)
    form = f.DealForm(request.POST or None, user=request.user, initial={
        "version": d0.version, "title": d0.title, "amount": d0.amount,
        "organisations": list(d0.organisations.values_list("pk", flat=True)),
        "follow_up": d0.follow_up, "project": d0.project_id, "sale": d0.sale_id,
        "note": d0.note})

    def save(d):
        services.deal_update(actor=request.user, deal=d0, **d)

    return form_page(request, form, save=save, title=_("编辑签约项目"),
                     back=reverse("industry:event_detail", args=[d0.event_id]),
                     done=lambda _made: ("industry:event_detail", d0.event_id),
                     message=lambda _made: _("已保存签约项目"), template=TEMPLATE)


# --- sales ------------------------------------------------------------------------------------------

@require(READS_INDUSTRY)
def sale_list(request):
    form = f.SaleFilterForm(request.GET or None, user=request.user)
    filters = SaleFilters.from_form(form)
    qs = selectors.sale_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        qs = qs.prefetch_related("households")
    return _list(request, title=_("消费扶贫销售台账"), qs=qs, columns=tables.SALES,
                 export_columns=tables.SALES_EXPORT, filename="消费扶贫销售台账", form=form,
                 unit=_("笔"), sum_field="amount",
                 link=lambda s: reverse("industry:sale_detail", args=[s.pk]),
                 create=reverse("industry:sale_create"),
                 extra_links=[(reverse("industry:totals"), _("消费扶贫汇总")),
                              (reverse("industry:import_upload") + "?kind=sales",
                               _("导入销售台账"))])


@require(READS_INDUSTRY)
def sale_detail(request, pk: int):
    s = get_object_or_404(selectors.sale_list(user=request.user, filters=SaleFilters()), pk=pk)
    return render(request, "industry/sale_detail.html", {
        "s": s, "households": s.households.visible_to(request.user).select_related(
            "village__parent"),
        "hidden_households": s.households.count() - s.households.visible_to(
            request.user).count(),
        "can_edit": has(request.user, EDITS_INDUSTRY)})


def _households_from(user, text: str) -> list:
    numbers = [n for n in LIST_SPLIT.split(text or "") if n]
    found = {h.number: h for h in Household.objects.visible_to(user).filter(number__in=numbers)}
    missing = [n for n in numbers if n not in found]
    if missing:
        raise ValidationError({"households": _("在您负责的区域内没有这些户编号：%(n)s")
                                             % {"n": "、".join(missing)}})
    return [found[n] for n in dict.fromkeys(numbers)]


@require(EDITS_INDUSTRY)
def sale_create(request):
    form = f.SaleForm(request.POST or None, user=request.user)

    def save(d):
        d.pop("version", None)
        d["households"] = _households_from(request.user, d["households"])
        return services.sale_create(actor=request.user, **d)

    return form_page(request, form, save=save, title=_("登记消费扶贫销售"),
                     back=reverse("industry:sale_list"),
                     done=lambda made: ("industry:sale_detail", made.pk),
                     message=lambda made: _("已登记销售 %(a)s 元") % {"a": made.amount},
                     template=TEMPLATE)


@require(EDITS_INDUSTRY)
def sale_edit(request, pk: int):
    s = get_object_or_404(Sale.objects.visible_to(request.user), pk=pk)
    initial = {k: getattr(s, k) for k in ("version", "date", "product", "buyer_kind", "channel",
                                           "quantity", "unit", "amount", "note")}
    initial |= {"township": s.township_id, "supplier": s.supplier_id, "buyer": s.buyer_id,
                "event": s.event_id,
                "households": "、".join(s.households.values_list("number", flat=True))}
    form = f.SaleForm(request.POST or None, user=request.user, initial=initial)

    def save(d):
        d["households"] = _households_from(request.user, d["households"])
        services.sale_update(actor=request.user, sale=s, supplier_household=s.supplier_household,
                             **d)

    return form_page(request, form, save=save, title=_("编辑销售记录"),
                     back=reverse("industry:sale_detail", args=[s.pk]),
                     done=lambda _made: ("industry:sale_detail", s.pk),
                     message=lambda _made: _("已保存销售记录"), template=TEMPLATE)


TOTAL_TITLES = {"product": gettext_lazy("按产品"), "channel": gettext_lazy("按销售渠道"),
                "buyer_kind": gettext_lazy("按采购方类别"), "buyer": gettext_lazy("按采购单位"),
                "township": gettext_lazy("按产地乡镇")}


@require(READS_INDUSTRY)
def totals(request):
    """Consumption sales by year and by product, channel, buyer and township, with the
    households reached; every figure links to the sales list filtered to it."""
    user = request.user
    form = f.SaleFilterForm(request.GET or None, user=user)
    filters = SaleFilters.from_form(form)
    year = filters.year
    base = reverse("industry:sale_list")
    labels = {"channel": dict(Channel.choices), "buyer_kind": dict(BuyerKind.choices)}
    sections = []
    for by, title in TOTAL_TITLES.items():
        rows = selectors.sale_totals(user=user, filters=filters, by=by)
        if by == "buyer":
            rows = rows[:30]
            names = dict(Organisation.objects.filter(pk__in=[r["key"] for r in rows])
                         .values_list("pk", "name"))
        elif by == "township":
            codes = {pk: (code, name) for pk, code, name in Area.objects.filter(
                pk__in=[r["key"] for r in rows]).values_list("pk", "code", "name")}
            names = {pk: name for pk, (_code, name) in codes.items()}
        else:
            names = labels.get(by, {})
        for r in rows:
            r["label"] = names.get(r["key"], r["key"])
            key = codes[r["key"]][0] if by == "township" else _key_for(by, r["key"])
            r["url"] = base + "?" + SaleFilters(**{**filters.__dict__, by: key}).query()
        sections.append({"title": title, "rows": rows})
    years = []
    reached = selectors.household_years(user=user, via="sale")
    for y, amount in sorted(selectors.sale_years(user=user).items()):
        years.append({"year": y, "amount": amount, "households": reached.get(y, (0, 0))[0],
                      "url": base + "?" + SaleFilters(year=y).query(),
                      "households_url": reverse("industry:household_list") + "?"
                      + HouseholdFilters(via="sale", year=y).query()})
    return render(request, "industry/totals.html", {
        "form": form, "year": year, "years": years, "sections": sections,
        "summary": selectors.sale_summary(user=user, filters=filters),
        "all_url": base + "?" + filters.query()})


def _key_for(by: str, key):
    """The filter value of a totals row: an object for the ModelChoice filters."""
    if by == "buyer":
        return Organisation(pk=key)
    return key


# --- products -----------------------------------------------------------------------------------------

@require(READS_INDUSTRY)
def product_list(request):
    form = f.ProductFilterForm(request.GET or None)
    qs = selectors.product_list(user=request.user, filters=ProductFilters.from_form(form))
    return _list(request, title=_("展示产品"), qs=qs, columns=tables.PRODUCTS, filename="展示产品",
                 form=form, unit=_("种"),
                 link=lambda p: reverse("industry:product_detail", args=[p.pk]),
                 create=reverse("industry:product_create"),
                 extra_links=[(reverse("showcase:index"), _("公开展示馆"))])


@require(READS_INDUSTRY)
def product_detail(request, pk: int):
    p = get_object_or_404(Product.objects.visible_to(request.user).select_related(
        "township", "supplier"), pk=pk)
    return render(request, "industry/product_detail.html", {
        "p": p, "can_edit": has(request.user, EDITS_INDUSTRY)})


def _product_initial(p):
    return {k: getattr(p, k) for k in ("version", "name", "certification", "unit_price", "unit",
                                        "how_to_order", "description", "published")} | {
        "township": p.township_id, "supplier": p.supplier_id}


@require(EDITS_INDUSTRY)
def product_create(request):
    form = f.ProductForm(request.POST or None, request.FILES or None, user=request.user)

    def save(d):
        d.pop("version", None)
        return services.product_create(actor=request.user, **d)

    return form_page(request, form, save=save, title=_("登记展示产品"),
                     back=reverse("industry:product_list"),
                     done=lambda made: ("industry:product_detail", made.pk),
                     message=lambda made: _("已登记产品 %(n)s") % {"n": made.name}, template=TEMPLATE)


@require(EDITS_INDUSTRY)
def product_edit(request, pk: int):
    p = get_object_or_404(Product.objects.visible_to(request.user), pk=pk)
    form = f.ProductForm(request.POST or None, request.FILES or None, user=request.user,
                         initial=_product_initial(p))

    def save(d):
        services.product_update(actor=request.user, product=p, **d)

    return form_page(request, form, save=save, title=_("编辑产品：%(n)s") % {"n": p.name},
                     back=reverse("industry:product_detail", args=[p.pk]),
                     done=lambda _made: ("industry:product_detail", p.pk),
                     message=lambda _made: _("已保存产品 %(n)s") % {"n": p.name}, template=TEMPLATE)


# --- imports ------------------------------------------------------------------------------------------

IMPORT = ImportPages(
    job_kind="industry.import", task="xiezuo.industry.tasks.industry_import_task",
    folder="industry", urls="industry:import_", upload_url="industry:import_upload",
    what=lambda kind: ImportKind(kind).label, kind_option="import_kind",
    template_kinds=lambda: ImportKind.values, report_note=gettext_lazy("下载产业数据导入错误报告"),
    labels={
        "rows": gettext_lazy("数据行"), "linkages_created": gettext_lazy("新增利益联结"),
        "linkages_updated": gettext_lazy("更新利益联结"),
        "sales_created": gettext_lazy("新增销售记录"),
        "households_linked": gettext_lazy("涉及贫困户"), "unchanged": gettext_lazy("未变化"),
        "rejected": gettext_lazy("拒绝的行"),
    })


@require(EDITS_INDUSTRY)
def import_upload(request):
    """Upload a linkage or sales sheet: the file is first checked (a dry run: what would be
    created, updated and rejected, and its first rows); the result page then imports exactly
    that file (正式导入, import_confirm)."""
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") in ImportKind.values \
        else None
    form = f.ImportUploadForm(request.POST or None, request.FILES or None, initial=initial)
    return IMPORT.upload(request, form, template="industry/import_upload.html")


@require(EDITS_INDUSTRY)
def import_result(request, job_id):
    return IMPORT.result(request, job_id)


@require(EDITS_INDUSTRY)
@require_POST
def import_confirm(request, job_id):
    """正式导入: the file the check read, imported for real (once)."""
    return IMPORT.confirm(request, job_id)


@require(EDITS_INDUSTRY)
def import_report(request, job_id):
    return IMPORT.report_download(request, job_id)


@require(READS_INDUSTRY)
def import_template(request, kind: str):
    """An empty sheet with the import's columns and one example row, to fill in."""
    from xiezuo.industry.imports import LinkageImport, SaleImport

    spec = {ImportKind.LINKAGES: LinkageImport, ImportKind.SALES: SaleImport}.get(kind)
    if spec is None:
        raise Http404
    return template_response(spec)

"""The pairing pages. Reads need READS_PAIRING, writes EDITS_PAIRING (the funds link
LINKS_FUNDS), 403 otherwise; a record outside the user's scope is 404 (get_object_or_404 over
visible_to). Every list answers `?format=xlsx` with the same selector and filters."""

import datetime
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xiezuo.accounts.access import require
from xiezuo.accounts.roles import has
from xiezuo.core.importpages import ImportPages
from xiezuo.core.lists import paginate
from xiezuo.pairing import exports, selectors, services
from xiezuo.pairing import forms as f
from xiezuo.pairing.access import EDITS_PAIRING, LINKS_FUNDS, READS_PAIRING
from xiezuo.pairing.filters import (
    ActivityFilters,
    CoverageFilters,
    DonationFilters,
    EnterprisePairingFilters,
    ServiceFilters,
    TownPairingFilters,
    VolunteerFilters,
    VolunteerOrgFilters,
)
from xiezuo.pairing.models import (
    Donation,
    EnterprisePairing,
    PairingActivity,
    ServiceActivity,
    TownPairing,
    Volunteer,
)
from xiezuo.regions.scoping import scope_label
from xiezuo.tabular.listexport import wants_xlsx, xlsx_response

PLAN_YEARS = (2017, 2020)


def _coverage_filters(request) -> CoverageFilters:
    form = f.CoverageForm(request.GET or None)
    filters = CoverageFilters.from_form(form)
    if filters.year is None:
        year = min(max(timezone.localdate().year, PLAN_YEARS[0]), PLAN_YEARS[1])
        filters = CoverageFilters(year=year, kind=filters.kind, paired=filters.paired)
    return filters


def _list(request, *, form_class, filters_class, selector, template, export, totals=None,
          extra=None):
    """A list page: bind the filters, read the selector, page through it or export it."""
    form = form_class(request.GET or None, user=request.user)
    filters = filters_class.from_form(form)
    rows = selector(user=request.user, filters=filters)
    if wants_xlsx(request):
        title, columns = export
        return xlsx_response(title=str(title), columns=columns, rows=rows, filename=str(title),
                             scope=scope_label(request.user), filters=filters.query())
    page = paginate(request, rows)
    context = {"form": form, "page": page, "filters": filters,
               "can_edit": has(request.user, EDITS_PAIRING),
               "totals": totals(user=request.user, filters=filters) if totals else None}
    context.update(extra or {})
    return render(request, template, context)


def _add_errors(form, e: ValidationError) -> None:
    if hasattr(e, "error_dict"):
        for key, errors in e.error_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, e)


def _form_page(request, form, *, save, title, back, done):
    """Run `save(cleaned_data)` for a valid POSTed form and go to `done(obj)`; a refusal goes
    back onto the form (a stale version as a message over the form, nothing written)."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(dict(form.cleaned_data))
        except services.StaleEditError as e:
            form.add_error(None, str(e))
        except ValidationError as e:
            _add_errors(form, e)
        else:
            messages.success(request, _("已保存"))
            return redirect(done(obj))
    return render(request, "pairing/form.html", {"form": form, "title": title, "back": back})


def _initial(obj, names) -> dict:
    out = {"version": obj.version}
    for n in names:
        out[n] = getattr(obj, n)
    return out


def _version(d) -> int:
    return d.pop("version") or 0


# --- coverage ----------------------------------------------------------------------------------

@require(READS_PAIRING)
def coverage(request):
    """Every township and deep-poverty village, paired in the year or not, with a chart users
    click through to the pairing (pairing/coverage.js). `kind` keeps one of the two lists,
    `paired` only the members paired that year: the list the plan's coverage figure counts."""
    filters = _coverage_filters(request)
    year = filters.year
    towns = selectors.township_coverage(user=request.user, year=year)
    villages = selectors.village_coverage(user=request.user, year=year)
    n_towns = sum(1 for m in towns if m.paired)
    n_villages = sum(1 for m in villages if m.paired)
    town_url = reverse("pairing:town_list")
    ent_url = reverse("pairing:enterprise_list")
    pks = _area_pks([m.code for m in towns] + [m.code for m in villages])

    def town_link(m):
        if len(m.pairings) == 1:
            return reverse("pairing:town_detail", args=[m.pairings[0]])
        return f"{town_url}?year={year}&township={m.code}"

    def village_link(m):
        if len(m.pairings) == 1:
            return reverse("pairing:enterprise_detail", args=[m.pairings[0]])
        return f"{ent_url}?year={year}&deep=1&village={pks.get(m.code, '')}"

    def rows(members, link):
        return [{"code": m.code, "name": m.name, "paired": m.paired, "n": len(m.pairings),
                 "url": link(m)} for m in members if m.paired or not filters.paired]

    town_rows = rows(towns, town_link) if filters.kind != "villages" else []
    village_rows = rows(villages, village_link) if filters.kind != "towns" else []
    if wants_xlsx(request):
        return xlsx_response(title=str(_("结对帮扶覆盖")), columns=exports.COVERAGE,
                             rows=[{**r, "kind": _("乡镇")} for r in town_rows]
                             + [{**r, "kind": _("深度贫困村")} for r in village_rows],
                             filename=str(_("结对帮扶覆盖")), scope=scope_label(request.user),
                             filters=filters.query())
    # villages by township for the chart: paired and not, each bar linking to its list
    by_township: dict[str, dict] = {}
    names = dict(selectors.townships(user=request.user))
    for v in village_rows:
        t = v["code"][:9] + "000"
        row = by_township.setdefault(t, {"name": names.get(t, t), "paired": 0, "unpaired": 0,
                                         "url": f"{ent_url}?year={year}&deep=1&township={t}"})
        row["paired" if v["paired"] else "unpaired"] += 1
    chart = {"year": year, "townships": town_rows,
             "villages": [by_township[k] for k in sorted(by_township)],
             "labels": {"paired": _("已结对"), "unpaired": _("未结对")}}
    return render(request, "pairing/coverage.html", {
        "year": year, "years": range(PLAN_YEARS[0], PLAN_YEARS[1] + 1), "filters": filters,
        "towns": town_rows, "villages": village_rows, "chart": chart,
        "n_towns": len(towns), "n_villages": len(villages),
        "n_towns_paired": n_towns, "n_villages_paired": n_villages,
        "shown": len(town_rows) + len(village_rows)})


def _area_pks(codes) -> dict[str, int]:
    from xiezuo.regions.models import Area

    wanted = set(codes) | {c[:9] + "000" for c in codes}
    return dict(Area.objects.filter(code__in=wanted).values_list("code", "pk"))


# --- town–township pairings --------------------------------------------------------------------

@require(READS_PAIRING)
def town_list(request):
    return _list(request, form_class=f.TownPairingFilterForm, filters_class=TownPairingFilters,
                 selector=selectors.town_pairing_list, template="pairing/town_list.html",
                 export=exports.TOWN_PAIRINGS)


@require(READS_PAIRING)
def town_detail(request, pk: int):
    p = get_object_or_404(TownPairing.objects.visible_to(request.user).select_related(
        "east_town", "west_township"), pk=pk)
    acts = selectors.activity_list(user=request.user, filters=ActivityFilters(town_pairing=p.pk))
    return render(request, "pairing/pairing_detail.html", {
        "pairing": p, "kind": "town", "activities": acts[:100],
        "totals": selectors.activity_totals(user=request.user,
                                            filters=ActivityFilters(town_pairing=p.pk)),
        "activities_url": reverse("pairing:activity_list") + f"?town_pairing={p.pk}",
        "can_edit": has(request.user, EDITS_PAIRING)})


_TOWN_FIELDS = ("east_town", "west_township", "started_on", "ended_on", "agreement_no",
                "agreement_signed_on", "note")


@require(EDITS_PAIRING)
def town_create(request):
    form = f.TownPairingForm(request.POST or None, user=request.user)

    def save(d):
        d.pop("version")
        return services.town_pairing_create(actor=request.user, **d)

    return _form_page(request, form, save=save, title=_("登记镇村结对"),
                      back=reverse("pairing:town_list"),
                      done=lambda p: reverse("pairing:town_detail", args=[p.pk]))


@require(EDITS_PAIRING)
def town_edit(request, pk: int):
    p = get_object_or_404(TownPairing.objects.visible_to(request.user), pk=pk)
    form = f.TownPairingForm(request.POST or None, user=request.user,
                             initial=_initial(p, _TOWN_FIELDS))

    def save(d):
        return services.town_pairing_update(actor=request.user, pairing=p, version=_version(d),
                                            **d)

    return _form_page(request, form, save=save, title=_("修改镇村结对"),
                      back=reverse("pairing:town_detail", args=[p.pk]),
                      done=lambda p: reverse("pairing:town_detail", args=[p.pk]))


# --- enterprise–village pairings ----------------------------------------------------------------

@require(READS_PAIRING)
def enterprise_list(request):
    return _list(request, form_class=f.EnterprisePairingFilterForm,
                 filters_class=EnterprisePairingFilters,
                 selector=selectors.enterprise_pairing_list,
                 template="pairing/enterprise_list.html", export=exports.ENTERPRISE_PAIRINGS)


@require(READS_PAIRING)
def enterprise_detail(request, pk: int):
    p = get_object_or_404(EnterprisePairing.objects.visible_to(request.user).select_related(
        "enterprise__area", "village__parent"), pk=pk)
    flt = ActivityFilters(enterprise_pairing=p.pk)
    return render(request, "pairing/pairing_detail.html", {
        "pairing": p, "kind": "enterprise",
        "activities": selectors.activity_list(user=request.user, filters=flt)[:100],
        "totals": selectors.activity_totals(user=request.user, filters=flt),
        "activities_url": reverse("pairing:activity_list") + f"?enterprise_pairing={p.pk}",
        "can_edit": has(request.user, EDITS_PAIRING)})


_ENTERPRISE_FIELDS = ("enterprise", "village", "form", "started_on", "ended_on",
                      "agreement_no", "note")


@require(EDITS_PAIRING)
def enterprise_create(request):
    form = f.EnterprisePairingForm(request.POST or None, user=request.user)

    def save(d):
        d.pop("version")
        return services.enterprise_pairing_create(actor=request.user, **d)

    return _form_page(request, form, save=save, title=_("登记村企结对"),
                      back=reverse("pairing:enterprise_list"),
                      done=lambda p: reverse("pairing:enterprise_detail", args=[p.pk]))


@require(EDITS_PAIRING)
def enterprise_edit(request, pk: int):
    p = get_object_or_404(EnterprisePairing.objects.visible_to(request.user), pk=pk)
    form = f.EnterprisePairingForm(request.POST or None, user=request.user,
                                   initial=_initial(p, _ENTERPRISE_FIELDS))

    def save(d):
        return services.enterprise_pairing_update(actor=request.user, pairing=p,
                                                  version=_version(d), **d)

    return _form_page(request, form, save=save, title=_("修改村企结对"),
                      back=reverse("pairing:enterprise_detail", args=[p.pk]),
                      done=lambda p: reverse("pairing:enterprise_detail", args=[p.pk]))


# --- activities ----------------------------------------------------------------------------------

@require(READS_PAIRING)
def activity_list(request):
    return _list(request, form_class=f.ActivityFilterForm, filters_class=ActivityFilters,
                 selector=selectors.activity_list, template="pairing/activity_list.html",
                 export=exports.ACTIVITIES, totals=selectors.activity_totals)


def _activity_data(d) -> dict:
    return {"date": d["date"], "kind": d["kind"], "money_amount": d.get("money_amount") or 0,
            "goods": d.get("goods", ""), "goods_value": d.get("goods_value") or 0,
            "projects_started": d.get("projects_started") or 0,
            "participants": d.get("participants") or 0,
            "description": d.get("description", "")}


@require(EDITS_PAIRING)
def activity_create(request):
    """An activity of the pairing named by ?town_pairing= or ?enterprise_pairing=."""
    town = ent = None
    if request.GET.get("town_pairing", "").isdigit():
        town = get_object_or_404(TownPairing.objects.visible_to(request.user).select_related(
            "east_town", "west_township"), pk=int(request.GET["town_pairing"]))
        back = reverse("pairing:town_detail", args=[town.pk])
    elif request.GET.get("enterprise_pairing", "").isdigit():
        ent = get_object_or_404(EnterprisePairing.objects.visible_to(request.user)
                                .select_related("enterprise__area", "village"),
                                pk=int(request.GET["enterprise_pairing"]))
        back = reverse("pairing:enterprise_detail", args=[ent.pk])
    else:
        messages.error(request, _("请从结对页面登记活动"))
        return redirect("pairing:town_list")
    form = f.ActivityForm(request.POST or None, initial={"date": timezone.localdate()})

    def save(d):
        return services.activity_create(actor=request.user, town_pairing=town,
                                        enterprise_pairing=ent, **_activity_data(d))

    return _form_page(request, form, save=save,
                      title=_("登记帮扶活动：%(p)s") % {"p": town or ent}, back=back,
                      done=lambda a: back)


@require(EDITS_PAIRING)
def activity_edit(request, pk: int):
    a = get_object_or_404(PairingActivity.objects.visible_to(request.user), pk=pk)
    initial = _initial(a, ("date", "kind", "goods", "goods_value", "projects_started",
                           "participants", "description"))
    initial["money_amount"] = a.money
    form = f.ActivityForm(request.POST or None, initial=initial)
    back = (reverse("pairing:town_detail", args=[a.town_pairing_id]) if a.town_pairing_id
            else reverse("pairing:enterprise_detail", args=[a.enterprise_pairing_id]))

    def save(d):
        return services.activity_update(actor=request.user, activity=a, version=_version(d),
                                        **_activity_data(d))

    return _form_page(request, form, save=save, title=_("修改帮扶活动"), back=back,
                      done=lambda x: back)


# --- donations -----------------------------------------------------------------------------------

@require(READS_PAIRING)
def donation_list(request):
    return _list(request, form_class=f.DonationFilterForm, filters_class=DonationFilters,
                 selector=selectors.donation_list, template="pairing/donation_list.html",
                 export=exports.DONATIONS, totals=selectors.donation_totals)


@require(READS_PAIRING)
def donation_detail(request, pk: int):
    d = get_object_or_404(Donation.objects.visible_to(request.user).select_related(
        "donor", "area__parent", "school"), pk=pk)
    households = d.households.visible_to(request.user).select_related("village__parent")
    return render(request, "pairing/donation_detail.html", {
        "d": d, "households": households,
        "hidden_households": d.households.count() - households.count(),
        "can_edit": has(request.user, EDITS_PAIRING),
        "can_link": has(request.user, LINKS_FUNDS),
        "link_form": f.DonationLinkForm(initial={"version": d.version,
                                                 "allocation_id": d.funds_allocation_id})})


_DONATION_FIELDS = ("donor", "donor_name", "donor_category", "kind", "amount", "goods",
                    "purpose", "receipt_no", "date", "area", "school", "project", "note")


def _donation_data(d) -> dict:
    d["households"] = d.pop("household_numbers") or []
    return d


@require(EDITS_PAIRING)
def donation_create(request):
    form = f.DonationForm(request.POST or None, user=request.user)

    def save(d):
        d.pop("version")
        return services.donation_create(actor=request.user, **_donation_data(d))

    return _form_page(request, form, save=save, title=_("登记社会捐赠"),
                      back=reverse("pairing:donation_list"),
                      done=lambda x: reverse("pairing:donation_detail", args=[x.pk]))


@require(EDITS_PAIRING)
def donation_edit(request, pk: int):
    d = get_object_or_404(Donation.objects.visible_to(request.user), pk=pk)
    initial = _initial(d, _DONATION_FIELDS)
    initial["household_numbers"] = "、".join(
        d.households.order_by("number").values_list("number", flat=True))
    form = f.DonationForm(request.POST or None, user=request.user, initial=initial)

    def save(data):
        return services.donation_update(actor=request.user, donation=d,
                                        version=_version(data), **_donation_data(data))

    return _form_page(request, form, save=save, title=_("修改社会捐赠"),
                      back=reverse("pairing:donation_detail", args=[d.pk]),
                      done=lambda x: reverse("pairing:donation_detail", args=[x.pk]))


@require(LINKS_FUNDS)
def donation_link(request, pk: int):
    d = get_object_or_404(Donation.objects.visible_to(request.user), pk=pk)
    form = f.DonationLinkForm(request.POST or None,
                              initial={"version": d.version,
                                       "allocation_id": d.funds_allocation_id})

    def save(data):
        return services.donation_link_funds(actor=request.user, donation=d,
                                            version=_version(data),
                                            allocation_id=data.get("allocation_id"))

    return _form_page(request, form, save=save, title=_("关联资金拨入：%(d)s") % {"d": d},
                      back=reverse("pairing:donation_detail", args=[d.pk]),
                      done=lambda x: reverse("pairing:donation_detail", args=[x.pk]))


# --- volunteers -----------------------------------------------------------------------------------

@require(READS_PAIRING)
def volunteer_org_list(request):
    return _list(request, form_class=f.VolunteerOrgFilterForm,
                 filters_class=VolunteerOrgFilters, selector=selectors.volunteer_org_list,
                 template="pairing/volunteer_org_list.html", export=exports.VOLUNTEER_ORGS)


@require(READS_PAIRING)
def volunteer_list(request):
    return _list(request, form_class=f.VolunteerFilterForm, filters_class=VolunteerFilters,
                 selector=selectors.volunteer_list, template="pairing/volunteer_list.html",
                 export=exports.VOLUNTEERS)


_VOLUNTEER_FIELDS = ("name", "kind", "organisation", "area", "skills", "registered_on")


@require(EDITS_PAIRING)
def volunteer_create(request):
    form = f.VolunteerForm(request.POST or None, user=request.user)

    def save(d):
        d.pop("version")
        return services.volunteer_create(actor=request.user, **d)

    return _form_page(request, form, save=save, title=_("登记志愿者"),
                      back=reverse("pairing:volunteer_list"),
                      done=lambda x: reverse("pairing:volunteer_list"))


@require(EDITS_PAIRING)
def volunteer_edit(request, pk: int):
    v = get_object_or_404(Volunteer.objects.visible_to(request.user), pk=pk)
    form = f.VolunteerForm(request.POST or None, user=request.user,
                           initial=_initial(v, _VOLUNTEER_FIELDS))

    def save(d):
        return services.volunteer_update(actor=request.user, volunteer=v, version=_version(d),
                                         **d)

    return _form_page(request, form, save=save, title=_("修改志愿者"),
                      back=reverse("pairing:volunteer_list"),
                      done=lambda x: reverse("pairing:volunteer_list"))


@require(READS_PAIRING)
def service_list(request):
    return _list(request, form_class=f.ServiceFilterForm, filters_class=ServiceFilters,
                 selector=selectors.service_list, template="pairing/service_list.html",
                 export=exports.SERVICES, totals=selectors.service_totals)


_SERVICE_FIELDS = ("organisation", "title", "area", "date", "hours", "people_served",
                   "description")


def _service_data(d) -> dict:
    d["people_served"] = d.get("people_served") or 0
    d["volunteers"] = list(d.get("volunteers") or [])
    return d


@require(EDITS_PAIRING)
def service_create(request):
    form = f.ServiceForm(request.POST or None, user=request.user)

    def save(d):
        d.pop("version")
        return services.service_create(actor=request.user, **_service_data(d))

    return _form_page(request, form, save=save, title=_("登记志愿服务活动"),
                      back=reverse("pairing:service_list"),
                      done=lambda x: reverse("pairing:service_list"))


@require(EDITS_PAIRING)
def service_edit(request, pk: int):
    s = get_object_or_404(ServiceActivity.objects.visible_to(request.user), pk=pk)
    initial = _initial(s, _SERVICE_FIELDS)
    initial["volunteers"] = list(s.volunteers.values_list("pk", flat=True))
    form = f.ServiceForm(request.POST or None, user=request.user, initial=initial)

    def save(d):
        return services.service_update(actor=request.user, service=s, version=_version(d),
                                       **_service_data(d))

    return _form_page(request, form, save=save, title=_("修改志愿服务活动"),
                      back=reverse("pairing:service_list"),
                      done=lambda x: reverse("pairing:service_list"))


# --- the chapter's figures --------------------------------------------------------------------

@require(READS_PAIRING)
def figures(request):
    """Chapter 7 year by year: coverage, activities, donations, volunteer service; every figure
    links to the list it counts. The plain counts and sums of every year come from one query
    (core.indicators.answer_together over the part's indicators, each the list's own selector),
    the coverage from one read of the pairings' dates and of the members."""
    from xiezuo.core.indicators import answer_together, one_evaluation
    from xiezuo.pairing import coverage
    from xiezuo.pairing.indicators import INDICATORS, spans

    user = request.user
    plain = [ind for ind in INDICATORS if ind.batchable]
    with one_evaluation():
        answer_together(plain, user=user)
        per = {ind.key: ind.per_year(user=user) for ind in plain}
        pairings = spans(user)
    towns = {code for code, _name in selectors.townships(user=user)}
    villages = {code for code, _name in selectors.deep_villages(user=user)}
    zero = Decimal(0)

    def fig(key: str, y: int) -> Decimal:
        return per[key].get(y, zero)

    rows = []
    for y in range(PLAN_YEARS[0], PLAN_YEARS[1] + 1):
        rows.append({
            "year": y,
            "towns": len(coverage.covered(pairings["town"], y) & towns), "towns_all": len(towns),
            "villages": len(coverage.covered(pairings["village"], y) & villages),
            "villages_all": len(villages),
            "activities": {"count": int(fig("pairing.activities", y))},
            "donations": {"count": int(fig("pairing.donation_count", y)),
                          "total": fig("pairing.donations", y),
                          "money_in_funds": fig("pairing.donations_in_funds", y)},
            "services": {"hours": fig("pairing.volunteer_hours", y),
                         "people_served": int(fig("pairing.people_served", y))},
        })
    return render(request, "pairing/figures.html", {"rows": rows,
                                                    "today": datetime.date.today()})


# --- the donation-ledger import from the web (a check first, then the import of that file) ----

IMPORT = ImportPages(
    job_kind="pairing.donation_import", task="xiezuo.pairing.tasks.donation_import_task",
    folder="pairing", urls="pairing:import_", upload_url="pairing:import_upload",
    what=gettext_lazy("社会捐赠台账"), report_note=gettext_lazy("下载社会捐赠台账导入错误报告"),
    labels={
        "rows": gettext_lazy("数据行"), "donations_created": gettext_lazy("新增捐赠"),
        "unchanged": gettext_lazy("已登记（未变化）"), "rejected": gettext_lazy("拒绝的行"),
        "households_linked": gettext_lazy("关联的受助贫困户"),
    })


@require(EDITS_PAIRING)
def import_upload(request):
    """Upload a donation ledger: it is checked first (a dry run: what would be stored and
    rejected, and its first rows); the result page then imports exactly that file (正式导入)."""
    form = f.DonationImportForm(request.POST or None, request.FILES or None)
    return IMPORT.upload(request, form, template="pairing/import_upload.html")


@require(EDITS_PAIRING)
def import_template(request):
    """The donation ledger's template (tabular.template): columns, an example row, notes."""
    from xiezuo.pairing.imports import DonationImport
    from xiezuo.tabular.template import template_response

    return template_response(DonationImport)


@require(EDITS_PAIRING)
def import_result(request, job_id):
    return IMPORT.result(request, job_id,
                         links=[(_("查看社会捐赠"), reverse("pairing:donation_list"))])


@require(EDITS_PAIRING)
@require_POST
def import_confirm(request, job_id):
    """正式导入: the file the check read, imported for real (once)."""
    return IMPORT.confirm(request, job_id)


@require(EDITS_PAIRING)
def import_report(request, job_id):
    """The error report (the rejected rows as the file held them), for its importer, audited."""
    return IMPORT.report_download(request, job_id)

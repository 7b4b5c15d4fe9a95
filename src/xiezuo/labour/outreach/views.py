"""The outreach pages (plan ch.4.2). Reads need READS_LABOUR; campaigns and text batches
EDITS_LABOUR; deliveries, visits and phones EDITS_OUTREACH (a township clerk for the township's
villages); a full phone number SEES_FULL_ID, each view audited. A record outside the user's
scope is 404."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as L
from django.views.decorators.http import require_POST

from xiezuo.accounts.access import require
from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.roles import SEES_FULL_ID, has
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import StaleEditError
from xiezuo.core.lists import paginate
from xiezuo.labour.access import EDITS_LABOUR, EDITS_OUTREACH, READS_LABOUR
from xiezuo.labour.outreach import forms as f
from xiezuo.labour.outreach import selectors, services
from xiezuo.labour.outreach.filters import (
    CampaignFilters,
    HouseholdCoverageFilters,
    SmsBatchFilters,
    VillageCoverageFilters,
)
from xiezuo.labour.outreach.models import Campaign, HouseholdContact, HouseholdReach, SmsBatch
from xiezuo.regions.scoping import scope_label
from xiezuo.regions.selectors import pair_side
from xiezuo.registry.models import Household
from xiezuo.tabular.listexport import XCol, wants_xlsx, xlsx_response


def _campaign(request, pk) -> Campaign:
    return get_object_or_404(selectors.campaigns_visible(user=request.user), pk=pk)


def _error(e: Exception) -> str:
    return "; ".join(e.messages) if isinstance(e, ValidationError) else str(e)


CAMPAIGN_COLUMNS = [
    XCol(L("年度"), "year", kind="int"), XCol(L("标题"), "title", width=36),
    XCol(L("类别"), "get_kind_display"), XCol(L("开始日期"), "started_on", kind="date"),
    XCol(L("宣传渠道"), lambda c: "、".join(c.channel_labels)),
    XCol(L("已宣传行政村"), "n_villages", kind="int"),
]


@require(READS_LABOUR)
def campaign_list(request):
    form = f.CampaignFilterForm(request.GET or None)
    filters = CampaignFilters.from_form(form)
    qs = selectors.campaign_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return xlsx_response(title=_("政策宣传活动"), columns=CAMPAIGN_COLUMNS, rows=qs,
                             filename=_("政策宣传活动"), scope=scope_label(request.user))
    return render(request, "labour/outreach/campaign_list.html", {
        "form": form, "page": paginate(request, qs),
        "villages": selectors.village_coverage(user=request.user, year=filters.year),
        "households": selectors.household_coverage(user=request.user, year=filters.year),
        "year": filters.year, "can_edit": has(request.user, EDITS_LABOUR)})


@require(READS_LABOUR)
def campaign_detail(request, pk: int):
    c = _campaign(request, pk)
    user = request.user
    return render(request, "labour/outreach/campaign_detail.html", {
        "campaign": c,
        "villages": selectors.village_coverage(user=user, campaign=c),
        "households": selectors.household_coverage(user=user, campaign=c),
        "deliveries": selectors.delivery_list(user=user, campaign=c)[:200],
        "batches": selectors.sms_batch_list(user=user, filters=SmsBatchFilters(campaign=c)),
        "unreached_villages": VillageCoverageFilters(campaign=c, reached="no").query(),
        "unreached_households": HouseholdCoverageFilters(campaign=c, reached="no").query(),
        "can_edit": has(user, EDITS_LABOUR), "can_record": has(user, EDITS_OUTREACH),
        "sms_form": f.SmsSendForm(user=user)})


def _west_county(user):
    """The western county of the user's pair: a campaign is the county's."""
    return pair_side(user, "west")


@require(EDITS_LABOUR)
def campaign_create(request):
    form = f.CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            c = services.campaign_create(actor=request.user, county=_west_county(request.user), **d)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("已登记宣传活动"))
            return redirect("labour:campaign_detail", pk=c.pk)
    return render(request, "labour/form.html", {"form": form, "title": _("登记宣传活动"),
                                                 "back": reverse("labour:campaign_list")})


@require(EDITS_LABOUR)
def campaign_edit(request, pk: int):
    c = _campaign(request, pk)
    initial = {"version": c.version, "title": c.title, "kind": c.kind, "year": c.year,
               "started_on": c.started_on, "channels": c.channel_list, "content": c.content,
               "sms_text": c.sms_text}
    form = f.CampaignForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        version = d.pop("version") or 0
        try:
            services.campaign_update(actor=request.user, campaign=c, version=version, **d)
        except (StaleEditError, ValidationError) as e:
            form.add_error(None, _error(e))
        else:
            messages.success(request, _("已保存"))
            return redirect("labour:campaign_detail", pk=c.pk)
    return render(request, "labour/form.html", {"form": form, "title": _("修改宣传活动"),
                                                 "back": reverse("labour:campaign_detail",
                                                                 args=[c.pk])})


@require(EDITS_OUTREACH)
def delivery_create(request, pk: int):
    c = _campaign(request, pk)
    form = f.DeliveryForm(request.POST or None, user=request.user, campaign=c)
    if request.method == "POST" and form.is_valid():
        try:
            services.delivery_record(actor=request.user, campaign=c, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("已登记进村宣传"))
            return redirect("labour:campaign_detail", pk=c.pk)
    return render(request, "labour/form.html", {
        "form": form, "title": _("登记进村宣传：%(t)s") % {"t": c.title},
        "back": reverse("labour:campaign_detail", args=[c.pk])})


VILLAGE_COLUMNS = [
    XCol(L("区划代码"), "code", width=14), XCol(L("乡镇"), "parent.name"),
    XCol(L("行政村"), "name"), XCol(L("深度贫困村"), lambda a: _("是") if a.deep_poverty else ""),
    XCol(L("覆盖情况"), lambda a: _("已覆盖") if a.reached else _("未覆盖")),
]


@require(READS_LABOUR)
def village_coverage_list(request):
    form = f.CoverageFilterForm(request.GET or None, user=request.user)
    filters = VillageCoverageFilters.from_form(form)
    qs = selectors.village_coverage_list(user=request.user, filters=filters)
    title = _("政策宣传覆盖行政村")
    if wants_xlsx(request):
        return xlsx_response(title=title, columns=VILLAGE_COLUMNS, rows=qs, filename=title,
                             scope=scope_label(request.user), filters=_describe(filters))
    return render(request, "labour/outreach/village_list.html", {
        "form": form, "page": paginate(request, qs), "title": title,
        "coverage": selectors.village_coverage(user=request.user, campaign=filters.campaign,
                                               year=filters.year, township=filters.township)})


def _describe(filters) -> str:
    parts = []
    if filters.campaign:
        parts.append(str(filters.campaign))
    if filters.year:
        parts.append(_("%(y)s年") % {"y": filters.year})
    if filters.reached:
        parts.append(_("已覆盖") if filters.reached == "yes" else _("未覆盖"))
    if filters.township:
        parts.append(filters.township.name)
    return " · ".join(parts)


HOUSEHOLD_COLUMNS = [
    XCol(L("户编号"), "number", width=22), XCol(L("乡镇"), "village.parent.name"),
    XCol(L("行政村"), "village.name"),
    XCol(L("联系手机"), lambda h: h.outreach_contact.phone_masked if h.has_phone else ""),
    XCol(L("覆盖情况"), lambda h: _("已覆盖") if h.reached else _("未覆盖")),
]


@require(READS_LABOUR)
def household_coverage_list(request):
    form = f.HouseholdCoverageFilterForm(request.GET or None, user=request.user)
    filters = HouseholdCoverageFilters.from_form(form)
    qs = selectors.household_coverage_list(user=request.user, filters=filters)
    title = _("政策宣传覆盖贫困户")
    if wants_xlsx(request):
        return xlsx_response(title=title, columns=HOUSEHOLD_COLUMNS, rows=qs, filename=title,
                             scope=scope_label(request.user), filters=_describe(filters))
    return render(request, "labour/outreach/household_list.html", {
        "form": form, "page": paginate(request, qs), "title": title, "filters": filters,
        "coverage": selectors.household_coverage(user=request.user, campaign=filters.campaign,
                                                 year=filters.year, township=filters.township),
        "can_record": has(request.user, EDITS_OUTREACH),
        "can_reveal": has(request.user, SEES_FULL_ID)})


def _household(request, pk) -> Household:
    return get_object_or_404(Household.objects.visible_to(request.user).select_related(
        "village__parent"), pk=pk)


@require(EDITS_OUTREACH)
def visit_record(request, pk: int, household_id: int):
    c = _campaign(request, pk)
    hh = _household(request, household_id)
    form = f.VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_record(actor=request.user, campaign=c, household=hh,
                                  **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("已登记入户宣传"))
            return redirect(reverse("labour:outreach_households") + f"?campaign={c.pk}")
    return render(request, "labour/form.html", {
        "form": form, "title": _("登记入户宣传：%(t)s · %(h)s") % {"t": c.title, "h": hh.number},
        "back": reverse("labour:outreach_households") + f"?campaign={c.pk}"})


@require(EDITS_OUTREACH)
def contact_edit(request, household_id: int):
    hh = _household(request, household_id)
    contact = HouseholdContact.objects.filter(household=hh).first()
    form = f.ContactForm(request.POST or None,
                         initial={"version": contact.version if contact else None})
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_save(actor=request.user, household=hh,
                                  phone=form.cleaned_data["phone"],
                                  version=form.cleaned_data["version"])
        except (StaleEditError, ValidationError) as e:
            form.add_error(None, _error(e))
        else:
            messages.success(request, _("已保存联系手机"))
            return redirect("labour:outreach_households")
    title = _("联系手机：%(h)s（现为 %(m)s）") % {
        "h": hh.number, "m": contact.phone_masked if contact else _("未登记")}
    return render(request, "labour/form.html", {
        "form": form, "title": title, "back": reverse("labour:outreach_households")})


@require(SEES_FULL_ID)
@require_POST
def contact_reveal(request, household_id: int):
    """The full number in place of the masked one (htmx swaps the cell); audited."""
    contact = get_object_or_404(HouseholdContact.objects.visible_to(request.user).select_related(
        "household__village"), household_id=household_id)
    number = services.contact_reveal(actor=request.user, contact=contact)
    return render(request, "labour/outreach/_phone_cell.html", {"number": number})


@require(EDITS_LABOUR)
@require_POST
def sms_send(request, pk: int):
    c = _campaign(request, pk)
    form = f.SmsSendForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            batch = services.sms_batch_send(actor=request.user, campaign=c,
                                            content=form.cleaned_data["content"],
                                            township=form.cleaned_data["township"])
        except ValidationError as e:
            messages.error(request, _error(e))
        else:
            messages.success(request, _("已生成短信批次 %(n)s，共 %(m)d 条") % {
                "n": batch.number, "m": batch.messages})
    return redirect("labour:campaign_detail", pk=c.pk)


BATCH_COLUMNS = [
    XCol(L("批次号"), "number", width=20), XCol(L("宣传活动"), "campaign.title", width=30),
    XCol(L("发送时间"), "created_at", kind="datetime"), XCol(L("短信条数"), "messages", kind="int"),
    XCol(L("已送达"), "n_delivered", kind="int"), XCol(L("发送失败"), "n_failed", kind="int"),
    XCol(L("待回执"), "n_pending", kind="int"),
]


@require(READS_LABOUR)
def sms_batch_list(request):
    qs = selectors.sms_batch_list(user=request.user, filters=SmsBatchFilters())
    if wants_xlsx(request):
        return xlsx_response(title=_("短信批次"), columns=BATCH_COLUMNS, rows=qs,
                             filename=_("短信批次"), scope=scope_label(request.user))
    return render(request, "labour/outreach/batch_list.html", {
        "page": paginate(request, qs), "can_download": has(request.user, SEES_FULL_ID),
        "can_import": has(request.user, EDITS_LABOUR)})


@require(SEES_FULL_ID)
def sms_batch_file(request, pk: int):
    """The bulk-send file (full numbers): for roles that see full numbers, each download
    audited."""
    batch = get_object_or_404(SmsBatch.objects.visible_to(request.user).select_related(
        "campaign__county"), pk=pk)
    if not batch.file:
        raise Http404
    # the file holds every number of the batch: only for a user who sees every household in it
    if HouseholdReach.objects.filter(sms_batch=batch).count() != \
            HouseholdReach.objects.visible_to(request.user).filter(sms_batch=batch).count():
        raise Http404
    path = Path(settings.DATA_DIR) / batch.file
    if not path.is_file():
        raise Http404
    with transaction.atomic():
        audit_record(actor=request.user, action=AuditAction.EXPORT, obj=batch,
                     area_code=batch.campaign.county.code, note=_("下载短信批量发送文件"))
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"{batch.number}.xlsx")



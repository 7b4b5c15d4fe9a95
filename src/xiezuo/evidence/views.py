"""Evidence pages: download (scoped by the owning record, audited), attach and remove (the
capability comes from the part's EVIDENCE registry, evidence.registry)."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xiezuo.accounts.audit import audit_record
from xiezuo.accounts.choices import AuditAction
from xiezuo.evidence import registry, selectors, services
from xiezuo.evidence.forms import AttachmentForm, RemoveForm


def _next(request, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return request.META.get("HTTP_REFERER") or fallback


def _record(request, label: str, object_id: str):
    """The record a user may attach to: its model in a part's EVIDENCE registry, visible to the
    user; 404 otherwise (a record the user cannot see is not said to exist)."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as e:
        raise Http404 from e
    capability = registry.capability_for(model)
    if capability is None:
        raise Http404
    try:
        record = model._default_manager.visible_to(request.user).filter(pk=object_id).first()
    except (ValueError, ValidationError) as e:
        raise Http404 from e
    if record is None:
        raise Http404
    return record, capability


@login_required
def download(request, pk: int):
    att = selectors.attachment_visible(pk, user=request.user)
    if att is None:
        raise Http404
    path = Path(settings.DATA_DIR) / att.path
    if not path.is_file():
        raise Http404(_("文件已不在存放位置，请联系系统管理员"))
    audit_record(actor=request.user, action=AuditAction.EXPORT, obj=att,
                 note=f"evidence downloaded: {att.model_label}:{att.object_id} sha256={att.sha256}")
    # FileResponse writes Content-Disposition with the RFC 5987 filename* for a Chinese name.
    response = FileResponse(path.open("rb"), as_attachment=True, filename=att.original_name,
                            content_type=att.content_type_detected)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def add(request, label: str, object_id: str):
    record, capability = _record(request, label, object_id)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        return redirect(_next(request))
    d = form.cleaned_data
    try:
        att = services.attachment_add(actor=request.user, record=record, kind=d["kind"],
                                      upload=d["file"], title=d["title"], capability=capability)
    except PermissionDenied:
        raise
    except ValidationError as e:
        for msg in e.messages:
            messages.error(request, msg)
    else:
        messages.success(request, _("已上传佐证材料：%(t)s（SHA-256 %(h)s…）")
                         % {"t": att.title, "h": att.sha256[:12]})
    return redirect(_next(request))


@login_required
@require_POST
def remove(request, pk: int):
    att = selectors.attachment_visible(pk, user=request.user)
    if att is None:
        raise Http404
    capability = registry.capability_for(att.content_type.model_class())
    if capability is None:
        raise Http404
    form = RemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("移除佐证材料必须说明原因"))
        return redirect(_next(request))
    try:
        services.attachment_remove(actor=request.user, attachment=att, capability=capability,
                                   reason=form.cleaned_data["reason"])
    except ValidationError as e:
        for msg in e.messages:
            messages.error(request, msg)
    else:
        messages.success(request, _("已移除佐证材料：%(t)s（文件仍保留备查）") % {"t": att.title})
    return redirect(_next(request))

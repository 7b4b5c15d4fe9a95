"""Attaching evidence to a record and removing it: each a service with its guard and audit event.

The caller (the part's page, or the evidence views through `evidence.registry`) passes the
capability that edits the record; the guard then asks that the actor hold it and see the record
through `visible_to`. Files are checked from their content (evidence.filetypes), written under
the data directory while their SHA-256 is computed, and only then is the row written with its
audit event, in one transaction; a failed write removes the file again.
"""

import hashlib
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xiezuo.accounts.audit import audit_record
from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor, guard
from xiezuo.evidence import filetypes
from xiezuo.evidence.choices import Kind
from xiezuo.evidence.models import Attachment
from xiezuo.tabular.errors import FileRefused

FOLDER = Path("evidence") / "files"


def _record_qs(record: models.Model):
    qs = type(record)._default_manager.filter(pk=record.pk)
    if not hasattr(qs, "visible_to"):
        raise TypeError(f"{type(record).__name__} has no visible_to: it cannot carry evidence")
    return qs


def _store(upload: Any, *, suffix: str) -> tuple[Path, str, int]:
    """Write the upload under DATA_DIR/evidence/files/YYYY/, hashing as it goes; returns the
    DATA_DIR-relative path, the SHA-256 and the size."""
    now = timezone.localtime()
    folder = Path(settings.DATA_DIR) / FOLDER / f"{now:%Y}"
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".incoming-{os.getpid()}-{now:%H%M%S%f}"
    h, size = hashlib.sha256(), 0
    upload.seek(0)
    chunks = upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(1 << 20), b"")
    with partial.open("wb") as out:
        for chunk in chunks:
            h.update(chunk)
            size += len(chunk)
            out.write(chunk)
    sha = h.hexdigest()
    final = folder / f"{now:%Y%m%d-%H%M%S}-{sha[:16]}{suffix}"
    partial.replace(final)
    return final.relative_to(settings.DATA_DIR), sha, size


def attachment_add(*, actor: Actor, record: models.Model, kind: str, upload: Any,
                   capability: frozenset, title: str = "") -> Attachment:
    """Attach `upload` (an uploaded file: name, size, read/seek) to `record` as `kind`.

    Refused (PermissionDenied) unless the actor holds `capability` and sees the record;
    refused (ValidationError) when the file is too large, empty, of a type evidence may not be,
    or named as something it is not.
    """
    guard(actor, capability, records=_record_qs(record),
          message=_("您没有为该记录上传佐证材料的权限"))
    if kind not in Kind.values:
        raise ValidationError({"kind": _("请选择材料类别")})
    name = Path(getattr(upload, "name", "") or "").name[:200]
    try:
        found = filetypes.check(upload, name=name, size=upload.size,
                                image_only=(kind == Kind.PHOTO))
    except FileRefused as e:
        raise ValidationError({"file": str(e)}) from e
    suffix = found.suffixes[0] if Path(name).suffix.lower() not in found.suffixes \
        else Path(name).suffix.lower()
    kept, sha, size = _store(upload, suffix=suffix)
    try:
        with transaction.atomic():
            att = Attachment.objects.create(
                content_type=ContentType.objects.get_for_model(record),
                object_id=str(record.pk), kind=kind,
                title=(title or Path(name).stem)[:200], original_name=name, path=str(kept),
                sha256=sha, size=size, content_type_detected=found.mime, uploaded_by=actor)
            audit_record(actor=actor, action=AuditAction.CREATE, obj=att,
                         new={"record": f"{att.model_label}:{att.object_id}", "kind": kind,
                              "title": att.title, "original_name": name, "sha256": sha,
                              "size": size, "content_type": found.mime})
    except BaseException:
        (Path(settings.DATA_DIR) / kept).unlink(missing_ok=True)
        raise
    return att


def attachment_remove(*, actor: Actor, attachment: Attachment, capability: frozenset,
                      reason: str) -> Attachment:
    """Mark the attachment removed (its file and row stay, for the audit trail)."""
    record = attachment.record
    if record is None:
        raise ValidationError(_("该材料所属的记录已不存在"))
    guard(actor, capability, records=_record_qs(record),
          message=_("您没有移除该记录佐证材料的权限"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("移除佐证材料必须说明原因")})
    with transaction.atomic():
        att = Attachment.objects.select_for_update().get(pk=attachment.pk)
        if att.removed_at is not None:
            raise ValidationError(_("该材料已被移除"))
        att.removed_at = timezone.now()
        att.removed_by = actor
        att.removed_reason = reason[:300]
        att.save(update_fields=["removed_at", "removed_by", "removed_reason"])
        audit_record(actor=actor, action=AuditAction.DELETE, obj=att,
                     old={"removed_at": None}, new={"removed_at": att.removed_at},
                     note=_("移除佐证材料（文件保留）：%(r)s") % {"r": att.removed_reason})
    return att

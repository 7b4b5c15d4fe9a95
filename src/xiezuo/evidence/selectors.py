"""Reading attachments: always through the owning record's `visible_to(user)`."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from xiezuo.evidence.models import Attachment


def record_visible(record: models.Model, *, user) -> bool:
    manager = type(record)._default_manager
    return hasattr(manager.all(), "visible_to") and \
        manager.visible_to(user).filter(pk=record.pk).exists()


def attachments_for(record: models.Model, *, user, include_removed: bool = False):
    """The record's attachments the user may see (none when the user cannot see the record)."""
    if not record_visible(record, user=user):
        return Attachment.objects.none()
    qs = Attachment.objects.filter(content_type=ContentType.objects.get_for_model(record),
                                   object_id=str(record.pk)).select_related("uploaded_by")
    return qs if include_removed else qs.filter(removed_at__isnull=True)


def attachment_visible(pk: int, *, user) -> Attachment | None:
    """The attachment when the user may see its record; None otherwise (the views say 404)."""
    att = Attachment.objects.select_related("content_type").filter(pk=pk).first()
    if att is None:
        return None
    model = att.content_type.model_class()
    if model is None:
        return None
    manager = model._default_manager
    if not hasattr(manager.all(), "visible_to"):
        return None
    if not manager.visible_to(user).filter(pk=att.object_id).exists():
        return None
    return att

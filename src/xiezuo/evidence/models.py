"""Evidence files attached to any part's records (contracts, fund-arrival vouchers, invoices,
minutes, appointment letters, photos, lists).

An attachment points at its record through Django's content types (`content_type`,
`object_id`), so every part attaches files the same way without this app importing the part.
Who may see an attachment is whoever may see its record: `Attachment` has no scope of its own
and is never listed except through `attachments_for(record, user=…)` and the download view,
which both ask `type(record).objects.visible_to(user)` first.

The file lives under the data directory (`path`, DATA_DIR-relative) with its SHA-256 and size;
`content_type_detected` is what the content is (evidence.filetypes), not what the name says.
Removing an attachment only marks it (`removed_at`, `removed_by`, `removed_reason`): the file
and the row stay, for the audit trail.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from xiezuo.evidence.choices import Kind


class Attachment(models.Model):
    content_type = models.ForeignKey(ContentType, verbose_name=_("记录类型"),
                                     on_delete=models.PROTECT, related_name="+")
    #: the record's primary key as text, so records with integer and UUID keys both fit
    object_id = models.CharField(_("记录编号"), max_length=40)
    record = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("材料类别"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200)
    #: DATA_DIR-relative, e.g. evidence/files/2018/20180601-101500-<sha12>.pdf
    path = models.CharField(_("存放位置"), max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    content_type_detected = models.CharField(_("文件类型"), max_length=120)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    removed_at = models.DateTimeField(_("移除时间"), null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("移除人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    removed_reason = models.CharField(_("移除原因"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"],
                                name="evidence_record_idx")]

    def __str__(self) -> str:
        return self.title or self.original_name

    @property
    def removed(self) -> bool:
        return self.removed_at is not None

    @property
    def model_label(self) -> str:
        """The owning record's model as "app_label.model" (the EVIDENCE registries' key)."""
        return f"{self.content_type.app_label}.{self.content_type.model}"

"""Attaching and removing evidence: stored under the data directory with its SHA-256, guarded
by the record's edit capability and scope, audited."""

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from xiezuo.accounts.choices import AuditAction, Role
from xiezuo.accounts.models import AuditEvent
from xiezuo.evidence import services
from xiezuo.evidence.choices import Kind
from xiezuo.evidence.models import Attachment
from xiezuo.evidence.selectors import attachments_for
from xiezuo.funds.access import EDITS_FUNDS

pytestmark = pytest.mark.django_db


def _add(record, actor, upload, name, content, kind=Kind.CONTRACT, **kw):
    return services.attachment_add(actor=actor, record=record, kind=kind,
                                   upload=upload(name, content), capability=EDITS_FUNDS, **kw)


def test_the_file_is_kept_under_the_data_dir_with_its_sha256_and_size(funded, upload, files):
    att = _add(funded["p1"], funded["officer"], upload, "施工合同.pdf", files["pdf"])
    kept = Path(settings.DATA_DIR) / att.path
    assert kept.is_file() and kept.read_bytes() == files["pdf"]
    assert att.path.startswith("evidence/files/") and kept.suffix == ".pdf"
    assert att.sha256 == hashlib.sha256(files["pdf"]).hexdigest()
    assert att.size == len(files["pdf"])
    assert att.content_type_detected == "application/pdf"
    assert att.original_name == "施工合同.pdf" and att.title == "施工合同"
    assert att.uploaded_by == funded["officer"] and att.record == funded["p1"]
    assert oct(kept.stat().st_mode & 0o777) == oct(0o600)


def test_adding_is_audited(funded, upload, files):
    att = _add(funded["d1"], funded["officer"], upload, "发票.jpg", files["jpeg"],
               kind=Kind.INVOICE, title="增值税发票")
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="evidence.attachment")
    assert event.object_id == str(att.pk)
    assert event.new["record"] == f"funds.disbursement:{funded['d1'].pk}"
    assert event.new["sha256"] == att.sha256 and event.new["kind"] == "invoice"


def test_a_png_named_pdf_is_refused_and_nothing_is_kept(funded, upload, files):
    before = set((Path(settings.DATA_DIR)).rglob("*"))
    with pytest.raises(ValidationError, match="PNG"):
        _add(funded["p1"], funded["officer"], upload, "合同.pdf", files["png"])
    assert not Attachment.objects.exists()
    assert set(Path(settings.DATA_DIR).rglob("*")) - before <= {
        p for p in Path(settings.DATA_DIR).rglob("*") if p.is_dir()}


def test_the_same_png_is_accepted_as_a_photo(funded, upload, files):
    att = _add(funded["p1"], funded["officer"], upload, "现场.png", files["png"], kind=Kind.PHOTO)
    assert att.content_type_detected == "image/png" and att.kind == Kind.PHOTO


def test_a_file_over_the_limit_is_refused(funded, upload, files):
    with override_settings(EVIDENCE_MAX_BYTES=100), \
            pytest.raises(ValidationError, match="超过上限"):
        _add(funded["p1"], funded["officer"], upload, "合同.docx", files["docx"])
    assert not Attachment.objects.exists()


def test_a_role_without_the_edit_capability_is_refused(funded, users, upload, files):
    for role in ("township_clerk", "leadership", "auditor", "case_worker"):
        with pytest.raises(PermissionDenied):
            _add(funded["p1"], users[role], upload, "合同.pdf", files["pdf"])
    assert not Attachment.objects.exists()


def test_an_officer_of_another_township_is_refused(funded, make_user, upload, files):
    other = make_user(Role.FUND_OFFICER, "621124103000", username="fund-xindian")
    with pytest.raises(PermissionDenied):
        _add(funded["p1"], other, upload, "合同.pdf", files["pdf"])
    assert _add(funded["p2"], other, upload, "合同.pdf", files["pdf"]).record == funded["p2"]


def test_removing_keeps_the_file_hides_it_and_is_audited(funded, upload, files):
    att = _add(funded["allocation"], funded["officer"], upload, "到位凭证.pdf", files["pdf"],
               kind=Kind.FUND_VOUCHER)
    with pytest.raises(ValidationError):
        services.attachment_remove(actor=funded["officer"], attachment=att,
                                   capability=EDITS_FUNDS, reason=" ")
    services.attachment_remove(actor=funded["officer"], attachment=att, capability=EDITS_FUNDS,
                               reason="上传错了文件")
    att.refresh_from_db()
    assert att.removed and att.removed_by == funded["officer"]
    assert (Path(settings.DATA_DIR) / att.path).is_file()
    assert list(attachments_for(funded["allocation"], user=funded["officer"])) == []
    assert list(attachments_for(funded["allocation"], user=funded["officer"],
                                include_removed=True)) == [att]
    event = AuditEvent.objects.get(action=AuditAction.DELETE, object_type="evidence.attachment")
    assert "上传错了文件" in event.note
    with pytest.raises(ValidationError):
        services.attachment_remove(actor=funded["officer"], attachment=att,
                                   capability=EDITS_FUNDS, reason="again")


def test_a_clerk_may_not_remove(funded, users, upload, files):
    att = _add(funded["p1"], funded["officer"], upload, "合同.pdf", files["pdf"])
    with pytest.raises(PermissionDenied):
        services.attachment_remove(actor=users["township_clerk"], attachment=att,
                                   capability=EDITS_FUNDS, reason="x")


def test_attachments_for_is_scoped_by_the_record(funded, users, upload, files):
    _add(funded["p1"], funded["officer"], upload, "合同.pdf", files["pdf"])
    assert len(attachments_for(funded["p1"], user=users["township_clerk"])) == 1
    assert len(attachments_for(funded["p1"], user=users["other_clerk"])) == 0
    assert len(attachments_for(funded["p2"], user=users["township_clerk"])) == 0

"""The evidence pages: download scoped by the owning record and audited, with a Chinese file
name; attaching from a part's page; removing; the panel on the funds pages."""

import hashlib
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.models import AuditEvent
from xiezuo.evidence import services
from xiezuo.evidence.choices import Kind
from xiezuo.evidence.models import Attachment
from xiezuo.funds.access import EDITS_FUNDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(funded, files):
    return services.attachment_add(actor=funded["officer"], record=funded["p1"],
                                   kind=Kind.CONTRACT, capability=EDITS_FUNDS,
                                   upload=SimpleUploadedFile("施工合同 2018.pdf", files["pdf"]))


def _download(client, user, att):
    client.force_login(user)
    return client.get(reverse("evidence:attachment_download", args=[att.pk]))


def test_a_user_who_sees_the_record_downloads_it_audited(client, users, contract, files):
    r = _download(client, users["township_clerk"], contract)
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == files["pdf"]
    assert r["Content-Type"] == "application/pdf"
    assert f"filename*=utf-8''{quote('施工合同 2018.pdf')}" in r["Content-Disposition"]
    assert r["Content-Disposition"].startswith("attachment")
    assert "no-store" in r["Cache-Control"]
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="evidence.attachment")
    assert event.actor == users["township_clerk"] and event.object_id == str(contract.pk)
    assert hashlib.sha256(files["pdf"]).hexdigest() in event.note


def test_a_clerk_of_another_township_gets_404_and_nothing_is_audited(client, users, contract):
    assert _download(client, users["other_clerk"], contract).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_missing_attachment_is_404(client, users, contract):
    client.force_login(users["county_admin"])
    assert client.get(reverse("evidence:attachment_download", args=[contract.pk + 99])) \
        .status_code == 404


def _post_add(client, user, record_label, pk, name, content, kind="contract", next_url="/x/"):
    client.force_login(user)
    return client.post(reverse("evidence:attachment_add", args=[record_label, pk]),
                       {"kind": kind, "title": "", "next": next_url,
                        "file": SimpleUploadedFile(name, content)})


def test_attaching_from_the_page_redirects_back(client, funded, files):
    url = reverse("funds:project_detail", args=[funded["p1"].pk])
    r = _post_add(client, funded["officer"], "funds.project", funded["p1"].pk, "合同.docx",
                  files["docx"], next_url=url)
    assert r.status_code == 302 and r["Location"] == url
    att = Attachment.objects.get()
    assert att.record == funded["p1"] and att.kind == "contract"
    page = client.get(url)
    assert "合同.docx" in page.content.decode()


def test_a_refused_file_shows_why_and_writes_nothing(client, funded, files):
    r = _post_add(client, funded["officer"], "funds.project", funded["p1"].pk, "合同.pdf",
                  files["png"], next_url="/funds/")
    assert r.status_code == 302
    assert not Attachment.objects.exists()
    page = client.get(reverse("funds:project_detail", args=[funded["p1"].pk]))
    assert "PNG" in page.content.decode()


def test_attaching_needs_the_parts_edit_capability(client, users, funded, files):
    r = _post_add(client, users["leadership"], "funds.project", funded["p1"].pk, "合同.pdf",
                  files["pdf"])
    assert r.status_code == 403
    # a record the user cannot see is not said to exist
    r = _post_add(client, users["other_clerk"], "funds.project", funded["p1"].pk, "合同.pdf",
                  files["pdf"])
    assert r.status_code == 404
    assert not Attachment.objects.exists()


def test_a_model_no_part_registered_takes_no_attachments(client, users, files):
    r = _post_add(client, users["county_admin"], "accounts.user", users["county_admin"].pk,
                  "合同.pdf", files["pdf"])
    assert r.status_code == 404
    r = _post_add(client, users["county_admin"], "no.such", 1, "合同.pdf", files["pdf"])
    assert r.status_code == 404


def test_an_outside_next_is_not_followed(client, funded, files):
    r = _post_add(client, funded["officer"], "funds.project", funded["p1"].pk, "合同.pdf",
                  files["pdf"], next_url="https://evil.example/")
    assert "evil.example" not in r["Location"]


def test_removing_from_the_page(client, users, funded, contract):
    client.force_login(users["township_clerk"])
    url = reverse("evidence:attachment_remove", args=[contract.pk])
    assert client.post(url, {"reason": "x"}).status_code == 403
    client.force_login(funded["officer"])
    r = client.post(url, {"reason": "重复上传", "next": "/funds/"})
    assert r.status_code == 302
    contract.refresh_from_db()
    assert contract.removed
    assert AuditEvent.objects.filter(action=AuditAction.DELETE,
                                     object_id=str(contract.pk)).exists()
    client.force_login(users["other_clerk"])
    assert client.post(url, {"reason": "x"}).status_code == 404


def test_the_project_page_shows_the_panel_and_the_form_to_editors_only(
        client, users, funded, contract):
    url = reverse("funds:project_detail", args=[funded["p1"].pk])
    client.force_login(funded["officer"])
    html = client.get(url).content.decode()
    assert "施工合同 2018.pdf" in html
    assert reverse("evidence:attachment_add", args=["funds.project", funded["p1"].pk]) in html
    assert reverse("evidence:attachment_add",
                   args=["funds.disbursement", funded["d1"].pk]) in html
    client.force_login(users["leadership"])
    html = client.get(url).content.decode()
    assert "施工合同 2018.pdf" in html
    assert "evidence/add/" not in html


def test_the_allocation_list_offers_fund_arrival_vouchers(client, funded):
    client.force_login(funded["officer"])
    html = client.get(reverse("funds:allocation_list")).content.decode()
    assert reverse("evidence:attachment_add",
                   args=["funds.allocation", funded["allocation"].pk]) in html
    assert "资金到位凭证" in html

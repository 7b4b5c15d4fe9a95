"""The imports from the web page, and editing one person's survey answers."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xiezuo.accounts.models import AuditEvent
from xiezuo.core.models import Job
from xiezuo.labour.models import LabourProfile

V_TAOYANG = "621124100202"
V_XINDIAN = "621124103202"


@pytest.fixture
def survey(users, person, xlsx_bytes):
    a, ida = person(V_TAOYANG, name="甲")
    return a, xlsx_bytes([["证件号码", "就业意愿", "技能"], [ida, "是", "电工、焊工"],
                          [ida, "否", ""], ["12345", "是", ""]]), ida


def test_upload_checks_first_then_imports_the_same_file_for_real(client, users, survey):
    a, data, ida = survey
    client.force_login(users["case_worker"])
    incoming = Path(settings.DATA_DIR) / "uploads" / "labour" / "incoming"
    before = set(incoming.glob("*/*"))
    r = client.post(reverse("labour:import_upload"), {
        "kind": "survey", "file": SimpleUploadedFile("调查.xlsx", data)})
    check = Job.objects.get(kind="labour.import")
    assert r.status_code == 302 and r["Location"] == f"/jobs/{check.pk}/"
    # The check (a dry run) says what would happen and stores nothing.
    assert check.status == Job.Status.DONE and check.result["dry_run"] is True
    assert check.result["profiles_created"] == 1 and not LabourProfile.objects.exists()
    page = client.get(check.result_url).content.decode()
    assert "导入预览" in page and "证件号码与第 2 行重复" in page and "18 位" in page
    assert 'id="import-sample"' in page and "电工、焊工" in page  # the file's first rows
    assert a.id_masked in page and ida not in page  # masked on the page
    assert 'id="import-for-real"' in page and "正式导入" in page
    # 正式导入: the same file, no upload; the new job imports it.
    r = client.post(reverse("labour:import_confirm", args=[check.pk]))
    job = Job.objects.filter(kind="labour.import").exclude(pk=check.pk).get()
    assert r.status_code == 302 and r["Location"] == f"/jobs/{job.pk}/"
    assert job.result["dry_run"] is False and job.result["profiles_created"] == 1
    assert job.title.startswith("导入") and check.title.startswith("检查")
    assert LabourProfile.objects.get(person=a).skill_list == ["焊工", "电工"]
    # once only: the button is gone and a second post finds nothing
    assert 'id="import-for-real"' not in client.get(check.result_url).content.decode()
    assert client.post(reverse("labour:import_confirm", args=[check.pk])).status_code == 404
    # the page's copy of the upload is gone; the import kept its own (uploads/labour/YYYY)
    assert set(incoming.glob("*/*")) <= before
    assert (Path(settings.DATA_DIR) / job.result["file"]).is_file()
    r = client.get(reverse("labour:import_report", args=[job.pk]))
    assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.filter(action="export", object_id=str(job.pk)).exists()
    # The job is its starter's: another editor gets 404, a clerk 403.
    client.force_login(users["east_officer"])
    assert client.get(job.result_url).status_code == 404
    assert client.get(reverse("labour:import_report", args=[job.pk])).status_code == 404
    client.force_login(users["township_clerk"])
    assert client.get(reverse("labour:import_upload")).status_code == 403


def test_confirm_is_the_starters_and_only_after_a_check(client, users, survey):
    client.force_login(users["case_worker"])
    client.post(reverse("labour:import_upload"), {
        "kind": "survey", "file": SimpleUploadedFile("调查.xlsx", survey[1])})
    check = Job.objects.get(kind="labour.import")
    client.force_login(users["east_officer"])
    assert client.post(reverse("labour:import_confirm", args=[check.pk])).status_code == 404
    client.force_login(users["case_worker"])
    assert client.get(reverse("labour:import_confirm", args=[check.pk])).status_code == 405
    client.post(reverse("labour:import_confirm", args=[check.pk]))
    real = Job.objects.filter(kind="labour.import").exclude(pk=check.pk).get()
    # a real run offers no 正式导入 of its own
    assert client.post(reverse("labour:import_confirm", args=[real.pk])).status_code == 404
    assert LabourProfile.objects.count() == 1


def test_a_refused_file_says_why(client, users, xlsx_bytes):
    client.force_login(users["case_worker"])
    client.post(reverse("labour:import_upload"), {
        "kind": "openings", "file": SimpleUploadedFile("岗位.xlsx", xlsx_bytes([["岗位名称"]]))})
    job = Job.objects.get(kind="labour.import")
    assert job.status == Job.Status.FAILED
    assert "统一社会信用代码" in client.get(job.result_url).content.decode()


def test_strict_upload_offers_no_import_with_a_rejected_row(client, users, survey):
    client.force_login(users["case_worker"])
    client.post(reverse("labour:import_upload"), {
        "kind": "survey", "file": SimpleUploadedFile("调查.xlsx", survey[1]), "strict": "on"})
    assert not LabourProfile.objects.exists()
    job = Job.objects.get(kind="labour.import")
    page = client.get(job.result_url).content.decode()
    assert "试运行" in page and 'id="import-for-real"' not in page
    assert client.post(reverse("labour:import_confirm", args=[job.pk])).status_code == 404


def test_profile_edit_creates_then_updates_with_locking(client, users, person):
    p, _ = person(V_TAOYANG)
    url = reverse("labour:profile_edit", args=[p.pk])
    client.force_login(users["case_worker"])
    r = client.post(url, {"version": 0, "willing": "on", "skills": "电工；焊工",
                          "expected_wage": "3600"})
    assert r.status_code == 302
    prof = LabourProfile.objects.get(person=p)
    assert prof.willing and prof.skill_list == ["焊工", "电工"] and prof.version == 1
    r = client.post(url, {"version": 1, "skills": "电工"})
    prof.refresh_from_db()
    assert r.status_code == 302 and not prof.willing and prof.version == 2
    r = client.post(url, {"version": 1, "willing": "on"})  # read before the last save
    assert r.status_code == 200 and "已被他人修改" in r.content.decode()
    other, _ = person(V_XINDIAN)
    client.force_login(users["township_clerk"])
    assert client.get(url).status_code == 403
    from xiezuo.accounts.models import User
    from xiezuo.regions.models import Area

    cw_x = User.objects.create_user("cw-x2", password="pw-test-12345", role="case_worker",
                                    scope=Area.objects.get(code="621124103000"))
    client.force_login(cw_x)
    assert client.get(url).status_code == 404
    assert client.get(reverse("labour:profile_edit", args=[other.pk])).status_code == 200

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
                          [ida, "否", ""], ["12345", "是", ""]])


def test_upload_runs_the_import_and_shows_the_rejected_rows(client, users, survey):
    a, data = survey
    client.force_login(users["case_worker"])
    before = set((Path(settings.DATA_DIR) / "uploads" / "labour" / "incoming").glob("*/*"))
    r = client.post(reverse("labour:import_upload"), {
        "kind": "survey", "file": SimpleUploadedFile("调查.xlsx", data)})
    job = Job.objects.get(kind="labour.import")
    assert r.status_code == 302 and r["Location"] == f"/jobs/{job.pk}/"
    assert job.status == Job.Status.DONE and job.result["profiles_created"] == 1
    page = client.get(job.result_url).content.decode()
    assert "证件号码与第 2 行重复" in page and "18 位" in page
    assert a.id_masked in page  # ID numbers masked on the page (whole in the report)
    assert LabourProfile.objects.get(person=a).skill_list == ["焊工", "电工"]
    # the page's copy of the upload is gone; the import kept its own (uploads/labour/YYYY)
    assert set((Path(settings.DATA_DIR) / "uploads" / "labour" / "incoming").glob("*/*")) <= before
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


def test_a_refused_file_says_why(client, users, xlsx_bytes):
    client.force_login(users["case_worker"])
    client.post(reverse("labour:import_upload"), {
        "kind": "openings", "file": SimpleUploadedFile("岗位.xlsx", xlsx_bytes([["岗位名称"]]))})
    job = Job.objects.get(kind="labour.import")
    assert job.status == Job.Status.FAILED
    assert "统一社会信用代码" in client.get(job.result_url).content.decode()


def test_strict_upload_stores_nothing(client, users, survey):
    client.force_login(users["case_worker"])
    client.post(reverse("labour:import_upload"), {
        "kind": "survey", "file": SimpleUploadedFile("调查.xlsx", survey[1]), "strict": "on"})
    assert not LabourProfile.objects.exists()
    job = Job.objects.get(kind="labour.import")
    assert "全部没有保存" in client.get(job.result_url).content.decode()


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

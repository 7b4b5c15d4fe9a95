"""The funds import from the web page: a background job with progress, its result and report."""

from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings as dj
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from xiezuo.accounts.models import AuditEvent
from xiezuo.core.models import Job
from xiezuo.funds.models import Disbursement, Project

V_TAOYANG = "621124100202"

D_HEADER = ["项目编号", "支付日期", "金额（元）", "收款单位或个人", "凭证号"]
P_HEADER = ["项目编号", "项目名称", "项目类别", "资金年度", "实施村", "预算（元）"]


@pytest.fixture
def f(areas, users, build):
    return build(areas, users) | {"users": users}


@pytest.fixture
def upload(xlsx_bytes):
    """upload(client, …) -> the response to the import page's POST of these rows (the check);
    with confirm=True, then the response to 正式导入 of the checked file."""
    def _upload(client, kind, rows, name="导入.xlsx", confirm=False, **options):
        r = client.post(reverse("funds:import"), {
            "kind": kind, "file": SimpleUploadedFile(name, xlsx_bytes(rows)), **options})
        if confirm and r.status_code == 302:
            check = Job.objects.filter(kind="funds.import").latest("created_at")
            return client.post(reverse("funds:import_confirm", args=[check.pk]))
        return r
    return _upload


def _real_job():
    return Job.objects.filter(kind="funds.import", result__dry_run=False).get()


DISBURSEMENTS = [D_HEADER, ["LT2018-001", "2018-06-01", "100", "a", "W-1"],
                 ["LT2018-001", "2018-06-01", "-100", "a", "W-2"],
                 ["NOPE", "2018-06-01", "5", "b", "W-3"]]


def test_upload_runs_the_import_as_a_job_and_shows_the_rejected_rows(client, f, upload):
    client.force_login(f["officer"])
    r = upload(client, "disbursements", DISBURSEMENTS, name="支出.xlsx")
    check = Job.objects.get(kind="funds.import")
    assert check.result["dry_run"] and check.result["disbursements_created"] == 1
    assert not Disbursement.objects.exists()
    page = client.get(check.result_url).content.decode()
    assert "正式导入" in page and 'id="import-sample"' in page and "W-2" in page
    assert client.get(reverse("funds:import_template", args=["disbursements"])).status_code == 200
    r = client.post(reverse("funds:import_confirm", args=[check.pk]))
    job = _real_job()
    assert r.status_code == 302 and r["Location"] == f"/jobs/{job.pk}/"
    assert job.status == Job.Status.DONE and job.total == 3 and job.result_url
    assert (job.result["rows"], job.result["disbursements_created"], job.result["rejected"]) \
        == (3, 1, 2)
    assert Disbursement.objects.get().voucher_no == "W-1"
    assert AuditEvent.objects.filter(action="import", object_type="funds.disbursements").exists()
    assert job.result_url in client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    # the check's page, seen again, says it was imported and links to that import
    page = client.get(check.result_url).content.decode()
    assert 'id="import-for-real"' not in page
    assert f'href="/jobs/{job.pk}/"' in page.split('id="import-confirmed"', 1)[1].split("</p>")[0]
    page = client.get(job.result_url).content.decode()
    assert "负数" in page and "NOPE" in page and "项目不存在或不在您的负责区域内" in page
    r = client.get(reverse("funds:import_report", args=[job.pk]))
    assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment")
    # the file is named for what it is, in Chinese (RFC 5987 carries it)
    assert "错误报告.xlsx" in unquote(r["Content-Disposition"])
    assert "支出.xlsx" in unquote(r["Content-Disposition"])
    assert AuditEvent.objects.filter(action="export", object_id=str(job.pk)).exists()
    # The uploaded copy is gone; the import keeps its own under uploads/funds.
    assert not list((Path(dj.DATA_DIR) / "uploads" / "funds" / "incoming").glob("*/*"))
    # The job is its starter's: another fund editor gets 404.
    client.force_login(f["users"]["county_admin"])
    assert client.get(job.result_url).status_code == 404
    assert client.get(reverse("funds:import_report", args=[job.pk])).status_code == 404


def test_upload_of_projects_lands_the_rows(client, f, upload):
    client.force_login(f["users"]["county_admin"])
    upload(client, "projects", [P_HEADER, ["W-P1", "网上导入的项目", "村组道路", 2018, V_TAOYANG,
                                            "5000"]], confirm=True)
    job = _real_job()
    assert job.result["projects_created"] == 1 and job.result["stored"] is True
    assert Project.objects.get(code="W-P1").villages.get().code == V_TAOYANG


@pytest.mark.parametrize("role", ["leadership", "auditor", "township_clerk", "east_officer",
                                  "case_worker"])
def test_a_user_without_a_funds_role_is_refused(client, f, role, upload):
    client.force_login(f["users"][role])
    assert client.get(reverse("funds:import")).status_code == 403
    assert upload(client, "disbursements", DISBURSEMENTS).status_code == 403
    assert not Job.objects.exists() and Disbursement.objects.count() == 0


def test_a_refused_file_says_why(client, f, upload):
    client.force_login(f["officer"])
    upload(client, "projects", [["项目编号", "项目名称", "实施村"], ["X", "Y", V_TAOYANG]])
    job = Job.objects.get(kind="funds.import")
    assert job.status == Job.Status.FAILED
    page = client.get(job.result_url).content.decode()
    assert "缺少必需的列" in page and "预算（元）" in page


def test_strict_and_unconfirmed_uploads_store_nothing(client, f, upload):
    client.force_login(f["officer"])
    upload(client, "disbursements", DISBURSEMENTS, strict="on")
    upload(client, "disbursements", DISBURSEMENTS[:2])
    strict, dry = Job.objects.filter(kind="funds.import").order_by("created_at")
    assert not Disbursement.objects.exists()
    assert not AuditEvent.objects.filter(action="import").exists()
    assert strict.result["stored"] is False and dry.result["disbursements_created"] == 1
    page = client.get(strict.result_url).content.decode()
    assert "试运行" in page and 'id="import-for-real"' not in page  # strict would refuse it
    assert client.post(reverse("funds:import_confirm", args=[strict.pk])).status_code == 404
    assert "试运行" in client.get(dry.result_url).content.decode()


def test_rejection_reasons_are_in_the_users_language(client, f, upload):
    client.force_login(f["officer"])
    client.cookies[dj.LANGUAGE_COOKIE_NAME] = "en"
    upload(client, "disbursements", DISBURSEMENTS)
    page = client.get(Job.objects.get().result_url).content.decode()
    assert "Import for real" in page
    translation.activate(dj.LANGUAGE_CODE)  # the middleware leaves English active in this thread
    assert "No such project in your area: NOPE" in page and "Rejected rows" in page

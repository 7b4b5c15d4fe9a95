"""The industry imports from the web page: a check first, then 正式导入 of the same file (once,
by the one who uploaded it)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xiezuo.core.models import Job
from xiezuo.industry.models import Linkage

pytestmark = pytest.mark.django_db


@pytest.fixture
def linkages_upload(org, hh, project, linkages_file):
    investor = org("福州某薯业有限公司")
    project(investor, code="LT-001", name="马铃薯精深加工")
    h = hh()
    path = linkages_file([
        {"户编号": h.number, "项目编号": "LT-001", "联结方式": "入股分红", "年度": 2019,
         "户年收益（元）": 1200},
        {"户编号": "NO-SUCH", "项目编号": "LT-001", "联结方式": "入股分红", "年度": 2019,
         "户年收益（元）": 100}])
    return lambda **extra: {"kind": "linkages", **extra,
                            "file": SimpleUploadedFile("利益联结.xlsx", Path(path).read_bytes())}


def test_the_upload_page_offers_no_import_without_a_check(client, users):
    client.force_login(users["county_admin"])
    page = client.get(reverse("industry:import_upload")).content.decode()
    assert "只检查" not in page and 'name="dry_run"' not in page and "上传并检查" in page


def test_upload_checks_first_then_imports_the_same_file_once(client, users, linkages_upload):
    client.force_login(users["county_admin"])
    incoming = Path(settings.DATA_DIR) / "uploads" / "industry" / "incoming"
    before = set(incoming.glob("*/*"))
    r = client.post(reverse("industry:import_upload"), linkages_upload())
    check = Job.objects.get(kind="industry.import")
    assert r.status_code == 302 and r["Location"] == f"/jobs/{check.pk}/"
    assert check.result["dry_run"] is True and check.result["linkages_created"] == 1
    assert not Linkage.objects.exists() and check.title.startswith("检查")
    page = client.get(check.result_url).content.decode()
    assert "导入预览" in page and 'id="import-sample"' in page and "NO-SUCH" in page
    assert 'id="import-errors"' in page and 'id="import-for-real"' in page
    # another editor cannot confirm someone else's check
    client.force_login(users["east_officer"])
    assert client.post(reverse("industry:import_confirm", args=[check.pk])).status_code == 404
    client.force_login(users["county_admin"])
    r = client.post(reverse("industry:import_confirm", args=[check.pk]))
    real = Job.objects.filter(kind="industry.import").exclude(pk=check.pk).get()
    assert r["Location"] == f"/jobs/{real.pk}/" and real.title.startswith("导入")
    assert real.result["dry_run"] is False and Linkage.objects.count() == 1
    assert "已保存" in client.get(real.result_url).content.decode()
    # once only: no button, a second post finds nothing, the page's copy is gone
    assert 'id="import-for-real"' not in client.get(check.result_url).content.decode()
    assert client.post(reverse("industry:import_confirm", args=[check.pk])).status_code == 404
    assert client.post(reverse("industry:import_confirm", args=[real.pk])).status_code == 404
    assert set(incoming.glob("*/*")) <= before and Linkage.objects.count() == 1


def test_a_strict_check_with_a_rejected_row_offers_no_import(client, users, linkages_upload):
    client.force_login(users["county_admin"])
    client.post(reverse("industry:import_upload"), linkages_upload(strict="on"))
    check = Job.objects.get(kind="industry.import")
    assert 'id="import-for-real"' not in client.get(check.result_url).content.decode()
    assert client.post(reverse("industry:import_confirm", args=[check.pk])).status_code == 404
    assert not Linkage.objects.exists()

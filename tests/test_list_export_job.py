"""A long list's 导出 Excel runs as a background job (issue 10, "large exports run as background
jobs"), for every list through the shared kit: the job page shows its progress in words and
links to the finished file, which is the direct export's, for the one who asked only."""

import datetime
import io
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xiezuo.core.models import Job

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def households(areas):
    from xiezuo.registry.models import Household

    for number, village in (("T001", "621124100201"), ("T002", "621124100201"),
                            ("X001", "621124103201")):
        v = areas[village]
        Household.objects.create(
            county=v.parent.parent, township=v.parent, village=v, number=number, size=2,
            income_per_capita=Decimal("3200.50"), first_identified=datetime.date(2014, 5, 1))


def _cells(content: bytes) -> list[tuple]:
    ws = load_workbook(io.BytesIO(content)).active
    rows = list(ws.iter_rows(values_only=True))
    return [rows[0]] + rows[2:]  # row 2 holds the time it was made


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def _export_job(client, url: str) -> Job:
    response = client.get(url)
    assert response.status_code == 302, "a long list did not become a job"
    job = Job.objects.get(kind="core.list_export")
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    return job


def test_a_long_list_exports_through_a_job_whose_file_equals_the_direct_export(
        client, users, households, settings):
    client.force_login(users["county_admin"])
    url = reverse("registry:household_list") + "?sort=-number&format=xlsx"
    settings.LIST_EXPORT_JOB_ROWS = 100
    direct = client.get(url)
    assert direct.status_code == 200 and direct["Content-Type"] == XLSX
    direct_cells = _cells(_content(direct))

    settings.LIST_EXPORT_JOB_ROWS = 2
    job = _export_job(client, url)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.total == 3
    page = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert "已处理 3 行，共 3 行" in page
    download = reverse("core:list_export_download", args=[job.pk])
    assert download in page
    response = client.get(download)
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    disposition = unquote(response["Content-Disposition"])
    assert "建档立卡贫困户-" in disposition and disposition.endswith(".xlsx")
    cells = _cells(_content(response))
    assert cells == direct_cells
    assert [r[0] for r in cells[2:]] == ["X001", "T002", "T001"]  # the sorting kept


def test_the_job_keeps_the_users_scope_and_filters(client, users, households, settings):
    settings.LIST_EXPORT_JOB_ROWS = 0
    client.force_login(users["township_clerk"])  # 洮阳镇: not X001
    job = _export_job(client, reverse("registry:household_list") + "?number=T00&format=xlsx")
    cells = _cells(_content(client.get(reverse("core:list_export_download", args=[job.pk]))))
    assert sorted(r[0] for r in cells[2:]) == ["T001", "T002"]


def test_only_the_user_who_asked_may_see_or_download_the_export(client, users, households,
                                                                settings):
    settings.LIST_EXPORT_JOB_ROWS = 1
    client.force_login(users["county_admin"])
    job = _export_job(client, reverse("registry:household_list") + "?format=xlsx")
    download = reverse("core:list_export_download", args=[job.pk])
    assert client.get(download).status_code == 200
    client.force_login(users["auditor"])  # sees the same county, did not ask
    assert client.get(download).status_code == 404
    assert client.get(reverse("core:job_detail", args=[job.pk])).status_code == 404
    client.logout()
    assert client.get(download).status_code == 302  # to the log-in page


def test_a_short_list_still_downloads_at_once(client, users, households, settings):
    settings.LIST_EXPORT_JOB_ROWS = 3
    client.force_login(users["county_admin"])
    response = client.get(reverse("registry:household_list") + "?format=xlsx")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert not Job.objects.filter(kind="core.list_export").exists()


def test_a_list_of_another_part_gets_the_job_too(client, users, settings):
    """The job is the shared kit's: the audit log (accounts) exports through it unchanged."""
    from xiezuo.accounts.services import audit_record

    for i in range(3):
        audit_record(actor=users["county_admin"], action="export", object_type="core.job",
                     object_id=str(i), object_repr=f"file{i}")
    settings.LIST_EXPORT_JOB_ROWS = 1
    client.force_login(users["auditor"])
    job = _export_job(client, reverse("accounts:audit_list") + "?format=xlsx")
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    response = client.get(reverse("core:list_export_download", args=[job.pk]))
    assert response.status_code == 200
    assert len(_cells(_content(response))) - 2 == job.result["rows"] >= 3

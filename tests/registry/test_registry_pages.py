"""The registry's pages: who sees what (scope 404, role 403, anonymous to log in), search, the
household page, the audited full-ID reveal, the import flow and the export.

`make_household`, `two_households` and `full_id` are fixtures of tests/registry/conftest.py.
"""

import datetime
import io
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.models import AuditEvent
from xiezuo.core.models import Job
from xiezuo.regions.reference import LINTAO, TAOYANG, XINDIAN
from xiezuo.registry import crypto
from xiezuo.registry.choices import ChangeSource, ExitStatus, Relation
from xiezuo.registry.models import Household, Person, RosterImport, StatusChange
from xiezuo.registry.roster.columns import COLUMNS

HEADER = [c.header for c in COLUMNS if c.key != "other_causes"]

T_VILLAGE, X_VILLAGE = "621124100201", "621124103201"  # 测试洮阳镇1村, 测试辛店镇1村


@pytest.fixture
def hh(areas, two_households):
    return two_households(areas)


# --- anonymous and roles -----------------------------------------------------------------------

@pytest.mark.parametrize("name,args", [
    ("registry:household_list", []), ("registry:household_detail", [1]), ("registry:household_edit", [1]),
    ("registry:import", []), ("registry:import_list", []), ("registry:import_detail", [1]),
    ("registry:export", []), ("registry:village_options", []),
])
def test_anonymous_users_are_sent_to_log_in(client, db, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_anonymous_reveal_is_sent_to_log_in(client, hh, person):
    person = hh["taoyang"].members.first()
    response = client.post(reverse("registry:person_reveal", args=[person.pk]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", ["leadership", "auditor", "fund_officer", "case_worker",
                                  "east_officer"])
def test_roles_that_do_not_edit_the_registry_cannot_import(client, users, role):
    client.force_login(users[role])
    assert client.get(reverse("registry:import")).status_code == 403
    fake = "00000000-0000-0000-0000-000000000000"
    assert client.post(reverse("registry:import_confirm", args=[fake])).status_code == 403


@pytest.mark.parametrize("role", ["leadership", "auditor", "fund_officer", "east_officer"])
def test_roles_that_may_not_see_full_ids_cannot_export(client, users, role):
    client.force_login(users[role])
    assert client.get(reverse("registry:export")).status_code == 403
    assert client.post(reverse("registry:export"), {"format": "csv"}).status_code == 403


# --- search ------------------------------------------------------------------------------------

def test_search_lists_the_households_of_the_users_area_only(client, users, hh):
    client.force_login(users["township_clerk"])
    html = client.get(reverse("registry:household_list")).content.decode()
    assert "T001" in html and "张三" in html
    assert "X001" not in html and "王五" not in html
    client.force_login(users["county_admin"])
    html = client.get(reverse("registry:household_list")).content.decode()
    assert "T001" in html and "X001" in html


def test_search_results_show_masked_ids_never_full_ones(client, users, hh, full_id):
    client.force_login(users["county_admin"])
    head = hh["taoyang"].members.get(relation=Relation.HEAD)
    html = client.get(reverse("registry:household_list")).content.decode()
    assert head.id_masked in html
    assert full_id(head) not in html


def test_search_by_name_shows_the_matching_member(client, users, hh):
    client.force_login(users["county_admin"])
    html = client.get(reverse("registry:household_list"), {"name": "李四"}).content.decode()
    assert "T001" in html and "X001" not in html
    assert "匹配的成员" in html and "李四" in html


def test_search_by_full_id_redirects_with_the_hash_not_the_number(client, users, hh, full_id):
    client.force_login(users["township_clerk"])
    spouse = hh["taoyang"].members.get(relation=Relation.SPOUSE)
    number = full_id(spouse)
    # Typed as a clerk might: lowercase, with spaces and full-width digits.
    typed = " ".join([number[:6], number[6:14], number[14:]]).replace("1", "１")
    response = client.post(reverse("registry:household_list"), {"id_number": typed})
    assert response.status_code == 302
    location = response["Location"]
    assert number not in location and number[:6] + number[6:14] not in location
    assert parse_qs(urlparse(location).query)["idh"] == [crypto.id_hash(number)]
    html = client.get(location).content.decode()
    assert "T001" in html and "李四" in html and number not in html


def test_search_by_an_id_in_another_township_finds_nothing(client, users, hh, full_id):
    client.force_login(users["township_clerk"])
    number = full_id(hh["xindian"].members.get())
    location = client.post(reverse("registry:household_list"), {"id_number": number})["Location"]
    html = client.get(location).content.decode()
    assert "X001" not in html and "没有符合条件的户" in html


def test_search_by_an_invalid_id_says_why(client, users, hh):
    client.force_login(users["county_admin"])
    response = client.post(reverse("registry:household_list"), {"id_number": "621124198001010000"})
    assert response.status_code == 200
    assert "证件号码有误" in response.content.decode() and "校验码" in response.content.decode()


@pytest.mark.parametrize("query,found,absent", [
    ({"township": TAOYANG}, "T001", "X001"),
    ({"village": X_VILLAGE}, "X001", "T001"),
    ({"exit_status": ExitStatus.EXITED}, "X001", "T001"),
    ({"exit_status": ExitStatus.NOT_EXITED}, "T001", "X001"),
    ({"exit_year": "2019"}, "X001", "T001"),
])
def test_search_filters(client, users, hh, query, found, absent):
    client.force_login(users["county_admin"])
    html = client.get(reverse("registry:household_list"), query).content.decode()
    assert found in html and absent not in html


def test_search_offers_only_the_users_townships_and_villages(client, users, hh):
    client.force_login(users["township_clerk"])
    html = client.get(reverse("registry:household_list")).content.decode()
    assert "洮阳镇" in html and "辛店镇" not in html and "测试辛店镇1村" not in html
    options = client.get(reverse("registry:village_options"), {"township": XINDIAN})
    assert "测试辛店镇1村" not in options.content.decode()
    options = client.get(reverse("registry:village_options"), {"township": TAOYANG})
    assert "测试洮阳镇1村" in options.content.decode()


def test_search_is_paginated(client, users, areas, monkeypatch, make_household):
    from xiezuo.core import lists

    monkeypatch.setattr(lists, "PAGE_SIZE", 2)
    for i in range(5):
        make_household(areas, T_VILLAGE, f"P{i:03d}", [(f"户主{i}", Relation.HEAD)], seed=10 + i)
    client.force_login(users["county_admin"])
    html = client.get(reverse("registry:household_list"), {"township": TAOYANG}).content.decode()
    assert "P000" in html and "P001" in html and "P002" not in html
    assert "共 5 户" in html and "第 1 页，共 3 页" in html
    assert f"township={TAOYANG}&amp;page=2" in html
    html = client.get(reverse("registry:household_list"), {"township": TAOYANG, "page": 3}).content.decode()
    assert "P004" in html and "P000" not in html


# --- household page and reveal ----------------------------------------------------------------

def test_household_page_shows_members_history_monitoring_and_source(client, users, hh, household,
        full_id):
    household = hh["taoyang"]
    imp = RosterImport.objects.create(file="uploads/x.xlsx", original_name="洮阳镇花名册.xlsx",
                                      sha256="0" * 64, county=household.county)
    Household.objects.filter(pk=household.pk).update(source_import=imp, source_row=7)
    StatusChange.objects.create(household=household, old="", new=ExitStatus.NOT_EXITED,
                                date=datetime.date(2017, 1, 5), source=ChangeSource.IMPORT,
                                source_import=imp, source_row=7)
    household.monitoring.create(type="边缘易致贫户", risk="因病支出大",
                                found=datetime.date(2021, 3, 1))
    client.force_login(users["township_clerk"])
    html = client.get(reverse("registry:household_detail", args=[household.pk])).content.decode()
    for text in ("张三", "李四", "洮阳镇花名册.xlsx", "第 7 行", "导入文件", "边缘易致贫户",
                 "因病支出大", "显示完整号码", "修改"):
        assert text in html, text
    for p in household.members.all():
        assert p.id_masked in html and full_id(p) not in html


def test_household_outside_the_clerks_township_is_404(client, users, hh):
    client.force_login(users["township_clerk"])
    assert client.get(reverse("registry:household_detail", args=[hh["xindian"].pk])).status_code == 404
    client.force_login(users["other_clerk"])
    assert client.get(reverse("registry:household_detail", args=[hh["xindian"].pk])).status_code == 200


def test_read_only_roles_see_the_household_without_reveal_or_edit(client, users, hh):
    client.force_login(users["leadership"])
    html = client.get(reverse("registry:household_detail", args=[hh["taoyang"].pk])).content.decode()
    assert "张三" in html and "显示完整号码" not in html
    assert reverse("registry:household_edit", args=[hh["taoyang"].pk]) not in html


def test_reveal_shows_the_full_id_and_audits_it(client, users, hh, person, full_id):
    person = hh["taoyang"].members.get(relation=Relation.HEAD)
    client.force_login(users["township_clerk"])
    response = client.post(reverse("registry:person_reveal", args=[person.pk]),
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert full_id(person) in response.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.VIEW_ID)
    assert event.actor == users["township_clerk"]
    assert event.object_id == str(person.pk) and event.area_code == T_VILLAGE


def test_reveal_is_refused_to_roles_and_areas_that_may_not_see_it(client, users, hh, person):
    person = hh["taoyang"].members.first()
    url = reverse("registry:person_reveal", args=[person.pk])
    for role in ("leadership", "auditor", "fund_officer"):
        client.force_login(users[role])
        assert client.post(url).status_code == 403
    client.force_login(users["other_clerk"])
    assert client.post(url).status_code == 404
    client.force_login(users["township_clerk"])
    assert client.get(url).status_code == 405  # a GET must not reveal (and audit) anything
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW_ID).exists()


# --- navigation and home ----------------------------------------------------------------------

def test_navigation_and_home_cards(client, users, hh):
    client.force_login(users["township_clerk"])
    html = client.get(reverse("core:home")).content.decode()
    for text in ("建档立卡户查询", "花名册导入", "导入记录", "建档立卡户", "剩余贫困人口"):
        assert text in html, text
    client.force_login(users["leadership"])
    html = client.get(reverse("core:home")).content.decode()
    assert "建档立卡户查询" in html and "花名册导入" not in html


def test_home_cards_count_the_users_area(users, hh):
    from xiezuo.registry.home import cards

    by_title = {str(c.title): c.value for c in cards(users["township_clerk"])}
    assert by_title["建档立卡户"] == 1 and by_title["建档立卡人口"] == 2
    assert by_title["已脱贫人口"] == 0 and by_title["剩余贫困人口"] == 2
    by_title = {str(c.title): c.value for c in cards(users["county_admin"])}
    assert by_title["建档立卡户"] == 2 and by_title["已脱贫人口"] == 1
    assert cards(users["east_officer"]) != []  # the partner side sees the western figures


# --- import ------------------------------------------------------------------------------------



def _upload(client, data: bytes, name: str = "洮阳镇花名册.csv", **options):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("registry:import"),
                       {"file": SimpleUploadedFile(name, data, content_type="text/csv"),
                        **options})


def test_import_page_flow_upload_check_confirm_result_and_report(client, users, areas,
                                                                  _roster_csv):
    clerk = users["township_clerk"]
    client.force_login(clerk)
    assert "上传并检查" in client.get(reverse("registry:import")).content.decode()
    response = _upload(client, _roster_csv())
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    assert "查看结果" in client.get(response["Location"]).content.decode()
    from xiezuo.core.models import Job

    check = Job.objects.get(created_by=clerk)
    assert check.result["dry_run"] and Person.objects.count() == 0
    html = client.get(check.result_url).content.decode()
    assert "表头在第 1 行" in html and "4 个非空数据行" in html  # the file's first rows
    assert "证件号码" in html and "测试H0011" in html and 'id="import-sample"' in html
    first_id = None
    for line in _roster_csv().decode().splitlines()[1:2]:
        first_id = line.split(",")[7]
    assert first_id and first_id not in html and crypto.mask_id(first_id) in html

    response = client.post(reverse("registry:import_confirm", args=[check.pk]))
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    job = Job.objects.filter(created_by=clerk).exclude(pk=check.pk).get()
    assert job.status == Job.Status.DONE
    assert job.result_url == reverse("registry:import_result", args=[job.pk])
    assert (job.result["rows"], job.result["persons_created"], job.result["rejected"]) == (4, 2, 2)
    html = client.get(job.result_url).content.decode()
    assert "校验码" in html and "户主" in html and "下载错误报告" in html and "已保存" in html
    assert Person.objects.count() == 2 and RosterImport.objects.count() == 1
    imp = RosterImport.objects.get()
    assert imp.original_name == "洮阳镇花名册.csv" and imp.by == clerk

    report = client.get(reverse("registry:import_result_report", args=[job.pk]))
    assert report.status_code == 200
    content = b"".join(report.streaming_content)
    assert content[:2] == b"PK"  # an .xlsx
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(content)).active
    rows = list(ws.values)
    assert rows[0][:4] == ("行号", "列", "值", "原因") and len(rows) == 3
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=clerk).exists()
    assert AuditEvent.objects.filter(action=AuditAction.IMPORT, actor=clerk).exists()

    # The list and the record: traceable to the file, scoped, downloads owned.
    html = client.get(reverse("registry:import_list")).content.decode()
    assert "洮阳镇花名册.csv" in html and imp.sha256[:12] in html
    detail = reverse("registry:import_detail", args=[imp.pk])
    assert "下载原文件" in client.get(detail).content.decode()
    assert client.get(reverse("registry:import_file", args=[imp.pk])).status_code == 200
    client.force_login(users["other_clerk"])
    assert client.get(detail).status_code == 404
    assert client.get(reverse("registry:import_report", args=[imp.pk])).status_code == 404
    assert client.get(job.result_url).status_code == 404  # a job is its starter's
    client.force_login(users["leadership"])
    html = client.get(detail).content.decode()
    assert "洮阳镇花名册.csv" in html and "下载原文件" not in html
    assert client.get(reverse("registry:import_report", args=[imp.pk])).status_code == 403
    client.force_login(users["county_admin"])
    assert client.get(reverse("registry:import_report", args=[imp.pk])).status_code == 200


def test_the_check_and_its_import_are_the_uploaders_only(client, users, areas, _roster_csv):
    client.force_login(users["township_clerk"])
    _upload(client, _roster_csv())
    from xiezuo.core.models import Job

    check = Job.objects.get()
    client.force_login(users["county_admin"])
    assert client.get(check.result_url).status_code == 404
    assert client.post(reverse("registry:import_confirm", args=[check.pk])).status_code == 404
    assert Person.objects.count() == 0


def test_the_check_stores_nothing(client, users, areas, _roster_csv):
    client.force_login(users["township_clerk"])
    _upload(client, _roster_csv())
    assert Person.objects.count() == 0 and RosterImport.objects.count() == 0
    from xiezuo.core.models import Job

    job = Job.objects.get()
    html = client.get(job.result_url).content.decode()
    assert "试运行" in html and job.result["persons_created"] == 2


def test_a_strict_check_with_a_rejected_row_offers_no_import(client, users, areas, _roster_csv):
    client.force_login(users["township_clerk"])
    _upload(client, _roster_csv(), strict="on")
    from xiezuo.core.models import Job

    check = Job.objects.get()
    assert check.result["strict"] and check.result["rejected"] == 2
    assert 'id="import-for-real"' not in client.get(check.result_url).content.decode()
    assert client.post(reverse("registry:import_confirm", args=[check.pk])).status_code == 404
    assert Person.objects.count() == 0


def test_upload_of_a_file_without_a_header_says_so(client, users, areas):
    client.force_login(users["township_clerk"])
    job_url = _upload(client, "甲,乙\n1,2\n".encode())["Location"]
    from xiezuo.core.models import Job

    html = client.get(Job.objects.get(pk=job_url.rstrip("/").split("/")[-1]).result_url
                      ).content.decode()
    assert "此文件不能导入" in html and "正式导入" not in html


def test_upload_refuses_other_file_types(client, users, areas):
    client.force_login(users["township_clerk"])
    response = _upload(client, b"hello", name="roster.txt")
    assert response.status_code == 200
    assert "请上传 .xlsx、.xls 或 .csv 文件" in response.content.decode()


# --- export ------------------------------------------------------------------------------------

def _export(client, data):
    """POST the export form; it starts a job (run at once by the test task backend) and sends
    the user to the job page, whose result link downloads the file."""
    response = client.post(reverse("registry:export"), data)
    assert response.status_code == 302, response.content.decode()[:500]
    job = Job.objects.get(pk=response.url.rstrip("/").split("/")[-1])
    assert job.status == Job.Status.DONE, job.message
    return client.get(job.result_url), job


def test_export_runs_as_a_job_then_downloads_the_visible_roster_audited(client, users, hh, full_id):
    client.force_login(users["township_clerk"])
    assert client.get(reverse("registry:export")).status_code == 200
    response, job = _export(client, {"format": "csv", "township": ""})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    head = hh["taoyang"].members.get(relation=Relation.HEAD)
    assert full_id(head) in text and "张三" in text and "王五" not in text
    assert job.result["rows"] == text.count("\n") - 1
    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=users["township_clerk"])
    assert exports.filter(object_type="registry.person").exists()  # the file was made
    assert exports.filter(object_type="core.job", object_id=str(job.pk)).exists()  # downloaded


def test_an_export_file_is_only_for_the_one_who_made_it(client, users, hh):
    client.force_login(users["county_admin"])
    _response, job = _export(client, {"format": "csv", "township": ""})
    client.force_login(users["case_worker"])  # may export, but did not make this one
    assert client.get(job.result_url).status_code == 404
    client.force_login(users["leadership"])
    assert client.get(job.result_url).status_code == 403


def test_an_export_file_is_deleted_a_day_later(client, users, hh, settings):
    import os
    import time

    from xiezuo.registry.views import EXPORT_KEEP_HOURS

    client.force_login(users["county_admin"])
    _response, old = _export(client, {"format": "csv", "township": ""})
    folder = os.path.dirname(old.result["file"])
    stale = time.time() - (EXPORT_KEEP_HOURS + 1) * 3600
    os.utime(folder, (stale, stale))
    _export(client, {"format": "csv", "township": ""})  # the next export sweeps
    assert not os.path.exists(old.result["file"])
    response = client.get(old.result_url)
    assert response.status_code == 302 and response.url == reverse("registry:export")


def test_export_xlsx_by_township(client, users, hh):
    client.force_login(users["county_admin"])
    response, _job = _export(client, {"format": "xlsx", "township": XINDIAN})
    assert response.status_code == 200
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = [r[6] for r in list(ws.values)[1:]]
    assert names == ["王五"]


def test_export_by_county(client, users, hh):
    client.force_login(users["county_admin"])
    response, _job = _export(client, {"format": "csv", "county": LINTAO})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "张三" in text and "王五" in text
    response = client.post(reverse("registry:export"),
                           {"format": "csv", "county": "350104000000"})  # not a choice
    assert response.status_code == 200 and "attachment" not in response.get(
        "Content-Disposition", "")


def test_export_refuses_a_township_outside_the_users_area(client, users, hh):
    client.force_login(users["township_clerk"])
    response = client.post(reverse("registry:export"), {"format": "csv", "township": XINDIAN})
    assert response.status_code == 200  # the form again: that township is not a choice
    assert "attachment" not in response.get("Content-Disposition", "")

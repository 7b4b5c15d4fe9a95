"""The donation-ledger import (pairing.imports) on the shared pipeline: exact counts, every
rejected row named in Chinese (row, column as spelled, value, reason), an unknown place,
organisation or household a question not a new record, the importer's scope, dry run and
--strict store nothing, a re-import changes nothing, a file saved by LibreOffice imports, and
the page: template, check, 正式导入."""

import datetime
import shutil
import subprocess
from decimal import Decimal

import pytest

from xiezuo.orgs.choices import OrgKind, OrgRole
from xiezuo.orgs.models import Organisation
from xiezuo.pairing.imports import donations_import
from xiezuo.pairing.models import Donation
from xiezuo.regions.models import Area

pytestmark = pytest.mark.django_db


def _errors(result):
    return {(e.row, e.column): (e.value, e.reason) for e in result.errors}


def test_rows_become_donations_with_what_they_reached(areas, org, household, ledger_file,
                                                      ledger_row):
    school = org("临洮县第二中学", code="621124100000", kind=OrgKind.SCHOOL,
                 roles=(OrgRole.SCHOOL,))
    donor = org("仓山爱心企业")
    h1, h2 = household(), household()
    path = ledger_file([
        ledger_row(),
        ledger_row(**{"捐赠人": None, "捐赠单位": "仓山爱心企业", "捐赠方类别": "企业",
                      "形式": "物资", "物资": "课桌椅100套", "金额或折价（元）": "35000.50",
                      "受赠学校": "临洮县第二中学", "收据编号": "SJ-1"}),
        ledger_row(**{"用途": "医疗救助", "受赠村": "测试洮阳镇1村", "金额或折价（元）": 3000,
                      "受助贫困户": f"{h1.number}、{h2.number}", "收据编号": "SJ-2"}),
    ])
    r = donations_import(path=path)
    assert (r.rows, r.created, r.unchanged, r.rejected) == (3, 3, 0, 0), r.as_json()
    assert r.households_linked == 2
    assert Donation.objects.count() == 3
    goods = Donation.objects.get(receipt_no="SJ-1")
    assert (goods.donor, goods.kind, goods.amount, goods.school, goods.area.name) == (
        donor, "goods", Decimal("35000.50"), school, "洮阳镇")
    med = Donation.objects.get(receipt_no="SJ-2")
    assert med.area.code == "621124100201" and set(med.households.all()) == {h1, h2}
    person = Donation.objects.get(receipt_no="")
    assert (person.donor_id, person.donor_name, person.donor_category, person.purpose) == (
        None, "王某某", "overseas", "education")


def test_unknown_names_are_questions_not_new_records(areas, org, ledger_file, ledger_row):
    """Every rejection names the row, the column as the file spells it, the value and what to
    do, in Chinese; nothing unknown is created."""
    orgs, places = Organisation.objects.count(), Area.objects.count()
    path = ledger_file([
        ledger_row(**{"受赠乡镇": "不存在镇"}),                          # row 2
        ledger_row(**{"受赠村": "没有这个村"}),                           # row 3
        ledger_row(**{"捐赠人": None, "捐赠单位": "未登记的公司"}),        # row 4
        ledger_row(**{"受助贫困户": "X999"}),                             # row 5
        ledger_row(**{"形式": "物资"}),                                   # row 6: goods unnamed
        ledger_row(**{"捐赠方类别": "外星人"}),                           # row 7
        ledger_row(**{"金额或折价（元）": "abc"}),                        # row 8
        ledger_row(**{"捐赠日期": None}),                                 # row 9
        ledger_row(),                                                    # row 10: good
    ])
    r = donations_import(path=path)
    assert (r.rows, r.created, r.rejected) == (9, 1, 8)
    assert r.rows == r.created + r.unchanged + r.rejected
    e = _errors(r)
    assert e[(2, "受赠乡镇")] == ("不存在镇", "临洮县没有名为“不存在镇”的乡镇；请核对名称，或先在区划中登记")
    assert e[(3, "受赠村")][1] == "洮阳镇没有名为“没有这个村”的村；请核对名称，或先在区划中登记"
    assert e[(4, "捐赠单位")] == ("未登记的公司", "“未登记的公司”不是已登记的单位；请先在单位名录中登记，"
                                                  "或把捐赠方填在“捐赠人”列")
    assert e[(5, "受助贫困户")] == ("X999", "户编号 X999 不在建档立卡名册中")
    assert e[(6, "物资")][1] == "捐物须写明物资"
    assert e[(7, "捐赠方类别")][0] == "外星人" and "允许的值" in e[(7, "捐赠方类别")][1]
    assert (8, "金额或折价（元）") in e
    assert e[(9, "捐赠日期")][1] == "此列不能为空"
    assert Organisation.objects.count() == orgs and Area.objects.count() == places
    assert Donation.objects.count() == 1


def test_dry_run_and_strict_store_nothing_and_a_reimport_changes_nothing(
        areas, ledger_file, ledger_row):
    good = ledger_file([ledger_row(), ledger_row(**{"收据编号": "SJ-9", "金额或折价（元）": 500})])
    r = donations_import(path=good, dry_run=True)
    assert (r.created, r.stored) == (2, False) and Donation.objects.count() == 0
    bad = ledger_file([ledger_row(), ledger_row(**{"受赠乡镇": "不存在镇"})], name="bad.xlsx")
    r = donations_import(path=bad, strict=True)
    assert r.refused and Donation.objects.count() == 0
    assert donations_import(path=good).created == 2
    again = donations_import(path=good)
    assert (again.created, again.unchanged) == (0, 2) and Donation.objects.count() == 2
    clash = ledger_file([ledger_row(**{"收据编号": "SJ-9", "金额或折价（元）": 800}),
                         ledger_row(**{"收据编号": "SJ-10"}),
                         ledger_row(**{"收据编号": "SJ-10"})], name="clash.xlsx")
    r = donations_import(path=clash)
    e = _errors(r)
    assert e[(2, "收据编号")][1] == "收据编号 SJ-9 已登记为另一笔捐赠（2019-09-01，500.00 元）"
    assert e[(4, "收据编号")][1] == "与第 3 行的收据编号相同"
    assert (r.created, r.rejected) == (1, 2)


def test_a_township_clerk_imports_their_township_only(areas, users, ledger_file, ledger_row):
    clerk = users["township_clerk"]  # 洮阳镇
    path = ledger_file([ledger_row(), ledger_row(**{"受赠乡镇": "辛店镇", "收据编号": "X"})])
    r = donations_import(actor=clerk, path=path)
    assert (r.created, r.rejected) == (1, 1)
    assert _errors(r)[(3, "受赠乡镇")] == ("辛店镇", "辛店镇 不在您负责的区域内")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        donations_import(actor=users["case_worker"], path=path)


def test_a_ledger_saved_by_libreoffice_imports(areas, tmp_path, skip_or_fail_in_ci):
    if not shutil.which("soffice"):
        skip_or_fail_in_ci("LibreOffice (soffice) is not installed")
    csv = tmp_path / "ledger.csv"
    csv.write_text("捐赠日期,捐赠人,捐赠方类别,金额或折价（元）,用途,受赠乡镇,收据编号\n"
                   "2019-09-01,王某某,侨胞,20000,捐资助学,洮阳镇,SJ-001\n"
                   "2020-01-15,李某,港澳台,1500.50,医疗救助,辛店镇,SJ-002\n", "utf-8")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--infilter=CSV:44,34,76", "--convert-to", "xlsx", "--outdir",
                    str(tmp_path / "out"), str(csv)], check=True, capture_output=True, timeout=300)
    r = donations_import(path=tmp_path / "out" / "ledger.xlsx")
    assert (r.rows, r.created, r.rejected) == (2, 2, 0), r.as_json()
    d = Donation.objects.get(receipt_no="SJ-002")
    assert (d.date, d.amount, d.donor_category) == (datetime.date(2020, 1, 15),
                                                    Decimal("1500.50"), "hmt")


def test_the_page_checks_first_then_imports_that_file(areas, users, client, ledger_file,
                                                      ledger_row):
    from openpyxl import load_workbook

    client.force_login(users["county_admin"])
    page = client.get("/pairing/donations/import/").content.decode()
    assert "下载导入模板" in page and "上传并检查" in page
    t = client.get("/pairing/donations/import/template.xlsx")
    assert t.status_code == 200
    import io

    from xiezuo.tabular.template import HEADER_ROW

    ws = load_workbook(io.BytesIO(b"".join(t.streaming_content))).active
    assert [c.value for c in ws[HEADER_ROW]][1:6] == ["捐赠日期", "捐赠单位", "捐赠单位信用代码",
                                                      "捐赠人", "捐赠方类别"]
    path = ledger_file([ledger_row(), ledger_row(**{"受赠乡镇": "不存在镇"})])
    from xiezuo.core.models import Job

    with path.open("rb") as fh:
        client.post("/pairing/donations/import/", {"file": fh})
    job = Job.objects.latest("created_at")
    assert job.status == Job.Status.DONE
    html = client.get(job.result_url).content.decode()
    assert "导入预览" in html and 'id="import-for-real"' in html
    assert 'id="import-sample"' in html  # the file's first rows
    assert "不存在镇" in html and Donation.objects.count() == 0
    client.post(f"/pairing/donations/import/{job.pk}/confirm/")
    new = Job.objects.latest("created_at")
    html = client.get(new.result_url).content.decode()
    assert "已保存" in html and "/pairing/donations/" in html  # a link to what was stored
    assert Donation.objects.count() == 1
    # the check is confirmed once
    assert client.post(f"/pairing/donations/import/{job.pk}/confirm/").status_code == 404
    client.force_login(users["leadership"])
    assert client.get("/pairing/donations/import/").status_code == 403

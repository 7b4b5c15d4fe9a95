"""Town pairings, enterprise pairings and their activities from spreadsheets (pairing_imports):
exact counts, what each rejected row says to do (nothing unknown is ever created), dry run,
strict, re-import, scope, the command line, a file saved by LibreOffice, the page's check and
正式导入, and the templates filled in and imported."""

import datetime
import json
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.management import call_command

from xiezuo.pairing.models import EnterprisePairing, PairingActivity, TownPairing
from xiezuo.pairing.pairing_imports import (
    ActivityImport,
    EnterprisePairingImport,
    TownPairingImport,
    activities_import,
    enterprise_pairings_import,
    town_pairings_import,
)
from xiezuo.regions.models import Area
from xiezuo.tabular.testing.templates import fill_template

TOWN_HEADER = ["东部镇（街道）", "临洮乡镇", "结对日期", "结束日期", "协议编号", "备注"]
FIRM_HEADER = ["企业", "企业信用代码", "结对乡镇", "结对村", "结对形式", "结对日期", "结束日期"]
ACT_HEADER = ["活动日期", "活动类型", "东部镇（街道）", "临洮乡镇", "企业", "结对村", "捐款（元）",
              "捐赠物资", "物资折价（元）", "启动项目数", "参加人数", "内容"]


def _errors(r) -> dict:
    return {(e.row, e.column): (e.value, e.reason) for e in r.errors}


def test_town_pairings_import_with_every_unknown_name_rejected(areas, sheet):
    path = sheet(TOWN_HEADER, [
        ["仓山镇", "洮阳镇", "2018-03-01", None, "CX-1", None],
        ["仓前街道", "辛店", "2019-01-01", "2020-12-31", None, None],  # 辛店 = 辛店镇
        ["仓山镇", "不存在乡", "2018-03-01", None, None, None],
        ["不存在街道", "洮阳镇", "2018-03-01", None, None, None],
        ["仓山镇", "洮阳镇", "2018-03-01", None, None, None],  # row 2 again
        ["仓山镇", "辛店镇", "2019-05-01", "2019-01-01", None, None],  # ends before it starts
        ["仓前街道", "辛店镇", "2020-01-01", None, None, None],  # overlaps row 3
    ])
    r = town_pairings_import(path=path)
    assert (r.rows, r.created, r.unchanged, r.rejected) == (7, 2, 0, 5), r.as_json()
    e = _errors(r)
    assert e[(4, "临洮乡镇")] == ("不存在乡", "临洮县没有名为“不存在乡”的乡镇；请核对名称，或先在区划中登记")
    assert e[(5, "东部镇（街道）")][1] == "仓山区没有名为“不存在街道”的镇或街道；请核对名称，或先在区划中登记"
    assert e[(6, "结对日期")][1] == "与第 2 行是同一个结对"
    assert e[(7, "结束日期")][1] == "结束日期不能早于结对日期"
    assert e[(8, "结对日期")][1] == "与第 3 行的结对期间重叠"
    assert TownPairing.objects.count() == 2
    assert not Area.objects.filter(name__in=["不存在乡", "不存在街道"]).exists()  # never created
    p = TownPairing.objects.get(agreement_no="CX-1")
    assert (p.east_town.name, p.west_township.name, p.started_on, p.ended_on) == (
        "仓山镇", "洮阳镇", datetime.date(2018, 3, 1), None)
    # an overlap with what is already recorded
    clash = sheet(TOWN_HEADER, [["仓山镇", "洮阳镇", "2019-03-01", None, None, None]], "c.xlsx")
    r = town_pairings_import(path=clash)
    assert _errors(r)[(2, "结对日期")][1] == "这两个乡镇在该期间已有结对"


def test_dry_run_and_strict_store_nothing_and_a_reimport_changes_nothing(areas, sheet):
    good = sheet(TOWN_HEADER, [["仓山镇", "洮阳镇", "2018-03-01", None, None, None],
                               ["仓前街道", "辛店镇", "2019-01-01", None, None, None]])
    r = town_pairings_import(path=good, dry_run=True)
    assert (r.created, r.stored) == (2, False) and TownPairing.objects.count() == 0
    bad = sheet(TOWN_HEADER, [["仓山镇", "洮阳镇", "2018-03-01", None, None, None],
                              ["仓山镇", "不存在乡", "2018-03-01", None, None, None]], "bad.xlsx")
    r = town_pairings_import(path=bad, strict=True)
    assert r.refused and TownPairing.objects.count() == 0
    assert town_pairings_import(path=good).created == 2
    again = town_pairings_import(path=good)
    assert (again.created, again.unchanged) == (0, 2) and TownPairing.objects.count() == 2


def test_enterprise_pairings_name_a_registered_enterprise(areas, org, sheet):
    firm = org("福州示例食品有限公司")
    path = sheet(FIRM_HEADER, [
        ["福州示例食品有限公司", None, "洮阳镇", "测试洮阳镇1村", "一企帮一村", "2018-05-01", None],
        [None, firm.credit_code, None, "测试辛店镇1村", "多企帮一村", "2019-05-01", None],
        ["没登记的公司", None, "洮阳镇", "测试洮阳镇1村", None, "2018-05-01", None],
        ["福州示例食品有限公司", None, "洮阳镇", "不存在村", None, "2018-05-01", None],
        ["福州示例食品有限公司", None, None, "测试洮阳镇2村", "两企帮一村", "2018-05-01", None],
        [None, None, "洮阳镇", "测试洮阳镇2村", None, "2018-05-01", None],
    ])
    r = enterprise_pairings_import(path=path)
    assert (r.rows, r.created, r.rejected) == (6, 2, 4), r.as_json()
    e = _errors(r)
    assert e[(4, "企业")][1] == "“没登记的公司”不是已登记的单位；请先在单位名录中登记"
    assert e[(5, "结对村")][1] == "洮阳镇没有名为“不存在村”的村；请核对名称，或先在区划中登记"
    assert e[(6, "结对形式")][1] == "“两企帮一村”不是允许的值；允许的值：一企帮一村、多企帮一村"
    assert e[(7, "企业")][1] == "请填写企业名称或企业信用代码"
    forms = dict(EnterprisePairing.objects.values_list("village__name", "form"))
    assert forms == {"测试洮阳镇1村": "one", "测试辛店镇1村": "many"}
    assert enterprise_pairings_import(path=path).unchanged == 2


def test_activities_belong_to_a_recorded_pairing_in_force_that_day(areas, org, sheet,
                                                                   town_pairing,
                                                                   enterprise_pairing):
    firm = org("福州示例食品有限公司")
    town_pairing(started=datetime.date(2018, 3, 1))  # 仓山镇 — 洮阳镇
    enterprise_pairing(enterprise=firm, started=datetime.date(2018, 5, 1),
                       ended=datetime.date(2019, 12, 31))  # 测试洮阳镇1村
    path = sheet(ACT_HEADER, [
        ["2019-05-10", "捐款", "仓山镇", "洮阳镇", None, None, 50000, None, None, None, 6, "助学"],
        ["2019-06-01", "捐物", None, None, "福州示例食品有限公司", "测试洮阳镇1村", None, "棉被",
         3000, None, None, None],
        ["2019-07-01", "走访", "仓山镇", "辛店镇", None, None, None, None, None, None, 3, None],
        ["2020-03-01", "走访", None, "洮阳镇", "福州示例食品有限公司", "测试洮阳镇1村", None, None,
         None, None, None, None],
        ["2019-05-10", "捐款", "仓山镇", "洮阳镇", None, None, None, None, None, None, None, None],
        ["2019-08-01", "参观", "仓山镇", "洮阳镇", None, None, None, None, None, None, None, None],
        ["2019-05-10", "捐款", "仓山镇", "洮阳镇", None, None, 50000, None, None, None, 6, "助学"],
        ["2019-09-01", "项目", None, None, None, None, None, None, None, 2, None, None],
    ])
    r = activities_import(path=path)
    assert (r.rows, r.created, r.rejected) == (8, 2, 6), r.as_json()
    e = _errors(r)
    assert e[(4, "临洮乡镇")][1] == "尚未登记 仓山镇—辛店镇 的结对；请先登记结对（结对页面或导入结对）"
    assert e[(5, "活动日期")][1] == "活动日期不在结对期间内"
    assert e[(6, "捐款（元）")][1] == "捐款活动须填写金额"
    assert e[(7, "活动类型")][1].startswith("“参观”不是允许的值")
    assert e[(8, "活动日期")][1] == "与第 2 行是同一次活动（结对、日期、类型、金额和内容相同）"
    assert e[(9, "东部镇（街道）")][1].startswith("请填写东部镇（街道）和临洮乡镇")
    money = PairingActivity.objects.get(kind="money")
    assert (money.money, money.participants, money.town_pairing.west_township.name) == (
        Decimal("50000.00"), 6, "洮阳镇")
    goods = PairingActivity.objects.get(kind="goods")
    assert (goods.goods, goods.goods_value, goods.enterprise_pairing.enterprise) == (
        "棉被", Decimal("3000.00"), firm)
    again = activities_import(path=path)
    assert (again.created, again.unchanged) == (0, 2) and PairingActivity.objects.count() == 2


def test_a_township_clerk_imports_their_township_only(areas, users, sheet):
    clerk = users["township_clerk"]  # 洮阳镇
    path = sheet(TOWN_HEADER, [["仓山镇", "洮阳镇", "2018-03-01", None, None, None],
                               ["仓前街道", "辛店镇", "2019-01-01", None, None, None]])
    r = town_pairings_import(actor=clerk, path=path)
    assert (r.created, r.rejected) == (1, 1)
    assert _errors(r)[(3, "临洮乡镇")] == ("辛店镇", "辛店镇 不在您负责的区域内")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        town_pairings_import(actor=users["leadership"], path=path)


def test_the_commands_import_and_answer_in_json(areas, sheet, capsys):
    path = sheet(TOWN_HEADER, [["仓山镇", "洮阳镇", "2018-03-01", None, None, None],
                               ["仓山镇", "不存在乡", "2018-03-01", None, None, None]])
    call_command("import_town_pairings", str(path), "--dry-run", "--json")
    out = json.loads(capsys.readouterr().out)
    assert (out["rows"], out["pairings_created"], out["rejected"]) == (2, 1, 1)
    assert TownPairing.objects.count() == 0
    with pytest.raises(SystemExit) as exit_:
        call_command("import_town_pairings", str(path), "--strict")
    assert exit_.value.code == 3 and TownPairing.objects.count() == 0
    call_command("import_town_pairings", str(path))
    assert TownPairing.objects.count() == 1
    capsys.readouterr()
    acts = sheet(ACT_HEADER, [["2019-05-10", "走访", "仓山镇", "洮阳镇", None, None, None, None,
                               None, None, 3, None]], "acts.xlsx")
    call_command("import_pairing_activities", str(acts), "--json")
    assert json.loads(capsys.readouterr().out)["activities_created"] == 1
    firms = sheet(FIRM_HEADER, [["没登记的公司", None, "洮阳镇", "测试洮阳镇1村", None,
                                 "2018-05-01", None]], "firms.xlsx")
    call_command("import_enterprise_pairings", str(firms), "--json")
    assert json.loads(capsys.readouterr().out)["rejected"] == 1


def test_a_file_saved_by_libreoffice_imports(areas, tmp_path, skip_or_fail_in_ci):
    if not shutil.which("soffice"):
        skip_or_fail_in_ci("LibreOffice (soffice) is not installed")
    csv = tmp_path / "towns.csv"
    csv.write_text("东部镇（街道）,临洮乡镇,结对日期,结束日期\n仓山镇,洮阳镇,2018-03-01,\n"
                   "仓前街道,辛店镇,2019-01-01,2020-12-31\n", "utf-8")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--infilter=CSV:44,34,76", "--convert-to", "xlsx", "--outdir",
                    str(tmp_path / "out"), str(csv)], check=True, capture_output=True, timeout=300)
    r = town_pairings_import(path=tmp_path / "out" / "towns.xlsx")
    assert (r.rows, r.created, r.rejected) == (2, 2, 0), r.as_json()
    p = TownPairing.objects.get(west_township__name="辛店镇")
    assert (p.started_on, p.ended_on) == (datetime.date(2019, 1, 1), datetime.date(2020, 12, 31))


def test_the_filled_templates_import(areas, org, tmp_path):
    org("福州示例食品有限公司")
    for spec, rows, service, n in (
            (TownPairingImport, [{"east_town": "仓山镇", "township": "洮阳镇",
                                  "started_on": datetime.date(2018, 3, 1)}],
             town_pairings_import, 1),
            (EnterprisePairingImport, [{"enterprise": "福州示例食品有限公司", "township": "洮阳镇",
                                        "village": "测试洮阳镇1村", "started_on": "2018-05-01"}],
             enterprise_pairings_import, 1),
            (ActivityImport, [{"date": "2019-05-10", "kind": "捐款", "east_town": "仓山镇",
                               "township": "洮阳镇", "money": 5000}], activities_import, 1)):
        path = tmp_path / f"{spec.__name__}.xlsx"
        path.write_bytes(fill_template(spec, rows))
        got = service(path=path).as_json()
        assert (got["rows"], got["rejected"]) == (n, 0), (spec.__name__, got["errors"])


def test_the_page_checks_first_then_imports_that_file(areas, users, client, sheet):
    from xiezuo.core.models import Job

    client.force_login(users["county_admin"])
    page = client.get("/pairing/import/").content.decode()
    assert "/pairing/import/template/towns.xlsx" in page and "检查文件" in page
    path = sheet(TOWN_HEADER, [["仓山镇", "洮阳镇", "2018-03-01", None, None, None],
                               ["仓山镇", "不存在乡", "2018-03-01", None, None, None]])
    with path.open("rb") as fh:
        client.post("/pairing/import/", {"kind": "towns", "file": fh})
    job = Job.objects.latest("created_at")
    assert job.status == Job.Status.DONE, job.result
    html = client.get(job.result_url).content.decode()
    assert "正式导入" in html and "不存在乡" in html and TownPairing.objects.count() == 0
    client.post(f"/pairing/import/{job.pk}/confirm/")
    new = Job.objects.latest("created_at")
    assert new.result["pairings_created"] == 1 and TownPairing.objects.count() == 1
    assert client.post(f"/pairing/import/{job.pk}/confirm/").status_code == 404  # once
    client.force_login(users["leadership"])
    assert client.get("/pairing/import/").status_code == 403

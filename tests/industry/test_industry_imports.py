"""The linkage and sales imports end to end: every rule with exact counts, nothing stored from
a refused file, an unknown organisation never created, the same file twice changes nothing."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from xiezuo.industry.imports import linkages_import, sales_import
from xiezuo.industry.models import IndustryImport, Linkage, Sale, SaleHousehold
from xiezuo.orgs.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(org, hh, project):
    investor = org("福州某薯业有限公司")
    p = project(investor, code="LT-001", name="马铃薯精深加工")
    unsigned = project(investor, code="LT-002", name="洽谈中的项目", stage="talks")
    h1, h2 = hh(), hh()
    far = hh("621124103201")  # 辛店镇
    return {"p": p, "unsigned": unsigned, "h1": h1, "h2": h2, "far": far}


def test_linkage_rows_created_rejected_and_named(world, linkages_file, users):
    w = world
    rows = [
        {"户编号": w["h1"].number, "项目编号": "LT-001", "联结方式": "入股分红", "年度": 2019,
         "户年收益（元）": 1200},  # 2 created by number
        {"证件号码": w["h2"]._ids[1], "项目名称": "马铃薯精深加工", "联结方式": "务工工资", "年度": 2019,
         "户年收益（元）": "8000.50"},  # 3 created by a member's ID number and the project name
        {"户编号": "NO-SUCH", "项目编号": "LT-001", "联结方式": "入股分红", "年度": 2019,
         "户年收益（元）": 100},  # 4 unknown household
        {"户编号": w["h1"].number, "项目编号": "LT-999", "联结方式": "入股分红", "年度": 2019,
         "户年收益（元）": 100},  # 5 unknown project
        {"户编号": w["h1"].number, "项目编号": "LT-002", "联结方式": "入股分红", "年度": 2019,
         "户年收益（元）": 100},  # 6 project not signed
        {"户编号": w["h1"].number, "项目编号": "LT-001", "联结方式": "入股分红", "年度": 2017,
         "户年收益（元）": 100},  # 7 before signing (2018)
        {"户编号": w["h1"].number, "项目编号": "LT-001", "联结方式": "入股分红", "年度": 2019,
         "户年收益（元）": 1200},  # 8 repeats row 2
        {"户编号": w["far"].number, "项目编号": "LT-001", "联结方式": "土地流转", "年度": 2019,
         "户年收益（元）": 600},  # 9 outside 洮阳镇's clerk's scope
        {"户编号": w["h2"].number, "证件号码": w["h1"]._ids[0], "项目编号": "LT-001",
         "联结方式": "订单收购", "年度": 2020, "户年收益（元）": 300},  # 10 ID not of that household
    ]
    r = linkages_import(actor=users["township_clerk"], path=linkages_file(rows))
    assert (r.rows, r.created, r.updated, r.unchanged, r.rejected) == (9, 2, 0, 0, 7)
    by_row = {e.row: (e.column, e.reason) for e in r.errors}
    assert by_row[4][0] == "户编号" and "不在建档立卡贫困户中" in by_row[4][1]
    assert by_row[5][0] == "项目编号" and "LT-999" in by_row[5][1]
    assert "尚未签约" in by_row[6][1]
    assert by_row[7][0] == "年度" and "2018" in by_row[7][1]
    assert "第 2 行重复" in by_row[8][1]
    assert "不在您负责的区域内" in by_row[9][1]
    assert by_row[10][0] == "户编号" and "不属于户" in by_row[10][1]
    assert Linkage.objects.count() == 2
    assert Linkage.objects.get(household=w["h2"]).amount == Decimal("8000.50")
    assert r.households_linked == 2


def test_the_same_linkage_file_twice_changes_nothing_and_a_new_amount_updates(
        world, linkages_file):
    row = {"户编号": world["h1"].number, "项目编号": "LT-001", "联结方式": "入股分红", "年度": 2019,
           "户年收益（元）": 1200}
    assert linkages_import(path=linkages_file([row])).created == 1
    again = linkages_import(path=linkages_file([row]))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    changed = linkages_import(path=linkages_file([{**row, "户年收益（元）": 1500}]))
    assert (changed.created, changed.updated) == (0, 1)
    link = Linkage.objects.get()
    assert link.amount == Decimal("1500.00") and link.version == 2


def test_strict_and_dry_run_store_nothing(world, linkages_file):
    good = {"户编号": world["h1"].number, "项目编号": "LT-001", "联结方式": "入股分红", "年度": 2019,
            "户年收益（元）": 1200}
    bad = {**good, "户编号": "NO-SUCH"}
    strict = linkages_import(path=linkages_file([good, bad]), strict=True)
    assert strict.refused and strict.rejected == 1 and not strict.stored
    dry = linkages_import(path=linkages_file([good]), dry_run=True)
    assert dry.created == 1 and not dry.stored
    assert Linkage.objects.count() == 0 and IndustryImport.objects.count() == 0


@pytest.fixture
def ledger(org, hh):
    buyer = org("仓山区某机关食堂", roles=("buyer",), kind="public_body")
    coop = org("临洮县某马铃薯专业合作社", area="621124100000", roles=("supplier",),
               kind="cooperative")
    twin1 = org("同名超市", roles=("buyer",))
    twin2 = org("同名超市", roles=("buyer",))
    h1, h2 = hh(), hh()
    return {"buyer": buyer, "coop": coop, "twins": (twin1, twin2), "h1": h1, "h2": h2}


def _sale_row(ledger, **over):
    row = {"销售日期": "2019-06-18", "产品": "马铃薯", "产地乡镇": "洮阳镇",
           "供货主体": ledger["coop"].name, "采购单位": ledger["buyer"].name, "采购方类别": "机关食堂",
           "销售渠道": "机关食堂·工会采购", "数量": 500, "单位": "公斤", "金额（元）": 1500,
           "带动贫困户": f"{ledger['h1'].number}、{ledger['h2'].number}"}
    row.update(over)
    return row


def test_sales_rows_matched_to_registered_organisations_only(ledger, sales_file):
    L = ledger
    rows = [
        _sale_row(L),  # 2 created, by names
        _sale_row(L, **{"采购单位": "", "采购单位信用代码": L["buyer"].credit_code,
                        "金额（元）": 2000}),  # 3 created, buyer by credit code
        _sale_row(L, **{"采购单位": "未登记的公司", "金额（元）": 10}),  # 4 unknown buyer
        _sale_row(L, **{"采购单位": "另一个名字", "采购单位信用代码": L["buyer"].credit_code,
                        "金额（元）": 11}),  # 5 code registered under another name
        _sale_row(L, **{"采购单位": "同名超市", "金额（元）": 12}),  # 6 two of that name
        _sale_row(L, **{"产地乡镇": "火星镇", "金额（元）": 13}),  # 7 no such township
        _sale_row(L, **{"带动贫困户": "NO-SUCH", "金额（元）": 14}),  # 8 unknown household
        _sale_row(L),  # 9 repeats row 2
        _sale_row(L, **{"备注": "第二车", "带动贫困户": ""}),  # 10 created: the note tells it apart
        _sale_row(L, **{"产地乡镇": "洮阳", "金额（元）": 15}),  # 11 created: 洮阳 is 洮阳镇
    ]
    orgs_before = Organisation.objects.count()
    r = sales_import(path=sales_file(rows))
    assert (r.rows, r.created, r.unchanged, r.rejected) == (10, 4, 0, 6)
    by_row = {e.row: (e.column, e.reason) for e in r.errors}
    assert by_row[4] == ("采购单位", by_row[4][1]) and "未在企业与组织中登记" in by_row[4][1]
    assert by_row[5][0] == "采购单位信用代码" and "另一个名字" not in by_row[5][1]
    assert "有 2 个单位名为" in by_row[6][1]
    assert by_row[7][0] == "产地乡镇"
    assert by_row[8][0] == "带动贫困户" and "NO-SUCH" in by_row[8][1]
    assert "第 2 行完全相同" in by_row[9][1]
    assert Organisation.objects.count() == orgs_before  # nothing created silently
    assert Sale.objects.count() == 4
    assert Sale.objects.filter(amount=Decimal("2000.00")).get().buyer == L["buyer"]
    assert SaleHousehold.objects.count() == 6  # rows 2, 3, 11 with two households each
    assert r.households_linked == 2


def test_the_same_sales_sheet_twice_is_counted_once(ledger, sales_file):
    path = sales_file([_sale_row(ledger), _sale_row(ledger, **{"金额（元）": 99})])
    assert sales_import(path=path).created == 2
    again = sales_import(path=path)
    assert (again.created, again.unchanged, again.rejected) == (0, 2, 0)
    assert Sale.objects.count() == 2


def test_imported_sales_store_date_quantity_and_amount_as_the_orm_does(ledger, sales_file):
    """tabular.bulk hands a Decimal and a date to the SQLite driver as they are (no field API):
    the stored text must be what Model.save stores, or the duplicate check and the sums drift."""
    from django.db import connection

    sales_import(path=sales_file([_sale_row(ledger, **{"数量": "12.5", "金额（元）": "1500.1",
                                                      "带动贫困户": ""})]))
    imported = Sale.objects.get()
    orm = Sale.objects.get(pk=imported.pk)
    orm.pk, orm.source_import, orm.source_row = None, None, None
    orm.save()
    with connection.cursor() as c:
        c.execute("SELECT id, date, quantity, amount FROM industry_sale ORDER BY id")
        (_a, *stored), (_b, *saved) = c.fetchall()
    assert stored == saved
    assert (imported.date, imported.quantity, imported.amount) == (
        datetime.date(2019, 6, 18), Decimal("12.500"), Decimal("1500.10"))
    again = sales_import(path=sales_file([_sale_row(ledger, **{
        "数量": "12.5", "金额（元）": "1500.1", "带动贫困户": ""})], name="again.xlsx"))
    assert (again.created, again.unchanged) == (0, 1)


def test_a_township_clerk_imports_only_sales_of_the_township(ledger, sales_file, users):
    rows = [_sale_row(ledger), _sale_row(ledger, **{"产地乡镇": "辛店镇", "带动贫困户": ""})]
    r = sales_import(actor=users["township_clerk"], path=sales_file(rows))
    assert (r.created, r.rejected) == (1, 1)
    assert "不在您负责的区域内" in r.errors[0].reason


def test_a_refused_role_cannot_import(ledger, sales_file, users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        sales_import(actor=users["fund_officer"], path=sales_file([_sale_row(ledger)]))


def test_the_commands_print_the_json_summary_and_exit_codes(ledger, sales_file, capsys):
    path = sales_file([_sale_row(ledger), _sale_row(ledger, **{"采购单位": "未登记", "金额（元）": 5})])
    call_command("import_sales", str(path), "--json", "--dry-run")
    out = json.loads(capsys.readouterr().out)
    assert (out["rows"], out["sales_created"], out["rejected"]) == (2, 1, 1)
    assert out["errors"][0]["row"] == 3 and out["errors"][0]["column"] == "采购单位"
    with pytest.raises(SystemExit) as e:
        call_command("import_sales", str(path), "--strict")
    assert e.value.code == 3
    assert Sale.objects.count() == 0
    missing = sales_file([{"产品": "x"}], name="bad.xlsx", header=["产品", "单位"])
    with pytest.raises(SystemExit) as e:
        call_command("import_sales", str(missing))
    assert e.value.code == 2


def test_import_linkages_command_stores_and_reports(world, linkages_file, capsys):
    path = linkages_file([{"户编号": world["h1"].number, "项目编号": "LT-001", "联结方式": "分红",
                           "年度": 2019, "户年收益（元）": 800}])
    call_command("import_linkages", str(path), "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["linkages_created"] == 1 and out["stored"] is True
    assert Linkage.objects.get().source_row == 2
    assert datetime.date.today().year >= 2019

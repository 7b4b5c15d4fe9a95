"""Import of projects and disbursements with the roster import's rules, and export round-trips."""

import datetime

import pytest

from xiezuo.accounts.models import AuditEvent
from xiezuo.funds import exports, imports
from xiezuo.funds.models import Disbursement, LedgerEntry, Project

V_TAOYANG = "621124100202"
V_TAOYANG_DEEP = "621124100201"
V_XINDIAN = "621124103202"


@pytest.fixture
def f(areas, users, build):
    return build(areas, users) | {"users": users, "areas": areas}


def test_project_import_counts_and_names_every_rejected_row(f, tmp_path, funds_xlsx,
        run_import_funds, funds_headers):
    path = funds_xlsx(tmp_path / "p.xlsx", funds_headers.projects, [
        ["LT2018-101", "新村道", "村组道路", 2018, V_TAOYANG, "120,000", "2018-04-01",
         43404, "实施中", "x"],
        [],  # blank rows are skipped and not counted
        ["LT2018-102", "坏类别", "桥梁", 2018, V_TAOYANG, "1000", None, None, None, None],
        ["LT2018-103", "无村", "安全饮水", 2018, "", "1000", None, None, None, None],
        ["LT2018-104", "负预算", "安全饮水", 2018, V_XINDIAN, "-5", None, None, None, None],
        ["LT2018-101", "重复", "村组道路", 2018, V_TAOYANG, "1", None, None, None, None],
        ["LT2018-105", "两个村", "危房改造", "2018", f"洮阳镇/测试洮阳镇1村、{V_XINDIAN}",
         80000.5, "2018/5/1", "2018年9月30日", "已立项", None],
        ["LT2018-106", "不存在的村", "危房改造", 2018, "999999999999", "1", None, None, None,
         None],
    ])
    code, s = run_import_funds("projects", path)
    assert code == 0
    assert (s["rows"], s["projects_created"], s["projects_updated"], s["unchanged"],
            s["rejected"]) == (7, 2, 0, 0, 5)
    assert s["rows"] == s["projects_created"] + s["projects_updated"] + s["unchanged"] + \
        s["rejected"]
    assert s["ignored_columns"] == ["备用列"]
    by_row = {e["row"]: e for e in s["errors"]}
    assert set(by_row) == {6, 7, 8, 9, 11}
    assert by_row[6]["column"] == "项目类别" and "村组道路" in by_row[6]["reason"]
    assert "至少要有一个实施村" in by_row[7]["reason"]
    assert by_row[8]["column"] == "预算(元)" and "负数" in by_row[8]["reason"]
    assert "第 4 行" in by_row[9]["reason"]
    assert by_row[11]["value"] == "999999999999"
    p = Project.objects.get(code="LT2018-101")
    assert str(p.budget) == "120000.00" and p.planned_end == datetime.date(2018, 10, 31)
    assert Project.objects.get(code="LT2018-105").villages.count() == 2
    assert s["report"] and AuditEvent.objects.filter(action="import").exists()


def test_missing_required_column_refuses_the_file(f, tmp_path, funds_xlsx, run_import_funds):
    path = funds_xlsx(tmp_path / "p.xlsx", ["项目编号", "项目名称", "项目类别", "资金年度", "实施村"],
                 [["A", "B", "村组道路", 2018, V_TAOYANG]])
    code, s = run_import_funds("projects", path)
    assert code == 2 and "预算（元）" in s["refused"]
    assert not Project.objects.filter(code="A").exists()


def test_strict_stores_nothing_when_a_row_is_rejected(f, tmp_path, funds_xlsx, run_import_funds,
        funds_headers):
    path = funds_xlsx(tmp_path / "p.xlsx", funds_headers.projects, [
        ["S-1", "好", "村组道路", 2018, V_TAOYANG, "1000", None, None, None, None],
        ["S-2", "坏", "村组道路", 2018, V_TAOYANG, "abc", None, None, None, None]])
    code, s = run_import_funds("projects", path, "--strict")
    assert code == 3 and s["rejected"] == 1
    assert not Project.objects.filter(code__startswith="S-").exists()


def test_dry_run_stores_nothing(f, tmp_path, funds_xlsx, run_import_funds, funds_headers):
    path = funds_xlsx(tmp_path / "p.xlsx", funds_headers.projects, [
        ["S-1", "好", "村组道路", 2018, V_TAOYANG, "1000", None, None, None, None]])
    entries = LedgerEntry.objects.count()
    code, s = run_import_funds("projects", path, "--dry-run")
    assert code == 0 and s["projects_created"] == 1
    assert not Project.objects.filter(code="S-1").exists()
    assert LedgerEntry.objects.count() == entries


def test_disbursement_import_rules_and_idempotence(f, tmp_path, funds_xlsx, run_import_funds,
        funds_headers):
    rows = [
        ["LT2018-001", "2018-06-01", "100000", "临洮县路桥公司", "PZ-1"],
        ["LT2018-001", 43300, 50000.5, "临洮县路桥公司", "PZ-2"],
        ["LT2018-001", "2018-07-01", "200000", "超预算", "PZ-3"],  # 300,000 budget
        ["NOPE", "2018-07-01", "1", "x", "PZ-4"],
        ["LT2018-002", "2018-13-01", "1", "x", "PZ-5"],
        ["LT2018-002", "2018-07-01", "-1", "x", "PZ-6"],
        ["LT2018-002", "2018-07-01", "10", "", "PZ-7"],
        ["LT2018-002", "2018-07-02", "20", "无凭证", None],
    ]
    path = funds_xlsx(tmp_path / "d.xlsx", funds_headers.disbursements, rows)
    code, s = run_import_funds("disbursements", path)
    assert code == 0
    assert (s["rows"], s["disbursements_created"], s["unchanged"], s["rejected"]) == (8, 3, 0, 5)
    reasons = {e["row"]: e["reason"] for e in s["errors"]}
    assert "超出项目预算" in reasons[6] and "NOPE" in reasons[7] and "日期" in reasons[8]
    assert "负数" in reasons[9] and "收款" in reasons[10]
    assert Disbursement.objects.count() == 3
    # The same file again changes nothing.
    code, s = run_import_funds("disbursements", path)
    assert (s["disbursements_created"], s["unchanged"], s["rejected"]) == (0, 3, 5)
    assert Disbursement.objects.count() == 3
    # A posted voucher with other figures is refused: corrections are reversals.
    path2 = funds_xlsx(tmp_path / "d2.xlsx", funds_headers.disbursements, [
        ["LT2018-001", "2018-06-01", "99999", "临洮县路桥公司", "PZ-1"]])
    code, s = run_import_funds("disbursements", path2)
    assert s["rejected"] == 1 and "冲销" in s["errors"][0]["reason"]


def test_disbursement_import_respects_the_years_allocation(areas, users, tmp_path, build,
        funds_xlsx, run_import_funds, funds_headers):
    build(areas, users, allocation="350000")
    path = funds_xlsx(tmp_path / "d.xlsx", funds_headers.disbursements, [
        ["LT2018-001", "2018-06-01", "300000", "a", "1"],
        ["LT2018-002", "2018-06-01", "60000", "b", "2"]])
    code, s = run_import_funds("disbursements", path)
    assert s["disbursements_created"] == 1 and s["rejected"] == 1
    assert "未支出的拨入资金" in s["errors"][0]["reason"]


def test_csv_in_gb18030_is_read(f, tmp_path, run_import_funds):
    path = tmp_path / "d.csv"
    path.write_bytes(("项目编号,支付日期,金额（元）,收款单位或个人,凭证号\n"
                      "LT2018-002,2018-06-01,１２３.４,收款人,Ｘ-1\n").encode("gb18030"))
    code, s = run_import_funds("disbursements", path)
    assert code == 0 and s["disbursements_created"] == 1
    d = Disbursement.objects.get()
    assert str(d.amount) == "123.40" and d.voucher_no == "X-1"


@pytest.mark.parametrize("what", ["projects", "disbursements"])
def test_export_then_import_is_unchanged(f, tmp_path, what, pay, run_import_funds):
    from xiezuo.registry.models import Household

    areas = f["areas"]
    h = Household.objects.create(county=f["county"], township=areas["621124100000"],
                                 village=areas[V_TAOYANG_DEEP], number="H-9")
    f["p1"].beneficiaries.add(h)
    pay(f["p1"], "1234.56", actor=f["officer"], voucher="E-1")
    pay(f["p2"], "99", actor=f["officer"], voucher="")
    out = tmp_path / f"{what}.xlsx"
    exports.export(user=f["officer"], what=what, out=str(out))
    code, s = run_import_funds(what, out)
    assert code == 0 and s["rejected"] == 0, s["errors"]
    assert s["unchanged"] == s["rows"] > 0


def test_ledger_export_has_the_hashes(f, tmp_path):
    out = tmp_path / "ledger.csv"
    n = exports.export(user=f["officer"], what="ledger", out=str(out), fmt="csv")
    text = out.read_text(encoding="utf-8-sig")
    assert n == LedgerEntry.objects.count()
    assert LedgerEntry.objects.last().hash in text


def test_importer_needs_a_fund_role(f, tmp_path, funds_xlsx, funds_headers):
    from django.core.exceptions import PermissionDenied

    path = funds_xlsx(tmp_path / "p.xlsx", funds_headers.projects, [])
    with pytest.raises(PermissionDenied):
        imports.import_projects(actor=f["users"]["leadership"], path=path)


def test_changed_projects_are_updated_through_the_service_and_its_refusals_reject_the_row(
        f, tmp_path, pay, funds_xlsx, run_import_funds, funds_headers):
    """A changed row goes through project_update (a version read by the import, a ledger entry
    for a new budget); a budget below what was paid is refused by the service as it writes, and
    rejects that row only. A dry run reports the same and writes nothing."""
    pay(f["p1"], "200000", actor=f["officer"], voucher="U-1")
    rows = [
        ["LT2018-001", "测试村道路硬化", "村组道路", 2018, V_TAOYANG_DEEP, "150000", "2018-04-01",
         "2018-10-31", "已立项", None],  # below the 200,000 paid
        ["LT2018-002", "辛店镇安全饮水二期", "安全饮水", 2018, V_XINDIAN, "250000",
         "2018-05-01", "2018-09-30", "已立项", None],
    ]
    path = funds_xlsx(tmp_path / "p.xlsx", funds_headers.projects, rows)
    entries = LedgerEntry.objects.count()
    code, s = run_import_funds("projects", path, "--dry-run")
    assert (s["projects_created"], s["projects_updated"], s["rejected"]) == (0, 1, 1)
    assert "不能少于已支出" in s["errors"][0]["reason"] and s["errors"][0]["row"] == 4
    assert Project.objects.get(code="LT2018-002").budget == 200000
    assert LedgerEntry.objects.count() == entries
    code, s = run_import_funds("projects", path)
    assert code == 0 and (s["rows"], s["projects_updated"], s["unchanged"], s["rejected"]) == (
        2, 1, 0, 1)
    p2 = Project.objects.get(code="LT2018-002")
    assert (p2.name, p2.budget, p2.version) == ("辛店镇安全饮水二期", 250000, 2)
    assert Project.objects.get(code="LT2018-001").budget == 300000
    assert LedgerEntry.objects.count() == entries + 1  # the new budget
    code, s = run_import_funds("projects", path, "--strict")
    assert code == 3 and s["rejected"] == 1  # the refused row again: nothing stored

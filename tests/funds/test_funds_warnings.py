"""What a fund officer is warned about but may still do (funds/warnings.py, decision 0008): a
voucher number already used (the form asks once, the import lists it before 正式导入), and the
year's project budgets above its allocation (said after saving)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from xiezuo.funds import services
from xiezuo.funds.imports import import_disbursements
from xiezuo.funds.models import Disbursement
from xiezuo.funds.warnings import EarlierPayment, over_allocation, voucher_warning


@pytest.fixture
def f(areas, users, build, pay):
    f = build(areas, users)
    f["d1"] = pay(f["p1"], "1000", actor=f["officer"], voucher="记-2018-06-001")
    return f


@pytest.mark.parametrize(("allocated", "budgeted", "beyond"), [
    ("1000", "999.99", None), ("1000", "1000", None), ("1000", "1000.01", "0.01"),
    ("0", "5", "5")])
def test_over_allocation(allocated, budgeted, beyond):
    got = over_allocation(allocated=Decimal(allocated), budgeted=Decimal(budgeted))
    assert got == (None if beyond is None else Decimal(beyond))


def test_the_voucher_warning_names_the_earlier_payments():
    e = EarlierPayment(7, "LT2018-001", "测试村道路硬化", datetime.date(2018, 6, 1),
                       Decimal("1000"), "临洮县某建筑公司")
    text = voucher_warning("记-1", [e])
    assert "记-1" in text and "LT2018-001" in text and "测试村道路硬化" in text
    assert "1,000.00" in text and "2018-06-01" in text and "临洮县某建筑公司" in text
    assert "等 5 笔" in voucher_warning("记-1", [e] * 5) and voucher_warning("记-1", []) == ""


def test_a_voucher_number_already_used_is_asked_about_once(client, f):
    client.force_login(f["officer"])
    url = reverse("funds:disbursement_create", args=[f["p2"].pk])
    data = {"amount": "500", "date": "2018-07-01", "payee": "施工队",
            "voucher_no": "记-2018-06-001"}
    r = client.post(url, data)
    page = r.content.decode()
    assert r.status_code == 400 and Disbursement.objects.count() == 1
    assert "已用于" in page and "LT2018-001" in page and 'name="voucher_confirmed"' in page
    r = client.post(url, {**data, "voucher_confirmed": "on"})
    assert r.status_code == 302 and Disbursement.objects.filter(
        voucher_no="记-2018-06-001").count() == 2


def test_a_reversed_payment_frees_its_voucher_number(client, f):
    services.disbursement_reverse(actor=f["officer"], disbursement=f["d1"], reason="金额有误")
    client.force_login(f["officer"])
    r = client.post(reverse("funds:disbursement_create", args=[f["p1"].pk]), {
        "amount": "900", "date": "2018-07-01", "payee": "施工队", "voucher_no": "记-2018-06-001"})
    assert r.status_code == 302


def test_the_import_lists_a_used_voucher_number_and_imports_the_row(f, funds_xlsx, tmp_path):
    path = funds_xlsx(tmp_path / "支出.xlsx", ["项目编号", "支付日期", "金额（元）", "收款单位或个人", "凭证号"],
                      [["LT2018-002", "2018-07-01", "300", "施工队", "记-2018-06-001"],
                       ["LT2018-002", "2018-07-02", "200", "施工队", "记-2018-07-009"],
                       ["LT2018-003", "2018-07-02", "100", "施工队", "记-2018-07-009"]])
    dry = import_disbursements(actor=f["officer"], path=path, dry_run=True).as_json()
    assert dry["disbursements_created"] == 3 and dry["rejected"] == 0
    warned = {w["row"]: w["reason"] for w in dry["warnings"]}
    assert set(warned) == {4, 6} and "LT2018-001" in warned[4] and "第 5 行" in warned[6]
    done = import_disbursements(actor=f["officer"], path=path).as_json()
    assert done["disbursements_created"] == 3 and len(done["warnings"]) == 2


def test_budgets_beyond_the_years_allocation_are_warned_after_saving(client, f, areas):
    client.force_login(f["officer"])
    r = client.post(reverse("funds:project_create"), {
        "code": "LT2018-BIG", "name": "超出拨入的项目", "category": "road", "year": 2018,
        "villages": [areas["621124100201"].pk], "budget": "900000", "status": "planned"},
        follow=True)
    page = r.content.decode()
    # 600,000 budgeted before, 1,000,000 allocated: 500,000 beyond
    assert "项目已登记" in page and "超出本年度已拨入资金" in page and "500,000.00" in page

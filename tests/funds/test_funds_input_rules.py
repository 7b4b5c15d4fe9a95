"""What may go onto the ledger: dates in a sane range, amounts written plainly, texts within their
columns, and a paid project's villages fixed. Each rule is in the service, so the form, the API
and the import all refuse the same input with the same Chinese message."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from xiezuo.funds import services
from xiezuo.funds.models import Disbursement, LedgerEntry
from xiezuo.funds.money import AmountError, parse_amount

V_TAOYANG = "621124100202"
V_TAOYANG_DEEP = "621124100201"
V_XINDIAN = "621124103202"


@pytest.fixture
def f(areas, users, build):
    return build(areas, users) | {"users": users, "areas": areas}


def _post(f, **changes):
    args = {"actor": f["officer"], "project": f["p1"], "amount": "100", "payee": "施工队",
            "date": datetime.date(2018, 6, 1)} | changes
    return services.disbursement_post(**args)


# --- Dates ------------------------------------------------------------------------------------
@pytest.mark.parametrize("day,words", [
    (datetime.date(1, 1, 1), "早于项目的资金年度 2018 年"),
    (datetime.date(2017, 12, 31), "早于项目的资金年度 2018 年"),
    (None, "支付日期不能为空"),
])
def test_a_disbursement_dated_before_its_projects_funding_year_is_refused(f, day, words):
    entries = LedgerEntry.objects.count()
    with pytest.raises(services.FundsRuleError) as exc:
        _post(f, date=day)
    assert words in " ".join(exc.value.messages)
    assert LedgerEntry.objects.count() == entries and not Disbursement.objects.exists()


def test_a_disbursement_dated_after_today_is_refused(f):
    with pytest.raises(services.FundsRuleError, match="不能晚于今天"):
        _post(f, date=timezone.localdate() + datetime.timedelta(days=1))


def test_a_disbursement_on_the_first_day_of_its_funding_year_or_today_is_posted(f):
    _post(f, date=datetime.date(2018, 1, 1))
    _post(f, date=timezone.localdate())
    assert Disbursement.objects.count() == 2


def test_the_form_refuses_a_disbursement_dated_0001_01_01(client, f):
    client.force_login(f["officer"])
    r = client.post(reverse("funds:disbursement_create", args=[f["p1"].pk]), {
        "amount": "100", "date": "0001-01-01", "payee": "施工队"})
    assert r.status_code == 400 and "早于项目的资金年度" in r.content.decode()
    assert not Disbursement.objects.exists()


def test_the_api_refuses_a_disbursement_dated_0001_01_01_with_400(client, f):
    client.force_login(f["officer"])
    r = client.post(f"/api/funds/projects/{f['p1'].pk}/disbursements", json.dumps(
        {"amount": "100", "date": "0001-01-01", "payee": "施工队"}),
        content_type="application/json")
    assert r.status_code == 400 and "早于项目的资金年度" in r.json()["detail"]
    assert not Disbursement.objects.exists()


def test_the_import_refuses_a_row_dated_0001_01_01(f, tmp_path, funds_headers, funds_xlsx,
        run_import_funds):
    path = funds_xlsx(tmp_path / "d.xlsx", funds_headers.disbursements, [
        ["LT2018-001", "0001-01-01", "100", "施工队", "PZ-1"],
        ["LT2018-001", "2018-06-01", "100", "施工队", "PZ-2"]])
    code, s = run_import_funds("disbursements", path)
    assert (s["disbursements_created"], s["rejected"]) == (1, 1)
    assert "日期" in s["errors"][0]["reason"]
    assert list(Disbursement.objects.values_list("voucher_no", flat=True)) == ["PZ-2"]


@pytest.mark.parametrize("day,words", [
    (datetime.date(1, 1, 1), "早于 2017 年"),
    (datetime.date(2016, 12, 31), "早于 2017 年"),
    (datetime.date(9999, 12, 31), "不能晚于今天"),
])
def test_an_allocation_dated_outside_its_year_and_the_year_before_is_refused(f, day, words):
    with pytest.raises(services.FundsRuleError) as exc:
        services.allocation_record(actor=f["officer"], county=f["county"], year=2018,
                                   source="east_fiscal", amount="1000", date=day)
    assert words in " ".join(exc.value.messages)


def test_an_allocation_arriving_the_year_before_is_recorded(f):
    services.allocation_record(actor=f["officer"], county=f["county"], year=2018,
                               source="east_fiscal", amount="1000",
                               date=datetime.date(2017, 12, 20))


# --- Amounts ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["1e3", "1E3", "1e-2", "1.5e2", "NaN", "nan", "sNaN", "Infinity",
                                  "-Infinity", "inf", "0x10", "1_000", "1.001", "0.005"])
def test_parse_amount_refuses_exponents_nan_infinity_and_more_than_two_decimals(text):
    with pytest.raises(AmountError):
        parse_amount(text)


@pytest.mark.parametrize("text,value", [("1000", "1000.00"), ("1,234.50元", "1234.50"),
                                        ("￥12.5", "12.50"), (".5", "0.50"), ("12.", "12.00")])
def test_parse_amount_reads_plain_amounts(text, value):
    assert str(parse_amount(text)) == value


def test_an_amount_in_exponent_notation_is_refused_by_form_api_and_import(client, f, tmp_path,
        funds_headers, funds_xlsx, run_import_funds):
    client.force_login(f["officer"])
    r = client.post(reverse("funds:disbursement_create", args=[f["p1"].pk]), {
        "amount": "1e3", "date": "2018-06-01", "payee": "施工队"})
    assert r.status_code == 400 and "科学计数法" in r.content.decode()
    r = client.post(f"/api/funds/projects/{f['p1'].pk}/disbursements", json.dumps(
        {"amount": "1e3", "date": "2018-06-01", "payee": "施工队"}),
        content_type="application/json")
    assert r.status_code == 400 and "科学计数法" in r.json()["detail"]
    path = funds_xlsx(tmp_path / "d.xlsx", funds_headers.disbursements, [
        ["LT2018-001", "2018-06-01", "1e3", "施工队", "PZ-1"],
        ["LT2018-001", "2018-06-01", "NaN", "施工队", "PZ-2"]])
    code, s = run_import_funds("disbursements", path)
    assert s["rejected"] == 2 and "科学计数法" in s["errors"][0]["reason"]
    assert not Disbursement.objects.exists()


# --- Texts ------------------------------------------------------------------------------------
def test_a_payee_longer_than_its_column_is_refused_in_the_service(f):
    with pytest.raises(services.FundsRuleError, match="最长 200 个字"):
        _post(f, payee="甲" * 201)
    _post(f, payee="甲" * 200)


def test_the_api_refuses_a_payee_longer_than_its_column_with_422(client, f):
    client.force_login(f["officer"])
    r = client.post(f"/api/funds/projects/{f['p1'].pk}/disbursements", json.dumps(
        {"amount": "100", "date": "2018-06-01", "payee": "甲" * 201}),
        content_type="application/json")
    assert r.status_code == 422 and not Disbursement.objects.exists()


# --- A paid project's villages -----------------------------------------------------------------
def test_a_paid_projects_villages_cannot_be_changed(f, pay):
    pay(f["p1"], "1000", actor=f["officer"])
    with pytest.raises(services.FundsRuleError, match="已有支出，不能再修改实施村"):
        services.project_update(actor=f["officer"], project=f["p1"],
                                version=f["p1"].version, changes={},
                                villages=[f["areas"][V_XINDIAN]])
    with pytest.raises(services.FundsRuleError, match="已有支出"):
        services.project_update(actor=f["officer"], project=f["p1"],
                                version=f["p1"].version, changes={},
                                villages=[f["areas"][V_TAOYANG_DEEP], f["areas"][V_TAOYANG]])
    assert [v.code for v in f["p1"].villages.all()] == [V_TAOYANG_DEEP]


def test_a_paid_project_keeps_its_villages_through_the_edit_page(client, f, pay):
    pay(f["p1"], "1000", actor=f["officer"])
    client.force_login(f["officer"])
    r = client.post(reverse("funds:project_edit", args=[f["p1"].pk]), {
        "name": f["p1"].name, "category": f["p1"].category, "budget": "300000",
        "villages": [f["areas"][V_XINDIAN].pk], "status": f["p1"].status,
        "version": f["p1"].version})
    assert r.status_code == 400 and "已有支出" in r.content.decode()
    assert [v.code for v in f["p1"].villages.all()] == [V_TAOYANG_DEEP]


def test_a_paid_project_can_still_be_edited_with_the_same_villages(f, pay):
    pay(f["p1"], "1000", actor=f["officer"])
    services.project_update(actor=f["officer"], project=f["p1"],
                            version=f["p1"].version, changes={"name": "新名称"},
                            villages=[f["areas"][V_TAOYANG_DEEP]])
    f["p1"].refresh_from_db()
    assert f["p1"].name == "新名称"


def test_an_unpaid_projects_villages_can_be_changed(f):
    services.project_update(actor=f["officer"], project=f["p2"],
                            version=f["p2"].version, changes={},
                            villages=[f["areas"][V_TAOYANG]])
    assert [v.code for v in f["p2"].villages.all()] == [V_TAOYANG]

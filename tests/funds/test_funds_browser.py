"""In the browser: a fund officer records a disbursement and sees the supervision totals move."""

import pytest
from django.db import connection

from xiezuo.funds import triggers


@pytest.fixture
def unlock_ledger_after():
    """The test database is emptied with DELETE on SQLite, which the ledger's trigger refuses;
    drop it for the flush (post_migrate after the flush installs it again)."""
    yield
    triggers.drop(connection)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_record_a_disbursement_and_see_the_totals_change(page, areas, users,
                                                          unlock_ledger_after, build,
                                                          browser_login, screenshot):
    f = build(areas, users)
    user = f["officer"]
    browser_login(page, user.username)
    page.goto(page.base_url + "/funds/?year=2018")
    assert page.inner_text("#total-disbursed").strip() == "0.00"
    assert page.inner_text("#total-remaining").strip() == "1,000,000.00"

    page.goto(page.base_url + f"/funds/projects/{f['p1'].pk}/")
    page.get_by_label("金额（元）").fill("12,345.60")
    page.get_by_label("支付日期").fill("2018-06-15")
    page.get_by_label("收款单位或个人").fill("临洮县路桥工程公司")
    page.get_by_label("凭证号").fill("2018-0615")
    page.click("#disburse-form button[type=submit]")
    page.wait_for_load_state()
    assert "12,345.60" in page.inner_text("#project-disbursed")

    page.goto(page.base_url + "/funds/?year=2018")
    assert page.inner_text("#total-disbursed").strip() == "12,345.60"
    assert page.inner_text("#total-remaining").strip() == "987,654.40"
    screenshot(page, "funds-supervision-after-disbursement")

    # A refused amount comes back with its reason on the form, nothing posted.
    page.goto(page.base_url + f"/funds/projects/{f['p1'].pk}/")
    page.get_by_label("金额（元）").fill("999999")
    page.get_by_label("收款单位或个人").fill("x")
    page.click("#disburse-form button[type=submit]")
    assert "超出项目预算" in page.inner_text("#disburse-form")

"""In a browser: a township clerk records a sale and sees the consumption total on the home
dashboard and on the totals page change."""

import pytest

from xiezuo.industry.models import Sale
from xiezuo.regions.models import Area


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_record_a_sale_and_see_the_consumption_total_change(page, users, org, sale,
                                                           browser_login, screenshot):
    buyer = org("仓山区某机关食堂", roles=("buyer",))
    coop = org("临洮县洮阳某合作社", area="621124100000", roles=("supplier",))
    sale(buyer, coop, amount="1000.00")

    browser_login(page, users["township_clerk"].username)
    page.goto(page.base_url + "/")
    # the home card is in 万元 (10,000 yuan), two places
    assert _sales_card(page) == "0.10 万元"

    page.goto(page.base_url + "/industry/sales/new/")
    page.fill("#id_date", "2019-07-01")
    page.fill("#id_product", "高原夏菜")
    page.select_option("#id_township", str(Area.objects.get(code="621124100000").pk))
    page.select_option("#id_supplier", str(coop.pk))
    page.select_option("#id_buyer", str(buyer.pk))
    page.select_option("#id_buyer_kind", "canteen")
    page.select_option("#id_channel", "canteen_union")
    page.fill("#id_quantity", "200")
    page.fill("#id_unit", "公斤")
    page.fill("#id_amount", "500.50")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/industry/sales/*/")
    assert "已登记销售" in page.locator(".messages").inner_text()

    page.goto(page.base_url + "/")
    assert _sales_card(page) == "0.15 万元"
    screenshot(page, "industry-home-after-sale")
    page.goto(page.base_url + "/industry/sales/totals/")
    assert "共 2 笔，合计 1,500.50 元" in page.locator("#totals-summary").inner_text()
    screenshot(page, "industry-totals")
    assert Sale.objects.count() == 2


def _sales_card(page) -> str:
    title = page.locator(".title", has_text="消费扶贫：东部采购和帮助销售的临洮农产品")
    card = page.locator(".card", has=title).first
    return card.locator(".value").inner_text().strip()

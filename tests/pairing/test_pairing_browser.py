"""In a browser: the eastern officer records a town–township pairing on its form and imports a
donation ledger (check, then 正式导入); the coverage chart turns the township green and the
home page's pairing and donation figures change."""

import datetime
import re

import pytest

from xiezuo.pairing.models import Donation, TownPairing
from xiezuo.regions.reference import TAOYANG, XINDIAN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2020  # the home card's year (this year, kept within the plan's 2017–2020)


def _town_bars(page) -> dict[str, str]:
    """The coverage chart's bars as drawn: township name -> bar colour."""
    page.goto(page.base_url + f"/pairing/?year={YEAR}")
    page.wait_for_function("window.echarts && echarts.getInstanceByDom("
                           "document.getElementById('coverage-towns'))")
    return page.evaluate("""() => {
        const o = echarts.getInstanceByDom(document.getElementById('coverage-towns')).getOption();
        const names = o.xAxis[0].data;
        return Object.fromEntries(o.series[0].data.map((d, i) => [names[i], d.itemStyle.color]));
    }""")


def _number(text: str) -> float:
    return float(re.search(r"[\d,.]+", text).group().replace(",", ""))


def _card(page, title: str) -> str:
    page.goto(page.base_url + "/")
    card = page.locator(".card", has=page.locator(".title", has_text=title)).first
    return card.locator(".value").inner_text()


def test_a_pairing_and_a_donation_show_on_the_chart_and_the_home_page(
        page, users, areas, town_pairing, ledger_file, ledger_row, browser_login, screenshot):
    town_pairing(west=TAOYANG, started=datetime.date(2018, 1, 1))
    browser_login(page, users["east_officer"].username)
    taoyang, xindian = areas[TAOYANG].name, areas[XINDIAN].name
    before = _town_bars(page)
    assert before[taoyang] == "#1d6b2f" and before[xindian] == "#9b1c1c"  # green / red
    towns_before = _card(page, "已结对乡镇")
    money_before = _card(page, "社会捐赠")

    page.goto(page.base_url + "/pairing/towns/new/")
    page.select_option("#id_east_town", label="仓山镇")
    page.select_option("#id_west_township", label=xindian)
    page.fill("#id_started_on", "2019-03-01")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert TownPairing.objects.filter(west_township__code=XINDIAN).count() == 1

    after = _town_bars(page)
    assert after[xindian] == "#1d6b2f", after
    assert sum(c == "#1d6b2f" for c in after.values()) == sum(
        c == "#1d6b2f" for c in before.values()) + 1
    screenshot(page, "pairing-coverage-after-pairing")
    n, total = re.findall(r"\d+", towns_before)  # "1 / 18 个"
    assert re.findall(r"\d+", _card(page, "已结对乡镇")) == [str(int(n) + 1), total]

    path = ledger_file([ledger_row(**{"捐赠日期": f"{YEAR}-05-01", "金额或折价（元）": 12345,
                                      "受赠乡镇": xindian, "收据编号": "SJ-B1"})])
    page.goto(page.base_url + "/pairing/donations/import/")
    page.set_input_files("#id_file", str(path))
    page.click("#start-import")
    page.wait_for_url("**/jobs/**")
    page.get_by_role("link", name="查看结果").click()
    page.wait_for_url("**/pairing/donations/import/*/")
    assert "导入预览" in page.content() and Donation.objects.count() == 0
    page.click("#import-for-real button")
    page.wait_for_url("**/jobs/**")
    page.get_by_role("link", name="查看结果").click()
    page.wait_for_url("**/pairing/donations/import/*/")
    assert "已保存" in page.content() and Donation.objects.count() == 1
    money_after = _card(page, "社会捐赠")
    # the card is in 万元, two places: 12,345 yuan is 1.2345 万元
    assert money_after.endswith("万元")
    grew = _number(money_after) - _number(money_before)
    assert abs(grew - 1.2345) < 0.006, (money_before, money_after)
    screenshot(page, "pairing-home-after-donation")

"""In a browser: a case worker registers a policy campaign, records its delivery in a village
and a visit to a household, and watches the coverage figures and the unreached lists change
(the villages' list and its Excel export, the households' list)."""

import io

import pytest
from openpyxl import load_workbook

from xiezuo.labour.outreach.models import Campaign, HouseholdReach, VillageDelivery

V1, V2, V3, V4 = "621124100201", "621124100202", "621124103201", "621124103202"


def _coverage(page) -> str:
    return " ".join(page.locator(".coverage").first.inner_text().split())


def _column(page, n: int) -> list[str]:
    cells = page.locator(f".table-wrap tbody tr td:nth-child({n})")
    return [cells.nth(i).inner_text().strip() for i in range(cells.count())]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_campaign_reaches_a_village_and_a_household(page, users, areas, hh, browser_login,
                                                      screenshot):
    home = hh(V1, phone="13800000001")
    other = hh(V3)
    browser_login(page, users["case_worker"].username)

    # a campaign, registered on its form
    page.goto(page.base_url + "/labour/outreach/new/")
    page.fill("#id_title", "2019年劳务输转优惠政策宣传")
    page.select_option("#id_kind", "policy")
    page.fill("#id_year", "2019")
    page.fill("#id_started_on", "2019-03-01")
    page.check("input[name=channels][value=cadres]")
    page.check("input[name=channels][value=broadcast]")
    page.fill("#id_content", "外出务工交通补助、稳定就业奖励。")
    page.click("form.stacked button[type=submit]")
    page.wait_for_url("**/labour/outreach/*/")
    c = Campaign.objects.get(title="2019年劳务输转优惠政策宣传")
    assert "已登记宣传活动" in page.locator(".messages").inner_text()
    assert set(c.channel_list) == {"cadres", "broadcast"} and "广播、村干部" in page.content()
    # nothing delivered yet: none of the county's 4 villages and 2 registered households
    assert "覆盖行政村 0 / 4 个（0.0%）" in _coverage(page)
    assert "覆盖建档立卡贫困户 0 / 2 户（0.0%）" in _coverage(page)

    # a delivery in a village (from the campaign's page)
    page.get_by_role("link", name="登记进村宣传").click()
    page.wait_for_url("**/deliveries/new/")
    # the village picked with the cascaded picker: its township, then the village (htmx)
    page.select_option("#id_village", areas[V1].parent.code)
    page.wait_for_selector(f"#id_village_village option[value='{V1}']", state="attached")
    page.select_option("#id_village_village", V1)
    page.fill("#id_date", "2019-03-15")
    page.select_option("#id_channel", "cadres")
    page.fill("#id_deliverer", "王书记")
    page.fill("#id_deliverer_post", "村党支部书记")
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(f"**/labour/outreach/{c.pk}/")
    assert "已登记进村宣传" in page.locator(".messages").inner_text()
    assert "覆盖行政村 1 / 4 个（25.0%）" in _coverage(page)
    assert "王书记（村党支部书记）" in page.content()
    assert VillageDelivery.objects.filter(campaign=c, village__code=V1).exists()

    # the villages not reached: the other three, on the page and in its Excel export
    page.get_by_role("link", name="未覆盖的村").click()
    page.wait_for_url("**/labour/outreach/villages/?*")
    assert "已覆盖 1 / 4 个行政村（25.0%），未覆盖 3 个" in _coverage(page)
    assert sorted(_column(page, 1)) == [V2, V3, V4]
    assert "共 3 个行政村" in page.locator("#list-total").inner_text()
    screenshot(page, "labour-outreach-unreached-villages")
    with page.expect_download() as dl:
        page.click(".export-button")
    path = dl.value.path()
    ws = load_workbook(io.BytesIO(open(path, "rb").read())).active
    codes = [r[0] for r in ws.iter_rows(min_row=4, values_only=True)]
    assert sorted(codes) == [V2, V3, V4]

    # a visit to a household: from the unreached households, the family met
    page.goto(page.base_url + f"/labour/outreach/{c.pk}/")
    page.get_by_role("link", name="登记入户宣传").click()
    page.wait_for_url("**/labour/outreach/households/?*reached=no*")
    assert sorted(_column(page, 1)) == sorted([home.number, other.number])
    assert "138****0001" in page.content() and "13800000001" not in page.content()
    page.locator(".table-wrap tbody tr", has_text=home.number) \
        .get_by_role("link", name="登记入户").click()
    page.wait_for_url(f"**/visit/{home.pk}/")
    page.fill("#id_date", "2019-03-20")
    page.select_option("#id_result", "reached")
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(f"**/labour/outreach/households/?campaign={c.pk}")
    assert "已登记入户宣传" in page.locator(".messages").inner_text()
    assert "已覆盖 1 / 2 户（50.0%），未覆盖 1 户" in _coverage(page)
    assert HouseholdReach.objects.get(campaign=c, household=home).result == "reached"

    # the unreached households now list only the other family
    page.goto(page.base_url + f"/labour/outreach/households/?campaign={c.pk}&reached=no")
    assert _column(page, 1) == [other.number]
    # and the campaign's page gives the new figures
    page.goto(page.base_url + f"/labour/outreach/{c.pk}/")
    assert "覆盖行政村 1 / 4 个（25.0%）" in _coverage(page)
    assert "覆盖建档立卡贫困户 1 / 2 户（50.0%）" in _coverage(page)
    screenshot(page, "labour-outreach-campaign")

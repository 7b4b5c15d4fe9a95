"""In Debian's Chromium: the plan dashboard in Chinese and in English, on a desktop and a phone."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_story(plan, users, settings, make_evidence):
    settings.PLAN_INDICATOR_CACHE_SECONDS = 0
    from xiezuo.plan.services import entry_create, entry_decide
    from xiezuo.regions.models import Area

    county = Area.objects.get(code="621124000000")
    t = {x.key: x for x in plan.targets.all()}
    for key, year, value in (("teachers-trained", 2017, 30), ("teachers-trained", 2018, 18),
                             ("cadres-west-to-east", 2017, 2), ("joint-meeting", 2017, 1)):
        e = entry_create(actor=users["county_admin"], target=t[key], year=year, area=county,
                         value=value, evidence=make_evidence())
        entry_decide(actor=users["east_officer"], entry=e, approve=True)
    return plan


def test_dashboard_in_chinese_and_english(page, users, demo_story, browser_login, screenshot):
    browser_login(page, users["county_admin"].username)
    page.goto(page.base_url + "/plan/?year=2018")
    assert page.locator("h1").inner_text().startswith("规划目标进度")
    row = page.locator('tr[data-target="teachers-trained"]')
    assert "18" in row.inner_text() and "未完成" in row.inner_text()
    page.wait_for_function("document.querySelector('#chart-5 canvas') !== null")
    screenshot(page, "plan-dashboard-zh")
    # drill down from the number to its entries
    row.locator("a[data-drill=value]").click()
    page.wait_for_load_state()
    assert page.locator("#entries-total").inner_text() == "18"

    page.goto(page.base_url + "/plan/?year=2018")
    page.select_option("#lang-select", "en")
    page.click("form.lang button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith("Plan targets: progress")
    row = page.locator('tr[data-target="teachers-trained"]')
    assert "30 Lintao kindergarten" in row.inner_text() and "Not met" in row.inner_text()
    assert "How the status is judged" in page.content()
    page.wait_for_function("document.querySelector('#chart-5 canvas') !== null")
    screenshot(page, "plan-dashboard-en")
    page.goto(page.base_url + "/plan/targets/teachers-trained/")
    assert "History by year" in page.content()
    page.wait_for_function("document.querySelector('#target-chart canvas') !== null")
    screenshot(page, "plan-target-en")


def test_dashboard_fits_a_phone(page, users, demo_story, browser_login, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, users["leadership"].username)
    page.goto(page.base_url + "/plan/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400
    screenshot(page, "plan-dashboard-phone")

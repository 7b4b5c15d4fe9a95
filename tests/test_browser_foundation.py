"""In Debian's Chromium: a township clerk logs in and sees only that township."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_township_clerk_logs_in_and_sees_only_their_township(page, users, browser_login,
        screenshot):
    browser_login(page, users["township_clerk"].username)
    assert page.locator("h1").inner_text().endswith("您好")
    assert "乡镇业务员" in page.locator("header").inner_text()
    screenshot(page, "home-township-clerk-zh")

    page.click("text=区域与深度贫困")
    table = page.locator("table").inner_text()
    assert "洮阳镇" in table
    assert "辛店镇" not in table and "漫洼乡" not in table
    screenshot(page, "areas-township-clerk-zh")

    response = page.goto(page.base_url + "/areas/621124103000/")
    assert response.status == 404


def test_language_switch_gives_a_complete_english_page(page, users, browser_login, screenshot):
    browser_login(page, users["leadership"].username)
    page.select_option("#lang-select", "en")
    page.click("form.lang button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    nav = page.locator("nav.chapters").inner_text()
    assert "Labour cooperation" in nav and "劳务协作" not in nav
    screenshot(page, "home-leadership-en")


def test_the_home_page_fits_a_phone(page, users, browser_login, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, users["fund_officer"].username)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(page, "home-fund-officer-phone")

"""In Debian's Chromium: two-factor enrolment and log-in, the log-in page and the API docs work
under the Content-Security-Policy (the `page` fixture fails a test on any CSP violation)."""

import base64

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_county_administrator_enrols_then_logs_in_with_a_code(page, users, browser_login,
        current_code, screenshot):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin = users["county_admin"]
    page.goto(page.base_url + "/accounts/login/")
    screenshot(page, "login-zh")
    page.fill("#id_username", admin.username)
    page.fill("#id_password", "pw-test-12345")
    page.click("#login-form button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/two-factor/" in page.url
    assert page.evaluate("document.querySelector('img.otp-qr').naturalWidth") > 0  # QR loaded
    screenshot(page, "two-factor-enrol-zh")
    secret = page.inner_text("#otp-secret").replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()
    page.fill("#id_code", current_code(key))
    page.click("#otp-setup-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#otp-codes li").count() == 10
    screenshot(page, "two-factor-recovery-codes-zh")
    page.click("text=我已保存恢复码，继续")
    page.wait_for_load_state()
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()
    page.goto(page.base_url + "/accounts/users/")
    assert page.locator("h1").inner_text() == "用户管理"
    page.click("text=退出")
    page.wait_for_load_state()
    # Next time: the password, then the code page.
    TOTPDevice.objects.filter(user=admin).update(last_t=-1)  # the same 30 s window again
    browser_login(page, admin.username)
    page.goto(page.base_url + "/accounts/users/")
    assert page.locator("h1").inner_text() == "用户管理"


def test_the_api_docs_load_swagger_ui_from_our_own_files(page, users, browser_login, screenshot):
    browser_login(page, users["township_clerk"].username)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page.base_url + "/api/docs")
    page.wait_for_selector(".swagger-ui .information-container", timeout=20000)
    assert all(u.startswith(page.base_url) or u.startswith("data:") for u in requests), requests
    screenshot(page, "api-docs")

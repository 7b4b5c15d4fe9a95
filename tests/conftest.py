"""Shared fixtures: reference areas, a user per role, and a browser for Playwright tests; the CI
guards that turn a skipped check into a failure under CI=true."""

import os
import shutil
from pathlib import Path

import pytest

from xiezuo.accounts.choices import Role

CANGSHAN = "350104000000"
LINTAO = "621124000000"
TAOYANG = "621124100000"  # 洮阳镇
XINDIAN = "621124103000"  # 辛店镇


def xlsx_bytes(rows: list[list]) -> bytes:
    """A workbook holding these rows, as the content of an uploaded file."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def areas(db):
    """The reference areas and partnership, plus two synthetic villages in each of two townships."""
    from xiezuo.regions.choices import Level, Side
    from xiezuo.regions.models import Area
    from xiezuo.regions.reference import load_reference

    load_reference()
    by_code = {a.code: a for a in Area.objects.all()}
    for township in (TAOYANG, XINDIAN):
        for i in (1, 2):
            code = f"{township[:9]}{200 + i:03d}"
            by_code[code] = Area.objects.create(
                code=code, name=f"测试{by_code[township].name}{i}村", level=Level.VILLAGE,
                parent=by_code[township], side=Side.WEST, synthetic=True, deep_poverty=(i == 1))
    return by_code


@pytest.fixture
def make_user(db, areas):
    from xiezuo.accounts.models import User

    def make(role: str, scope: str, username: str | None = None) -> User:
        return User.objects.create_user(
            username=username or f"{role}-{scope}", password="pw-test-12345", role=Role(role),
            scope=areas[scope])

    return make


@pytest.fixture
def users(make_user):
    """One user per role, as the demo has them, plus a second township clerk."""
    return {
        "county_admin": make_user(Role.COUNTY_ADMIN, LINTAO),
        "township_clerk": make_user(Role.TOWNSHIP_CLERK, TAOYANG),
        "other_clerk": make_user(Role.TOWNSHIP_CLERK, XINDIAN),
        "case_worker": make_user(Role.CASE_WORKER, LINTAO),
        "fund_officer": make_user(Role.FUND_OFFICER, LINTAO),
        "east_officer": make_user(Role.EAST_OFFICER, CANGSHAN),
        "leadership": make_user(Role.LEADERSHIP, LINTAO),
        "auditor": make_user(Role.AUDITOR, LINTAO),
    }


# --- Two-factor log-in ------------------------------------------------------------------------
def verify_second_factor(client, user) -> None:
    """Mark a test client's session as verified with a second factor, as logging in with a code
    does, for a user whose role requires one (accounts.twofactor)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from xiezuo.accounts.twofactor import second_factor_required

    if not second_factor_required(user):
        return
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or \
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _force_login_verifies_the_second_factor(request, monkeypatch):
    """`client.force_login(user)` gives a session verified with a second factor, so tests of
    other rules need not go through the code page. Tests of two-factor log-in itself log in
    with the password (and the code); `@pytest.mark.second_factor_unverified` turns this off."""
    if request.node.get_closest_marker("second_factor_unverified"):
        return
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        verify_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


def current_code(key_hex: str) -> str:
    """The authenticator's code for this secret now."""
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(key_hex)):06d}"


# --- CI guards ------------------------------------------------------------------------------
def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def skip_or_fail_in_ci(reason: str) -> None:
    """Skip a check this machine cannot make (no pdftotext, no ../shared); in CI (CI=true) fail
    instead, so that no check drops out of CI silently."""
    if in_ci():
        pytest.fail(f"CI must make this check, but: {reason}")
    pytest.skip(reason)


def postgres_only_outcome(*, vendor: str, database_url: str, ci: bool) -> str:
    """What a `postgres_only` test does: "run" on PostgreSQL, "skip" elsewhere, and "fail" in CI
    when DATABASE_URL names PostgreSQL but the tests are not on it."""
    if vendor == "postgresql":
        return "run"
    if ci and database_url.startswith(("postgres://", "postgresql://", "postgis://")):
        return "fail"
    return "skip"


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres_only") is None:
        return
    from django.db import connection

    outcome = postgres_only_outcome(vendor=connection.vendor,
                                    database_url=os.environ.get("DATABASE_URL", ""), ci=in_ci())
    if outcome == "fail":
        pytest.fail(f"DATABASE_URL is PostgreSQL but the tests run on {connection.vendor}")
    if outcome == "skip":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")


# .ci/run names a file in XIEZUO_POSTGRES_ONLY_COUNT and fails its PostgreSQL run if the file
# says that no postgres_only test passed.
_postgres_only_passed = []


def pytest_runtest_logreport(report):
    if report.when == "call" and report.passed and "postgres_only" in report.keywords:
        _postgres_only_passed.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    path = os.environ.get("XIEZUO_POSTGRES_ONLY_COUNT")
    if path and not hasattr(session.config, "workerinput"):  # the xdist controller only
        Path(path).write_text(f"{len(_postgres_only_passed)}\n")


# --- Browser tests ---------------------------------------------------------------------------
CHROMIUM = os.environ.get("XIEZUO_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright. In CI (CI=true) a missing browser fails, never skips."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        skip_or_fail_in_ci(f"{CHROMIUM} not installed (apt-get install chromium fonts-noto-cjk)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.base_url = live_server.url
    # Every page any browser test opens must live with the Content-Security-Policy: Chromium
    # reports each refused script, style or image on the console ("Refused to ...").
    pg.csp_violations = []
    pg.on("console", lambda m: pg.csp_violations.append(f"{pg.url}: {m.text}")
          if "Content Security Policy" in m.text else None)
    yield pg
    context.close()
    assert pg.csp_violations == [], "\n".join(pg.csp_violations)


def browser_login(page, username: str, password: str = "pw-test-12345") -> None:
    """Log in through the form; a user whose role requires a second factor enrols on the way
    (or gives the code of the device they have) as a person would."""
    import base64

    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#login-form button[type=submit]")
    page.wait_for_load_state()
    if "/accounts/two-factor/verify/" in page.url:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.get(user__username=username)
        page.fill("#id_code", current_code(device.key))
        page.click("#otp-form button[type=submit]")
        page.wait_for_load_state()
    elif "/accounts/two-factor/" in page.url:
        secret = page.inner_text("#otp-secret").replace(" ", "")
        key = base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()
        page.fill("#id_code", current_code(key))
        page.click("#otp-setup-form button[type=submit]")
        page.wait_for_load_state()
        page.click("text=我已保存恢复码，继续")
        page.wait_for_load_state()


ARTIFACTS = os.path.join(os.path.dirname(__file__), "..", "test-artifacts")


def screenshot(page, name: str) -> str:
    os.makedirs(ARTIFACTS, exist_ok=True)
    path = os.path.join(ARTIFACTS, f"{name}.png")
    page.screenshot(path=path, full_page=True)
    return path

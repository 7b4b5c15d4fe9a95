"""Shared fixtures: reference areas, a user per role, and a browser for Playwright tests; the CI
guards that turn a skipped check into a failure under CI=true."""

import csv
import datetime
import os
import random
import shutil
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest

from xiezuo.accounts.choices import Role
from xiezuo.funds import services as funds_services
from xiezuo.funds.choices import Category, Source
from xiezuo.regions.reference import CANGSHAN, LINTAO, TAOYANG, XINDIAN
from xiezuo.registry import idnumber
from xiezuo.registry.roster.columns import COLUMNS

# Test modules never import this module nor each other: what they share is a fixture (below, or
# in their folder's conftest.py), and the reference codes come from xiezuo.regions.reference.


@pytest.fixture
def employer_org():
    """employer_org(*, name, credit_code, area, **fields) -> an Organisation with the employer
    role (xiezuo.orgs.testing)."""
    from xiezuo.orgs.testing import employer_org as make

    return make


def _xlsx_bytes(rows: list[list]) -> bytes:
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
def xlsx_bytes():
    """xlsx_bytes(rows) -> the bytes of a workbook holding these rows (an uploaded file)."""
    return _xlsx_bytes


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
        # Dingxi's city office: every pair of the city (one, Cangshan–Lintao, in these tests)
        "city_office": make_user(Role.CITY_OFFICE, "621100000000"),
    }


# --- Two-factor log-in ------------------------------------------------------------------------
def _verify_second_factor(client, user) -> None:
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
        _verify_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def verify_second_factor():
    """verify_second_factor(client, user): the client's session verified with a second factor."""
    return _verify_second_factor


def _current_code(key_hex: str) -> str:
    """The authenticator's code for this secret now."""
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(key_hex)):06d}"


@pytest.fixture
def current_code():
    """current_code(key_hex) -> the authenticator's code for this secret now."""
    return _current_code


# --- CI guards ------------------------------------------------------------------------------
def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def _skip_or_fail_in_ci(reason: str) -> None:
    """Skip a check this machine cannot make (no pdftotext, no ../shared); in CI (CI=true) fail
    instead, so that no check drops out of CI silently."""
    if in_ci():
        pytest.fail(f"CI must make this check, but: {reason}")
    pytest.skip(reason)


@pytest.fixture
def skip_or_fail_in_ci():
    """skip_or_fail_in_ci(reason): skip a check this machine cannot make; fail under CI=true."""
    return _skip_or_fail_in_ci


@pytest.fixture
def import_filled_templates(tmp_path, skip_or_fail_in_ci):
    """import_filled_templates(cases, *, libreoffice=False) -> {name: result as_json}: each case
    (name, the filled template's bytes, run(path, dry_run) -> ImportResult, counts) imported and
    its counts checked; as filled, for real; with `libreoffice`, the files saved again by
    LibreOffice first, as a dry run (a check the machine cannot make is skipped, failed in CI).
    Each part's tests/<part>/test_<part>_templates.py gives its cases and what its real run
    stored."""
    from xiezuo.tabular.testing.templates import libreoffice_copies

    def run_all(cases, *, libreoffice: bool = False) -> dict:
        paths = []
        for name, data, _run, _counts in cases:
            paths.append(tmp_path / f"{name}.xlsx")
            paths[-1].write_bytes(data)
        if libreoffice:
            try:
                paths = libreoffice_copies(paths, tmp_path / "lo")
            except FileNotFoundError:
                skip_or_fail_in_ci("LibreOffice (soffice) is not installed")
        results = {}
        for (name, _data, run, counts), path in zip(cases, paths, strict=True):
            got = results[name] = run(path, libreoffice).as_json()
            assert {k: got.get(k) for k in counts} == counts, (name, got["errors"])
        return results

    return run_all


def _postgres_only_outcome(*, vendor: str, database_url: str, ci: bool) -> str:
    """What a `postgres_only` test does: "run" on PostgreSQL, "skip" elsewhere, and "fail" in CI
    when DATABASE_URL names PostgreSQL but the tests are not on it."""
    if vendor == "postgresql":
        return "run"
    if ci and database_url.startswith(("postgres://", "postgresql://", "postgis://")):
        return "fail"
    return "skip"


@pytest.fixture
def postgres_only_outcome():
    """postgres_only_outcome(*, vendor, database_url, ci) -> "run", "skip" or "fail"."""
    return _postgres_only_outcome


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres_only") is None:
        return
    from django.db import connection

    outcome = _postgres_only_outcome(vendor=connection.vendor,
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
        _skip_or_fail_in_ci(f"{CHROMIUM} not installed (apt-get install chromium fonts-noto-cjk)")
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


def _browser_login(page, username: str, password: str = "pw-test-12345") -> None:
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
        page.fill("#id_code", _current_code(device.key))
        page.click("#otp-form button[type=submit]")
        page.wait_for_load_state()
    elif "/accounts/two-factor/" in page.url:
        secret = page.inner_text("#otp-secret").replace(" ", "")
        key = base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()
        page.fill("#id_code", _current_code(key))
        page.click("#otp-setup-form button[type=submit]")
        page.wait_for_load_state()
        page.click("text=我已保存恢复码，继续")
        page.wait_for_load_state()


@pytest.fixture
def browser_login():
    """browser_login(page, username, password=...): log in through the form (and the code)."""
    return _browser_login


def _browser_import(page, *, upload: str, file, choose=None) -> dict:
    """In a browser, a page's import as a clerk does it (core.jobs' one flow): upload `file` on
    the page `upload` (`choose(page)` picks the options first) → the job page → 查看结果, the
    check; then 正式导入 from a second tab open on the same check → 查看结果. Returns the
    check's page text and the tabs: {"check": text, "check_url", "stale": the second tab}."""
    page.goto(page.base_url + upload)
    if choose:
        choose(page)
    page.set_input_files("#id_file", str(file))
    page.click("#start-import")
    page.wait_for_url("**/jobs/**")
    page.get_by_role("link", name="查看结果").click()
    page.wait_for_selector("#import-summary")
    check_url, check = page.url, page.inner_text("main")
    stale = page.context.new_page()  # the same check, open in another tab
    stale.goto(check_url)
    page.click("#import-for-real button")
    page.wait_for_url("**/jobs/**")
    page.get_by_role("link", name="查看结果").click()
    page.wait_for_selector("#import-stored")
    return {"check": check, "check_url": check_url, "stale": stale}


@pytest.fixture
def browser_import():
    """browser_import(page, upload=url path, file=path, choose=None) -> {"check": the check
    page's text, "check_url", "stale": a tab still showing the check}; the page ends on the
    result of 正式导入."""
    return _browser_import


ARTIFACTS = os.path.join(os.path.dirname(__file__), "..", "test-artifacts")


def _screenshot(page, name: str) -> str:
    os.makedirs(ARTIFACTS, exist_ok=True)
    path = os.path.join(ARTIFACTS, f"{name}.png")
    page.screenshot(path=path, full_page=True)
    return path


@pytest.fixture
def screenshot():
    """screenshot(page, name) -> the path of a full-page .png under test-artifacts/."""
    return _screenshot


# --- The funds tests' set-up (also used by test_backup_restore.py): fixtures `funds_build` and
# `funds_pay` below; tests/funds/conftest.py offers them as `build` and `pay`.

def _funds_build(areas, users, *, allocation: str = "1000000.00") -> dict:
    officer = users["fund_officer"]
    county = areas[LINTAO]
    alloc = funds_services.allocation_record(
        actor=officer, county=county, year=2018, source=Source.EAST_FISCAL,
        amount=allocation, date=datetime.date(2018, 3, 1), document_no="仓财〔2018〕1号",
        donor="仓山区财政局")
    p1 = funds_services.project_create(actor=officer, code="LT2018-001", name="测试村道路硬化",
                                       category=Category.ROAD, year=2018,
                                       villages=[areas["621124100201"]], budget="300000",
                                       approval_doc="临扶发〔2018〕5号",
                                       start_date=datetime.date(2018, 4, 1),
                                       planned_end=datetime.date(2018, 10, 31))
    p2 = funds_services.project_create(actor=officer, code="LT2018-002", name="辛店镇安全饮水",
                                       category=Category.WATER, year=2018,
                                       villages=[areas["621124103202"]], budget="200000",
                                       start_date=datetime.date(2018, 5, 1),
                                       planned_end=datetime.date(2018, 9, 30))
    p3 = funds_services.project_create(actor=officer, code="LT2018-003", name="跨乡镇危房改造",
                                       category=Category.HOUSING, year=2018,
                                       villages=[areas["621124100201"], areas["621124103201"]],
                                       budget="100000")
    return {"officer": officer, "county": county, "allocation": alloc, "p1": p1, "p2": p2,
            "p3": p3}


def _funds_pay(project, amount, *, actor, voucher="PZ-1", day=datetime.date(2018, 6, 1)):
    return funds_services.disbursement_post(actor=actor, project=project, amount=amount, date=day,
                                      payee="临洮县某建筑公司", voucher_no=voucher)


@pytest.fixture
def funds_build():
    """funds_build(areas, users, *, allocation=...) -> {officer, county, allocation, p1, p2, p3}."""
    return _funds_build


@pytest.fixture
def funds_pay():
    """funds_pay(project, amount, *, actor, voucher=..., day=...) -> the posted Disbursement."""
    return _funds_pay


# --- Small roster files for the registry tests (openpyxl for .xlsx, csv for .csv), used by
# tests/registry, test_kept_files.py and test_backup_restore.py through the `roster` fixture
# (tests/registry/conftest.py also offers each function as a fixture of its own name).

HEADER = [c.header for c in COLUMNS if c.key != "other_causes"]  # the 28 standard columns
VILLAGE1, VILLAGE2 = "测试洮阳镇1村", "测试洮阳镇2村"  # from the `areas` fixture
XVILLAGE1 = "测试辛店镇1村"


def new_id(seed: int, *, born: datetime.date = datetime.date(1980, 5, 6), male=True) -> str:
    return idnumber.generate(random.Random(seed), address="621124", birth_date=born, male=male)


def member_id(hh: str, n: int, *, born: datetime.date = datetime.date(1980, 5, 6)) -> str:
    """A stable ID for member n of household hh, the same in every process.

    Not hash(): str hashes change with PYTHONHASHSEED, and a random sequence number has only
    500 values per birth date, so two people of one CI test file once shared an ID. Here the
    household picks the address code's last four digits (province 62 stays valid) and n the
    sequence number; the birth date stays fixed because the age tests count on it.
    """
    address = f"62{zlib.crc32(hh.encode()) % 10_000:04d}"
    first17 = f"{address}{born:%Y%m%d}{n:03d}"  # odd n: a man, even n: a woman, as before
    return first17 + idnumber.check_char(first17)


def person(hh: str = "H001", n: int = 1, *, relation: str = "户主", seed: int | None = None,
           **over) -> dict:
    """One row as {header: value}, household fields filled the same way for every member."""
    row = {
        "县": "临洮县", "乡(镇)": "洮阳镇", "行政村": VILLAGE1, "自然村": "一社", "户编号": hh,
        "人编号": f"{hh}-{n:02d}", "姓名": f"测试{hh}{n}", "证件号码": (
            new_id(seed, male=n % 2 == 1) if seed is not None else member_id(hh, n)),
        "人数": "", "与户主关系": relation, "民族": "汉族", "文化程度": "初中",
        "在校生状况": "非在校生", "健康状况": "健康", "劳动技能": "普通劳动力",
        "务工状况": "省外务工", "务工时间（月）": "6", "参加大病医疗": "是",
        "脱贫属性": "未脱贫", "脱贫年度": "", "贫困户属性": "一般贫困户",
        "主要致贫原因": "缺资金", "危房户": "否", "饮水安全": "是", "饮水困难": "否",
        "人均纯收入": "2800.50", "联系电话": "13800000000", "首次识别时间": "2015-03-01",
    }
    row.update(over)
    return row


def household(hh: str, size: int = 3, *, seed0: int = 0, **over) -> list[dict]:
    rels = ["户主", "配偶", "之子", "之女", "之孙子", "之孙女"]
    return [person(hh, i + 1, relation=rels[i], seed=seed0 + i if seed0 else None, **over)
            for i in range(size)]


def write_xlsx(path: Path, rows: list[dict], *, header: list[str] | None = None,
               above: list[list] = (), raw: dict | None = None) -> Path:
    """rows as dicts by header; `above` rows go before the header; `raw` maps
    (data row index, header) -> a cell value written as is (a number, a date)."""
    from openpyxl import Workbook

    header = header or HEADER
    wb = Workbook()
    ws = wb.active
    for r in above:
        ws.append(list(r))
    if above:  # a title merged across the columns, as county offices' exports have
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for i, row in enumerate(rows):
        if row is None:  # a blank row
            ws.append([])
            continue
        values = []
        for h in header:
            key = (i, h)
            values.append(raw[key] if raw and key in raw else row.get(_canonical(h), row.get(h)))
        ws.append(values)
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[dict], *, header: list[str] | None = None,
              encoding: str = "utf-8") -> Path:
    header = header or HEADER
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for row in rows:
            w.writerow([] if row is None else [row.get(_canonical(h), row.get(h, "")) for h in header])
    return path


def _canonical(h: str) -> str:
    from xiezuo.registry.roster.columns import BY_HEADER_KEY, header_key

    col = BY_HEADER_KEY.get(header_key(h))
    return col.header if col else h


@pytest.fixture
def roster():
    """The roster-file builders as one namespace: .HEADER, .VILLAGE1, .VILLAGE2, .XVILLAGE1,
    .new_id, .member_id, .person, .household, .write_xlsx, .write_csv."""
    return SimpleNamespace(
        HEADER=HEADER, VILLAGE1=VILLAGE1, VILLAGE2=VILLAGE2, XVILLAGE1=XVILLAGE1, new_id=new_id,
        member_id=member_id, person=person, household=household, write_xlsx=write_xlsx,
        write_csv=write_csv)

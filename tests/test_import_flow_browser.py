"""In a browser, the one import flow (core.importpages) as a clerk goes through it, for three
parts: the import template downloaded from the upload page and filled in (one bad row), uploaded,
the check naming the bad row, column and value in Chinese, 正式导入, the report's counts, and no
second import from reloading the check or pressing its button again; a user of another role or
side is refused the upload page. Every step is shot at desktop and phone width
(test-artifacts/import-flow-*.png)."""

import datetime
import re
from pathlib import Path

import pytest
from django.db import connection

from xiezuo.core.models import Job
from xiezuo.funds import triggers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: the core job page (not the registry's check page, /registry/import/jobs/<id>/)
JOB_PAGE = re.compile(r"^https?://[^/]+/jobs/[0-9a-f-]+/$")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def unlock_ledger_after():
    """The test database is emptied with DELETE on SQLite, which the ledger's trigger refuses;
    drop it for the flush (post_migrate after the flush installs it again)."""
    yield
    triggers.drop(connection)


def _shoot(page, screenshot, name: str) -> None:
    screenshot(page, f"import-flow-{name}")
    page.set_viewport_size(PHONE)
    screenshot(page, f"import-flow-{name}-phone")
    page.set_viewport_size(DESKTOP)


def _template(page, link, tmp_path: Path) -> Path:
    """The template, downloaded by clicking its link on the upload page."""
    with page.expect_download() as d:
        page.locator(link).click()
    path = tmp_path / d.value.suggested_filename
    d.value.save_as(path)
    return path


def _fill(path: Path, rows: list[dict]) -> Path:
    """The template filled in below its example row (which stays), by header; text cells stay
    text, as a clerk typing into the text-formatted columns gets."""
    from openpyxl import load_workbook

    from xiezuo.tabular.template import EXAMPLE_ROW, HEADER_ROW

    wb = load_workbook(path)
    ws = wb.worksheets[0]
    header = {str(c.value).strip(): c.column for c in ws[HEADER_ROW] if c.value}
    for n, row in enumerate(rows, start=1):
        ws.cell(EXAMPLE_ROW + n, 1, n)
        for h, v in row.items():
            assert h in header, (h, list(header))
            ws.cell(EXAMPLE_ROW + n, header[h], v)
    out = path.with_name("filled-" + path.name)
    wb.save(out)
    return out


def _upload(page, upload: str, file: Path, screenshot, name: str):
    """Upload on the page → the job page → 查看结果: the check. Returns its URL."""
    page.set_input_files("#id_file", str(file))
    _shoot(page, screenshot, f"{name}-1-upload")
    page.click("#start-import")
    page.wait_for_url(JOB_PAGE)
    page.get_by_role("link", name="查看结果").click()
    page.wait_for_selector("#import-summary")
    _shoot(page, screenshot, f"{name}-2-check")
    return page.url


def _counts(page) -> dict:
    return {r.locator("th").inner_text(): r.locator("td").inner_text()
            for r in page.locator("#import-summary tr").all()}


def _errors(page) -> list[list[str]]:
    return [[c.inner_text() for c in r.locator("td").all()]
            for r in page.locator("#import-errors tbody tr").all()]


def _for_real(page, screenshot, name: str) -> None:
    stale = page.context.new_page()  # the same check, open in another tab
    stale.goto(page.url)
    page.click("#import-for-real button")
    page.wait_for_url(JOB_PAGE)
    page.get_by_role("link", name="查看结果").click()
    page.wait_for_selector("#import-stored")
    _shoot(page, screenshot, f"{name}-3-report")
    return stale


def _once(page, stale, check_url: str, count) -> None:
    """Reloading the check or pressing 正式导入 again (a tab still showing it) stores nothing."""
    before = count()
    jobs = Job.objects.count()
    page.goto(check_url)
    page.reload()
    assert "此文件已正式导入" in page.inner_text("main")
    assert page.locator("#import-for-real").count() == 0
    stale.click("#import-for-real button")
    stale.wait_for_load_state()
    assert "已保存" not in stale.inner_text("body")
    stale.go_back()
    stale.reload()
    assert count() == before and Job.objects.count() == jobs
    stale.close()


def test_the_roster_is_imported_from_its_template_with_a_new_village_ticked(
        page, users, areas, roster, tmp_path, browser_login, screenshot):
    from xiezuo.regions.models import Area
    from xiezuo.registry.models import Person

    browser_login(page, users["township_clerk"].username)
    page.goto(page.base_url + "/registry/import/")
    tpl = _template(page, "#import-template", tmp_path)
    rows = roster.household("H001", 2) + roster.household("H002", 1, **{"行政村": "测试洮阳镇l村"})
    bad = roster.person("H003", 1)
    bad["证件号码"] = bad["证件号码"][:-1] + ("0" if bad["证件号码"][-1] != "0" else "1")
    filled = _fill(tpl, rows + [bad])
    check_url = _upload(page, "/registry/import/", filled, screenshot, "roster")
    text = page.inner_text("main")
    assert "试运行" in text and Person.objects.count() == 0
    errors = _errors(page)
    assert any(e[0] == "8" and e[1] == "证件号码" and "校验" in e[3] for e in errors), errors
    assert "测试洮阳镇l村" in page.inner_text("#unknown-villages")
    page.locator("#unknown-villages input[type=checkbox][value*='测试洮阳镇l村']").check()
    stale = _for_real(page, screenshot, "roster")
    counts = _counts(page)
    assert (counts["新增人员"], counts["拒绝的行"], counts["新建行政村"]) == ("3", "1", "1"), counts
    assert Person.objects.count() == 3 and Area.objects.filter(name="测试洮阳镇l村").count() == 1
    _once(page, stale, check_url, Person.objects.count)


def test_payments_are_imported_from_their_template(page, users, areas, funds_build, tmp_path,
                                                    unlock_ledger_after, browser_login,
                                                    screenshot):
    from xiezuo.funds.models import Disbursement

    funds_build(areas, users)
    browser_login(page, users["fund_officer"].username)
    page.goto(page.base_url + "/funds/import/")
    page.select_option("#id_kind", "disbursements")
    tpl = _template(page, "#import-templates a[href*=disbursements]", tmp_path)
    pay = {"项目编号": "LT2018-001", "支付日期": "2018-06-01", "金额（元）": "1200.50",
           "收款单位或个人": "临洮县某建筑公司"}
    filled = _fill(tpl, [pay, {**pay, "金额（元）": "800"}, {**pay, "项目编号": "LT2018-999"}])
    check_url = _upload(page, "/funds/import/", filled, screenshot, "payments")
    errors = _errors(page)
    assert any(e[1] == "项目编号" and e[2] == "LT2018-999" for e in errors), errors
    assert Disbursement.objects.count() == 0
    stale = _for_real(page, screenshot, "payments")
    assert Disbursement.objects.count() == 2
    counts = _counts(page)
    assert "2" in counts.values() and counts, counts
    _once(page, stale, check_url, Disbursement.objects.count)
    # the same pages in English
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.base_url}])
    page.goto(check_url)
    _shoot(page, screenshot, "payments-4-check-en")
    page.goto(page.base_url + "/funds/import/")
    _shoot(page, screenshot, "payments-5-upload-en")


def test_trainees_are_imported_from_their_template(page, users, areas, tmp_path, browser_login,
                                                   screenshot):
    from xiezuo.talent import services
    from xiezuo.talent.models import Attendance

    services.class_create(actor=None, code="2018-GB-01", name="培训班 2018-GB-01",
                          kind="party_gov", held="east", start_date=datetime.date(2018, 5, 7),
                          end_date=datetime.date(2018, 5, 12), hours=40)
    browser_login(page, users["east_officer"].username)
    page.goto(page.base_url + "/talent/import/")
    tpl = _template(page, "#import-template", tmp_path)
    rows = [{"班次编号": "2018-GB-01", "姓名": f"学员{i}", "出生日期": "1980-01-01",
             "工作单位": f"单位{i}", "职务": "科员", "乡镇": "洮阳镇", "是否结业": "是"}
            for i in range(3)]
    rows.append({**rows[0], "姓名": "学员九", "班次编号": "2018-XX-99"})
    filled = _fill(tpl, rows)
    check_url = _upload(page, "/talent/import/", filled, screenshot, "trainees")
    errors = _errors(page)
    assert any(e[0] == "8" and e[1] == "班次编号" and e[2] == "2018-XX-99" for e in errors), errors
    stale = _for_real(page, screenshot, "trainees")
    assert Attendance.objects.count() == 3
    _once(page, stale, check_url, Attendance.objects.count)


@pytest.mark.parametrize(("who", "upload"), [
    ("township_clerk", "/funds/import/"), ("east_officer", "/registry/import/"),
    ("fund_officer", "/talent/import/"), ("auditor", "/registry/import/")])
def test_a_user_of_another_role_or_side_is_refused_the_upload_page(page, users, browser_login,
                                                                   who, upload, screenshot):
    browser_login(page, users[who].username)
    r = page.goto(page.base_url + upload)
    assert r.status == 403, (who, upload, r.status)
    assert page.locator("#id_file").count() == 0
    screenshot(page, f"import-flow-refused-{who}")

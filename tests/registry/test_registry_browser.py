"""In Debian's Chromium: a township clerk uploads a roster with defects, follows the progress to
the result, downloads the error report; finds a household and reveals a full ID number."""

import io

import pytest

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.models import AuditEvent
from xiezuo.registry.choices import Relation
from xiezuo.registry.models import Person

T_VILLAGE = "621124100201"  # 测试洮阳镇1村 (the `areas` fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def _roster_with_defects(household,person,write_xlsx):
    def _roster_with_defects(tmp_path):
        rows = household("H001", 3, seed0=501)
        bad_id = person("H002", 1, seed=601)
        bad_id["证件号码"] = bad_id["证件号码"][:17] + ("1" if bad_id["证件号码"][17] != "1" else "2")
        rows.append(bad_id)
        rows.append(person("H003", 1, relation="配偶", seed=701))  # no head in the household
        rows.append(person("H004", 1, seed=801, **{"文化程度": "博士"}))  # not an allowed value
        # An ID typed into a number cell: Excel already lost its last digits.
        raw = {(len(rows) - 1, "证件号码"): 621124198001010011}
        return write_xlsx(tmp_path / "洮阳镇花名册（有错误）.xlsx", rows, raw=raw,
                          above=[["临洮县建档立卡贫困人口花名册"], []])
    return _roster_with_defects


def test_clerk_uploads_a_roster_with_defects_and_downloads_the_error_report(page, users, areas,
                                                                            tmp_path,
                                                                            _roster_with_defects, browser_login, screenshot):
    path = _roster_with_defects(tmp_path)
    browser_login(page, users["township_clerk"].username)
    page.click("nav.chapters >> text=花名册导入")
    page.set_input_files("#id_file", str(path))
    screenshot(page, "registry-import-upload")
    page.click("#start-import")
    page.wait_for_selector("text=查看结果", timeout=30000)  # the check's progress bar
    page.click("text=查看结果")
    page.wait_for_selector("#import-sample")
    assert "表头在第 3 行" in page.locator("main").inner_text()
    assert "6 个非空数据行" in page.locator("main").inner_text()
    assert Person.objects.count() == 0  # the check stored nothing
    screenshot(page, "registry-import-preview")

    page.click("#import-for-real button")
    page.wait_for_selector("text=查看结果", timeout=30000)  # the job page's progress bar
    screenshot(page, "registry-import-job")
    page.click("text=查看结果")
    page.wait_for_selector("#import-stored")
    counts = dict(line.split("\t") for line in
                  page.locator("#import-summary").inner_text().splitlines())
    assert (counts["数据行"], counts["新增人员"], counts["拒绝的行"]) == ("6", "3", "3")
    errors = page.locator("#import-errors").inner_text()
    assert "校验码" in errors and "户主" in errors and "博士" in errors
    screenshot(page, "registry-import-result")

    with page.expect_download() as info:
        page.click("#download-report")
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    from openpyxl import load_workbook

    data = open(download.path(), "rb").read()
    rows = list(load_workbook(io.BytesIO(data)).active.values)
    assert rows[0][:4] == ("行号", "列", "值", "原因")
    assert {r[0] for r in rows[1:]} == {7, 8, 9}  # the three rejected rows, as Excel numbers them
    assert Person.objects.count() == 3
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT,
                                     actor=users["township_clerk"]).exists()

    page.click("text=查看导入记录")
    page.wait_for_load_state()
    assert "洮阳镇花名册（有错误）.xlsx" in page.locator("main").inner_text()
    page.goto(page.base_url + "/registry/imports/")
    assert "洮阳镇花名册（有错误）.xlsx" in page.locator("table").inner_text()
    screenshot(page, "registry-import-list")


def test_clerk_finds_a_household_and_reveals_an_id_number(page, users, areas, browser_login,
        screenshot, full_id, make_household):
    hh = make_household(areas, T_VILLAGE, "T001", [("张三", Relation.HEAD),
                                                   ("李四", Relation.SPOUSE)], seed=3)
    spouse = hh.members.get(relation=Relation.SPOUSE)
    browser_login(page, users["township_clerk"].username)
    page.click("nav.chapters >> text=建档立卡户查询")
    page.fill("#id_name", "李四")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_load_state()
    assert full_id(spouse) not in page.url
    page.click("table >> text=T001")
    page.wait_for_load_state()
    assert spouse.id_masked in page.locator("main").inner_text()
    screenshot(page, "registry-household")
    page.click(f"#id-{spouse.pk} button")
    page.wait_for_selector(f"#id-{spouse.pk} strong")
    assert full_id(spouse) in page.locator(f"#id-{spouse.pk}").inner_text()
    assert AuditEvent.objects.filter(action=AuditAction.VIEW_ID).count() == 1
    screenshot(page, "registry-household-revealed")

    page.click("main >> text=修改")
    page.wait_for_load_state()
    page.fill("#id_phone", "13912345678")
    screenshot(page, "registry-household-edit")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "已保存" in page.locator(".messages").inner_text()
    assert "13912345678" in page.locator("main").inner_text()


def test_search_page_fits_a_phone(page, users, areas, browser_login, screenshot, make_household):
    make_household(areas, T_VILLAGE, "T001", [("张三", Relation.HEAD)], seed=4)
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, users["township_clerk"].username)
    page.goto(page.base_url + "/registry/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "registry-search-phone")

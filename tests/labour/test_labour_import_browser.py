"""In a browser: a labour survey is uploaded, checked (counts, rejected rows, the file's first
rows, nothing stored), then imported with 正式导入 — once: a second 正式导入 from another tab
still showing the check finds nothing to import."""

import pytest

from xiezuo.labour.models import LabourProfile

V_TAOYANG = "621124100202"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_checked_survey_is_imported_for_real_once(page, users, person, xlsx_bytes, tmp_path,
                                                    browser_login, browser_import, screenshot):
    a, ida = person(V_TAOYANG, name="甲")
    survey = tmp_path / "劳动力调查.xlsx"
    survey.write_bytes(xlsx_bytes([["证件号码", "就业意愿", "技能"], [ida, "是", "电工、焊工"],
                                   ["12345", "是", "瓦工"]]))
    browser_login(page, users["case_worker"].username)
    seen = browser_import(page, upload="/labour/import/", file=survey)
    check = seen["check"]
    assert "导入预览" in check and "试运行" in check and "18 位" in check  # the bad row, why
    assert "电工、焊工" in check and "瓦工" in check  # the file's first rows
    assert a.id_masked in check and ida not in check
    assert "已保存" in page.inner_text("#import-stored")
    screenshot(page, "labour-import-for-real")
    assert LabourProfile.objects.get(person=a).skill_list == ["焊工", "电工"]
    # once: the check now says so, and the tab still showing its button finds nothing
    page.goto(seen["check_url"])
    assert "此文件已正式导入" in page.inner_text("main")
    assert page.locator("#import-for-real").count() == 0
    stale = seen["stale"]
    stale.click("#import-for-real button")
    stale.wait_for_load_state()
    assert "已保存" not in stale.inner_text("body")
    assert LabourProfile.objects.count() == 1

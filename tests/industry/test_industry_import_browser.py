"""In a browser: a linkage sheet is checked, then imported with 正式导入, once (the industry
import moved onto core.jobs' one check-then-confirm flow; the 只检查 box is gone)."""

import pytest

from xiezuo.industry.models import Linkage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_checked_linkage_sheet_is_imported_for_real_once(
        page, users, org, hh, project, linkages_file, browser_login, browser_import):
    project(org("福州某薯业有限公司"), code="LT-001", name="马铃薯精深加工")
    h = hh()
    sheet = linkages_file([
        {"户编号": h.number, "项目编号": "LT-001", "联结方式": "入股分红", "年度": 2019,
         "户年收益（元）": 1200},
        {"户编号": "NO-SUCH", "项目编号": "LT-001", "联结方式": "入股分红", "年度": 2019,
         "户年收益（元）": 100}])
    browser_login(page, users["county_admin"].username)

    def linkages(p):
        assert p.locator("#id_dry_run").count() == 0  # check first, always
        p.check("input[name=kind][value=linkages]")

    seen = browser_import(page, upload="/industry/import/", file=sheet, choose=linkages)
    assert "导入预览" in seen["check"] and "NO-SUCH" in seen["check"]  # rejected, and shown
    assert "入股分红\t2019\t1200" in seen["check"]  # the file's first rows
    assert Linkage.objects.count() == 1 and "已保存" in page.inner_text("#import-stored")
    seen["stale"].click("#import-for-real button")
    seen["stale"].wait_for_load_state()
    assert "已保存" not in seen["stale"].inner_text("body") and Linkage.objects.count() == 1

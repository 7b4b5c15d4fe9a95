"""In a browser: the eastern officer uploads a trainee roster, checks it, confirms the import,
and sees the plan's cadre-training target change its status on the dashboard."""

import datetime

import pytest

from xiezuo.talent.models import Attendance

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def real_plan(areas):
    from xiezuo.plan.services import DEFAULT_PLAN_FILE, default_plan_text, plan_load

    return plan_load(text=default_plan_text(), source=DEFAULT_PLAN_FILE)[0]


def _status(page) -> str:
    page.goto(page.base_url + "/plan/?year=2018")
    return page.locator('tr[data-target="cadre-training-people"] td').nth(2).inner_text()


def test_a_roster_upload_changes_the_targets_status(page, users, real_plan, tclass,
                                                    roster_file, settings, browser_login,
                                                    screenshot):
    settings.PLAN_INDICATOR_CACHE_SECONDS = 0
    tclass("2018-GB-01", start=datetime.date(2018, 5, 7))
    path = roster_file([["2018-GB-01", f"学员{i:02d}", None, "1980-01-01", None, f"单位{i}",
                         "科员", "洮阳镇", "是"] for i in range(20)])
    browser_login(page, users["east_officer"].username)
    before = _status(page)
    assert "已完成" not in before

    page.goto(page.base_url + "/talent/import/")
    page.set_input_files("#id_file", str(path))
    page.click("#start-import")
    page.wait_for_url("**/jobs/**")
    page.get_by_role("link", name="查看结果").click()
    page.wait_for_url("**/talent/import/*/")
    assert "导入预览" in page.content()
    assert Attendance.objects.count() == 0  # the check stored nothing
    page.click("#import-for-real button")
    page.wait_for_url("**/jobs/**")
    page.get_by_role("link", name="查看结果").click()
    page.wait_for_url("**/talent/import/*/")
    assert "已保存" in page.content()
    screenshot(page, "talent-import-result")
    assert Attendance.objects.count() == 20

    after = _status(page)
    assert "已完成" in after, after
    row = page.locator('tr[data-target="cadre-training-people"]')
    assert "20" in row.inner_text()
    screenshot(page, "talent-plan-after-roster")

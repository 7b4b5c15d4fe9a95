"""The user's own jobs (/jobs/) and the home's to-do of imports to look at again (issue 10:
"a to-do list … imports with errors"): the to-do's count is the list's length."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from xiezuo.core.models import Job
from xiezuo.core.selectors import needs_attention

DONE, FAILED, RUNNING = Job.Status.DONE, Job.Status.FAILED, Job.Status.RUNNING


@pytest.mark.parametrize("kind, status, result, needs", [
    ("registry.import", FAILED, {"error": "文件无法读取"}, True),
    ("core.list_export", FAILED, {"error": "x"}, True),  # any failed job
    ("labour.import", DONE, {"rows": 10, "rejected": 2}, True),
    ("labour.import", DONE, {"rows": 10, "rejected": 0}, False),
    ("labour.import", DONE, {"rows": 10, "rejected": 2, "dry_run": True}, False),  # a check
    ("labour.import", RUNNING, {}, False),
    ("core.list_export", DONE, {"rows": 9000}, False),
    ("pairing.donation_import", DONE, {"rejected": 1}, True),
    ("funds.import", DONE, None, False),
])
def test_which_jobs_need_their_starter(kind, status, result, needs):
    assert needs_attention(kind=kind, status=status, result=result) is needs


@pytest.fixture
def jobs(users):
    clerk, other = users["township_clerk"], users["other_clerk"]

    def job(title, *, user=clerk, kind="registry.import", status=DONE, result=None, days=0):
        j = Job.objects.create(kind=kind, title=title, created_by=user, status=status,
                               result=result, finished_at=timezone.now())
        if days:
            Job.objects.filter(pk=j.pk).update(
                created_at=timezone.now() - datetime.timedelta(days=days))
        return j

    job("失败的导入", status=FAILED, result={"error": "文件无法读取"})
    job("有被拒绝行的导入", kind="labour.import", result={"rows": 5, "rejected": 2})
    job("只检查", kind="labour.import", result={"rows": 5, "rejected": 2, "dry_run": True})
    job("全部导入", result={"rows": 5, "rejected": 0})
    job("四十天前失败", status=FAILED, result={"error": "x"}, days=40)
    job("别人的失败", user=other, status=FAILED, result={"error": "x"})
    return clerk


def test_the_home_todo_counts_the_imports_its_list_shows(client, jobs):
    client.force_login(jobs)
    home = client.get(reverse("core:home")).content.decode()
    url = reverse("core:job_list") + "?attention=1"
    assert f'href="{url}"' in home
    html = client.get(url).content.decode()
    shown = {t for t in ("失败的导入", "有被拒绝行的导入", "只检查", "全部导入", "四十天前失败",
                         "别人的失败") if t in html}
    assert shown == {"失败的导入", "有被拒绝行的导入"}
    assert '<strong class="todo-count">2</strong>' in home


def test_the_job_list_is_the_users_own_and_exports(client, jobs):
    client.force_login(jobs)
    html = client.get(reverse("core:job_list")).content.decode()
    assert "全部导入" in html and "只检查" in html
    assert "别人的失败" not in html and "四十天前失败" not in html
    response = client.get(reverse("core:job_list") + "?format=xlsx")
    assert response.status_code == 200
    import io

    from openpyxl import load_workbook
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [c for row in ws.iter_rows(values_only=True) for c in row if c]
    assert "有被拒绝行的导入" in values and "别人的失败" not in values
    assert any(isinstance(v, datetime.datetime) for v in values)  # a date cell, not text


def test_nothing_waiting_shows_no_todo(client, users):
    client.force_login(users["township_clerk"])
    assert "看错误报告" not in client.get(reverse("core:home")).content.decode()

"""A job's progress in words: steps for a report or matching run, rows (with the percent) for an
import or export; a finished job reads complete."""

import pytest

from xiezuo.core.models import Job


@pytest.mark.parametrize("by_steps,status,done,total,expected", [
    (True, Job.Status.RUNNING, 1, 4, "第 2 步，共 4 步"),
    (True, Job.Status.RUNNING, 0, 5, "第 1 步，共 5 步"),
    (True, Job.Status.DONE, 2, 4, "第 4 步，共 4 步"),
    (True, Job.Status.FAILED, 2, 4, "第 2 步，共 4 步"),
    (False, Job.Status.RUNNING, 2000, 57004, "已处理 2,000 行，共 57,004 行（3%）"),
    (False, Job.Status.DONE, 2000, 57004, "已处理 57,004 行，共 57,004 行（100%）"),
    (False, Job.Status.RUNNING, 0, 0, ""),
])
def test_progress_is_said_in_steps_or_rows(by_steps, status, done, total, expected):
    job = Job(by_steps=by_steps, status=status, done=done, total=total)
    assert job.progress_text == expected


@pytest.mark.parametrize("result,button", [
    ({"rows": 12, "file": "exports/名单.xlsx"}, "下载文件"),  # an export: its file
    # an import's summary also names the copy it kept: its result is a page to look at
    ({"rows": 12, "dry_run": False, "file": "uploads/labour/2019/x.xlsx"}, "查看结果"),
])
def test_a_finished_job_links_to_its_file_or_its_result_page(result, button):
    from django.template.loader import render_to_string
    from django.utils import timezone

    job = Job(status=Job.Status.DONE, result=result, result_url="/somewhere/",
              finished_at=timezone.now())
    html = render_to_string("core/job_progress.html", {"job": job})
    assert button in html and ({"下载文件", "查看结果"} - {button}).pop() not in html

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

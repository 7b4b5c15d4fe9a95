"""A slow background task for the `xiezuo serve` tests (not a test module): the worker started
by serve imports it from tests/ (PYTHONPATH), as it would any part's tasks."""

import time

from django_tasks import task


@task()
def slow_task(job_id: str, seconds: float = 120) -> dict:
    from xiezuo.core.jobs import job_progress

    job_progress(job_id, done=1, total=2, message="slow task running")
    time.sleep(seconds)
    return {}

"""A task its worker left running (the worker died or was stopped mid-task) is marked failed,
and so is its job; the tasks of other workers are left alone."""

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from xiezuo.core.jobs import job_create, job_progress, tasks_interrupted
from xiezuo.core.management.commands.serve import dead_serve_worker, worker_id_prefix
from xiezuo.core.models import Job


def _running(job: Job, worker: str) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status="RUNNING", args_kwargs={"args": [], "kwargs": {"job_id": str(job.pk)}},
        task_path="serve_tasks.slow_task", backend_name="default", run_after=timezone.now(),
        started_at=timezone.now(), worker_ids=[worker])


@pytest.mark.django_db
def test_the_dead_workers_task_and_job_are_marked_failed_and_others_left_running(users):
    mine = job_create(kind="t", title="mine", user=users["county_admin"])
    other = job_create(kind="t", title="other", user=users["county_admin"])
    job_progress(mine.pk, done=1, total=2)
    job_progress(other.pk, done=1, total=2)
    t_mine, t_other = _running(mine, "w-dead"), _running(other, "w-alive")
    assert tasks_interrupted(worker_id="w-dead") == 1
    mine.refresh_from_db()
    other.refresh_from_db()
    t_mine.refresh_from_db()
    t_other.refresh_from_db()
    assert (mine.status, t_mine.status) == (Job.Status.FAILED, "FAILED")
    assert mine.finished_at and "任务中断" in mine.message
    assert (other.status, t_other.status) == (Job.Status.RUNNING, "RUNNING")


@pytest.mark.django_db
def test_a_serve_that_died_has_its_workers_tasks_failed_at_the_next_start(users):
    job = job_create(kind="t", title="orphan", user=users["county_admin"])
    gone = f"{worker_id_prefix()}999999999-1"  # no such process
    _running(job, gone)
    assert dead_serve_worker(gone) and not dead_serve_worker("some-other-worker")
    assert tasks_interrupted(dead=dead_serve_worker) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED

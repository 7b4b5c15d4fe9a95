"""Background work of the labour part (django-tasks; progress in core.Job)."""

from django_tasks import task


@task()
def match_run_task(run_id: int) -> dict:
    from xiezuo.labour.runs import match_run_execute

    run = match_run_execute(run_id=run_id)
    return run.summary

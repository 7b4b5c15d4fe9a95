"""Background work of the funds part: the project and disbursement imports from the web page."""

from pathlib import Path

from django_tasks import task


@task()
def funds_import_task(job_id: str, kind: str, path: str, user_id: int, original_name: str = "",
                      dry_run: bool = False, strict: bool = False) -> dict:
    """Run the projects or disbursements import for the web upload, reporting to the core Job.
    A refused file (FileRefused) fails the job with its reason. A dry run (the page's check)
    keeps the file for 正式导入 (views.import_confirm)."""
    from django.urls import reverse

    from xiezuo.accounts.models import User
    from xiezuo.core.jobs import job_run_import
    from xiezuo.funds import imports
    from xiezuo.tabular.errors import FileRefused

    actor = User.objects.get(pk=user_id)
    return job_run_import(
        job_id, lambda progress: imports.run(
            kind, actor=actor, path=Path(path), original_name=original_name, dry_run=dry_run,
            strict=strict, progress=progress),
        result_url=reverse("funds:import_result", args=[job_id]), upload=path,
        refused=(FileRefused,), confirm={"kind": kind, "original_name": original_name,
                                         "strict": strict} if dry_run else None)

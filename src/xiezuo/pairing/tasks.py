"""Background work of the pairing part (django-tasks; progress in core.Job)."""

from django_tasks import task


@task()
def donation_import_task(job_id: str, path: str, user_id: int, original_name: str = "",
                         dry_run: bool = False, strict: bool = False) -> dict:
    """Run the donation-ledger import for the web upload, reporting to the core Job. A dry run
    (the page's check) keeps the file for 正式导入 (views.import_confirm); the real run removes
    the page's copy (the import keeps its own)."""
    from django.urls import reverse

    from xiezuo.accounts.models import User
    from xiezuo.core.jobs import job_run_import
    from xiezuo.pairing.imports import donations_import
    from xiezuo.tabular.errors import FileRefused

    actor = User.objects.get(pk=user_id)
    return job_run_import(
        job_id, lambda progress: donations_import(
            actor=actor, path=path, dry_run=dry_run, strict=strict, progress=progress,
            original_name=original_name),
        result_url=reverse("pairing:import_result", args=[job_id]), refused=(FileRefused,),
        upload=path, confirm={"original_name": original_name, "strict": strict}
        if dry_run else None)

"""Background work of the pairing part (django-tasks; progress in core.Job)."""

from django_tasks import task


@task()
def donation_import_task(job_id: str, path: str, user_id: int, original_name: str = "",
                         dry_run: bool = False, strict: bool = False) -> dict:
    """Run the donation-ledger import for the web upload, reporting to the core Job.

    A check (dry run) keeps the uploaded file and notes it on the job, so the clerk can import
    exactly that file afterwards (views.import_confirm); the real run removes it."""
    from django.urls import reverse

    from xiezuo.accounts.models import User
    from xiezuo.core.jobs import job_run_import
    from xiezuo.core.models import Job
    from xiezuo.pairing.imports import donations_import
    from xiezuo.tabular.errors import FileRefused

    actor = User.objects.get(pk=user_id)
    out = job_run_import(
        job_id, lambda progress: donations_import(
            actor=actor, path=path, dry_run=dry_run, strict=strict, progress=progress,
            original_name=original_name),
        result_url=reverse("pairing:import_result", args=[job_id]), refused=(FileRefused,),
        upload=None if dry_run else path)
    if dry_run and "error" not in out:
        job = Job.objects.get(pk=job_id)
        Job.objects.filter(pk=job_id).update(result={**(job.result or {}), "preview": {
            "path": path, "original_name": original_name, "strict": strict}})
    return out

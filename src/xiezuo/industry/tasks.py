"""Background work of the industry part (django-tasks; progress in core.Job)."""

from django_tasks import task


@task()
def industry_import_task(job_id: str, import_kind: str, path: str, user_id: int,
                         original_name: str = "", dry_run: bool = False,
                         strict: bool = False) -> dict:
    """Run the linkage or sales import for the web upload, reporting to the core Job. A dry run
    (the page's check) keeps the file for 正式导入 (views.import_confirm); the real run removes
    the page's copy (the import keeps its own)."""
    from django.urls import reverse

    from xiezuo.accounts.models import User
    from xiezuo.core.jobs import job_run_import
    from xiezuo.industry.choices import ImportKind
    from xiezuo.industry.imports import TableFormatError, linkages_import, sales_import

    actor = User.objects.get(pk=user_id)
    service = sales_import if import_kind == ImportKind.SALES else linkages_import
    return job_run_import(
        job_id, lambda progress: service(actor=actor, path=path, dry_run=dry_run, strict=strict,
                                         progress=progress, original_name=original_name),
        result_url=reverse("industry:import_result", args=[job_id]), refused=(TableFormatError,),
        upload=path, confirm={"kind": import_kind, "original_name": original_name,
                              "strict": strict} if dry_run else None)

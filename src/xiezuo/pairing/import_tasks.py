"""Background work of the pairing imports' page (django-tasks; progress in core.Job)."""

from django_tasks import task


@task()
def pairing_records_import_task(job_id: str, import_kind: str, path: str, user_id: int,
                                original_name: str = "", dry_run: bool = False,
                                strict: bool = False) -> dict:
    """Run the town-pairing, enterprise-pairing or activity import for the web upload. A dry
    run (the page's check) keeps the file for 正式导入 (import_views.records_import_confirm);
    the real run removes the page's copy (the import keeps its own)."""
    from django.urls import reverse

    from xiezuo.accounts.models import User
    from xiezuo.core.jobs import job_run_import
    from xiezuo.pairing.pairing_imports import KINDS
    from xiezuo.tabular.errors import FileRefused

    actor = User.objects.get(pk=user_id)
    service = KINDS[import_kind][1]
    return job_run_import(
        job_id, lambda progress: service(actor=actor, path=path, dry_run=dry_run, strict=strict,
                                         progress=progress, original_name=original_name),
        result_url=reverse("pairing:records_import_result", args=[job_id]),
        refused=(FileRefused,), upload=path,
        confirm={"kind": import_kind, "original_name": original_name, "strict": strict}
        if dry_run else None)

"""Background work of the funds part: the project and disbursement imports from the web page."""

from contextlib import suppress
from pathlib import Path

from django_tasks import task


@task()
def funds_import_task(job_id: str, kind: str, path: str, user_id: int, original_name: str = "",
                      dry_run: bool = False, strict: bool = False) -> dict:
    """Run the projects or disbursements import for the web upload, reporting to the core Job."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from xiezuo.accounts.models import User
    from xiezuo.core.jobs import job_finish, job_progress
    from xiezuo.funds import imports

    actor = User.objects.get(pk=user_id)

    def progress(done: int, total: int, message: str) -> None:
        job_progress(job_id, done=done, total=total or None, message=message)

    url = reverse("funds:import_result", args=[job_id])
    try:
        r = imports.run(kind, actor=actor, path=Path(path), original_name=original_name,
                        dry_run=dry_run, strict=strict, progress=progress)
    except Exception as e:
        job_finish(job_id, result={"error": str(e)}, failed=True,
                   message=_("导入失败：%(e)s") % {"e": e})
        raise
    finally:
        # The import keeps its own copy of the file (DATA_DIR/uploads/funds).
        Path(path).unlink(missing_ok=True)
        with suppress(OSError):
            Path(path).parent.rmdir()  # the upload's own folder (job_upload), once empty
    if r.refusal:
        job_finish(job_id, result={"error": r.refusal}, result_url=url, failed=True,
                   message=r.refusal)
        return {"error": r.refusal}
    result = r.as_json()
    result["errors"] = result["errors"][:500]  # the full list is in the downloadable report
    job_finish(job_id, result=result, result_url=url,
               message=_("共 %(rows)d 行，拒绝 %(rejected)d 行") % result)
    return {k: v for k, v in result.items() if k != "errors"}

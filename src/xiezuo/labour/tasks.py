"""Background work of the labour part (django-tasks; progress in core.Job)."""

from django_tasks import task


@task()
def match_run_task(run_id: int) -> dict:
    from xiezuo.labour.runs import match_run_execute

    run = match_run_execute(run_id=run_id)
    return run.summary


@task()
def labour_import_task(job_id: str, kind: str, path: str, user_id: int, original_name: str = "",
                       dry_run: bool = False, strict: bool = False) -> dict:
    """Run the survey or openings import for the web upload, reporting to the core Job."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from xiezuo.accounts.models import User
    from xiezuo.core.jobs import job_finish, job_progress
    from xiezuo.labour.choices import ImportKind
    from xiezuo.labour.imports import TableFormatError, openings_import, survey_import

    actor = User.objects.get(pk=user_id)
    service = survey_import if kind == ImportKind.SURVEY else openings_import

    def progress(done: int, total: int, message: str) -> None:
        job_progress(job_id, done=done, total=total or None, message=message)

    url = reverse("labour:import_result", args=[job_id])
    try:
        r = service(actor=actor, path=path, dry_run=dry_run, strict=strict, progress=progress,
                    original_name=original_name)
    except TableFormatError as e:
        job_finish(job_id, result={"error": str(e)}, result_url=url, failed=True,
                   message=str(e))
        return {"error": str(e)}
    except Exception as e:
        job_finish(job_id, result={"error": str(e)}, failed=True,
                   message=_("导入失败：%(e)s") % {"e": e})
        raise
    result = r.as_json()
    result["errors"] = result["errors"][:500]  # the full list is in the downloadable report
    job_finish(job_id, result=result, result_url=url,
               message=_("共 %(rows)d 行，拒绝 %(rejected)d 行") % result)
    return result

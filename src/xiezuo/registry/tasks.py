"""Background work of the registry: the roster import and export and the population import
started from the web pages."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from xiezuo.core.jobs import job_finish, job_progress, job_run_import
from xiezuo.tabular.errors import FileRefused


@task()
def roster_import_task(job_id: str, path: str, user_id: int | None, county_code: str | None = None,
                       dry_run: bool = False, strict: bool = False, allow_moves: bool = False,
                       original_name: str = "", new_villages: list | None = None) -> dict:
    """Run `household_import` for the web upload, reporting progress to the core Job. A dry run
    (the page's check) keeps the file for 正式导入 (views.import_confirm); the real run removes
    the page's copy (the import keeps its own)."""
    from xiezuo.accounts.models import User
    from xiezuo.registry.services import household_import

    actor = User.objects.get(pk=user_id) if user_id is not None else None
    return job_run_import(
        job_id, lambda progress: household_import(
            actor=actor, path=path, county_code=county_code, dry_run=dry_run, strict=strict,
            allow_moves=allow_moves, progress=progress, original_name=original_name,
            new_villages={(t, n) for t, n in new_villages or ()}),
        result_url=reverse("registry:import_result", args=[job_id]), refused=(FileRefused,),
        upload=path, confirm={"original_name": original_name, "strict": strict,
                              "allow_moves": allow_moves} if dry_run else None,
        summary=lambda r: _("%(rows)d 行：新增 %(c)d 人，更新 %(u)d 人，未变 %(n)d 人，拒绝 %(r)d 行")
        % {"rows": r.rows, "c": r.persons_created, "u": r.persons_updated, "n": r.unchanged,
           "r": r.rejected})


@task()
def roster_export_task(job_id: str, path: str, user_id: int, county_code: str | None = None,
                       township_code: str | None = None) -> dict:
    """Run `roster_export` for the web page (a county's .xlsx takes about half a minute)."""
    from xiezuo.accounts.models import User
    from xiezuo.registry.services import roster_export

    def progress(done: int, total: int) -> None:
        job_progress(job_id, done=done, total=total or None,
                     message=_("已写出 %(n)d 人") % {"n": done})

    try:
        n = roster_export(actor=User.objects.get(pk=user_id), path=path, county_code=county_code,
                          township_code=township_code, progress=progress)
    except Exception as e:
        job_finish(job_id, result={"error": str(e)}, failed=True,
                   message=_("导出失败：%(e)s") % {"e": e})
        raise
    job_progress(job_id, done=n, total=n)
    job_finish(job_id, result={"rows": n, "file": path},
               result_url=reverse("registry:export_download", args=[job_id]),
               message=_("已导出 %(n)d 人，可以下载") % {"n": n})
    return {"rows": n}


@task()
def population_import_task(job_id: str, path: str, user_id: int, year: int | None = None,
                           source: str = "", dry_run: bool = False, strict: bool = False,
                           original_name: str = "") -> dict:
    """Run `population_import` for the web upload, reporting progress to the core Job."""
    from xiezuo.accounts.models import User
    from xiezuo.registry.population import population_import

    actor = User.objects.get(pk=user_id)
    return job_run_import(
        job_id, lambda progress: population_import(
            actor=actor, path=path, year=year, source=source, dry_run=dry_run, strict=strict,
            progress=progress, original_name=original_name),
        result_url=reverse("registry:population_import_result", args=[job_id]),
        refused=(FileRefused,), upload=path,
        summary=lambda r: _("%(rows)d 行：新增 %(c)d 个，更新 %(u)d 个，未变 %(n)d 个，拒绝 %(r)d 行")
        % {"rows": r.rows, "c": r.populations_created, "u": r.populations_updated,
           "n": r.unchanged, "r": r.rejected})

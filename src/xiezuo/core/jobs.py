"""Progress of background work (imports, matching, reports).

Long jobs report progress while they read and check their input, before they open the one
transaction that writes; so the page polling a job sees it move on every database. The imports
started from a page share the steps around their job: keep the upload, find the job of the one
who started it, serve its error report (template core/import_result.html shows the result).
"""

import datetime
import uuid
from contextlib import suppress
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from xiezuo.core.models import Job
from xiezuo.tabular.safe import mask_ids


def job_create(*, kind: str, title: str, user) -> Job:
    return Job.objects.create(kind=kind, title=title, created_by=user)


def job_progress(job_id, *, done: int, total: int | None = None, message: str = "",
                 steps: bool | None = None) -> None:
    """`done` of `total` rows, or with `steps=True` steps done (step `done + 1` is running)."""
    fields = {"done": done, "status": Job.Status.RUNNING, "message": message[:300]}
    if total is not None:
        fields["total"] = total
    if steps is not None:
        fields["by_steps"] = steps
    Job.objects.filter(pk=job_id).update(**fields)


def job_finish(job_id, *, result: dict | None = None, result_url: str = "",
               failed: bool = False, message: str = "") -> None:
    # A failure's text may quote a cell: no full ID number is kept in core_job (tabular.safe).
    message = mask_ids(message)
    if result and isinstance(result.get("error"), str):
        result = {**result, "error": mask_ids(result["error"])}
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED if failed else Job.Status.DONE,
        finished_at=timezone.now(), result=result, result_url=result_url, message=message[:300],
    )


# --- the imports started from a page (upload, job, result, error report) -----------------------

def job_run_import(job_id, run, *, result_url: str, refused: tuple = (), summary=None,
                   upload: str | Path | None = None, confirm: dict | None = None) -> dict:
    """The body of every web import's background task.

    `run(progress)` calls the import service and returns its ImportResult. A file refused as a
    whole (an exception in `refused`: `xiezuo.tabular.errors.FileRefused`) fails the job with
    that reason; any other exception fails it and is raised again. `upload`, the copy the web
    page kept for the task, is removed either way (the import keeps its own). The job's result
    is the summary (errors cut at 500: the full list is in the error report); `summary(result)`
    is the job's message.

    `confirm` (a page's dry run, the check before 正式导入): the options to run the same import
    for real. The upload is then kept and noted on the job (`result["confirm"]`), so the page
    can import exactly that file without another upload (`job_confirm`)."""
    keep = confirm is not None

    def progress(done: int, total: int, message: str = "") -> None:
        job_progress(job_id, done=done, total=total or None, message=message)

    def fail(reason: str) -> dict:
        job_finish(job_id, result={"error": reason}, result_url=result_url, failed=True,
                   message=reason)
        return {"error": reason}

    try:
        r = run(progress)
    except refused as e:
        keep = False
        return fail(str(e))
    except Exception as e:
        keep = False
        job_finish(job_id, result={"error": str(e)}, failed=True,
                   message=_("导入失败：%(e)s") % {"e": e})
        raise
    finally:
        if upload and not keep:
            _remove_upload(upload)
    result = r.as_json()
    result["errors"] = result["errors"][:500]
    if keep:
        result["confirm"] = {**confirm, "path": str(upload)}
    job_finish(job_id, result=result, result_url=result_url,
               message=summary(r) if summary else
               _("共 %(rows)d 行，拒绝 %(rejected)d 行") % result)
    return {k: v for k, v in result.items() if k != "errors"}


def _remove_upload(upload: str | Path) -> None:
    Path(upload).unlink(missing_ok=True)
    with suppress(OSError):
        Path(upload).parent.rmdir()  # the upload's own folder (job_upload), once empty


def _incoming(folder: str) -> Path:
    return Path(settings.DATA_DIR) / "uploads" / folder / "incoming"


#: an upload checked but never imported is removed after this long (job_upload tidies up)
UNCONFIRMED_KEPT = datetime.timedelta(days=2)


def job_upload(upload, *, folder: str) -> Path:
    """Keep an uploaded file for the background job that reads it, under its own name (the
    import records the name the clerk knows): DATA_DIR/uploads/<folder>/incoming/<random>/."""
    name = get_valid_filename(Path(upload.name).name) or f"{folder}{Path(upload.name).suffix}"
    incoming = _incoming(folder)
    if incoming.is_dir():  # checked files nobody went on to import (job_run_import's confirm)
        old = (timezone.now() - UNCONFIRMED_KEPT).timestamp()
        for kept in incoming.glob("*/*"):
            with suppress(OSError):
                if kept.stat().st_mtime < old:
                    _remove_upload(kept)
    target = incoming / uuid.uuid4().hex / name
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return target


def job_start_import(request, task, *, job_kind: str, title: str, checked: Job | None = None,
                     **options):
    """Start a web import's background `task` as a job of the user's (its title what the job
    page says: 检查… for a page's check, 导入… for 正式导入); the answer goes to the job page.
    The task is called with the job, the user and `options` (a task's own `kind` among them:
    the job's kind is `job_kind`). `checked`, the check a 正式导入 follows, keeps the new job's
    id, so the check's page links to the import it led to."""
    job = job_create(kind=job_kind, title=title, user=request.user)
    if checked is not None:
        with transaction.atomic():
            c = Job.objects.select_for_update().get(pk=checked.pk)
            confirm = (c.result or {}).get("confirm") or {}
            c.result = {**c.result, "confirm": {**confirm, "import_job": str(job.pk)}}
            c.save(update_fields=["result"])
    task.enqueue(job_id=str(job.pk), user_id=request.user.pk, **options)
    return redirect("core:job_detail", pk=job.pk)


def job_of(request, job_id, *, kind: str) -> Job:
    """The job, if the user started it: others get 404, as on the core job page."""
    return get_object_or_404(Job, pk=job_id, created_by=request.user, kind=kind)


def job_confirm(request, job: Job, *, folder: str) -> dict:
    """The options of a checked upload (`job_run_import(confirm=…)`) to import it for real,
    once, when the check allows it (`confirmable`): the job is marked confirmed in the same transaction, so a second click finds it
    taken (404). The file must still be the page's own copy under uploads/<folder>/incoming."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        confirm = (job.result or {}).get("confirm") or {}
        path = Path(confirm.get("path") or "")
        if (not confirmable(job.result or {}) or not path.is_file()
                or not path.resolve().is_relative_to(_incoming(folder).resolve())):
            raise Http404
        job.result = {**job.result, "confirm": {**confirm, "confirmed": True}}
        job.save(update_fields=["result"])
    return confirm


def confirmable(result: dict) -> bool:
    """A dry run's result that 正式导入 may follow: its file kept and not yet imported, some row
    that would be written (or rows waiting on a village the page may confirm: the roster's
    `new_villages`), and no --strict refusal waiting to happen again."""
    confirm = result.get("confirm") or {}
    # every row is written, unchanged or rejected (tabular.pipeline)
    writes = (result.get("rows") or 0) - (result.get("unchanged") or 0) - (result.get("rejected")
                                                                           or 0)
    asks = any(not v.get("created") for v in result.get("new_villages") or ())
    return bool(confirm and not confirm.get("confirmed") and result.get("dry_run")
                and not result.get("error") and (writes > 0 or asks)
                and not (confirm.get("strict") and result.get("rejected") and not asks))


def job_import_result(request, job: Job, *, labels: dict, report_url_name: str, again_url: str,
                      shown=None, confirm_url_name: str = "", template_url: str = "",
                      links=(), extra: str = "", context: dict | None = None):
    """The page of an import's result (the job page while it still runs). `labels` names the
    counts to show, in the summary's order; `shown(error)` is an error as the page may show it
    (ID numbers masked, say). After a page's dry run (`job_run_import(confirm=…)`), the page
    shows the file's first rows and, with `confirm_url_name`, the 正式导入 button; `extra`, a
    template included in its form (with `context`), asks what else the real run needs. `links`
    [(label, url)] go to what a real run stored."""
    if not job.finished:
        return redirect("core:job_detail", pk=job.pk)
    result = job.result or {}
    errors = result.get("errors") or []
    return render(request, "core/import_result.html", {
        "job": job, "result": result, "errors": [shown(e) for e in errors] if shown else errors,
        "counts": [(labels[k], v) for k, v in result.items() if k in labels],
        "report_url": reverse(report_url_name, args=[job.pk]) if result.get("report") else "",
        "again_url": again_url, "template_url": template_url, "sample": result.get("sample"),
        "confirm_url": (reverse(confirm_url_name, args=[job.pk])
                        if confirm_url_name and confirmable(result) else ""),
        "confirmed": bool((result.get("confirm") or {}).get("confirmed")),
        "import_url": (reverse("core:job_detail", args=[(result.get("confirm") or {})["import_job"]])
                       if (result.get("confirm") or {}).get("import_job") else ""),
        "links": links, "extra": extra, **(context or {})})


def job_report_response(request, job: Job, *, note: str) -> FileResponse:
    """The error report a job wrote (whole rows as the file held them), for its starter; each
    download is audited as an export. Only a file under DATA_DIR or REPORT_DIR is served."""
    from xiezuo.accounts.choices import AuditAction
    from xiezuo.accounts.services import audit_record

    report = (job.result or {}).get("report")
    if not report:
        raise Http404
    path = Path(report).resolve()
    roots = [Path(settings.DATA_DIR).resolve(), Path(settings.REPORT_DIR).resolve()]
    if not any(path.is_relative_to(r) for r in roots) or not path.is_file():
        raise Http404
    with transaction.atomic():
        audit_record(actor=request.user, action=AuditAction.EXPORT, object_type="core.job",
                     object_id=str(job.pk), object_repr=path.name, note=note)
    name = _("%(title)s-错误报告") % {"title": job.title}
    return FileResponse(path.open("rb"), as_attachment=True,
                        filename=f"{name}{path.suffix or '.xlsx'}")


# --- work a dead worker left behind (xiezuo serve supervises the worker) ------------------------

def tasks_interrupted(*, worker_id: str | None = None, dead=None, since=None) -> int:
    """Mark failed the background tasks a worker left unfinished when it died or was stopped
    mid-task (SIGKILL, SIGABRT, a stop that outlasted the grace period), and their jobs, so no
    page waits on a job that nothing runs any more. `worker_id`: that worker's tasks (`since`:
    when it started); `dead(worker_id) -> bool`: the tasks of every worker it calls dead.
    Returns the number of jobs marked failed."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    def ours(ids: list) -> bool:
        if not ids:
            return False
        return ids[-1] == worker_id if worker_id is not None else bool(dead and dead(ids[-1]))

    def job_of_task(result) -> str | None:
        return ((result.args_kwargs or {}).get("kwargs") or {}).get("job_id")

    now = timezone.now()
    job_ids = []
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        if ours(result.worker_ids) and DBTaskResult.objects.filter(
                pk=result.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED, finished_at=now,
                exception_class_path="xiezuo.core.jobs.WorkerInterrupted",
                traceback=f"the worker {result.worker_ids[-1]} stopped while the task ran"):
            job_ids.append(job_of_task(result))
    if worker_id is not None and since is not None:
        # A worker stopped by a second signal fails its task itself, but not the task's job.
        for result in DBTaskResult.objects.filter(status=TaskResultStatus.FAILED,
                                                  started_at__gte=since):
            if ours(result.worker_ids):
                job_ids.append(job_of_task(result))
    job_ids = [j for j in job_ids if j]
    if not job_ids:
        return 0
    return Job.objects.filter(pk__in=job_ids).exclude(
        status__in=[Job.Status.DONE, Job.Status.FAILED]).update(
        status=Job.Status.FAILED, finished_at=now,
        message=_("任务中断：后台任务进程在运行中停止，请重新发起"))

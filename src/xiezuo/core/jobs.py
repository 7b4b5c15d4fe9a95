"""Progress of background work (imports, matching, reports).

Long jobs report progress while they read and check their input, before they open the one
transaction that writes; so the page polling a job sees it move on every database. The imports
started from a page share the steps around their job: keep the upload, find the job of the one
who started it, serve its error report (template core/import_result.html shows the result).
"""

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


def job_progress(job_id, *, done: int, total: int | None = None, message: str = "") -> None:
    fields = {"done": done, "status": Job.Status.RUNNING, "message": message[:300]}
    if total is not None:
        fields["total"] = total
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

def job_run_import(job_id, run, *, result_url: str, refused: tuple = (), refusal=None,
                   summary=None, upload: str | Path | None = None) -> dict:
    """The body of every web import's background task.

    `run(progress)` calls the import service and returns its ImportResult. A file refused as a
    whole (an exception in `refused`, or `refusal(result)` giving a reason) fails the job with
    that reason; any other exception fails it and is raised again. `upload`, the copy the web
    page kept for the task, is removed either way (the import keeps its own). The job's result
    is the summary (errors cut at 500: the full list is in the error report); `summary(result)`
    is the job's message."""
    def progress(done: int, total: int, message: str = "") -> None:
        job_progress(job_id, done=done, total=total or None, message=message)

    def fail(reason: str) -> dict:
        job_finish(job_id, result={"error": reason}, result_url=result_url, failed=True,
                   message=reason)
        return {"error": reason}

    try:
        r = run(progress)
    except refused as e:
        return fail(str(e))
    except Exception as e:
        job_finish(job_id, result={"error": str(e)}, failed=True,
                   message=_("导入失败：%(e)s") % {"e": e})
        raise
    finally:
        if upload:
            Path(upload).unlink(missing_ok=True)
            with suppress(OSError):
                Path(upload).parent.rmdir()  # the upload's own folder (job_upload), once empty
    reason = refusal(r) if refusal else ""
    if reason:
        return fail(reason)
    result = r.as_json()
    result["errors"] = result["errors"][:500]
    job_finish(job_id, result=result, result_url=result_url,
               message=summary(r) if summary else
               _("共 %(rows)d 行，拒绝 %(rejected)d 行") % result)
    return {k: v for k, v in result.items() if k != "errors"}


def job_upload(upload, *, folder: str) -> Path:
    """Keep an uploaded file for the background job that reads it, under its own name (the
    import records the name the clerk knows): DATA_DIR/uploads/<folder>/incoming/<random>/."""
    name = get_valid_filename(Path(upload.name).name) or f"{folder}{Path(upload.name).suffix}"
    target = Path(settings.DATA_DIR) / "uploads" / folder / "incoming" / uuid.uuid4().hex / name
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return target


def job_of(request, job_id, *, kind: str) -> Job:
    """The job, if the user started it: others get 404, as on the core job page."""
    return get_object_or_404(Job, pk=job_id, created_by=request.user, kind=kind)


def job_import_result(request, job: Job, *, labels: dict, report_url_name: str, again_url: str,
                      shown=None):
    """The page of an import's result (the job page while it still runs). `labels` names the
    counts to show, in the summary's order; `shown(error)` is an error as the page may show it
    (ID numbers masked, say)."""
    if not job.finished:
        return redirect("core:job", pk=job.pk)
    result = job.result or {}
    errors = result.get("errors") or []
    return render(request, "core/import_result.html", {
        "job": job, "result": result, "errors": [shown(e) for e in errors] if shown else errors,
        "counts": [(labels[k], v) for k, v in result.items() if k in labels],
        "report_url": reverse(report_url_name, args=[job.pk]) if result.get("report") else "",
        "again_url": again_url})


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
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)

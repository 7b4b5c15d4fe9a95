"""A long list's 导出 Excel as a background job, for every list page at once.

`tabular.listexport.xlsx_response` raises `ExportTooLarge` for a list longer than
`settings.LIST_EXPORT_JOB_ROWS`. The middleware here answers that request with a job (core.Job,
its page shows 已处理 N 行，共 M 行) whose task runs the same view again, for the same user,
with the same query string (filters, sorting) and language, inside `listexport.export_to`: the
view's rows are the ones the user asked for, and the file is the one a short list would have
downloaded at once. The finished job links to `list_export_download`, which serves the file to
the user who started the job only (others get 404, as on the job page), audited as an export.
Files are kept EXPORT_KEEP_HOURS, then swept, as the roster's exports are.

Running the view again rather than pickling its rows keeps the list views unaware of the job:
no list needs code of its own, and a new list gets the job by using xlsx_response.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.messages.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, QueryDict
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from xiezuo.accounts.pairs import narrow_to_pairs
from xiezuo.core.jobs import job_create, job_finish, job_of, job_progress
from xiezuo.core.models import Job
from xiezuo.tabular.listexport import XLSX, ExportTooLarge, export_to

JOB_KIND = "core.list_export"
EXPORT_KEEP_HOURS = 24
#: the request headers the job's request keeps (the host for absolute links, the client's address)
KEPT_META = ("HTTP_HOST", "SERVER_NAME", "SERVER_PORT", "REMOTE_ADDR", "wsgi.url_scheme")


def export_dir() -> Path:
    return Path(settings.REPORT_DIR) / "list-exports"


class ListExportJobMiddleware:
    """Turns a list export too long for the request into a job and shows its page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ExportTooLarge) or not request.user.is_authenticated:
            return None
        job = list_export_start(request, exception)
        return redirect("core:job_detail", pk=job.pk)


def list_export_start(request, too_large: ExportTooLarge):
    _sweep()
    job = job_create(kind=JOB_KIND, title=_("导出 %(name)s") % {"name": too_large.filename},
                     user=request.user)
    Job.objects.filter(pk=job.pk).update(total=too_large.rows, message=_("等待后台任务开始"))
    meta = {k: str(request.META[k]) for k in KEPT_META if k in request.META}
    list_export_task.enqueue(job_id=str(job.pk), user_id=request.user.pk,
                             path=request.path_info, query=request.GET.urlencode(),
                             language=translation.get_language() or settings.LANGUAGE_CODE,
                             meta=meta)
    return job


def _sweep() -> None:
    """Exports hold names and, on some lists, ID numbers: each is kept a day for its download."""
    cutoff = timezone.now().timestamp() - EXPORT_KEEP_HOURS * 3600
    for folder in export_dir().glob("*"):
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


def _request(*, user, path: str, query: str, meta: dict) -> HttpRequest:
    """The list page's GET again, as the user who asked for it (the view's own guards apply)."""
    from django.contrib.sessions.backends.base import SessionBase

    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.GET = QueryDict(query)
    request.META = {"REQUEST_METHOD": "GET", "QUERY_STRING": query, "PATH_INFO": path,
                    "SERVER_NAME": "localhost", "SERVER_PORT": "80", **meta}
    request.user = user
    narrow_to_pairs(request)  # a list opened from a pair's figure: the same pair's rows
    request.session = SessionBase()
    request._messages = default_storage(request)
    return request


@task()
def list_export_task(job_id: str, user_id: int, path: str, query: str, language: str,
                     meta: dict | None = None) -> dict:
    def progress(done: int, total: int | None) -> None:
        job_progress(job_id, done=done, total=total, message=_("正在整理数据"))

    user = get_user_model().objects.get(pk=user_id)
    try:
        with translation.override(language), export_to(export_dir() / job_id,
                                                       progress=progress) as target:
            request = _request(user=user, path=path, query=query, meta=meta or {})
            request.LANGUAGE_CODE = language
            match = resolve(path)
            response = match.func(request, *match.args, **match.kwargs)
        if target.path is None:
            raise RuntimeError(f"the list page answered {response.status_code} without a file")
    except Exception as e:
        job_finish(job_id, result={"error": str(e)}, failed=True,
                   message=_("导出失败：%(e)s") % {"e": e})
        raise
    job_progress(job_id, done=target.rows, total=target.rows)
    with translation.override(language):
        job_finish(job_id, result={"rows": target.rows, "file": str(target.path)},
                   result_url=reverse("core:list_export_download", args=[job_id]),
                   message=_("已导出 %(n)s 行，可以下载") % {"n": f"{target.rows:,}"})
    return {"rows": target.rows}


@login_required
def list_export_download(request, pk):
    """The file a finished list export wrote, for the one who started it; audited."""
    from xiezuo.accounts.choices import AuditAction
    from xiezuo.accounts.services import audit_record

    job = job_of(request, pk, kind=JOB_KIND)
    if not job.finished:
        return redirect("core:job_detail", pk=job.pk)
    path = Path((job.result or {}).get("file") or "")
    if not path.is_file() or not path.resolve().is_relative_to(export_dir().resolve()):
        raise Http404(_("导出文件已过期删除，请重新导出"))
    with transaction.atomic():
        audit_record(actor=request.user, action=AuditAction.EXPORT, object_type="core.job",
                     object_id=str(job.pk), object_repr=path.name, note=_("下载列表导出文件"))
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name,
                        content_type=XLSX)

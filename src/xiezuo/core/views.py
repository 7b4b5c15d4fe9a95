from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from xiezuo.core.discovery import app_modules
from xiezuo.core.indicators import one_evaluation
from xiezuo.core.models import Job
from xiezuo.core.navigation import CHAPTERS, items_for
from xiezuo.core.selectors import JOB_DAYS, JobFilters, needs_attention
from xiezuo.core.selectors import job_list as job_list_of
from xiezuo.tabular.listexport import XCol, wants_xlsx, xlsx_response


@login_required
def home(request):
    """The role's to-do list (each part's `todos(user)`, items with nothing waiting left out)
    and the key figures (each part's `cards(user)`), found by discovery."""
    cards, todos = [], []
    # one evaluation for the whole page: what every part's scope reads (the partnerships, the
    # eastern counties) and the plan's figures are read once, not once per card
    with one_evaluation():
        for module in app_modules("home"):
            cards.extend(module.cards(request.user))
            todos.extend(t for t in getattr(module, "todos", _none)(request.user) if t.count)
    return render(request, "core/home.html", {
        "cards": cards, "todos": todos,
        "role_template": f"core/home/{request.user.role or 'none'}.html"})


def _none(user) -> list:
    return []


@login_required
def chapter(request, number: int):
    titles = {n: (t, label) for n, t, label in CHAPTERS}
    if number not in titles:
        raise Http404
    title, label = titles[number]
    return render(request, "core/chapter.html", {
        "number": number, "title": title, "label": label,
        "items": items_for(request.user).get(number, []),
    })


@login_required
def job_detail(request, pk):
    # A job belongs to the one who started it; others get 404, not its result.
    job = get_object_or_404(Job, pk=pk, created_by=request.user)
    template = "core/job_progress.html" if request.headers.get("HX-Request") else "core/job.html"
    return render(request, template, {"job": job})


JOB_COLUMNS = [
    XCol(_("开始时间"), "created_at", kind="datetime"),
    XCol(_("任务"), "title"),
    XCol(_("状态"), "status"),
    XCol(_("结果"), "message"),
    XCol(_("完成时间"), "finished_at", kind="datetime"),
]


@login_required
def job_list(request):
    """The user's own background jobs of the last 30 days (imports, exports, reports), each
    linking to its page; `?attention=1` the ones the home's to-do counts."""
    filters = JobFilters(attention=request.GET.get("attention") in {"1", "true"})
    jobs = job_list_of(user=request.user, filters=filters)
    title = _("需要处理的导入") if filters.attention else _("我的后台任务")
    if wants_xlsx(request):
        return xlsx_response(title=str(title), columns=JOB_COLUMNS, rows=jobs,
                             filename=str(title), filters=filters.query())
    return render(request, "core/job_list.html", {
        "jobs": jobs, "filters": filters, "title": title, "days": JOB_DAYS,
        "needs": {j.pk for j in jobs if needs_attention(kind=j.kind, status=j.status,
                                                        result=j.result)}})


def healthz(request):
    with connection.cursor() as cur:
        cur.execute("SELECT 1")
    return JsonResponse({"status": "ok"})

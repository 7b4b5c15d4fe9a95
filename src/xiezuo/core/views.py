from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render

from xiezuo.core.discovery import app_modules
from xiezuo.core.indicators import one_evaluation
from xiezuo.core.models import Job
from xiezuo.core.navigation import CHAPTERS, items_for


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


def healthz(request):
    with connection.cursor() as cur:
        cur.execute("SELECT 1")
    return JsonResponse({"status": "ok"})

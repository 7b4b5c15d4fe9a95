from urllib.parse import urlencode

from xiezuo.core.navigation import CHAPTERS, items_for
from xiezuo.tabular.safe import mask_ids


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = items_for(user)
    chapters = [{"number": n, "title": title, "label": label, "items": items.get(n, [])}
                for n, title, label in CHAPTERS]
    return {"nav_chapters": chapters, "nav_current": current_item(request.path, chapters)}


def current_item(path: str, chapters: list[dict]) -> dict | None:
    """The menu item this page belongs to: its own URL, else the longest URL the path lies
    under (a project's page belongs to the project list). The menu marks it and the
    breadcrumb links back to it from a detail page."""
    best = None
    for ch in chapters:
        for item in ch["items"]:
            url = item.url()
            if path == url:
                return {"chapter": ch, "item": item, "url": url, "exact": True}
            if url.rstrip("/") and path.startswith(url if url.endswith("/") else url + "/") and (
                    best is None or len(url) > len(best["url"])):
                best = {"chapter": ch, "item": item, "url": url, "exact": False}
    return best


# Query parameters whose value is personal data whatever it looks like: never echoed into a
# page, hidden in the access log (core.access_log).
PRIVATE_PARAMS = ("id_number",)


def language_next(request):
    """Where the language switch returns to: this page, without private query parameters (a
    full ID number must not be written into the page's form)."""
    query = [(k, v) for k, values in request.GET.lists() if k not in PRIVATE_PARAMS
             for v in values if mask_ids(v) == v]  # nor a number inside another (next=...)
    return {"language_next": request.path + (f"?{urlencode(query)}" if query else "")}

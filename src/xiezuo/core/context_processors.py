from xiezuo.core.navigation import CHAPTERS, items_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = items_for(user)
    return {"nav_chapters": [
        {"number": n, "title": title, "label": label, "items": items.get(n, [])}
        for n, title, label in CHAPTERS
    ]}

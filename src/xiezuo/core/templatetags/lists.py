"""Template helpers for list pages: the export link keeps the list's filters."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def export_query(context, fmt: str = "xlsx") -> str:
    """`?<the page's filters>&format=xlsx` (without the page number): the file holds what the
    list shows, every page of it."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is None:
        return f"?format={fmt}"
    query.pop("page", None)
    query["format"] = fmt
    return "?" + query.urlencode()


@register.simple_tag
def query_hidden_inputs(query: str):
    """The list's filters as hidden inputs, so the jump-to-page form keeps them."""
    from urllib.parse import parse_qsl

    from django.utils.html import format_html, format_html_join

    pairs = [(k, v) for k, v in parse_qsl(query or "", keep_blank_values=True) if k != "page"]
    return format_html_join("", '<input type="hidden" name="{}" value="{}">', pairs) if pairs \
        else format_html("")


@register.simple_tag(takes_context=True)
def sort_th(context, key: str, label: str, css: str = ""):
    """A column header that sorts the list by `key` when clicked (again: the other way round),
    keeping the filters; `sorting` (core.lists.Sorting) in the context says which keys may
    sort. A key the list does not allow gives a plain header."""
    from django.utils.html import format_html

    sorting = context.get("sorting")
    request = context.get("request")
    cls = format_html(' class="{}"', css) if css else ""
    if sorting is None or request is None or key not in dict(sorting.columns):
        return format_html('<th scope="col"{}>{}</th>', cls, label)
    current = sorting.key == key
    descending = current and not sorting.descending  # a second click reverses
    query = request.GET.copy()
    query.pop("page", None)
    query["sort"] = f"-{key}" if descending else key
    aria = ("descending" if sorting.descending else "ascending") if current else "none"
    arrow = ("▼" if sorting.descending else "▲") if current else "↕"
    return format_html(
        '<th scope="col"{} aria-sort="{}"><a class="sort" href="?{}">{} <span aria-hidden="true">'
        '{}</span></a></th>', cls, aria, query.urlencode(), label, arrow)

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

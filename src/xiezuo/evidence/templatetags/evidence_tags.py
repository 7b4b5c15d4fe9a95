"""`{% evidence_panel record %}`: a record's attachments and the upload form, for any part's
page (through the include evidence/_attachments.html)."""

from django import template
from django.urls import reverse

from xiezuo.accounts.roles import has
from xiezuo.evidence import filetypes, registry, selectors
from xiezuo.evidence.choices import Kind

register = template.Library()


@register.inclusion_tag("evidence/_attachments_panel.html", takes_context=True)
def evidence_panel(context, record, kinds: str = "", compact: bool = False, heading: str = ""):
    """`kinds`: the kinds offered first in the form, space-separated keys (e.g.
    "fund_voucher invoice"); `compact`: a short list for a table cell."""
    request = context.get("request")
    user = getattr(request, "user", None)
    capability = registry.capability_for(record)
    attachments = list(selectors.attachments_for(record, user=user)) if user else []
    wanted = [k for k in kinds.split() if k in Kind.values]
    choices = [(k, Kind(k).label) for k in wanted] or list(Kind.choices)
    label = registry.label_of(record)
    return {
        "record": record, "attachments": attachments, "compact": compact, "heading": heading,
        "can_edit": bool(capability and user and has(user, capability)),
        "kind_choices": choices,
        "add_url": reverse("evidence:attachment_add", args=[label, record.pk]),
        "next": request.get_full_path() if request else "",
        "anchor": f"evidence-{label.replace('.', '-')}-{record.pk}",
        "csrf_token": context.get("csrf_token"),
        "max_mb": filetypes.max_bytes() // (1024 * 1024),
    }

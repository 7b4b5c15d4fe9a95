"""Sections one part adds to another part's record page, without importing it.

The registry's household page shows the household's linkage income (industry), its students in
directed enrolment (talent), the donations that reached it (pairing); an organisation's page
shows what it does across the parts. Each part says so in `<app>/panels.py`:

    def household(household, user) -> list[Panel]:
        rows = linkage_list(user=user, filters=LinkageFilters(household=household.pk))
        return [Panel(title=_("利益联结"), template="industry/_household_panel.html",
                      context={"rows": rows}, order=30)] if rows else []

and the page calls `panels_for("household", household, user)` and renders each panel's template
with its context (`{% include panel.template with panel=panel %}`; the template reads
`panel.context`). A part that finds nothing to show returns []; the page shows nothing for it.
"""

from dataclasses import dataclass, field
from typing import Any

from xiezuo.core.discovery import app_modules


@dataclass(frozen=True)
class Panel:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


def panels_for(kind: str, obj, user) -> list[Panel]:
    """Every part's panels for `obj` of `kind` ("household", "organisation", "person"), in order."""
    out: list[Panel] = []
    for module in app_modules("panels"):
        fn = getattr(module, kind, None)
        if fn is not None:
            out.extend(fn(obj, user) or [])
    return sorted(out, key=lambda p: p.order)

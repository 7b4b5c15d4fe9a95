"""Which records may carry evidence, and who may attach to them: each part declares in its
access.py `EVIDENCE = {"<app_label>.<model>": EDITS_…}` (the model label, lower case, and the
capability that edits that record). Found by discovery, so this app imports no part.

A record whose model no part names takes no attachments (the add view answers 404): attaching
needs an edit capability, and only the part knows which one.
"""

from django.db import models

from xiezuo.core.discovery import app_modules


def edit_capabilities() -> dict[str, frozenset]:
    out: dict[str, frozenset] = {}
    for module in app_modules("access"):
        out.update(getattr(module, "EVIDENCE", {}))
    return out


def label_of(model_or_record) -> str:
    meta = model_or_record._meta
    return f"{meta.app_label}.{meta.model_name}"


def capability_for(model_or_record: type[models.Model] | models.Model) -> frozenset | None:
    """The capability that may attach files to this model's records, or None (none may)."""
    return edit_capabilities().get(label_of(model_or_record))

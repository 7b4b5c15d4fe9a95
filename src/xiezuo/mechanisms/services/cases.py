"""Model cases (典型案例, ch.8.5)."""

import datetime

from django.db import transaction

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.services import audit_record
from xiezuo.mechanisms.models import ModelCase
from xiezuo.mechanisms.services.base import _edit, _guard, _lock, partnership_code


@transaction.atomic
def case_create(*, actor: Actor, partnership, title: str, text: str, year: int,
                place: str = "", media: str = "", published_on: datetime.date | None = None,
                note: str = "") -> ModelCase:
    _guard(actor)
    c = ModelCase.objects.create(partnership=partnership, title=title.strip(), text=text.strip(),
                                 year=year, place=place.strip(), media=media.strip(),
                                 published_on=published_on, note=note.strip())
    _guard(actor, c)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=c,
                 area_code=partnership_code(partnership),
                 new={"title": c.title, "year": year, "media": c.media})
    return c


@transaction.atomic
def case_update(*, actor: Actor, case: ModelCase, version: int, title: str, text: str,
                year: int, place: str = "", media: str = "",
                published_on: datetime.date | None = None, note: str = "") -> ModelCase:
    _guard(actor, case)
    c = _lock(case, version)
    return _edit(actor, c, version, {
        "title": title.strip(), "text": text.strip(), "year": year, "place": place.strip(),
        "media": media.strip(), "published_on": published_on, "note": note.strip()},
        area_code=partnership_code(c.partnership))

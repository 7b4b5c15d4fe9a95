"""Cadre secondments (挂职, ch.8.4) and their yearly work summaries."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.services import audit_record
from xiezuo.mechanisms.choices import Direction, Level
from xiezuo.mechanisms.models import Secondment, WorkSummary
from xiezuo.mechanisms.services.base import _edit, _guard, _lock, partnership_code

SECONDMENT_FIELDS = ("batch", "direction", "person_name", "level", "home_unit", "home_post",
                     "host_unit", "host_post", "start", "end", "working_group", "note")


def _values(d: dict) -> dict:
    out = {k: d.get(k) for k in SECONDMENT_FIELDS}
    for k, v in out.items():
        if isinstance(v, str):
            out[k] = v.strip()
    out["direction"] = Direction(out["direction"]).value
    out["level"] = Level(out["level"] or Level.OTHER).value
    out["note"] = out["note"] or ""
    if out["start"] and out["end"] and out["end"] < out["start"]:
        raise ValidationError({"end": _("挂职截止日期不能早于起始日期")})
    wg = out["working_group"]
    if wg is not None and out["direction"] != Direction.EAST_TO_WEST:
        raise ValidationError({"working_group": _("只有东部到西部的挂职干部在工作组")})
    return out


@transaction.atomic
def secondment_create(*, actor: Actor, partnership, batch: int, direction: str,
                      person_name: str, level: str, home_unit: str, home_post: str,
                      host_unit: str, host_post: str, start: datetime.date, end: datetime.date,
                      working_group=None, note: str = "") -> Secondment:
    _guard(actor)
    values = _values(dict(batch=batch, direction=direction, person_name=person_name,
                          level=level, home_unit=home_unit, home_post=home_post,
                          host_unit=host_unit, host_post=host_post, start=start, end=end,
                          working_group=working_group, note=note))
    s = Secondment.objects.create(partnership=partnership, **values)
    _guard(actor, s)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=s,
                 area_code=partnership_code(partnership),
                 new={"person_name": s.person_name, "direction": s.direction,
                      "batch": s.batch, "start": start, "end": end})
    return s


@transaction.atomic
def secondment_update(*, actor: Actor, secondment: Secondment, version: int, **fields
                      ) -> Secondment:
    _guard(actor, secondment)
    s = _lock(secondment, version)
    return _edit(actor, s, version, _values(fields), area_code=partnership_code(s.partnership))


@transaction.atomic
def summary_save(*, actor: Actor, secondment: Secondment, year: int, text: str,
                 assessment: str = "", version: int | None = None) -> WorkSummary:
    """A cadre's work summary of `year`: written the first time, then edited (versioned)."""
    _guard(actor, secondment)
    if not (secondment.start.year <= year <= secondment.end.year):
        raise ValidationError({"year": _("%(y)d 年不在挂职期间（%(a)s 至 %(b)s）内") % {
            "y": year, "a": secondment.start, "b": secondment.end}})
    if not text.strip():
        raise ValidationError({"text": _("请填写工作总结")})
    existing = WorkSummary.objects.select_for_update().filter(
        secondment=secondment, year=year).first()
    code = partnership_code(secondment.partnership)
    if existing is None:
        ws = WorkSummary.objects.create(secondment=secondment, year=year, text=text.strip(),
                                        assessment=assessment.strip())
        audit_record(actor=actor, action=AuditAction.CREATE, obj=ws, area_code=code,
                     new={"secondment": secondment.pk, "year": year})
        return ws
    return _edit(actor, existing, existing.version if version is None else version,
                 {"text": text.strip(), "assessment": assessment.strip()}, area_code=code)

"""The one versioned update every edit form's service goes through (optimistic locking).

An edit form carries the `version` of the record it was read at. `versioned_update` refuses
the save when the record has been saved since (StaleEditError, nothing written: the user's
edit never silently overwrites someone else's), writes only the fields whose value really
changed together with the version moved on, in one `UPDATE … WHERE pk = … AND version = …`
(so two saves racing past the read cannot both win), and writes one audit event holding just
those fields, before and after. A multi-value field (e.g. 其他致贫原因, skills, a project's
villages) is compared as a set: choosing the same values in another order is no change.
"""

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xiezuo.accounts.audit import audit_record
from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor

__all__ = ["StaleEditError", "audit_value", "check_version", "versioned_update"]

_SEPARATORS = re.compile(r"[、;；,，\s]+")


class StaleEditError(Exception):
    """The record changed since the form was read: nothing was written."""


def stale_message(obj: models.Model, current: int) -> str:
    return _("该%(what)s已被他人修改（当前为第 %(v)d 版），请重新打开后再改") % {
        "what": obj._meta.verbose_name, "v": current}


def check_version(obj: models.Model, version: int) -> None:
    """Refuse early (before the form's other checks) when `obj` is no longer at `version`."""
    if obj.version != version:
        raise StaleEditError(stale_message(obj, obj.version))


def _as_set(value: Any) -> frozenset:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset(v for v in _SEPARATORS.split(value) if v)
    return frozenset(v.pk if isinstance(v, models.Model) else v for v in value)


def audit_value(value: Any) -> Any:
    """A value as the audit trail names it: an area (anything with a code) by its code, any
    other record by its id, several records as a sorted list of those."""
    if isinstance(value, models.Model):
        return getattr(value, "code", None) or value.pk
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(audit_value(v) for v in value)
    return value


def _same(field: models.Field, old: Any, new: Any, multi: bool) -> bool:
    if field.many_to_many or multi:
        return _as_set(old) == _as_set(new)
    if field.is_relation:
        old_pk = old.pk if isinstance(old, models.Model) else old
        new_pk = new.pk if isinstance(new, models.Model) else new
        return old_pk == new_pk
    return old == new


def versioned_update(*, actor: Actor, obj: models.Model, version: int,
                     changes: Mapping[str, Any], area_code: str,
                     multi_value: Iterable[str] = (), note: str = "",
                     ) -> dict[str, tuple[Any, Any]]:
    """Save `changes` to `obj` if nobody saved it since the form read `version`.

    `obj` is the record as read now (inside the caller's transaction, ideally under
    select_for_update with the caller's other locks). Returns the fields that changed as
    {name: (old, new)} (empty: nothing written, no new version, no event), and leaves `obj`
    holding the new values and version. Raises StaleEditError, writing nothing, when the
    stored version is not `version`.
    """
    check_version(obj, version)
    multi = set(multi_value)
    meta = obj._meta
    changed: dict[str, tuple[Any, Any]] = {}
    for name, new in changes.items():
        field = meta.get_field(name)
        old = list(getattr(obj, name).all()) if field.many_to_many else getattr(obj, name)
        if not _same(field, old, new, name in multi):
            changed[name] = (old, new)
    if not changed:
        return {}
    plain = {k: new for k, (_old, new) in changed.items() if not meta.get_field(k).many_to_many}
    now = timezone.now()
    stamps = {f.name: now for f in meta.concrete_fields if getattr(f, "auto_now", False)}
    with transaction.atomic():
        written = type(obj)._base_manager.filter(pk=obj.pk, version=version).update(
            **plain, **stamps, version=version + 1)
        if written != 1:  # saved by someone else between the caller's read and this write
            current = type(obj)._base_manager.filter(pk=obj.pk).values_list(
                "version", flat=True).first()
            raise StaleEditError(stale_message(obj, current or version))
        for name, (_old, new) in changed.items():
            if meta.get_field(name).many_to_many:
                getattr(obj, name).set(new)
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=obj, area_code=area_code,
                     old={k: audit_value(o) for k, (o, _n) in changed.items()},
                     new={k: audit_value(n) for k, (_o, n) in changed.items()}, note=note)
    for name, value in {**plain, **stamps}.items():
        setattr(obj, name, value)
    obj.version = version + 1
    return changed

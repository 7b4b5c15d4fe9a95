"""The mechanisms services' shared frame: the guard, the scope check, the versioned edit."""

from django.db import models
from django.utils.translation import gettext as _

from xiezuo.accounts.guard import Actor, guard
from xiezuo.accounts.versioned import check_version, versioned_update
from xiezuo.mechanisms.access import EDITS_MECHANISMS


def _guard(actor: Actor, record: models.Model | None = None) -> None:
    """The actor may edit ch.8 records, and sees `record` (a record of the other side's group,
    or of another partnership, is refused as outside the actor's area)."""
    guard(actor, EDITS_MECHANISMS, message=_("您没有编辑保障机制数据的权限"),
          records=(type(record).objects.filter(pk=record.pk) if record is not None else None))


def _lock(obj: models.Model, version: int) -> models.Model:
    current = type(obj).objects.select_for_update().get(pk=obj.pk)
    check_version(current, version)
    return current


def _edit(actor: Actor, obj: models.Model, version: int, changes: dict, *, area_code: str):
    versioned_update(actor=actor, obj=obj, version=version, changes=changes, area_code=area_code)
    return obj


def partnership_code(partnership) -> str:
    """The area code a partnership's records are audited under: the western county's."""
    return partnership.west.code

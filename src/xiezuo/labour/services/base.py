"""The labour services' shared frame: the guard, the lifecycle error, the versioned edit."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from xiezuo.accounts.guard import Actor, guard
from xiezuo.accounts.versioned import versioned_update
from xiezuo.labour.access import EDITS_LABOUR
from xiezuo.labour.models import (
    join,
    split,
)


class LifecycleError(ValidationError):
    """The placement is not in a state that allows this step; nothing was written."""


def _guard(actor: Actor) -> None:
    guard(actor, EDITS_LABOUR, message=_("您没有编辑劳务协作数据的权限"))


def _person_code(person) -> str:
    return person.household.village.code


def _lock(model, pk):
    return model.objects.select_for_update().select_related(
        "person__household__village", "employer").get(pk=pk)


CENT = Decimal("0.01")


#: tag fields (several values): the same tags in another order are no change
TAG_FIELDS = ("skills", "certificates", "destinations")


def _apply_edit(actor: Actor, obj, version: int, wanted: dict, *, area_code: str):
    """The versioned update (accounts.versioned): refuses a stale form, writes and audits only
    what changed; an edit that changes nothing writes nothing (no new version, no event)."""
    versioned_update(actor=actor, obj=obj, version=version, changes=wanted, area_code=area_code,
                     multi_value=TAG_FIELDS)
    return obj


def _tags(value) -> str:
    return join(split(value) if isinstance(value, str) else value)

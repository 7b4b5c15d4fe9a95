"""The industry services' shared frame: the guard and the versioned edit."""

from decimal import Decimal

from django.utils.translation import gettext as _

from xiezuo.accounts.guard import Actor, guard
from xiezuo.accounts.versioned import versioned_update
from xiezuo.industry.access import EDITS_INDUSTRY

CENT = Decimal("0.01")


def _guard(actor: Actor, *, areas=()) -> None:
    guard(actor, EDITS_INDUSTRY, message=_("您没有编辑产业合作数据的权限"), areas=areas)


def _apply_edit(actor: Actor, obj, version: int, wanted: dict, *, area_code: str,
                multi_value=()):
    """The versioned update (accounts.versioned): a stale form is refused, only what changed
    is written and audited."""
    versioned_update(actor=actor, obj=obj, version=version, changes=wanted, area_code=area_code,
                     multi_value=multi_value)
    return obj


def money(value) -> Decimal:
    return Decimal(value).quantize(CENT)

"""The pairing services' shared frame: the guard over a record's ends, the versioned edit."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from xiezuo.accounts.guard import Actor, guard, within_scope
from xiezuo.accounts.versioned import versioned_update
from xiezuo.pairing.access import EDITS_PAIRING

CENT = Decimal("0.01")


def guard_ends(actor: Actor, *ends, capability: frozenset = EDITS_PAIRING) -> None:
    """The actor holds `capability` and at least one of the record's ends (areas) lies in the
    actor's areas: a Lintao township clerk records the pairings of their township, an eastern
    officer those of Cangshan's towns (pairing.access)."""
    guard(actor, capability, message=_("您没有编辑社会参与数据的权限"))
    if actor is None:
        return
    ends = [a for a in ends if a is not None]
    if ends and not any(within_scope(actor, a.code) for a in ends):
        raise PermissionDenied(_("%(area)s 不在您的负责区域内。") % {"area": ends[-1].name})


def apply_edit(actor: Actor, obj, version: int, wanted: dict, *, area_code: str):
    """The versioned update (accounts.versioned): a stale form is refused, only what changed
    is written and audited."""
    versioned_update(actor=actor, obj=obj, version=version, changes=wanted, area_code=area_code)
    return obj


def money(v) -> Decimal:
    return Decimal(v or 0).quantize(CENT)

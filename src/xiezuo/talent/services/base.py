"""The talent services' shared frame: the guard and the host area of the partnership."""

from django.utils.translation import gettext as _

from xiezuo.accounts.guard import Actor, guard
from xiezuo.talent.access import EDITS_TALENT


def _guard(actor: Actor, **kw) -> None:
    guard(actor, EDITS_TALENT, message=_("您没有编辑人才支援数据的权限"), **kw)


def partnership_side(held: str):
    """The area of the default partnership's side (east: Cangshan, west: Lintao)."""
    from xiezuo.regions.reference import default_partnership

    p = default_partnership()
    return p.east if held == "east" else p.west

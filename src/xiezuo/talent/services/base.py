"""The talent services' shared frame: the guard and the host area of the partnership."""

from django.utils.translation import gettext as _

from xiezuo.accounts.guard import Actor, guard
from xiezuo.talent.access import EDITS_TALENT


def _guard(actor: Actor, **kw) -> None:
    guard(actor, EDITS_TALENT, message=_("您没有编辑人才支援数据的权限"), **kw)


def partnership_side(held: str, actor=None):
    """The county of the actor's pair on that side (east: Cangshan, west: Lintao for the
    default pair); the default pair's for the command line."""
    from xiezuo.regions.selectors import pair_side

    return pair_side(actor, "east" if held == "east" else "west")

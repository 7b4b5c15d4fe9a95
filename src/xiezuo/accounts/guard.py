"""May this actor do this here? The one check every service makes before it writes.

Every service takes `actor: Actor`, a `User` or None. **None is the operator at the command
line** (the import commands, `xiezuo demo`, `create_user`): whoever runs the commands on the
server already holds the database, so None may do anything. This is said here once; services
do not repeat it. A web or API user must be active, hold the capability (a set from
`accounts.roles`) and, where the write is about places or records, see every one of them
through `visible_to(user)` (regions.scoping): an area outside the user's scope is refused
with a message naming it.
"""

from collections.abc import Iterable
from typing import TypeAlias

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from xiezuo.accounts.models import User
from xiezuo.accounts.roles import has
from xiezuo.regions.scoping import scope_prefixes

#: who performs a write: a signed-in user, or None for the operator at the command line
Actor: TypeAlias = User | None

__all__ = ["Actor", "guard", "may", "within_scope"]


def may(actor: Actor, capability: frozenset) -> bool:
    """True when `actor` holds `capability` (the command-line operator holds every one)."""
    return actor is None or has(actor, capability)


def within_scope(actor: Actor, code: str) -> bool:
    """True when the 12-digit area `code` lies in the actor's scope."""
    if actor is None:
        return True
    prefixes = scope_prefixes(actor)
    return prefixes is None or any(code.startswith(p) for p in prefixes)


def guard(actor: Actor, capability: frozenset, *, message: str = "",
          areas: Iterable = (), records: QuerySet | None = None,
          outside_message: str = "") -> None:
    """Raise PermissionDenied unless `actor` may do this here.

    - `capability`: the role set the write needs (`message` says so when it is missing);
    - `areas`: areas (with `.code` and `.name`) the write touches; each must be in scope
      (`outside_message` may hold `%(area)s`, the area's name);
    - `records`: the records the write touches, as a ScopedQuerySet; each must be visible to
      the actor, or the write is refused as outside the actor's area.
    """
    if actor is None:
        return
    if not has(actor, capability):
        raise PermissionDenied(message or _("您没有执行此操作的权限"))
    for area in areas:
        if not within_scope(actor, area.code):
            raise PermissionDenied((outside_message or _("%(area)s 不在您的负责区域内。"))
                                   % {"area": area.name})
    if records is not None:
        wanted = records.count()
        if records.visible_to(actor).count() != wanted:
            raise PermissionDenied(outside_message or _("该记录不在您负责的区域内"))

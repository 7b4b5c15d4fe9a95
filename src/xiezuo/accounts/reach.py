"""Who may manage which account, and what a manager may grant.

A user's reach is the list of area prefixes they see (`User.area_prefixes`, the same list
`visible_to` uses). A manager may only grant a role and scope whose reach lies inside their own,
and may only manage accounts whose reach already does, so nobody is raised above, or locked out
by, someone who sees less than they do. This keeps the partnership roles (eastern officer,
leadership, auditor: they also see the partner side) and superusers out of a county
administrator's hands; the auditor in particular is not managed by the people audited.
"""

from django.db.models import QuerySet

from xiezuo.accounts.choices import Role
from xiezuo.regions.choices import Level
from xiezuo.regions.codes import is_within
from xiezuo.regions.models import Area
from xiezuo.regions.scoping import scope_prefixes


def reach_of(*, role: str, scope: Area | None) -> list[str]:
    """The prefixes an account with this role and scope would see."""
    from xiezuo.accounts.models import User

    return User(role=role, scope=scope).area_prefixes


def within_reach(manager, *, role: str, scope: Area | None) -> bool:
    mine = scope_prefixes(manager)
    if mine is None:  # a superuser
        return True
    theirs = reach_of(role=role, scope=scope)
    return bool(theirs) and all(is_within(p, mine) for p in theirs)


def may_manage(manager, user) -> bool:
    """May `manager` edit, deactivate or reset the password of `user`?"""
    if scope_prefixes(manager) is None:
        return True
    if user.is_superuser:
        return False
    return within_reach(manager, role=user.role, scope=user.scope)


def assignable_areas(manager) -> QuerySet[Area]:
    """Areas a manager may give as a scope: inside their own, down to townships (no account is
    responsible for a single village, and 300 villages would drown the list)."""
    qs = Area.objects.visible_to(manager).exclude(level=Level.VILLAGE)
    if scope_prefixes(manager) is not None and manager.scope_id is not None:
        # Only the manager's own side: a partnership role sees the partner too, but manages it not.
        qs = qs.filter(code__startswith=manager.scope.prefix)
    return qs.order_by("code")


def assignable_roles(manager) -> list[tuple[str, str]]:
    """Roles the manager may grant with their own scope (the form checks the scope chosen)."""
    if scope_prefixes(manager) is None:
        return list(Role.choices)
    return [(value, label) for value, label in Role.choices
            if within_reach(manager, role=value, scope=manager.scope)]


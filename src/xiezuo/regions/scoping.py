"""The one path that scopes every query returning people, places or money: `visible_to(user)`.

A model's QuerySet subclasses `ScopedQuerySet` and names the path to a 12-digit area code
(`area_code_field`). A user sees the rows whose area code starts with one of the user's
`area_prefixes` (a township clerk: the township's 9 digits; a county officer: 6 digits).
"""

from django.db import models
from django.db.models import Q


def scope_prefixes(user) -> list[str] | None:
    """The code prefixes `user` may see; None means everything, [] means nothing."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    narrowed = getattr(user, "pair_prefixes", None)  # a list opened from a pair's figure
    if narrowed is not None:
        return list(narrowed)
    if user.is_superuser:
        return None
    return list(getattr(user, "area_prefixes", []) or [])


#: the query parameter narrowing a list to partnerships (`?pair=ID[,ID…]`, accounts.pairs)
PAIR_PARAM = "pair"


def narrowed_to(mine: list[str] | None, sides) -> list[str]:
    """`mine` (a user's prefixes, None: everything) narrowed to the partnerships' `sides` (their
    counties' prefixes): what a pair's figure is counted over, and what a list opened from it
    shows. Never wider than `mine`; [] when no side is within it."""
    if mine is None:
        return sorted(set(sides))
    return sorted({s if s.startswith(m) else m for s in sides for m in mine
                   if s.startswith(m) or m.startswith(s)})


def prefix_q(field: str, prefixes: list[str]) -> Q:
    q = Q(pk__in=[])  # matches nothing when there are no prefixes
    for p in prefixes:
        q |= Q(**{f"{field}__startswith": p})
    return q


class ScopedQuerySet(models.QuerySet):
    """`visible_to(user)` in one place: None (everything) and [] (nothing) are handled here; a
    model whose scope is not "the area code starts with a prefix" overrides only the hooks:
    `scope_prefixes(user)` (whose prefixes count, e.g. both sides of a partnership) and/or
    `scope_q(prefixes)` (the condition for a non-empty list of prefixes)."""

    #: path from the model to a 12-digit area code, e.g. "code" or "village__code"
    area_code_field: str = ""

    def scope_prefixes(self, user) -> list[str] | None:
        """The prefixes `user` sees this model through; None means everything, [] nothing."""
        return scope_prefixes(user)

    def scope_q(self, prefixes: list[str]) -> Q:
        """The rows seen through `prefixes` (never empty: visible_to answers [] itself)."""
        if not self.area_code_field:
            raise NotImplementedError(f"{type(self).__name__} must set area_code_field")
        return prefix_q(self.area_code_field, prefixes)

    def visible_through(self, user, path: str) -> Q:
        """`visible_to(user)` as a condition on another model's relation `path` to this one,
        joined rather than `path__in=<subquery>`: SQLite's planner may run an IN over the
        visible rows as a nested loop against every row of the other side (the sales totals
        page probed every sale × household pair: 190 s on the demo)."""
        prefixes = self.scope_prefixes(user)
        if prefixes is None:
            return Q()
        if not prefixes:
            return Q(pk__in=[])
        if type(self).scope_q is not ScopedQuerySet.scope_q:  # a model's own rule: keep it whole
            return Q(**{f"{path}__in": self.visible_to(user)})
        return prefix_q(f"{path}__{self.area_code_field}", prefixes)

    def visible_to(self, user):
        prefixes = self.scope_prefixes(user)
        if prefixes is None:
            return self.all()
        if not prefixes:
            return self.none()
        return self.filter(self.scope_q(prefixes))


COUNTY_DIGITS = 6


def below_county(user) -> bool:
    """True when every area `user` sees is smaller than a county (a township clerk, say).

    A county's allocations, balance and plan targets have no township share of their own, so
    pages showing them to such a user say whose figure it is (see docs/user-guide.md)."""
    prefixes = scope_prefixes(user)
    return bool(prefixes) and all(len(p) > COUNTY_DIGITS for p in prefixes)


def on_east_side(user) -> bool:
    """True for a user whose own area is on the eastern (helping) side: their home page speaks
    of what the east sends and does (funds, cadres, purchases, pairings), not of the west's
    registry."""
    scope = getattr(user, "scope", None)
    return scope is not None and getattr(scope, "side", "") == "east"


class CountyReader:
    """Reads a county's figures for a user below county level: the county holding the user's
    areas. Used only for county-wide aggregates (plan progress), never for records."""

    is_authenticated = True
    is_active = True
    is_superuser = False
    is_anonymous = False
    role = ""
    scope = None
    scope_id = None

    def __init__(self, user) -> None:
        self.area_prefixes = sorted({p[:COUNTY_DIGITS] for p in scope_prefixes(user) or []})

    def __str__(self) -> str:
        return "county:" + ",".join(self.area_prefixes)


def scope_label(user) -> str:
    """The user's area scope in words, for the scope line of exports and printed lists."""
    prefixes = scope_prefixes(user)
    if prefixes is None:
        return "全部地区"
    scope = getattr(user, "scope", None)
    if scope is None:
        return "无"
    parent = getattr(scope, "parent", None)
    return f"{parent.name}{scope.name}" if parent is not None and len(scope.prefix) > 6 else scope.name

"""The one path that scopes every query returning people, places or money: `visible_to(user)`.

A model's QuerySet subclasses `ScopedQuerySet` and names the path to a 12-digit area code
(`area_code_field`). A user sees the rows whose area code starts with one of the user's
`area_prefixes` (a township clerk: the township's 9 digits; a county officer: 6 digits).
"""

from django.db import models
from django.db.models import Q, Subquery


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


#: digits of a township's, a county's and a city's code prefix
TOWNSHIP_DIGITS, COUNTY_DIGITS, CITY_DIGITS = 9, 6, 4


def levelled_q(base: str, prefixes: list[str]) -> Q:
    """`prefix_q(base + "village__code", prefixes)` for a record that also names its county and
    township (a household: `base` is the path to it), written so that PostgreSQL's estimates hold
    at any size: a county's prefix becomes `county_id = (SELECT id … WHERE code = '621124000000')`
    (the area's id found once, before the query), a township's and a village's likewise, a
    city's `county_id = ANY(ARRAY(SELECT id of its counties))`. The same rows (a household's
    county and township are its village's), but PostgreSQL estimates a county's households
    from the county column's statistics (14,000 of 2.5 million) where, joined to the areas by a
    LIKE on the code, it guessed 40 or 6,000 and chose plans that read every household or every
    person of a 10-million-person database (docs/decisions/0009)."""
    from xiezuo.regions.models import Area

    def area(code: str):
        return Subquery(Area.objects.filter(code=code).values("pk")[:1])

    q = Q(pk__in=[])
    for p in prefixes:
        if len(p) == 12:
            q |= Q(**{f"{base}village_id": area(p)})
        elif len(p) == TOWNSHIP_DIGITS:
            q |= Q(**{f"{base}township_id": area(p + "000")})
        elif len(p) == COUNTY_DIGITS:
            q |= Q(**{f"{base}county_id": area(p + "000000")})
        elif len(p) == CITY_DIGITS:
            q |= Q(**{f"{base}county__id__any_of": Area.objects.filter(
                level="county", code__startswith=p).values("pk")})
        else:
            q |= Q(**{f"{base}village__code__startswith": p})
    return q


@models.Field.register_lookup
class AnyOf(models.Lookup):
    """`field__any_of=<subquery of ids>`: `= ANY(ARRAY(subquery))` on PostgreSQL, where the ids
    are found once before the query and the column's own statistics estimate the rows (an
    `IN (subquery)` is planned as a join, estimated from the other table); `IN (subquery)`
    elsewhere."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if not rhs.startswith("("):
            rhs = f"({rhs})"
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(ARRAY{rhs})", [*lhs_params, *rhs_params]
        return f"{lhs} IN {rhs}", [*lhs_params, *rhs_params]


_LEVELLED: dict[tuple, str | None] = {}


def _levelled_base(model, path: str) -> str | None:
    """The path to the record holding `village`, `township` and `county` (areas) when `path`
    ends in `village__code` through such a record (a household), else None. Found once."""
    key = (model, path)
    if key not in _LEVELLED:
        _LEVELLED[key] = None
        parts = path.split("__")
        if parts[-2:] == ["village", "code"]:
            target = model
            try:
                for name in parts[:-2]:
                    target = target._meta.get_field(name).related_model
                fks = {n: target._meta.get_field(n) for n in ("county", "township", "village")}
            except Exception:  # noqa: BLE001 - not a household-like path
                fks = {}
            if fks and all(getattr(f, "related_model", None) is not None
                           and f.related_model._meta.label == "regions.Area"
                           for f in fks.values()):
                _LEVELLED[key] = "".join(f"{n}__" for n in parts[:-2])
    return _LEVELLED[key]


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
        base = _levelled_base(self.model, self.area_code_field)
        if base is not None:
            return levelled_q(base, prefixes)
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
        base = _levelled_base(self.model, self.area_code_field)
        if base is not None:
            return levelled_q(f"{path}__{base}", prefixes)
        return prefix_q(f"{path}__{self.area_code_field}", prefixes)

    def visible_to(self, user):
        prefixes = self.scope_prefixes(user)
        if prefixes is None:
            return self.all()
        if not prefixes:
            return self.none()
        return self.filter(self.scope_q(prefixes))



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

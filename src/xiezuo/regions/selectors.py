"""Reads of areas, always scoped to what the user may see."""

from django.db.models import Count, Q, QuerySet

from xiezuo.regions.choices import Level, Side
from xiezuo.regions.codes import overlaps
from xiezuo.regions.models import Area, Partnership


def areas_visible(*, user) -> QuerySet[Area]:
    return Area.objects.visible_to(user)


def townships_with_counts(*, user) -> QuerySet[Area]:
    return (areas_visible(user=user).filter(level=Level.TOWNSHIP)
            .annotate(villages=Count("children", filter=Q(children__level=Level.VILLAGE)),
                      deep_villages=Count("children", filter=Q(children__deep_poverty=True)))
            .select_related("parent").order_by("side", "code"))


def area_summary(*, user) -> dict[str, int]:
    qs = areas_visible(user=user)
    return {
        "townships": qs.filter(level=Level.TOWNSHIP, side="west").count(),
        "villages": qs.filter(level=Level.VILLAGE, side="west").count(),
        "deep_townships": qs.filter(level=Level.TOWNSHIP, deep_poverty=True).count(),
        "deep_villages": qs.filter(level=Level.VILLAGE, deep_poverty=True).count(),
    }


def partnerships_visible(*, user) -> QuerySet[Partnership]:
    visible = areas_visible(user=user)
    return (Partnership.objects.filter(Q(east__in=visible) | Q(west__in=visible))
            .select_related("east", "west").distinct())


def partnerships() -> list[Partnership]:
    """Every partnership with both sides and the eastern side's city, for the parts' scopes
    (both sides of the user's partnership). Read once per plan evaluation: the dashboard counts
    a dozen indicators and each part's scope asks (core.indicators.evaluation_memo)."""
    from xiezuo.core.indicators import evaluation_memo

    return evaluation_memo("regions.partnerships", lambda: list(
        Partnership.objects.select_related("east__parent", "west").order_by("pk")))


def partnerships_of(prefixes: list[str] | None) -> list[Partnership]:
    """The partnerships either side of which lies within, or holds, one of `prefixes` (a county
    user's own pair; every pair of its city for a city office); None (a superuser): all."""
    return [p for p in partnerships() if prefixes is None or overlaps(p.prefixes, prefixes)]


def _eastern_counties() -> list[tuple[str, str]]:
    """(code, city code) of every eastern county-level division, read once per evaluation."""
    from xiezuo.core.indicators import evaluation_memo

    return evaluation_memo("regions.eastern_counties", lambda: list(
        Area.objects.filter(level=Level.COUNTY, side=Side.EAST)
        .values_list("code", "parent__code")))


def reach_fingerprint() -> tuple:
    """The partnerships and eastern counties that every part's scope is computed from, as
    plain values (read once per plan evaluation): what a query built for a user's scope
    depends on besides the user (core.indicators keeps compiled queries by it)."""
    pairs = partnerships()
    cities = [p.east.parent_id for p in pairs if p.east.parent_id]
    # the eastern counties count only where a city holds two pairs' districts (common_ground)
    shared = len(cities) != len(set(cities))
    return (tuple((p.pk, p.east_id, p.east.code, p.east.parent_id,
                   p.east.parent.code if p.east.parent_id else "", p.west_id, p.west.code,
                   p.start_year, p.end_year) for p in pairs),
            tuple(_eastern_counties()) if shared else ())


def common_ground(city_code: str) -> list[str]:
    """The prefixes of an eastern city's common ground: the city's own code (its 6 digits match
    that code alone) and its county-level divisions that are no partnership's eastern side.
    Employers, buyers and donors there serve every pair of the city; a district paired with
    another western county is that pair's, not this one's (docs/decisions/0010)."""
    paired = {p.east.code for p in partnerships()}
    return [city_code[:6]] + sorted(code[:6] for code, city in _eastern_counties()
                                    if city == city_code and code not in paired)


def partnership_reach(prefixes: list[str], *, east_city: bool = False) -> set[str]:
    """The prefixes of both sides of every partnership the prefixes work in, with `east_city`
    the eastern city's common ground as well (labour's employers, industry's investors and the
    organisations register reach into the eastern city). A pair never reaches into another
    pair's counties, so several pairs of one city do not see each other's records."""
    out: set[str] = set()
    for p in partnerships_of(prefixes):
        out.update(p.prefixes)
        if east_city and p.east.parent_id:
            city = p.east.parent
            shared = any(q.east.parent_id == city.pk and q.east_id != p.east_id
                         for q in partnerships())
            # the whole city while no other pair's district is in it (no query for the list)
            out.update(common_ground(city.code) if shared else [city.prefix])
    return out


def pair_of(user) -> Partnership | None:
    """The partnership a user works in (the first, by id, where a city office has several);
    the default pair for the command line (None) and superusers; None for a user in no pair."""
    from xiezuo.regions.reference import DEFAULT_PARTNERSHIP
    from xiezuo.regions.scoping import scope_prefixes

    scope = getattr(user, "scope", None) if user is not None else None
    pairs = partnerships_of([scope.prefix]) if scope is not None else []
    if not pairs and (user is None or scope_prefixes(user) is None):
        pairs = [p for p in partnerships() if (p.east.code, p.west.code)
                 == (DEFAULT_PARTNERSHIP["east"], DEFAULT_PARTNERSHIP["west"])] or partnerships()
    return pairs[0] if pairs else None


def pair_side(user, side: str) -> Area | None:
    """The user's pair's county on `side` ("east" or "west"): where a new record of that side
    belongs (a course, a campaign, a class, a match run) when the user's own area does not say."""
    scope = getattr(user, "scope", None) if user is not None else None
    while scope is not None and scope.level in (Level.VILLAGE, Level.TOWNSHIP):
        scope = scope.parent
    if scope is not None and scope.level == Level.COUNTY and scope.side == side:
        return scope
    p = pair_of(user)
    if p is None:
        return None
    return p.east if side == Side.EAST else p.west


def _pair_label(p: Partnership) -> str:
    return f"{p.east.name}—{p.west.name}（{p.west.code[:6]}）"


def partnership_named(text: str) -> Partnership:
    """A partnership as the command line names it (`--partnership`): its id, its name, or the
    code (6 or 12 digits) or name of either county. FileRefused names the choices otherwise."""
    from django.utils.translation import gettext as _

    from xiezuo.tabular.errors import FileRefused

    t = (text or "").strip()
    pairs = list(Partnership.objects.select_related("east", "west").order_by("pk"))
    found = [p for p in pairs if t in (str(p.pk), p.name, p.east.name, p.west.name)
             or (t.isdigit() and len(t) in (6, 12)
                 and t.ljust(12, "0") in (p.east.code, p.west.code))]
    if len(found) == 1:
        return found[0]
    choices = "、".join(f"{p.pk} {_pair_label(p)}" for p in (found or pairs)) or _("无")
    if found:
        raise FileRefused(_("“%(t)s”对应 %(n)d 个协作关系，请用编号指定：%(choices)s")
                          % {"t": t, "n": len(found), "choices": choices})
    raise FileRefused(_("没有“%(t)s”这个协作关系；可选：%(choices)s") % {"t": t, "choices": choices})


def import_county(actor, *, county_code: str | None = None,
                  partnership: str | None = None) -> Area | None:
    """The western county an import's names (townships, villages) are looked up in and its
    new records belong to: the county given (`--county`), else the pair given
    (`--partnership`), else the actor's own county, else the western county of the actor's only
    pair (for the command line and a superuser: of the only pair in the system). Several pairs
    and nothing to choose by are refused (FileRefused naming the choices), never guessed;
    None when no area is loaded yet."""
    from django.utils.translation import gettext as _

    from xiezuo.regions.scoping import scope_prefixes
    from xiezuo.tabular.errors import FileRefused

    if county_code:
        code = county_code.strip().ljust(12, "0")
        county = Area.objects.filter(code=code, level=Level.COUNTY).first()
        if county is None:
            raise FileRefused(_("没有代码为 %(c)s 的县") % {"c": county_code})
        return county
    if partnership:
        return partnership_named(partnership).west
    scope = getattr(actor, "scope", None) if actor is not None else None
    while scope is not None and scope.level in (Level.VILLAGE, Level.TOWNSHIP):
        scope = scope.parent
    if scope is not None and scope.level == Level.COUNTY and scope.side == Side.WEST:
        return scope
    mine = (partnerships_of([scope.prefix]) if scope is not None
            else partnerships() if actor is None or scope_prefixes(actor) is None else [])
    wests = {p.west_id: p for p in mine}
    if len(wests) == 1:
        return next(iter(wests.values())).west
    if not wests:  # no partnership loaded: the only western county, if there is one
        counties = list(Area.objects.filter(level=Level.COUNTY, side=Side.WEST)[:2])
        return counties[0] if len(counties) == 1 else None
    raise FileRefused(
        _("系统中有 %(n)d 个协作关系，请指定导入哪一个（命令行用 --partnership 编号或 --county "
          "西部县代码）：%(choices)s")
        % {"n": len(wests), "choices": "、".join(f"{p.pk} {_pair_label(p)}"
                                                 for p in wests.values())})

"""A list opened from a pair's figure shows that pair only: `?pair=ID[,ID…]` on a GET narrows
the user's reach, for that request, to those partnerships' two counties (what the figure was
counted over: plan.evaluation.PairReader), so a city office's list is the pair's and its total
is the figure. The pairs are only those the user works in, and the reach is only ever narrowed
(regions.scoping.narrowed_to): an id the user may not see leaves the list empty, never wider.
Run for every request by `PairNarrowingMiddleware` and for a list export's job (core.listexports).
"""

from xiezuo.regions.scoping import PAIR_PARAM, narrowed_to, scope_prefixes


def narrow_to_pairs(request) -> None:
    raw = request.GET.get(PAIR_PARAM, "")
    user = getattr(request, "user", None)
    if not raw or request.method not in ("GET", "HEAD") or user is None \
            or not user.is_authenticated:
        return
    from xiezuo.regions.selectors import partnerships_of

    ids = {int(x) for x in raw.split(",") if x.strip().isdigit()}
    mine = scope_prefixes(user)
    pairs = [p for p in partnerships_of(mine) if p.pk in ids]
    narrowed = narrowed_to(mine, [s for p in pairs for s in p.prefixes])
    user.pair_prefixes = narrowed
    user.area_prefixes = narrowed  # the cached property, for readers of the attribute itself
    user.pair_names = [p.name for p in pairs]
    user.pair_narrowed = True  # the page says so (base.html)


class PairNarrowingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        narrow_to_pairs(request)
        return self.get_response(request)

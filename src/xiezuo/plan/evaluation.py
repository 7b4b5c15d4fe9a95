"""Every target's numbers and status for one user, in a bounded number of queries.

Entries are read grouped by target and year (one query for sums, one for the rows that
milestones and coverage need, one for pending counts), and each part's selector is called once
per evaluation, never per target per year (a coverage indicator's `members` once per year).

Where each year's number comes from (`YearResult.source`): a target whose indicator's part is
installed reads the part's records for every year that has records; a year without records but
with approved aggregate entries (typed before the part existed) takes those entries and says so;
a year with records never adds typed numbers on top. A target without an indicator (or whose
part is missing) reads its aggregate entries.
"""

import datetime
import hashlib
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache as django_cache
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.core.indicators import STOCK, answer_together, one_evaluation
from xiezuo.plan import indicators, status
from xiezuo.plan.choices import EntryState, Status, TargetKind
from xiezuo.plan.models import AggregateEntry, Plan, Target
from xiezuo.regions.scoping import PAIR_PARAM

SOURCE_RECORDS = "records"
SOURCE_AGGREGATE = "aggregate"
SOURCE_FALLBACK = "fallback"


@dataclass
class YearResult:
    year: int
    applies: bool
    value: Decimal | None = None  # the year's own value (sum, count, 1/0)
    total: Decimal | None = None  # what the status is judged on (running total, coverage…)
    required: Decimal | None = None
    status: str = Status.NOT_APPLICABLE
    percent: int = 0
    drill_url: str = ""
    total_drill_url: str = ""
    pending: int = 0
    entries: int = 0
    note: str = ""
    #: a tracked target: "up", "down" or "same" against the previous year's figure
    trend: str = ""
    #: where the year's number comes from: SOURCE_RECORDS (the part's records) or
    #: SOURCE_AGGREGATE (approved aggregate entries)
    source: str = SOURCE_AGGREGATE

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def source_label(self) -> str:
        return str(_("业务记录") if self.source == SOURCE_RECORDS else _("汇总填报"))

    @property
    def trend_label(self) -> str:
        return str({"up": _("较上年增长"), "down": _("较上年下降"), "same": _("与上年持平")}
                   .get(self.trend, ""))

    @property
    def shown(self) -> Decimal | None:
        return self.total if self.total is not None else self.value


@dataclass
class TargetResult:
    target: Target
    source: str
    years: dict[int, YearResult] = field(default_factory=dict)
    members: list[tuple[str, str, bool]] = field(default_factory=list)  # coverage: code, name, covered
    required: Decimal | None = None

    @property
    def source_label(self) -> str:
        if self.source == SOURCE_RECORDS:
            return _("业务记录自动计算")
        if self.source == SOURCE_FALLBACK:
            return _("汇总填报（相应业务模块尚未上线）")
        return _("汇总填报（附佐证材料，经他人审批）")

    def year(self, y: int) -> YearResult | None:
        return self.years.get(y)

    @property
    def entry_years(self) -> list[int]:
        """The years of an indicator's target that read aggregate entries (no records then)."""
        if self.source != SOURCE_RECORDS:
            return []
        return [y for y, yr in sorted(self.years.items()) if yr.source == SOURCE_AGGREGATE]

    @property
    def required_label(self) -> str:
        """The target value as a sentence ("≥ 30 名/年", "2020 年前累计 1,500 人")."""
        from xiezuo.plan.templatetags.plan_tags import num

        t = self.target
        unit = t.unit
        per_year = str(_("/年"))
        if t.kind == TargetKind.RANGE:
            return f"{num(t.value)}–{num(t.value_max)} {unit}{per_year}"
        if t.kind == TargetKind.AT_LEAST:
            return f"≥ {num(self.required)} {unit}{per_year}"
        if t.kind == TargetKind.CUMULATIVE:
            return str(_("%(due)s 年前累计 %(value)s %(unit)s") % {
                "due": t.due, "value": num(self.required), "unit": unit})
        if t.kind == TargetKind.GROWTH:
            return str(_("高于上一年"))
        if t.kind == TargetKind.MILESTONE:
            return str(_("每年完成") if t.params.get("each_year")
                       else _("%(due)s 年前完成") % {"due": t.due})
        if t.kind == TargetKind.COVERAGE:
            return str(_("%(due)s 年前覆盖 %(value)s %(unit)s") % {
                "due": t.due, "value": num(self.required), "unit": unit})
        if t.kind == TargetKind.TRACKED:
            if self.required is None:
                return str(_("逐年跟踪（规划未定数）"))
            return f"≥ {num(self.required)} {unit}{per_year}"
        return ""

    @property
    def tracked(self) -> bool:
        """A figure followed year by year without a number to reach: no status counted."""
        return self.target.kind == TargetKind.TRACKED and self.required is None


@dataclass
class PlanResult:
    plan: Plan
    as_of: datetime.date
    targets: list[TargetResult]

    def by_chapter(self) -> list[tuple[int, list[TargetResult]]]:
        out: dict[int, list[TargetResult]] = defaultdict(list)
        for r in self.targets:
            out[r.target.chapter].append(r)
        return sorted(out.items())

    def counts(self, year: int) -> dict[str, int]:
        c: dict[str, int] = defaultdict(int)
        for r in self.targets:
            yr = r.years.get(year)
            if yr and yr.applies and not r.tracked:
                c[yr.status] += 1
        return dict(c)


class SystemReader:
    """Reads everything (for the command line and finalised reports made without a session)."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    is_anonymous = False
    role = ""
    scope = None
    scope_id = None
    area_prefixes: list[str] = []
    pk = id = None
    username = "system"

    def __str__(self) -> str:
        return "system"


class PairReader:
    """Reads one partnership's figures for a user who sees more than the pair (a city office, a
    superuser): the user's reach narrowed to the pair's two sides, so that a pair's dashboard
    counts that pair's records only and the city's figure is the sum of its pairs'. Used for
    plan figures, never for records (like regions.scoping.CountyReader)."""

    is_authenticated = True
    is_active = True
    is_superuser = False
    is_anonymous = False
    scope = None
    scope_id = None
    pk = id = None

    def __init__(self, user, sides: tuple[str, ...], pair_id: int | None = None) -> None:
        from xiezuo.accounts.choices import Role
        from xiezuo.regions.scoping import narrowed_to, scope_prefixes

        mine = scope_prefixes(user)
        # a superuser reads as a city office would: every part's read-only capability
        self.role = Role.CITY_OFFICE if mine is None else getattr(user, "role", "")
        self.username = f"pair:{','.join(sides)}"
        self.area_prefixes = narrowed_to(mine, sides)
        #: the lists behind the pair's figures are opened narrowed the same way (?pair=ID,
        #: accounts.pairs), so each list's total is the figure
        self.pair_query = f"{PAIR_PARAM}={pair_id}" if pair_id else ""

    def __str__(self) -> str:
        return self.username


def plan_sides(plan: Plan) -> tuple[str, str]:
    """The code prefixes of the plan's two counties (its partnership's sides)."""
    return (plan.east_code[:6], plan.west_code[:6])


def with_pair(url: str, reader) -> str:
    """A part's list URL narrowed to the reader's pair (a PairReader's figure); as is else."""
    query = getattr(reader, "pair_query", "")
    if not url or not query:
        return url
    return f"{url}{'&' if '?' in url else '?'}{query}"


def reader_for(user, plan: Plan):
    """Who the plan's figures are counted for: the user, or the user narrowed to the plan's pair
    when the user's scope reaches beyond one county pair (a city office; a superuser)."""
    from xiezuo.regions.scoping import scope_prefixes
    from xiezuo.regions.selectors import partnerships

    prefixes = scope_prefixes(user)
    if prefixes is not None and all(len(p) >= 6 for p in prefixes):
        return user  # a county's or a township's user: inside one pair already
    if len(partnerships()) < 2:
        return user  # one pair in the system: everything the user sees is the pair's
    return PairReader(user, plan_sides(plan), plan.partnership_id)


def _plans_q(prefixes: list[str] | None, prefix: str = "") -> Q:
    """The plans whose county pair overlaps the prefixes (a county user's own; a city's all)."""
    if prefixes is None:
        return Q()
    q = Q(pk__in=[])
    for p in prefixes:
        for side in ("east_code", "west_code"):
            q |= (Q(**{f"{prefix}{side}": p[:6].ljust(12, "0")}) if len(p) >= 6
                  else Q(**{f"{prefix}{side}__startswith": p}))
    return q


def plans_for(user) -> list[Plan]:
    """The plans of the county pairs the user works in, the default pair's first."""
    from xiezuo.regions.scoping import scope_prefixes

    return _default_first(list(Plan.objects.filter(_plans_q(scope_prefixes(user)))
                               .select_related("partnership").order_by("-start_year", "key")))


def _default_first(plans: list) -> list:
    from xiezuo.regions.reference import DEFAULT_PARTNERSHIP

    default = (DEFAULT_PARTNERSHIP["east"], DEFAULT_PARTNERSHIP["west"])
    return sorted(plans, key=lambda p: (p.east_code, p.west_code) != default)


def current_plan(user=None, key: str = "") -> Plan | None:
    """The plan of the default partnership if loaded, else the most recent plan; for a user, the
    plan of the user's own pair (`key` picks one of several: a city office's, a superuser's).
    A plan of another pair is None, as if there were none."""
    if user is None and not key:
        plans = _default_first(list(Plan.objects.order_by("-start_year", "key")))
        return plans[0] if plans else None
    plans = plans_for(user) if user is not None else list(Plan.objects.all())
    if key:
        plans = [p for p in plans if p.key == key]
    return plans[0] if plans else None


def current_plan_targets(*, side: str = "", user=None, key: str = ""
                         ) -> tuple[Plan | None, list[Target]]:
    """The plan (as `current_plan`) and its targets in one query (the dashboard's query budget
    is tight)."""
    from xiezuo.regions.reference import DEFAULT_PARTNERSHIP
    from xiezuo.regions.scoping import scope_prefixes

    qs = Target.objects.select_related("plan")
    prefixes = scope_prefixes(user) if user is not None else None
    if key:
        qs = qs.filter(plan__key=key)
    elif prefixes is None:  # the command line, a superuser: the default pair's plan
        qs = qs.filter(plan__east_code=DEFAULT_PARTNERSHIP["east"],
                       plan__west_code=DEFAULT_PARTNERSHIP["west"])
    targets = list(qs.filter(_plans_q(prefixes, "plan__"))
                   .order_by("-plan__start_year", "plan__key", "order"))
    if not targets:
        plan = current_plan(user, key) if (key or prefixes is not None) else current_plan()
        targets = list(plan.targets.order_by("order")) if plan else []
    else:
        plan = _default_first(list({t.plan_id: t.plan for t in targets}.values()))[0]
        targets = [t for t in targets if t.plan_id == plan.pk]
    if side in {"east", "west"}:
        targets = [t for t in targets if t.side in {side, "both"}]
    return plan, targets


def default_year(plan: Plan, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    return min(max(today.year, plan.start_year), plan.end_year)


def _members(targets: list[Target]) -> dict[int, list[tuple[str, str]]]:
    """Coverage targets' member sets, in one query."""
    from xiezuo.regions.codes import code_prefix, level_of
    from xiezuo.regions.models import Area

    cov = [t for t in targets if t.kind == TargetKind.COVERAGE]
    if not cov:
        return {}
    q = Q(pk__in=[])
    for t in cov:
        m = t.params.get("members", {})
        if "codes" in m:
            q |= Q(code__in=m["codes"])
        elif m:
            q |= Q(code__startswith=code_prefix(m["children_of"], level_of(m["children_of"])), level=m["level"])
    areas = list(Area.objects.filter(q).order_by("code")
                 .values_list("code", "name", "level", "deep_poverty"))
    out = {}
    for t in cov:
        m = t.params.get("members", {})
        if "codes" in m:
            wanted = set(m["codes"])
            out[t.pk] = [(c, n) for c, n, _l, _d in areas if c in wanted]
        elif m:
            p = code_prefix(m["children_of"], level_of(m["children_of"]))
            out[t.pk] = [(c, n) for c, n, lv, deep in areas
                         if c.startswith(p) and lv == m["level"]
                         and (deep or not m.get("deep_poverty"))]
        else:
            out[t.pk] = []
    return out


def evaluate(plan: Plan, *, user, as_of: datetime.date | None = None,
             side: str = "", targets: list[Target] | None = None) -> PlanResult:
    with one_evaluation():  # a coverage indicator's members: one query for all years
        return _evaluate(plan, user=user, as_of=as_of, side=side, targets=targets)


def _evaluate(plan: Plan, *, user, as_of: datetime.date | None, side: str,
              targets: list[Target] | None) -> PlanResult:
    as_of = as_of or timezone.localdate()
    if targets is None:
        qs = plan.targets.order_by("order")
        if side in {"east", "west"}:
            qs = qs.filter(side__in=[side, "both"])
        targets = list(qs)
    years = plan.years
    current_year = min(max(as_of.year, plan.start_year), plan.end_year)
    ids = [t.pk for t in targets]

    # One query for every entry the user may see: sums, pending counts and the rows milestones
    # and coverage need are all folded from it (a plan has hundreds of entries, not millions).
    sums: dict[tuple[int, int], list] = {}
    pending: dict[tuple[int, int], int] = defaultdict(int)
    details: dict[int, list[tuple]] = defaultdict(list)
    detail_ids = {t.pk for t in targets if t.kind in {TargetKind.MILESTONE, TargetKind.COVERAGE}}
    rows = (AggregateEntry.objects.visible_to(user).filter(target_id__in=ids)
            .exclude(state=EntryState.REJECTED).order_by("year", "id")
            .values_list("target_id", "year", "value", "member", "venue_side", "state"))
    for target_id, year, value, member, venue_side, state in rows:
        if state == EntryState.PENDING:
            pending[(target_id, year)] += 1
            continue
        s = sums.setdefault((target_id, year), [Decimal(0), 0])
        s[0] += value
        s[1] += 1
        if target_id in detail_ids:
            details[target_id].append((year, value, member, venue_side))
    members = _members(targets)

    cache: dict[str, object] = {}
    shared = _SharedFigures(_scope_key(user, years, current_year))
    _count_together(targets, user=user, shared=shared)

    def indicator_values(key: str) -> tuple[dict[int, Decimal], frozenset[int]] | None:
        """The figures per year and the years with records, or None while the part is missing."""
        if key not in cache:
            ind = indicators.find(key)
            cache[key] = None if ind is None else shared.get(
                key, lambda: indicators.per_year_with_records(
                    ind, user=user, years=years, current_year=current_year))
        return cache[key]  # type: ignore[return-value]

    def covered_by(key: str, wanted: list[int]) -> dict[int, frozenset[str]]:
        ck = f"members:{key}:{','.join(map(str, wanted))}"
        if ck not in cache:
            ind = indicators.find(key)
            cache[ck] = {} if ind is None or ind.members is None else shared.get(
                ck, lambda: indicators.covered_per_year(
                    ind, user=user, years=wanted))
        return cache[ck]  # type: ignore[return-value]

    def venues_of(key: str) -> list[tuple] | None:
        """Where an indicator's records took place, in the order held (Indicator.venues), or
        None when it does not say."""
        ck = "venues:" + key
        if ck not in cache:
            ind = indicators.find(key)
            cache[ck] = None if ind is None or ind.venues is None else shared.get(
                ck, lambda: list(ind.venues(user=user)))
        return cache[ck]  # type: ignore[return-value]

    def value_from(key: str) -> Decimal | None:
        ck = "value:" + key
        if ck not in cache:
            ind = indicators.find(key)
            cache[ck] = None if ind is None else shared.get(
                ck, lambda: indicators.scalar(ind, user=user))
        return cache[ck]  # type: ignore[return-value]

    entries_url = reverse("plan:entry_list")
    results = []
    for t in targets:
        source = SOURCE_AGGREGATE
        computed = None
        recorded: frozenset[int] = frozenset()
        covered: dict[int, frozenset[str]] = {}
        if t.indicator and t.kind == TargetKind.COVERAGE:
            # coverage reads only the part's members of each year (no count query)
            if indicators.find(t.indicator) is None:
                source = SOURCE_FALLBACK
            else:
                source = SOURCE_RECORDS
                covered = covered_by(t.indicator, _member_years(t, years, current_year))
                computed = {y: Decimal(len(c)) for y, c in covered.items()}
                recorded = frozenset(y for y, codes in covered.items() if codes)
        elif t.indicator:
            found = indicator_values(t.indicator)
            source = SOURCE_RECORDS if found is not None else SOURCE_FALLBACK
            if found is not None:
                computed, recorded = found
        required = t.value
        if t.value_indicator:
            v = value_from(t.value_indicator)
            if v:  # an empty registry keeps the plan's own number
                required = v
        r = TargetResult(target=t, source=source, required=required)
        for y in years:
            applies = y in t.years and not (t.due and y > t.due and t.kind in {
                TargetKind.CUMULATIVE, TargetKind.COVERAGE, TargetKind.MILESTONE}
                and not t.params.get("each_year"))
            yr = YearResult(year=y, applies=applies, pending=pending.get((t.pk, y), 0))
            typed = sums.get((t.pk, y))
            if computed is not None and y not in recorded and typed:
                # No records that year, but entries typed before the part existed: those.
                yr.value, yr.entries = typed
                yr.drill_url = f"{entries_url}?target={t.key}&year={y}"
            elif computed is not None:
                yr.source = SOURCE_RECORDS
                yr.value = computed.get(y)
                if (yr.value is None and y < current_year
                        and indicators.find(t.indicator).shape == STOCK):
                    # Only today's count is known (the part keeps no history of it yet).
                    yr.applies, yr.note = False, str(_("仅有当前数，无历史记录"))
                # The part's own list when it has published one, else the entries page.
                yr.drill_url = (with_pair(indicators.drill_url(t.indicator, y), user)
                                or f"{entries_url}?target={t.key}&year={y}")
            else:
                s = sums.get((t.pk, y))
                yr.value, yr.entries = (s[0], s[1]) if s else (None, 0)
                yr.drill_url = f"{entries_url}?target={t.key}&year={y}"
            r.years[y] = yr
        venues = (venues_of(t.indicator) if t.indicator and t.kind == TargetKind.MILESTONE
                  and t.params.get("alternate_venues") and source == SOURCE_RECORDS else None)
        _judge(t, r, years, as_of, details.get(t.pk, []), members.get(t.pk), entries_url,
               covered, venues)
        results.append(r)
    shared.save()
    return PlanResult(plan=plan, as_of=as_of, targets=results)


def _count_together(targets: list[Target], *, user, shared: "_SharedFigures") -> None:
    """The parts' plain counts and sums (core.indicators `batchable`) of every target, all in
    one query, before the targets are read one by one: the dashboard's query budget does not
    grow with the number of targets or parts. Those still in the shared cache are not asked."""
    wanted = []
    for t in targets:
        for key, shared_key in ((t.indicator, t.indicator),
                                (t.value_indicator, f"value:{t.value_indicator}")):
            if not key or (key == t.indicator and t.kind == TargetKind.COVERAGE):
                continue  # a coverage target reads its members, not a count
            ind = indicators.find(key)
            if ind is not None and not shared.has(shared_key):
                wanted.append(ind)
    answer_together(wanted, user=user)


def _member_years(t: Target, years: list[int], current_year: int) -> list[int]:
    """The years a coverage target asks its part's members for: its own years up to its due
    year and to the current year (a later year has no records yet; one member query each)."""
    last = min(t.due or years[-1], current_year)
    return [y for y in years if y in (t.years or years) and y <= last]


def _scope_key(user, years: list[int], current_year: int) -> str:
    from xiezuo.regions.scoping import scope_prefixes

    prefixes = scope_prefixes(user)
    scope = "*" if prefixes is None else ",".join(sorted(prefixes))
    raw = f"{scope}|{years[0]}-{years[-1]}|{current_year}"
    return "plan:indicator:" + hashlib.sha1(raw.encode()).hexdigest()


def _now() -> float:
    return time.time()


class _SharedFigures:
    """Numbers computed from the parts' records, shared for PLAN_INDICATOR_CACHE_SECONDS by
    everyone with the same area scope (`scope_key`): the parts' selectors scan the registry
    (tens of thousands of people) on every call, and within a minute the answer is the same.
    Aggregate entries are never cached: an approval shows at once. 0 turns the cache off.

    One cache entry per scope, read once and written once per evaluation (a file per figure
    cost the cold dashboard ~40 writes, ~10 ms). The entry keeps the time its first figure was
    computed and expires PLAN_INDICATOR_CACHE_SECONDS after it: a figure added later by another
    page (a target's own) lives no longer than the first, so none is older than the limit."""

    def __init__(self, scope_key: str) -> None:
        self.ttl = getattr(settings, "PLAN_INDICATOR_CACHE_SECONDS", 60)
        self.key = scope_key
        self.changed = False
        kept = django_cache.get(scope_key) if self.ttl else None
        now = _now()
        if isinstance(kept, dict) and now - kept.get("at", 0) < self.ttl:
            self.at, self.values = kept["at"], dict(kept["values"])
        else:
            self.at, self.values = now, {}

    def has(self, key: str) -> bool:
        return self.values.get(key) is not None

    def get(self, key: str, compute):
        if not self.ttl:
            return compute()
        hit = self.values.get(key)
        if hit is not None:
            return hit
        value = compute()
        if value is not None:
            self.values[key] = value
            self.changed = True
        return value

    def save(self) -> None:
        left = self.ttl - (_now() - self.at)
        if self.ttl and self.changed and left > 0:
            django_cache.set(self.key, {"at": self.at, "values": self.values}, left)


def _judge(t: Target, r: TargetResult, years: list[int], as_of: datetime.date,
           rows: list[tuple], member_set: list[tuple[str, str]] | None, entries_url: str,
           covered_by_records: dict[int, frozenset[str]] | None = None,
           venues: list[tuple] | None = None) -> None:
    covered_by_records = covered_by_records or {}
    figures = {y: r.years[y].value for y in years}  # before a milestone's years become 1/0
    first = t.years[0] if t.years else years[0]
    due = t.due or (t.years[-1] if t.years else years[-1])
    running = Decimal(0)
    previous: Decimal | None = None
    for y in years:
        yr = r.years[y]
        if t.kind == TargetKind.CUMULATIVE and y in t.years:
            running += yr.value or Decimal(0)
            yr.total = running
            yr.total_drill_url = (f"{entries_url}?target={t.key}&upto={y}"
                                  if r.source != SOURCE_RECORDS else "")
        if not yr.applies:
            previous = yr.value if yr.value is not None else previous
            continue
        if t.kind == TargetKind.AT_LEAST:
            yr.required = r.required
            yr.status = status.status_at_least(yr.value, r.required, y, as_of)
        elif t.kind == TargetKind.RANGE:
            yr.required = t.value
            yr.status = status.status_range(yr.value, t.value, t.value_max, y, as_of)
        elif t.kind == TargetKind.TRACKED:
            yr.required = r.required
            yr.status = status.status_tracked(yr.value, r.required, y, as_of)
            yr.trend = status.trend(yr.value, previous)
        elif t.kind == TargetKind.GROWTH:
            yr.required = previous
            if y == first or previous is None:
                yr.status = Status.NOT_APPLICABLE
                yr.note = str(_("基准年"))
            else:
                yr.status = status.status_growth(yr.value, previous, y, as_of)
        elif t.kind == TargetKind.CUMULATIVE:
            yr.required = r.required
            yr.status = status.status_cumulative(yr.total, r.required, y, first, due, as_of)
        elif t.kind == TargetKind.MILESTONE:
            if t.params.get("alternate_venues") and t.params.get("each_year") and (
                    r.source != SOURCE_RECORDS or venues is not None):
                done, note = _alternating_done(t, r, rows, y, years, figures, venues)
            elif r.source == SOURCE_RECORDS:
                done, note = _milestone_done_mixed(t, r, rows, y, years, figures)
            else:
                done, note = _milestone_done(t, rows, y, years)
            yr.value = Decimal(1) if done else Decimal(0)
            yr.required = Decimal(1)
            yr.note = note
            yr.status = status.status_milestone(done, y, y if t.params.get("each_year") else due,
                                                as_of)
            if not t.params.get("each_year") and yr.source != SOURCE_RECORDS:
                yr.drill_url = f"{entries_url}?target={t.key}&upto={y}"
        elif t.kind == TargetKind.COVERAGE:
            codes = {c for c, _n in (member_set or [])}
            if yr.source == SOURCE_RECORDS:
                # the part's records of that year (the drill link is its list of that year)
                covered = set(covered_by_records.get(y, ())) & codes
            else:
                covered = {m for (yy, _v, m, _vs) in rows if yy <= y and m in codes}
                yr.drill_url = f"{entries_url}?target={t.key}&upto={y}"
            need = t.params.get("min_count") or len(codes)
            yr.value = yr.total = Decimal(len(covered))
            yr.required = Decimal(need)
            r.required = Decimal(need)
            yr.status = status.status_coverage(len(covered), need, y, first, due, as_of)
            if y == due or y == years[-1]:
                r.members = [(c, n, c in covered) for c, n in (member_set or [])]
        judged = yr.total if t.kind in {TargetKind.CUMULATIVE, TargetKind.COVERAGE} else yr.value
        yr.percent = (100 if yr.status == Status.MET else
                      status.progress_percent(judged, yr.required) if yr.required is not None
                      else 0)
        previous = yr.value


def _milestone_done_mixed(t: Target, r: TargetResult, rows: list[tuple], y: int,
                          years: list[int], figures: dict[int, Decimal | None]
                          ) -> tuple[bool, str]:
    """A milestone counted by an indicator: a year with records is met when its figure is at
    least 1; a year without records but with entries is judged on those (venues included)."""
    def own(yy: int) -> tuple[bool, str]:
        if r.years[yy].source == SOURCE_RECORDS:
            return (figures.get(yy) or Decimal(0)) >= 1, ""
        return _milestone_done(t, rows, yy, years, each_year=True)

    if t.params.get("each_year"):
        return own(y)
    for yy in years:
        if yy > y:
            break
        done, note = own(yy)
        if done:
            return True, note
    return False, ""


SIDE_WORDS = {"east": _("东部"), "west": _("西部")}


def _alternating_done(t: Target, r: TargetResult, rows: list[tuple], y: int, years: list[int],
                      figures: dict[int, Decimal | None], venues: list[tuple] | None
                      ) -> tuple[bool, str]:
    """A yearly meeting that the plan wants held on the two sides in turn (`alternate_venues`):
    met only when the year's meeting was held on the other side from the one before it
    (status.venue_alternation), the reason in words. The meetings are read in the order held:
    a year with records from the part's records (Indicator.venues), a year without from its
    approved entries (their 召开地), so a typed year and a recorded year follow each other."""
    held: list[tuple[int, str]] = []
    for yy in years:
        if r.source == SOURCE_RECORDS and r.years[yy].source == SOURCE_RECORDS:
            if (figures.get(yy) or Decimal(0)) >= 1:
                held.extend((d.year, side or "") for d, side in (venues or ()) if d.year == yy)
        else:
            held.extend((yy, side or "") for (ey, value, _m, side) in rows
                        if ey == yy and value >= 1)
    a = status.venue_alternation(held, y)
    if not a.held:
        return False, ""
    where = SIDE_WORDS.get(a.side)
    if not a.alternates:
        return False, str(_("在%(side)s召开，与上一次（%(year)s年）同在%(side)s，未按规划两地轮流召开")
                          % {"side": where, "year": a.before_year})
    if where is None:
        return True, ""
    if a.before_side in SIDE_WORDS:
        return True, str(_("在%(side)s召开，上一次（%(year)s年）在%(before)s，两地轮流")
                         % {"side": where, "year": a.before_year,
                            "before": SIDE_WORDS[a.before_side]})
    return True, str(_("在东部召开") if a.side == "east" else _("在西部召开"))


def _milestone_done(t: Target, rows: list[tuple], y: int, years: list[int],
                    each_year: bool | None = None) -> tuple[bool, str]:
    each_year = t.params.get("each_year") if each_year is None else each_year
    if each_year:
        mine = [row for row in rows if row[0] == y and row[1] >= 1]
    else:
        mine = [row for row in rows if row[0] <= y and row[1] >= 1]
    return bool(mine), ""

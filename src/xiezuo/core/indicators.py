"""What a part declares in its `<app>/indicators.py`: the figures the plan reads from its records.

An indicator is a count or a sum over one of the part's list selectors with a filter object,
and links to that list with the same filter object's query string: the number on the dashboard
and the total of the list it links to are computed by the same code and cannot drift apart.
A figure that is not a count or a sum (a share) names the function that computes it and the page
that shows it.

    INDICATORS = [Indicator(key="registry.exits", unit=_("人"), selector=person_list,
                            filters=lambda year: PersonFilters(exit_status=EXITED,
                                                               exit_year=year),
                            year_field="household__exit_year",
                            url_name="registry:person_list")]

The plan file names the key (`source: {indicator: registry.exits}`); the plan finds the parts'
modules through core.discovery, like nav.py and home.py.

- `count_field`: a count is of distinct values of this field: "pk" counts the rows (人次, one per
  training attended), "person" counts the people (人, each once however often they came).
- `members(*, user, year) -> set[str]`: the area codes the part's records cover in `year`, for
  a coverage target (a township covered by a pairing, say); the plan intersects them with the
  target's member set, and the year's figure links to the list filtered by that year.
- A milestone target may name any per-year indicator: the year's milestone is met when that
  year's figure is at least 1 (a joint meeting held, a report sent).
- `venues(*, user) -> [(date, side)]`: for a milestone whose plan rule wants the meetings held
  on the two sides in turn (`alternate_venues: true`, the joint meeting of ch.8.2): where each
  counted record took place ("east" / "west"), in the order held; the plan then counts a year
  as met only when its meeting alternated with the one before (plan.status.venue_alternation).

Batching (the dashboard's query budget): an indicator that is a plain count or sum over its list
(`selector`, `filters`, `year_field` or a stock; no `compute`) is `batchable`. While the plan
evaluates (`one_evaluation`), `answer_together` counts every batchable indicator of every part in
**one** query, a UNION ALL of each one's own grouped query (the same selector, filters and
aggregate as `per_year`, so the figure still equals its list), and `per_year` reads the answer.
A part plugs in by declaring its figures that way; a `compute=` indicator costs its own
queries (share one read per part through `evaluation_memo`). The compiled query is kept per
worker by what it is built from (`_union_for`); the figures are counted afresh each time.
"""

import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Context, Decimal
from functools import lru_cache

from django.core.exceptions import FieldError
from django.db import NotSupportedError
from django.db.models import (
    Count,
    DateField,
    DateTimeField,
    DecimalField,
    F,
    IntegerField,
    Sum,
    Value,
)
from django.db.models.functions import Cast, ExtractYear

PER_YEAR = "per_year"  # a flow: each year its own figure
STOCK = "stock"  # a stock counted now (e.g. workstations in operation): the current year only


@dataclass(frozen=True)
class Indicator:
    key: str  # "<app>.<name>", what the plan file names
    label: str
    unit: str  # 人, 户, 元, 个, % …: the unit the figure and its list's total are in
    #: the list selector f(*, user, filters) -> QuerySet
    selector: Callable | None = None
    #: the list's filter object for a year (None: every year, for the grouped query)
    filters: Callable | None = None
    url_name: str = ""  # the list page, which reads the same selector
    #: the field the year filter fixes; the per-year figures are one query grouped by it
    year_field: str = ""
    #: "" counts the rows; a field name sums it (money, a household's persons)
    sum_field: str = ""
    #: the places the sum keeps (money: 2; a count of persons: 0)
    places: int = 2
    shape: str = PER_YEAR
    #: for a figure that is not a count or a sum: f(*, user) -> {year: value}; its page shows it
    compute: Callable | None = None
    #: multiply the answer (shares 0..1 become percentages)
    scale: Decimal = Decimal(1)
    #: a past year without records has the figure 0 (a share of no money), not "no figure"
    zero_when_missing: bool = False
    #: a count counts distinct values of this field: "pk" the rows (人次), "person" the people
    count_field: str = "pk"
    #: for coverage targets: f(*, user, year) -> set of the area codes covered in that year
    members: Callable | None = None
    #: for a per-year figure the list cannot group by year (each investor once a year):
    #: f(*, user) -> a QuerySet `.values_list(year, value)` already grouped by year; it is
    #: counted with the others in the evaluation's one query (`answer_together`)
    grouped: Callable | None = None
    #: for a milestone with alternating venues: f(*, user) -> [(date, "east" | "west")] of the
    #: counted records in the order they were held (one read; the plan applies its rule)
    venues: Callable | None = None

    def _aggregate(self):
        # distinct: a list selector may join (annotated counts) without duplicating its rows
        return Sum(self.sum_field) if self.sum_field else Count(self.count_field, distinct=True)

    @property
    def batchable(self) -> bool:
        """A plain count or sum over the list: `answer_together` can count it with others."""
        if self.compute is not None:
            return False
        return self.grouped is not None or (
            self.selector is not None and self.filters is not None
            and (self.shape == STOCK or bool(self.year_field)))

    def _branch(self, *, user):
        """This indicator's grouped query as (key, year, value) rows, for the UNION ALL.

        The same selector, filters and aggregate as `per_year`; the columns are annotations
        in a fixed order so every part's branch lines up, the value cast to one numeric type
        (a count and a sum of money share the column on PostgreSQL)."""
        if self.grouped is not None:
            qs = self.grouped(user=user).order_by()
            year, value = qs._fields  # the (year, value) the part's values_list names
            return (qs.annotate(_ind_k=Value(self.key), _ind_y_=Cast(F(year), IntegerField()),
                                _ind_v=Cast(F(value), _NUMBER))
                    .values_list("_ind_k", "_ind_y_", "_ind_v"))
        qs = self.selector(user=user, filters=self.filters(None)).order_by()
        # the year cast to one type in every branch: two untyped NULL years first made the
        # union's column text on PostgreSQL, and a later EXTRACT(YEAR …) (numeric) failed it
        year = Cast(Value(None, output_field=IntegerField())
                    if self.shape == STOCK or not self.year_field
                    else year_of(qs.model, self.year_field), IntegerField())
        return (qs.annotate(_ind_k=Value(self.key), _ind_y=year).values("_ind_k", "_ind_y")
                .annotate(_ind_v=Cast(self._aggregate(), _NUMBER))
                .values_list("_ind_k", "_ind_y", "_ind_v"))

    def _answer(self, rows) -> dict:
        """{year: figure} from this indicator's (year, value) rows, as `per_year` gives it."""
        if self.grouped is None and (self.shape == STOCK or not self.year_field):
            return {None: self._figure(next((v for _y, v in rows), None))}
        return {int(y): self._figure(v) for y, v in rows if y is not None}

    def covered(self, *, user, year: int) -> set[str]:
        """The area codes covered in `year` (empty for an indicator without `members`)."""
        return set(self.members(user=user, year=year) or ()) if self.members else set()

    def per_year(self, *, user) -> dict[int, Decimal]:
        """{year: figure} for every year with records (a stock: {None: figure now})."""
        if self.compute is not None:
            return {y: Decimal(v) * self.scale for y, v in (self.compute(user=user) or {}).items()}
        memo = _EVALUATION.get()
        together = memo.get(("together", self.key, id(user))) if memo is not None else None
        if together is not None:
            return dict(together)
        if self.grouped is not None:
            return self._answer(self.grouped(user=user).order_by())
        qs = self.selector(user=user, filters=self.filters(None)).order_by()
        if self.shape == STOCK or not self.year_field:
            return {None: self._figure(qs.aggregate(v=self._aggregate())["v"])}
        rows = qs.values_list(self.year_field).annotate(v=self._aggregate()).values_list(
            self.year_field, "v")
        return {y: self._figure(v) for y, v in rows if y is not None}

    def value(self, *, user, year: int | None) -> Decimal:
        """The one figure of `year`, read through the list's own selector and filters."""
        qs = self.selector(user=user, filters=self.filters(year))
        return self._figure(qs.order_by().aggregate(v=self._aggregate())["v"])

    def _figure(self, v) -> Decimal:
        if isinstance(v, float):  # SQLite sums money as REAL (Django's own converter does this)
            v = _FLOAT_CONTEXT.create_decimal_from_float(v)
        v = Decimal(v or 0)
        if self.sum_field:
            v = v.quantize(Decimal(1).scaleb(-self.places))  # SQLite drops NUMERIC's scale
        else:
            v = Decimal(int(v))  # a count, whatever numeric type the batch's column had
        return v * self.scale

    def url(self, year: int | None) -> str:
        """The list behind the figure of `year`, filtered exactly as the figure was counted."""
        if not self.url_name:
            return ""
        from django.urls import get_script_prefix, get_urlconf

        return _list_url(self, year, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=4096)
def _list_url(ind: Indicator, year: int | None, _prefix: str, _urlconf) -> str:
    # the same for every request under one script prefix and URL configuration: the dashboard
    # links each of its ~130 figures to its list, and building the query strings cost ~5 ms
    from xiezuo.core.navigation import reversed_once

    base = reversed_once(ind.url_name)
    query = ind.filters(year).query() if ind.filters else (
        f"year={year}" if year is not None else "")
    return f"{base}?{query}" if query else base


class DateYear(ExtractYear):
    """The year of a date (not a date-time) column. On SQLite Django's ExtractYear calls a
    Python function for every row (`django_date_extract`): 6,500 rows of the dashboard's batch
    spent ~40 ms there; a date is 'YYYY-MM-DD' text in SQLite, so its first four characters
    are the year. PostgreSQL keeps EXTRACT."""

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(substr({sql}, 1, 4) AS integer)", params


def year_of(model, path: str):
    """The expression for `path` (a field, or a date's `…__year`) in a grouped read of
    `model`: a date field's year is `DateYear`; anything else (a year column, a date-time,
    whose year depends on the time zone) is `F(path)` as Django reads it."""
    base, _sep, last = path.rpartition("__")
    if last == "year" and base:
        field, meta = None, model._meta
        for name in base.split("__"):
            field = meta.get_field(name)
            if field.related_model is not None:
                meta = field.related_model._meta
        if isinstance(field, DateField) and not isinstance(field, DateTimeField):
            return DateYear(base)
    return F(path)


_FLOAT_CONTEXT = Context(prec=15)
#: the batch's value column: a count and a sum of money share it (PostgreSQL wants one type)
_NUMBER = DecimalField(max_digits=28, decimal_places=6)


#: answers shared within one evaluation of the plan (see `one_evaluation`)
_EVALUATION: ContextVar[dict | None] = ContextVar("xiezuo_indicator_evaluation", default=None)


@contextmanager
def one_evaluation() -> Iterator[None]:
    """While the plan evaluates its targets, `members_by_year` answers every year of an
    indicator from one query (the plan asks a coverage target's members year by year)."""
    token = _EVALUATION.set({})
    try:
        yield
    finally:
        _EVALUATION.reset(token)


def members_by_year(*, selector: Callable, filters: Callable, year_field: str, code_field: str,
                    cumulative: bool = False) -> Callable:
    """A `members(*, user, year)` for an Indicator: the area codes (`code_field`, e.g.
    "township__code") of the list's rows whose `year_field` is `year` (or, `cumulative`, any
    year up to it: a pairing made in 2017 still covers its township in 2019).

    All years come from one grouped query, kept for the rest of the plan's evaluation
    (`one_evaluation`); outside one, each call asks the database again.
    """
    def members(*, user, year: int) -> set[str]:
        memo = _EVALUATION.get()
        key = (id(members), id(user))
        by_year = memo.get(key) if memo is not None else None
        if by_year is None:
            by_year = defaultdict(set)
            rows = (selector(user=user, filters=filters(None)).order_by()
                    .values_list(year_field, code_field).distinct())
            for y, code in rows:
                if y is not None and code:
                    by_year[y].add(code)
            if memo is not None:
                memo[key] = by_year
        if cumulative:
            return set().union(*(codes for y, codes in by_year.items() if y <= year))
        return set(by_year.get(year, ()))

    return members


def evaluation_memo(key: str, compute: Callable):
    """`compute()` once per plan evaluation (`one_evaluation`): the dashboard asks every part's
    indicator, and each part's scope reads the same small tables (the partnerships); outside an
    evaluation it is computed every time."""
    memo = _EVALUATION.get()
    if memo is None:
        return compute()
    k = ("memo", key)
    if k not in memo:
        memo[k] = compute()
    return memo[k]


def answer_together(inds, *, user) -> int:
    """Count every batchable indicator of `inds` in one query (a UNION ALL of their grouped
    queries) and keep the answers for this evaluation, where `per_year` reads them.

    Outside `one_evaluation` nothing is kept and nothing is asked. Returns the number of
    indicators answered (those already answered in this evaluation are not asked again)."""
    memo = _EVALUATION.get()
    if memo is None:
        return 0
    todo, seen = [], set()
    for ind in inds:
        if ind.batchable and ind.key not in seen and ("together", ind.key, id(user)) not in memo:
            todo.append(ind)
            seen.add(ind.key)
    union = _union_for(todo, user=user)
    if union is None:
        return 0  # one query either way
    rows: dict[str, list] = {key: [] for key in union.keys}
    for key, year, value in union.rows():
        rows[key].append((year, value))
    for ind in todo:
        if ind.key in rows:
            memo[("together", ind.key, id(user))] = ind._answer(rows[ind.key])
    return len(union.keys)


@dataclass(frozen=True)
class _Union:
    """The indicators' one query, compiled: its SQL and parameters and how Django converts its
    columns (a decimal from SQLite's REAL, say), so the rows are those the QuerySet gives."""

    keys: tuple[str, ...]  # the indicators it answers (a branch Django could not build is left out)
    sql: str
    params: tuple
    alias: str
    converters: dict

    def rows(self):
        from django.db import connections

        connection = connections[self.alias]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.params)
            found = cursor.fetchall()
        # Django's compiler.apply_converters would hand the converters the connection of the
        # thread that built the query; a kept query runs in any of the worker's threads
        for row in found:
            row = list(row)
            for pos, (convs, expression) in self.converters.items():
                for convert in convs:
                    row[pos] = convert(row[pos], expression, connection)
            yield row


#: The compiled query by what it is built from. Building it is Django's construction of every
#: part's list selector (~25 ms of a cold dashboard's ~100, every time, for the same SQL); the
#: figures are still counted afresh by running it. Keyed by the indicators, everything about
#: the reader that scoping reads (`_reader_key`), the day (lists that compare with today) and
#: the partnerships and eastern counties every part's scope is computed from
#: (regions.selectors.reach_fingerprint); a build that asked the database anything else is not
#: kept (`_union_for`), so no other data can stand behind a kept query.
_UNIONS: dict[tuple, _Union] = {}
_UNIONS_KEPT = 512
_UNIONS_LOCK = threading.Lock()


def _reader_key(user) -> tuple:
    from xiezuo.regions.scoping import scope_prefixes

    prefixes = scope_prefixes(user)
    scope = getattr(user, "scope", None)
    return (type(user).__qualname__, getattr(user, "pk", None), getattr(user, "role", ""),
            bool(getattr(user, "is_superuser", False)), bool(getattr(user, "is_active", False)),
            None if prefixes is None else tuple(prefixes), getattr(user, "pair_query", ""),
            None if scope is None else (scope.pk, scope.code, scope.level, scope.side))


def _union_for(todo: list, *, user) -> "_Union | None":
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.utils import timezone

    from xiezuo.regions.selectors import reach_fingerprint

    if len(todo) < 2:
        return None  # one query either way (nothing to ask: every figure is still shared)
    alias = DEFAULT_DB_ALIAS
    # the indicators themselves (their selectors and filters), not only their keys
    key = (tuple(todo), _reader_key(user), timezone.localdate(),
           reach_fingerprint(), alias, connections[alias].vendor)
    kept = _UNIONS.get(key)
    if kept is not None:
        return kept
    asked = []  # the queries the build itself sends: any one means data not in the key

    def record(execute, sql, params, many, context):
        asked.append(sql)
        return execute(sql, params, many, context)

    branches, joined = [], []
    with connections[alias].execute_wrapper(record):
        for ind in todo:
            try:
                branches.append(ind._branch(user=user))
            except (FieldError, NotSupportedError):  # e.g. a selector that is itself a union:
                continue  # counted alone by per_year, as before
            joined.append(ind.key)
        if len(joined) < 2:
            return None
        compiler = branches[0].union(*branches[1:], all=True).query.get_compiler(alias)
        sql, params = compiler.as_sql()
        converters = compiler.get_converters(
            [s[0] for s in compiler.select[:compiler.col_count]])
    union = _Union(keys=tuple(joined), sql=sql, params=tuple(params), alias=alias,
                   converters=converters)
    if not asked:
        with _UNIONS_LOCK:  # a worker's threads share the dict
            if len(_UNIONS) >= _UNIONS_KEPT:
                _UNIONS.pop(next(iter(_UNIONS)))  # the oldest
            _UNIONS[key] = union
    return union

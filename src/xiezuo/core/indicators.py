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
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.urls import reverse

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

    def _aggregate(self):
        # distinct: a list selector may join (annotated counts) without duplicating its rows
        return Sum(self.sum_field) if self.sum_field else Count("pk", distinct=True)

    def per_year(self, *, user) -> dict[int, Decimal]:
        """{year: figure} for every year with records (a stock: {None: figure now})."""
        if self.compute is not None:
            return {y: Decimal(v) * self.scale for y, v in (self.compute(user=user) or {}).items()}
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
        v = Decimal(v or 0)
        if self.sum_field:
            v = v.quantize(Decimal(1).scaleb(-self.places))  # SQLite drops NUMERIC's scale
        return v * self.scale

    def url(self, year: int | None) -> str:
        """The list behind the figure of `year`, filtered exactly as the figure was counted."""
        if not self.url_name:
            return ""
        base = reverse(self.url_name)
        query = self.filters(year).query() if self.filters else (
            f"year={year}" if year is not None else "")
        return f"{base}?{query}" if query else base

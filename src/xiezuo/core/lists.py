"""Lists: a typed filter object per list, and one way to page through a list.

A list page binds its filter form, turns the cleaned data into the list's filter object (a frozen
dataclass deriving from `ListFilters`) and asks the part's selector `<thing>_list(user=,
filters=)`. The plan's indicators count or sum over the same selector with a filter object and
link to the page with `filters.query()`, so a number and the list behind it cannot drift apart.
"""

import dataclasses
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Model

PAGE_SIZE = 50


@dataclasses.dataclass(frozen=True)
class ListFilters:
    """Base of the filter objects: field names are the query-string keys of the list page."""

    @classmethod
    def from_form(cls, form):
        """The filters of a bound, valid form (fields the form lacks keep their defaults);
        an unbound or invalid form gives the defaults (the form shows its errors)."""
        if form is None or not form.is_bound or not form.is_valid():
            return cls()
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in form.cleaned_data.items()
                      if k in names and v not in (None, "")})

    def params(self) -> dict[str, str]:
        """The non-default fields as query-string values."""
        out = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            default = (f.default if f.default is not dataclasses.MISSING
                       else f.default_factory() if f.default_factory is not dataclasses.MISSING
                       else None)
            if v == default or v is None or v == "":
                continue
            out[f.name] = _as_param(v)
        return out

    def query(self) -> str:
        """The query string of the list page showing exactly these records."""
        return urlencode(self.params())


def _as_param(v) -> str:
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, Model):
        return str(v.pk)  # a ModelChoiceField takes the key
    return str(v)


def paginate(request, qs, *, per_page: int | None = None) -> Page:
    """The requested page of a list (a page number out of range gives the last page), with
    `page.query`: the request's query string without `page`, for core/_pagination.html."""
    page = Paginator(qs, per_page or PAGE_SIZE).get_page(request.GET.get("page"))
    page.query = page_query(request)
    return page


def page_query(request) -> str:
    """The request's query string without `page`, for the pagination links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@dataclasses.dataclass(frozen=True)
class Sorting:
    """A list's column sort, from `?sort=<key>` or `?sort=-<key>` (descending).

    Only the keys the list names may sort it (`columns`: key -> the fields to order by), each a
    field with an index or a list small enough: a key from the URL is never passed to order_by
    unchecked. The sort stays in the query string, so pages and the Excel export keep it.
    """

    key: str = ""
    descending: bool = False
    columns: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def from_request(cls, request, columns: dict[str, tuple[str, ...] | str]) -> "Sorting":
        cols = tuple((k, (v,) if isinstance(v, str) else tuple(v)) for k, v in columns.items())
        raw = (request.GET.get("sort") or "").strip()
        key = raw.lstrip("-")
        if key not in dict(cols):
            return cls(columns=cols)
        return cls(key=key, descending=raw.startswith("-"), columns=cols)

    def apply(self, qs):
        """`qs` in the chosen order (the list's own order when none was chosen), the primary
        key last so equal values keep one order from page to page."""
        if not self.key:
            return qs
        sign = "-" if self.descending else ""
        fields = [f"{sign}{f}" for f in dict(self.columns)[self.key]]
        return qs.order_by(*fields, f"{sign}pk")

    def param(self) -> str:
        """The `sort` value for links ("" when the list's own order is used)."""
        return f"{'-' if self.descending else ''}{self.key}" if self.key else ""

    def query(self) -> str:
        return urlencode({"sort": self.param()}) if self.key else ""


def with_sort(query: str, sorting: "Sorting | None") -> str:
    """A filters' query string with the sort added (for the pagination of lists whose page
    query is rebuilt from the filter object)."""
    extra = sorting.query() if sorting is not None else ""
    return "&".join(q for q in (query, extra) if q)

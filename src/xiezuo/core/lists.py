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

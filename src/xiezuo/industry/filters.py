"""The industry lists' filters: one object per list, built from the bound filter form."""

from dataclasses import dataclass

from xiezuo.core.lists import ListFilters


@dataclass(frozen=True)
class ProjectFilters(ListFilters):
    q: str = ""  # code, name or investor, contains
    sector: str = ""
    stage: str = ""
    township: str = ""  # a township's code (regions.picker)
    year: int | None = None  # signed in that year
    east: bool = False  # by an eastern investor or introduced by the east


@dataclass(frozen=True)
class InvestorFilters(ListFilters):
    """Organisations investing in projects (signed in `year`, when given)."""

    year: int | None = None
    east: bool = False


@dataclass(frozen=True)
class ArrivalFilters(ListFilters):
    year: int | None = None
    project: object = None
    east: bool = False


@dataclass(frozen=True)
class LinkageFilters(ListFilters):
    year: int | None = None
    kind: str = ""
    project: object = None
    township: str = ""  # a township's code (regions.picker)


@dataclass(frozen=True)
class HouseholdFilters(ListFilters):
    """Registered poor households reached: by a linkage (`via` "linkage") or a sale ("sale")."""

    via: str = "linkage"
    year: int | None = None
    township: str = ""  # a township's code (regions.picker)


@dataclass(frozen=True)
class EventFilters(ListFilters):
    year: int | None = None
    kind: str = ""
    series: str = ""


@dataclass(frozen=True)
class DealFilters(ListFilters):
    year: int | None = None
    follow_up: str = ""


@dataclass(frozen=True)
class SaleFilters(ListFilters):
    q: str = ""  # product, contains
    year: int | None = None
    product: str = ""  # exact
    channel: str = ""
    buyer_kind: str = ""
    buyer: object = None  # an Organisation
    township: str = ""  # a township's code (regions.picker)
    event: object = None


@dataclass(frozen=True)
class ProductFilters(ListFilters):
    q: str = ""
    published: str = ""  # "yes" / "no"
    certification: str = ""

"""The funds lists' filters: one object per list, built from the bound filter form."""

from dataclasses import dataclass

from xiezuo.core.lists import ListFilters


@dataclass(frozen=True)
class ProjectFilters(ListFilters):
    year: int | None = None  # the funding year
    category: str = ""
    status: str = ""
    township: str = ""  # a township's code: projects with a village there
    q: str = ""  # number or name, contains
    late: bool = False  # past their planned end (selectors.late_projects)


@dataclass(frozen=True)
class AllocationFilters(ListFilters):
    year: int | None = None
    source: str = ""  # a Source value (east_fiscal: the plan's 5,000,000 a year)


@dataclass(frozen=True)
class LedgerFilters(ListFilters):
    kind: str = ""
    year: int | None = None
    project: int | None = None

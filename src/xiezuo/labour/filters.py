"""The labour lists' filters: one object per list, built from the bound filter form."""

from dataclasses import dataclass

from xiezuo.core.lists import ListFilters


@dataclass(frozen=True)
class SeekerFilters(ListFilters):
    q: str = ""
    township: object = None  # an Area (a township of the user's scope)
    surveyed: str = ""  # "yes" / "no"
    willing: str = ""
    away: str = ""
    skill: str = ""
    working: str = ""


@dataclass(frozen=True)
class EmployerFilters(ListFilters):
    q: str = ""  # name or credit code, contains
    east: bool = False  # only those in the eastern district (the east officer's employers)


@dataclass(frozen=True)
class OpeningFilters(ListFilters):
    status: str = "open"  # an OpeningStatus value, or "all"
    employer: int | None = None  # an organisation's id (the register's page links here)
    east: bool = False  # only openings of employers in the eastern district


@dataclass(frozen=True)
class WorkstationFilters(ListFilters):
    open: bool = False  # only those in operation now (not closed)


@dataclass(frozen=True)
class CaseFilters(ListFilters):
    status: str = ""


@dataclass(frozen=True)
class FollowUpFilters(ListFilters):
    """Follow-ups still to do, of workers still in the job, due within `days` days or overdue."""

    days: int = 14


@dataclass(frozen=True)
class JobFairFilters(ListFilters):
    year: int | None = None


@dataclass(frozen=True)
class PlacementFilters(ListFilters):
    year: int | None = None  # the year of hire (上岗)
    status: str = ""
    east: bool = False  # with employers in the eastern district
    #: only each person's first hire in the eastern district (a person counts once: box 3)
    first: bool = False
    employer: int | None = None  # an organisation's id (the register's page links here)


@dataclass(frozen=True)
class GraduateFilters(ListFilters):
    year: int | None = None  # the year employed
    east: bool = False  # employed in the eastern city (box 3 counts these)


@dataclass(frozen=True)
class InternFilters(ListFilters):
    year: int | None = None  # the year the internship started

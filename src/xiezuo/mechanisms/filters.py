"""The mechanisms lists' filters: one object per list, built from the bound filter form."""

from dataclasses import dataclass

from xiezuo.core.lists import ListFilters


@dataclass(frozen=True)
class GroupFilters(ListFilters):
    side: str = ""
    kind: str = ""
    #: groups existing in that year with at least one member in post during it
    year: int | None = None


@dataclass(frozen=True)
class MeetingFilters(ListFilters):
    year: int | None = None
    kind: str = ""


@dataclass(frozen=True)
class DecisionFilters(ListFilters):
    year: int | None = None  # the meeting's year
    status: str = ""
    overdue: bool = False  # still owed after the due date
    q: str = ""  # in the text, the owner unit or person
    meeting: int | None = None


@dataclass(frozen=True)
class SecondmentFilters(ListFilters):
    direction: str = ""
    year: int | None = None  # the year the secondment started (the batch's year)
    in_post: int | None = None  # in post on some day of that year
    level: str = ""


@dataclass(frozen=True)
class CaseFilters(ListFilters):
    year: int | None = None

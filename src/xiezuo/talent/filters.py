"""The talent lists' filters: one object per list, built from the bound filter form."""

from dataclasses import dataclass

from xiezuo.core.lists import ListFilters


@dataclass(frozen=True)
class ClassFilters(ListFilters):
    year: int | None = None  # the year the class started
    kind: str = ""  # a ClassKind value
    group: str = ""  # a KindGroup value (the plan's targets count by group)
    held: str = ""  # east / west
    q: str = ""  # code or name, contains


@dataclass(frozen=True)
class TraineeFilters(ListFilters):
    q: str = ""  # name or unit, contains
    township: object = None  # an Area
    group: str = ""  # trained in a class of this KindGroup
    year: int | None = None  # trained in a class that started that year


@dataclass(frozen=True)
class AttendanceFilters(ListFilters):
    """Attendances (人次); with `first`, only each person's first completed one of the group."""

    year: int | None = None
    group: str = ""
    kind: str = ""
    held: str = ""
    training_class: str = ""  # a class code
    completed: bool = False  # only those who completed the class
    first: bool = False


@dataclass(frozen=True)
class MergeFilters(ListFilters):
    state: str = "open"


@dataclass(frozen=True)
class RequestFilters(ListFilters):
    status: str = ""
    overdue: bool = False
    year: int | None = None  # the year filed


@dataclass(frozen=True)
class EnrolmentFilters(ListFilters):
    year: int | None = None  # the year admitted
    q: str = ""


@dataclass(frozen=True)
class PairingFilters(ListFilters):
    year: int | None = None  # in operation at some time that year


@dataclass(frozen=True)
class ActivityFilters(ListFilters):
    year: int | None = None
    kind: str = ""
    pairing: int | None = None

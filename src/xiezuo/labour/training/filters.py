"""The training lists' filters (core.lists)."""

from dataclasses import dataclass

from xiezuo.core.lists import ListFilters


@dataclass(frozen=True)
class CourseFilters(ListFilters):
    year: int | None = None  # the year the course starts
    kind: str = ""
    base: object = None  # an Organisation


@dataclass(frozen=True)
class TraineeFilters(ListFilters):
    course: object = None
    status: str = ""
    year: int | None = None  # the year the course starts (enrolment) …
    completed_year: int | None = None  # … or the year of completion
    township: object = None
    q: str = ""


@dataclass(frozen=True)
class YouthFilters(ListFilters):
    township: object = None
    trained: str = ""  # "yes": enrolled in a course (any status but dropped); "no": not yet
    q: str = ""

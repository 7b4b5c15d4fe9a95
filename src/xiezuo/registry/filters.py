"""The registry's list filters: one object per list, built from the bound filter form.

`exit_status` takes a status value or `exited` (either 已脱贫 status, the plan's exits).
"""

from dataclasses import dataclass

from xiezuo.core.lists import ListFilters

#: the exit_status value meaning "exited poverty" (已脱贫, with or without support)
EXITED = "exited"


@dataclass(frozen=True)
class HouseholdFilters(ListFilters):
    name: str = ""
    idh: str = ""  # the keyed hash of a full ID number (the number never reaches a URL)
    county: str = ""  # an area's code: a city user's county, a county's township or village
    township: str = ""
    village: str = ""
    exit_status: str = ""
    exit_year: int | None = None
    incomplete: bool = False  # only households missing data (selectors.INCOMPLETE)


@dataclass(frozen=True)
class PersonFilters(ListFilters):
    name: str = ""
    idh: str = ""
    county: str = ""
    township: str = ""
    village: str = ""
    exit_status: str = ""
    exit_year: int | None = None
    remaining: int | None = None  # not (or no longer) out of poverty at the end of this year

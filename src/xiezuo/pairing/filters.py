"""The pairing lists' filters: one object per list, built from the bound filter form."""

from dataclasses import dataclass

from xiezuo.core.lists import ListFilters


@dataclass(frozen=True)
class CoverageFilters(ListFilters):
    """The coverage page: the members (townships, deep-poverty villages) of a year."""

    year: int | None = None
    kind: str = ""  # "towns" or "villages": one of the two lists only
    paired: bool = False  # only the members paired that year (what the plan's figure counts)


@dataclass(frozen=True)
class TownPairingFilters(ListFilters):
    year: int | None = None  # in force on at least one day of the year (coverage.in_force)
    township: str = ""  # a western township's code (regions.picker)
    east_town: object = None  # an eastern town or street (Area)


@dataclass(frozen=True)
class EnterprisePairingFilters(ListFilters):
    year: int | None = None  # in force on at least one day of the year
    township: str = ""  # the villages of a western township (its code)
    village: object = None
    deep: bool = False  # deep-poverty villages only
    q: str = ""  # the enterprise's name, contains


@dataclass(frozen=True)
class ActivityFilters(ListFilters):
    year: int | None = None
    kind: str = ""
    town_pairing: int | None = None
    enterprise_pairing: int | None = None
    side: str = ""  # "town" or "enterprise": the kind of pairing


@dataclass(frozen=True)
class DonationFilters(ListFilters):
    year: int | None = None
    purpose: str = ""
    kind: str = ""  # money / goods
    category: str = ""  # donor category
    funds: str = ""  # "in": passed into the funds; "out": not
    township: str = ""  # reached a place in this township (its code)
    household: int | None = None  # reached this registered household
    q: str = ""  # donor, receipt number, contains


@dataclass(frozen=True)
class VolunteerOrgFilters(ListFilters):
    q: str = ""


@dataclass(frozen=True)
class VolunteerFilters(ListFilters):
    q: str = ""
    kind: str = ""
    organisation: int | None = None


@dataclass(frozen=True)
class ServiceFilters(ListFilters):
    year: int | None = None
    organisation: int | None = None
    township: str = ""  # a township's code (regions.picker)

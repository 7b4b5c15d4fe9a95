"""The outreach lists' filters (core.lists): one object per list, from its bound filter form."""

from dataclasses import dataclass

from xiezuo.core.lists import ListFilters


@dataclass(frozen=True)
class CampaignFilters(ListFilters):
    year: int | None = None
    kind: str = ""
    q: str = ""


@dataclass(frozen=True)
class VillageCoverageFilters(ListFilters):
    """The villages of the western county in the user's scope, with their reach by a campaign
    (or by any campaign of a year, or by any campaign at all)."""

    campaign: object = None  # a Campaign
    year: int | None = None
    reached: str = ""  # "yes" / "no" / "" (all)
    township: object = None  # an Area


@dataclass(frozen=True)
class HouseholdCoverageFilters(ListFilters):
    """The registered households in the user's scope, with their reach (a visit that met the
    family or a delivered text)."""

    campaign: object = None
    year: int | None = None
    reached: str = ""
    township: object = None
    phone: str = ""  # "yes" / "no": with a mobile number for texts


@dataclass(frozen=True)
class SmsBatchFilters(ListFilters):
    campaign: object = None

"""The organisations list's filter object, built from the bound filter form."""

from dataclasses import dataclass

from xiezuo.core.lists import ListFilters


@dataclass(frozen=True)
class OrganisationFilters(ListFilters):
    q: str = ""  # name or credit code, contains
    role: str = ""  # an OrgRole value
    kind: str = ""  # an OrgKind value
    side: str = ""  # east / west
    area: object = None  # an Area: the organisations in it or below it

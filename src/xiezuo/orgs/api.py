"""The register's API (mounted at /api/orgs/): the list with the page's filters and one
organisation, scoped as the pages are (both sides of the user's partnerships); an organisation
outside the scope is 404."""

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from xiezuo.accounts.roles import has
from xiezuo.core.apikit import CODE_LENGTH, ID_MAX, Pages, answers
from xiezuo.orgs import selectors
from xiezuo.orgs.access import READS_ORGS
from xiezuo.orgs.choices import OrgKind, OrgRole, Side
from xiezuo.orgs.filters import OrganisationFilters
from xiezuo.orgs.models import Organisation
from xiezuo.regions.models import Area

router = Router(tags=["orgs"])
ROLES = ", ".join(OrgRole.values)
KINDS = ", ".join(OrgKind.values)


def _guard(request) -> None:
    if not has(request.user, READS_ORGS):
        raise HttpError(403, "forbidden")


class OrganisationOut(Schema):
    id: int
    name: str
    credit_code: str
    kind: str
    side: str
    area_code: str
    sector: str
    roles: list[str]
    contact_name: str
    contact_phone: str
    address: str

    @staticmethod
    def resolve_area_code(obj) -> str:
        return obj.area.code

    @staticmethod
    def resolve_roles(obj) -> list[str]:
        return obj.role_list


@router.get("/organisations", response=answers({200: list[OrganisationOut]}))
@paginate(Pages, page_size=100)
def list_organisations(request, q: str = Query("", max_length=200),
                       role: str = Query("", max_length=16, description=ROLES),
                       kind: str = Query("", max_length=16, description=KINDS),
                       side: str = Query("", max_length=8, description="east, west"),
                       area: str = Query("", max_length=CODE_LENGTH)):
    """The organisations the user sees, filtered as on the list page (name or code contains,
    role, kind, side, area code: that area and below)."""
    _guard(request)
    for name, value, allowed in (("role", role, OrgRole.values), ("kind", kind, OrgKind.values),
                                 ("side", side, Side.values)):
        if value and value not in allowed:
            raise HttpError(422, f"{name}: {value!r} is not one of {', '.join(allowed)}")
    found = Area.objects.filter(code=area).first() if area else None
    if area and found is None:
        return Organisation.objects.none()
    return selectors.organisation_list(user=request.user, filters=OrganisationFilters(
        q=q, role=role, kind=kind, side=side, area=found))


@router.get("/organisations/{pk}", response=answers({200: OrganisationOut}, found=True))
def get_organisation(request, pk: int = Path(..., ge=1, le=ID_MAX)):
    _guard(request)
    return get_object_or_404(Organisation.objects.visible_to(request.user)
                             .select_related("area").prefetch_related("roles"), pk=pk)

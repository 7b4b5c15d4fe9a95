"""The funds API (django-ninja, session auth): scoped reads and the one write, a disbursement."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from xiezuo.accounts.roles import has
from xiezuo.funds import selectors, services
from xiezuo.funds.access import EDITS_FUNDS, READS_FUNDS

router = Router(tags=["funds"])


def _reader(request):
    if not has(request.user, READS_FUNDS):
        raise HttpError(403, "forbidden")


class ProjectOut(Schema):
    id: int
    code: str
    name: str
    category: str
    year: int
    budget: Decimal
    disbursed: Decimal
    status: str
    plaque: str
    villages: list[str]

    @staticmethod
    def resolve_villages(obj) -> list[str]:
        return [v.code for v in obj.villages.all()]


class DisbursementOut(Schema):
    id: int
    project_code: str
    date: datetime.date
    amount: Decimal
    payee: str
    voucher_no: str
    reverses_id: int | None

    @staticmethod
    def resolve_project_code(obj) -> str:
        return obj.project.code


class DisbursementIn(Schema):
    amount: str
    date: datetime.date
    payee: str
    voucher_no: str = ""
    note: str = ""


class SummaryOut(Schema):
    year: int
    allocated: Decimal
    budgeted: Decimal
    disbursed: Decimal
    remaining: Decimal
    deep_share: Decimal
    poor_share: Decimal
    by_source: dict[str, Decimal]


@router.get("/projects", response=list[ProjectOut])
@paginate(PageNumberPagination, page_size=100)
def list_projects(request, year: int | None = None, category: str | None = None):
    _reader(request)
    qs = selectors.projects_visible(user=request.user).prefetch_related("villages")
    if year:
        qs = qs.filter(year=year)
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("code")


@router.get("/projects/{project_id}", response=ProjectOut)
def get_project(request, project_id: int):
    _reader(request)
    return get_object_or_404(selectors.projects_visible(user=request.user), pk=project_id)


@router.get("/disbursements", response=list[DisbursementOut])
@paginate(PageNumberPagination, page_size=100)
def list_disbursements(request, year: int | None = None, project_id: int | None = None):
    _reader(request)
    qs = selectors.disbursements_visible(user=request.user).select_related("project")
    if year:
        qs = qs.filter(project__year=year)
    if project_id:
        qs = qs.filter(project_id=project_id)
    return qs.order_by("date", "pk")


@router.post("/projects/{project_id}/disbursements", response={201: DisbursementOut})
def post_disbursement(request, project_id: int, payload: DisbursementIn):
    if not has(request.user, EDITS_FUNDS):
        raise HttpError(403, "forbidden")
    project = get_object_or_404(selectors.projects_visible(user=request.user), pk=project_id)
    try:
        d = services.disbursement_post(actor=request.user, project=project,
                                       **payload.model_dump())
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    except ValidationError as exc:
        raise HttpError(400, "；".join(exc.messages)) from None
    return Status(201, d)


@router.get("/summary", response=SummaryOut)
def summary(request, year: int):
    _reader(request)
    s = selectors.supervision(user=request.user, year=year)
    return {k: s[k] for k in SummaryOut.model_fields}

"""The funds API (django-ninja, session auth): scoped reads and the one write, a disbursement."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from xiezuo.accounts.roles import has
from xiezuo.core.apikit import ID_MAX, YEAR_MAX, YEAR_MIN, Error, Pages, answers
from xiezuo.funds import selectors, services, warnings
from xiezuo.funds.access import EDITS_FUNDS, READS_FUNDS
from xiezuo.funds.models import Disbursement

_LEN = {f: Disbursement._meta.get_field(f).max_length for f in ("payee", "voucher_no", "note")}

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
    """Amount as text in yuan ("1234.50": at most 2 decimals, no exponent); the lengths are the
    ledger's columns'."""

    amount: str = Field(max_length=30)
    date: datetime.date
    payee: str = Field(max_length=_LEN["payee"])
    voucher_no: str = Field("", max_length=_LEN["voucher_no"])
    note: str = Field("", max_length=_LEN["note"])
    confirm_duplicate_voucher: bool = Field(
        False, description="true: post even though another standing payment carries the same "
        "voucher number (one 记账凭证 may carry several payment lines; decision 0008). Without "
        "it such a payment is refused with 409 and the earlier payments named.")


class SummaryOut(Schema):
    year: int
    #: None below county level: a township holds no allocation and has no balance of its own
    allocated: Decimal | None
    budgeted: Decimal
    #: below county level: the money spent in the user's villages (split over each project's)
    disbursed: Decimal
    remaining: Decimal | None
    deep_share: Decimal
    poor_share: Decimal
    by_source: dict[str, Decimal]


@router.get("/projects", response=answers({200: list[ProjectOut]}))
@paginate(Pages, page_size=100)
def list_projects(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX),
                  category: str | None = Query(None, max_length=16)):
    _reader(request)
    qs = selectors.projects_visible(user=request.user).prefetch_related("villages")
    if year:
        qs = qs.filter(year=year)
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("code")


@router.get("/projects/{project_id}", response=answers({200: ProjectOut}, found=True))
def get_project(request, project_id: int = Path(..., ge=1, le=ID_MAX)):
    _reader(request)
    return get_object_or_404(selectors.projects_visible(user=request.user), pk=project_id)


@router.get("/disbursements", response=answers({200: list[DisbursementOut]}))
@paginate(Pages, page_size=100)
def list_disbursements(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX),
                       project_id: int | None = Query(None, ge=1, le=ID_MAX)):
    _reader(request)
    qs = selectors.disbursements_visible(user=request.user).select_related("project")
    if year:
        qs = qs.filter(project__year=year)
    if project_id:
        qs = qs.filter(project_id=project_id)
    return qs.order_by("date", "pk")


@router.post("/projects/{project_id}/disbursements",
             response={**answers({201: DisbursementOut}, found=True, refused=True),
                       409: Error})
def post_disbursement(request, payload: DisbursementIn,
                      project_id: int = Path(..., ge=1, le=ID_MAX)):
    """Post a disbursement onto the ledger: 400 with the rule's message (budget, unspent
    allocation, the date, the amount), 403 for a role that does not keep the funds. A voucher
    number another standing payment already carries is refused with 409, the earlier payments
    named, unless the request sets `confirm_duplicate_voucher: true` (the web form's 仍然记账;
    docs/decisions/0008)."""
    if not has(request.user, EDITS_FUNDS):
        raise HttpError(403, "forbidden")
    project = get_object_or_404(selectors.projects_visible(user=request.user), pk=project_id)
    data = payload.model_dump()
    confirmed = data.pop("confirm_duplicate_voucher")
    earlier = warnings.payments_with_voucher(user=request.user, voucher_no=data["voucher_no"])
    if earlier and not confirmed:
        raise HttpError(409, _("%(warning)s如确属同一凭证的多笔支出，请在请求中加上 "
                               "confirm_duplicate_voucher: true 后重新提交。") % {
            "warning": warnings.voucher_warning(data["voucher_no"], earlier)})
    try:
        d = services.disbursement_post(actor=request.user, project=project, **data)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    except ValidationError as exc:
        raise HttpError(400, "；".join(exc.messages)) from None
    return Status(201, d)


@router.get("/summary", response=answers({200: SummaryOut}))
def summary(request, year: int = Query(..., ge=YEAR_MIN, le=YEAR_MAX)):
    _reader(request)
    s = selectors.supervision(user=request.user, year=year)
    return {k: s[k] for k in SummaryOut.model_fields}

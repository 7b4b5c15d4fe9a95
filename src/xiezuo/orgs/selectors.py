"""Reads of the organisations register: every list through visible_to(user)."""

from django.db.models import Q, QuerySet

from xiezuo.orgs import creditcode
from xiezuo.orgs.filters import OrganisationFilters
from xiezuo.orgs.models import Organisation


def organisation_list(*, user, filters: OrganisationFilters | None = None) -> QuerySet:
    """The organisations `user` sees, narrowed by `filters` (name or code, role, kind, side,
    area), with their area and roles read in the same few queries."""
    f = filters or OrganisationFilters()
    qs = Organisation.objects.visible_to(user).select_related("area").prefetch_related("roles")
    if f.q:
        q = f.q.strip()
        code = creditcode.normalise(q)
        qs = qs.filter(Q(name__icontains=q) | Q(credit_code__icontains=code) if code
                       else Q(name__icontains=q))
    if f.role:
        qs = qs.with_role(f.role)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.side:
        qs = qs.filter(side=f.side)
    if f.area is not None:
        qs = qs.filter(area__code__startswith=f.area.prefix)
    return qs


def organisation_by_credit_code(code: str) -> Organisation | None:
    """The organisation registered under `code` (normalised first), or None; unscoped: a caller
    that shows it checks visible_to itself (an import matching a row to its employer, funds
    checking a payee)."""
    normal = creditcode.normalise(code)
    if not normal:
        return None
    return Organisation.objects.filter(credit_code=normal).first()


def organisations_by_credit_code(codes) -> dict[str, Organisation]:
    """{normalised code: organisation} for the codes that are registered (one query)."""
    normal = {creditcode.normalise(c) for c in codes} - {""}
    return {o.credit_code: o for o in Organisation.objects.filter(credit_code__in=normal)}

"""What every funds service shares: the rule error, the one guard, the lock order's two first
steps (the year's pools, then the projects) and the area a project's entries are booked under."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.guard import Actor, guard
from xiezuo.funds.access import EDITS_FUNDS
from xiezuo.funds.models import FundYear, Project
from xiezuo.regions.models import Area


class FundsRuleError(ValidationError):
    """A rule of the funds refused the write; the message names the figures involved."""


def require_editor(actor: Actor, areas: Iterable[Area] = ()) -> None:
    """The funds' guard: an editor of the funds, each area touched within the actor's scope."""
    guard(actor, EDITS_FUNDS, message=str(_("只有资金管理员和县级管理员可以记账。")),
          areas=areas, outside_message=str(_("%(area)s 不在您的负责区域内。")))


def project_area_code(villages: Iterable[Area]) -> str:
    """The township's code when all villages lie in one township, else the county's."""
    townships = {v.code[:9] for v in villages}
    if len(townships) == 1:
        return next(iter(townships)) + "000"
    return next(iter(townships))[:6] + "000000"


def lock_pools(keys: Iterable[tuple[int, int]]) -> dict[tuple[int, int], FundYear]:
    """Lock the pools of (county id, year) in the fixed order; missing pools are simply absent."""
    out = {}
    for county_id, year in sorted(set(keys)):
        pool = FundYear.objects.select_for_update().filter(county_id=county_id, year=year).first()
        if pool is not None:
            out[(county_id, year)] = pool
    return out


def lock_projects(ids: Iterable[int]) -> dict[int, Project]:
    # One statement with ORDER BY: PostgreSQL takes the row locks in that order.
    return {p.pk: p for p in
            Project.objects.select_for_update().filter(pk__in=set(ids)).order_by("pk")}


def check_year(year: int) -> None:
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise FundsRuleError(_("年度不正确：%(v)s") % {"v": year})


def raise_errors(errors: list[tuple[str, str]]) -> None:
    if errors:
        raise FundsRuleError({f: [m for g, m in errors if g == f] for f, _m in errors})

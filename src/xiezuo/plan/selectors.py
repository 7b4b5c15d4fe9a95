"""Reads of the plan app, always scoped to the user."""

from django.db.models import QuerySet

from xiezuo.plan.choices import EntryState
from xiezuo.plan.models import AggregateEntry, FinalisedReport, Plan


def entries_visible(*, user, plan: Plan) -> QuerySet[AggregateEntry]:
    return (AggregateEntry.objects.visible_to(user).filter(target__plan=plan)
            .select_related("target", "area", "entered_by", "decided_by"))


def entries_for(*, user, plan: Plan, target_key: str = "", year: int | None = None,
                upto: int | None = None, state: str = "") -> QuerySet[AggregateEntry]:
    qs = entries_visible(user=user, plan=plan)
    if target_key:
        qs = qs.filter(target__key=target_key)
    if year:
        qs = qs.filter(year=year)
    if upto:
        qs = qs.filter(year__lte=upto)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("target__order", "year", "id")


def pending_for_approval(*, user, plan: Plan) -> QuerySet[AggregateEntry]:
    """Entries waiting for a decision that this user may take (not their own)."""
    return (entries_visible(user=user, plan=plan).filter(state=EntryState.PENDING)
            .exclude(entered_by=user).order_by("entered_at", "id"))


def reports_for(*, plan: Plan, year: int | None = None) -> QuerySet[FinalisedReport]:
    qs = FinalisedReport.objects.filter(plan=plan).select_related("finalised_by")
    return qs.filter(year=year) if year else qs

"""Reads of the audit trail."""

import datetime

from django.db.models import QuerySet

from xiezuo.accounts.models import AuditEvent, User


def audit_events(*, user: User, actor: str = "", action: str = "", object_type: str = "",
                 date_from: datetime.date | None = None, date_to: datetime.date | None = None,
                 text: str = "") -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.visible_to(user)
    if actor:
        qs = qs.filter(actor_name__icontains=actor)
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    if text:
        qs = qs.filter(object_repr__icontains=text)
    return qs

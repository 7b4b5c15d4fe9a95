"""Reads of the audit trail and of the accounts a manager sees."""

import datetime

from django.db.models import Q, QuerySet

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


def accounts_in_scope(*, user: User, q: str = "", role: str = "", area=None,
             active: bool | None = None) -> QuerySet[User]:
    """The accounts within `user`'s scope (an account whose area lies inside it), filtered."""
    qs = User.objects.visible_to(user).select_related("scope")
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(display_name__icontains=q)
                       | Q(organisation__icontains=q))
    if role:
        qs = qs.filter(role=role)
    if area is not None:
        qs = qs.filter(scope__code__startswith=area.prefix)
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs.order_by("scope__code", "role", "username")


def login_lockouts(*, user: User) -> int:
    """Addresses from which the account is locked out now (django-axes' failure records)."""
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.utils import timezone

    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    return AccessAttempt.objects.filter(
        username=user.get_username(), failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=since).count()

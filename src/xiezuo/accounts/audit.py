"""Writing the audit trail: one event per business action, inside the action's transaction."""

import datetime
import decimal
import uuid
from typing import Any

from django.db import models

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.middleware import current_client_address
from xiezuo.accounts.models import AuditEvent, User


def _jsonable(value: Any) -> Any:
    """Values as JSON can hold them; Decimal as a string so no yuan is rounded."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    area_code: str = "",
    old: dict | None = None,
    new: dict | None = None,
    note: str = "",
    client_address: str | None = None,
) -> AuditEvent:
    """Append one audit event. Called inside the caller's transaction, so both land or neither."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor,
        actor_name=(actor.get_username() if actor else ""),
        action=AuditAction(action),
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:200],
        area_code=area_code,
        old=_jsonable(old) if old is not None else None,
        new=_jsonable(new) if new is not None else None,
        note=note[:500],
        client_address=client_address or current_client_address(),
    )

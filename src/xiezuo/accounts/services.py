"""Writes about accounts and the audit trail. Keyword-only, one transaction each."""

import datetime
import decimal
import uuid
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.db import models, transaction

from xiezuo.accounts.choices import AuditAction, Role
from xiezuo.accounts.middleware import current_client_address
from xiezuo.accounts.models import AuditEvent, User
from xiezuo.regions.models import Area


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


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    role: str,
    scope: Area,
    display_name: str = "",
    organisation: str = "",
) -> User:
    """Create an account after the password policy accepts its password."""
    user = User(username=username, role=Role(role), scope=scope, display_name=display_name,
                organisation=organisation)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=user, area_code=scope.code,
                 new={"username": username, "role": role, "scope": scope.code})
    return user


@transaction.atomic
def user_set_scope(*, actor: User, user: User, role: str, scope: Area) -> User:
    old = {"role": user.role, "scope": user.scope.code if user.scope else None}
    user.role, user.scope = Role(role), scope
    user.save(update_fields=["role", "scope"])
    user.__dict__.pop("area_prefixes", None)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=user, area_code=scope.code, old=old,
                 new={"role": role, "scope": scope.code})
    return user


def login_record(*, user: User) -> AuditEvent:
    return audit_record(actor=user, action=AuditAction.LOGIN, obj=user)


def logout_record(*, user: User) -> AuditEvent:
    return audit_record(actor=user, action=AuditAction.LOGOUT, obj=user)

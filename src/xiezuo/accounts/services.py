"""Writes about accounts and the audit trail. Keyword-only, one transaction each.

`audit_record` lives in accounts.audit (the write kit below the services uses it too) and is
imported from here by every part.
"""

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts import reach
from xiezuo.accounts.audit import audit_record
from xiezuo.accounts.choices import AuditAction, Role
from xiezuo.accounts.guard import Actor, guard
from xiezuo.accounts.models import AuditEvent, User
from xiezuo.accounts.roles import MANAGES_USERS
from xiezuo.accounts.versioned import check_version, versioned_update
from xiezuo.regions.models import Area

__all__ = ["audit_record", "login_record", "logout_record", "user_create", "user_set_active",
           "user_set_password", "user_unlock", "user_update"]


def _check_grant(actor: Actor, *, role: str, scope: Area | None) -> None:
    """A manager gives only scopes inside their own, and roles that see no further than they do.
    No actor is the operator at the command line (create_user, demo), who may give anything."""
    if actor is None:
        return
    if scope is None or not reach.assignable_areas(actor).filter(pk=scope.pk).exists():
        raise ValidationError({"scope": _("这个区域不在您的管理范围内。")})
    if not reach.within_reach(actor, role=role, scope=scope):
        raise ValidationError({"role": _("这个角色能看到的范围超出了您的管理范围。")})


def _check_manages(actor: Actor, user: User) -> None:
    guard(actor, MANAGES_USERS, message=_("您没有管理账号的权限"))
    if actor is not None and not reach.may_manage(actor, user):
        raise PermissionDenied(_("这个账号不在您的管理范围内。"))


def _scope_code(user: User) -> str:
    return user.scope.code if user.scope_id else ""


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    password: str,
    role: str,
    scope: Area,
    display_name: str = "",
    organisation: str = "",
    must_change_password: bool = False,
) -> User:
    """Create an account after the password policy accepts its password.

    `must_change_password`: the person must set their own password when they first log in
    (a manager typed this one)."""
    guard(actor, MANAGES_USERS, message=_("您没有管理账号的权限"))
    _check_grant(actor, role=role, scope=scope)
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("用户名 %(u)s 已被使用。") % {"u": username}})
    user = User(username=username, role=Role(role), scope=scope, display_name=display_name.strip(),
                organisation=organisation.strip(), must_change_password=must_change_password)
    try:
        validate_password(password, user)
    except ValidationError as e:
        raise ValidationError({"password": e.error_list}) from None
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=user, area_code=scope.code,
                 new={"username": username, "role": role, "scope": scope.code,
                      "display_name": user.display_name, "organisation": user.organisation,
                      "must_change_password": must_change_password})
    return user


@transaction.atomic
def user_update(
    *,
    actor: Actor,
    user: User,
    version: int,
    role: str,
    scope: Area,
    display_name: str | None = None,
    organisation: str | None = None,
) -> User:
    """Change an account's role, scope, name or organisation (None: unchanged), if nobody saved
    the account since the form read `version` (StaleEditError otherwise). The event holds the
    fields that changed, before and after."""
    _check_manages(actor, user)
    # No select_related: scope is nullable, and PostgreSQL locks no outer-joined row.
    account, user = user, User.objects.select_for_update().get(pk=user.pk)
    check_version(user, version)
    before = {"role": user.role, "scope": _scope_code(user), "display_name": user.display_name,
              "organisation": user.organisation}
    after = {"role": Role(role).value, "scope": scope.code,
             "display_name": before["display_name"] if display_name is None else display_name.strip(),
             "organisation": before["organisation"] if organisation is None else organisation.strip()}
    changed = [k for k in before if before[k] != after[k]]
    if not changed:
        return account
    if {"role", "scope"} & set(changed):
        if actor is not None and actor.pk == user.pk and not actor.is_superuser:
            # One-way: a manager who narrowed their own scope or role could not undo it.
            raise ValidationError(_("不能修改自己的角色或负责区域，请由其他管理员修改。"))
        _check_grant(actor, role=role, scope=scope)
    # Checked on a copy: `user` keeps the stored values the versioned update compares against.
    candidate = User(**{f.attname: getattr(user, f.attname) for f in User._meta.concrete_fields})
    candidate._state.adding = False  # the stored row itself, not a second one with its pk
    candidate.role, candidate.scope = Role(role), scope
    candidate.display_name, candidate.organisation = after["display_name"], after["organisation"]
    candidate.full_clean(exclude=["password"])
    versioned_update(actor=actor, obj=user, version=version, area_code=scope.code, changes={
        "role": Role(role).value, "scope": scope, "display_name": after["display_name"],
        "organisation": after["organisation"]})
    # The caller's copy shows the new values at once (the new scope applies at once).
    for name in ("role", "scope", "display_name", "organisation", "version"):
        setattr(account, name, getattr(user, name))
    account.__dict__.pop("area_prefixes", None)
    return account


@transaction.atomic
def user_set_active(*, actor: Actor, user: User, active: bool) -> User:
    """Deactivate or reactivate an account. Accounts are never deleted: the audit log names them.
    A deactivated account cannot log in, and its open sessions stop working."""
    _check_manages(actor, user)
    if user.is_active == active:
        return user
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(_("不能停用自己的账号。"))
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=user, area_code=_scope_code(user),
                 old={"is_active": not active}, new={"is_active": active})
    return user


@transaction.atomic
def user_set_password(*, actor: Actor, user: User, password: str) -> User:
    """Set a password after the policy accepts it. A password set by anyone but its owner must be
    replaced by the owner at their next log-in. The event never holds the password."""
    if actor is None or actor.pk != user.pk:
        _check_manages(actor, user)
    validate_password(password, user)
    old_flag = user.must_change_password
    user.set_password(password)
    user.must_change_password = actor is None or actor.pk != user.pk
    user.save(update_fields=["password", "must_change_password"])
    audit_record(actor=actor, action=AuditAction.PASSWORD, obj=user, area_code=_scope_code(user),
                 old={"must_change_password": old_flag},
                 new={"must_change_password": user.must_change_password})
    return user


# Log-ins carry the account's area, so the auditors of one county pair do not read another
# pair's log-ins (several partnerships share one system); a superuser's stay area-free.
def login_record(*, user: User) -> AuditEvent:
    return audit_record(actor=user, action=AuditAction.LOGIN, obj=user,
                        area_code=_scope_code(user))


def logout_record(*, user: User) -> AuditEvent:
    return audit_record(actor=user, action=AuditAction.LOGOUT, obj=user,
                        area_code=_scope_code(user))


@transaction.atomic
def user_unlock(*, actor: Actor, user: User) -> int:
    """Lift a log-in lock-out (django-axes: AXES_FAILURE_LIMIT failures from one address) before
    its cool-off ends, from every address; returns the failure records removed. Audited."""
    from axes.utils import reset

    _check_manages(actor, user)
    removed = reset(username=user.get_username())
    if removed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=user,
                     area_code=_scope_code(user), old={"failed_logins_recorded": removed},
                     new={"failed_logins_recorded": 0}, note=_("解除登录锁定"))
    return removed


@transaction.atomic
def second_factor_enrol(*, actor: User, key_hex: str) -> tuple[Any, list[str]]:
    """Turn on two-factor log-in for `actor` with a secret they have just confirmed with a code:
    one TOTP device and a fresh set of recovery codes (returned once, never stored in clear
    anywhere else). Replaces any earlier devices. Audited, without the secret or the codes."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from xiezuo.accounts.twofactor import RECOVERY_CODES

    had = _second_factor_delete(actor)
    device = TOTPDevice.objects.create(user=actor, name=_("身份验证器"), key=key_hex,
                                       confirmed=True)
    static = StaticDevice.objects.create(user=actor, name=_("恢复码"), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=actor, area_code=_scope_code(actor),
                 old={"second_factor": had}, new={"second_factor": True,
                                                  "recovery_codes": len(codes)},
                 note=_("启用两步验证"))
    return device, codes


def _second_factor_delete(user: User) -> bool:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    return bool(removed)


@transaction.atomic
def second_factor_reset(*, actor: User | None, user: User) -> bool:
    """Remove a user's authenticator and recovery codes (a lost phone), done by another
    administrator who manages the account; the user enrols again at their next log-in (at once
    if their role requires it). Their verified sessions stop being verified. Audited."""
    _check_manages(actor, user)
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(_("不能重置自己的两步验证，请由其他管理员重置。"))
    had = _second_factor_delete(user)
    if had:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=user,
                     area_code=_scope_code(user), old={"second_factor": True},
                     new={"second_factor": False}, note=_("重置两步验证"))
    return had


def second_factor_failed_record(*, user: User) -> AuditEvent:
    """A wrong code after a correct password: logged as a failed log-in of that account."""
    return audit_record(actor=None, action=AuditAction.LOGIN_FAILED, obj=user,
                        area_code=_scope_code(user), note=_("两步验证码错误"))

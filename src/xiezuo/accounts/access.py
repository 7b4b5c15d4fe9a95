"""View guards (a user without the capability gets 403, never data) and the accounts pages'
access table (core.access explains the tables)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from xiezuo.accounts.roles import MANAGES_USERS, SEES_AUDIT_LOG, has
from xiezuo.core.access import PUBLIC, SIGNED_IN


def require(capability: frozenset):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


ACCESS = {
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,
    "accounts:password_change": SIGNED_IN,
    "accounts:password_first": SIGNED_IN,
    # the second step of logging in (a session half logged in by the password): part of log-in
    "accounts:otp_verify": PUBLIC,
    "accounts:otp_setup": SIGNED_IN,
    "accounts:otp_qr": SIGNED_IN,
    "accounts:audit_list": SEES_AUDIT_LOG,
    "accounts:user_list": MANAGES_USERS,
    "accounts:user_create": MANAGES_USERS,
    "accounts:user_edit": MANAGES_USERS,
    "accounts:user_active": MANAGES_USERS,
    "accounts:user_password": MANAGES_USERS,
    "accounts:user_unlock": MANAGES_USERS,
    "accounts:user_second_factor_reset": MANAGES_USERS,
}

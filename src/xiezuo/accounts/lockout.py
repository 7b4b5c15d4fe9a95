"""Log-in lock-out by address as well as by account (django-axes handler).

Axes counts failures per username and address (AXES_LOCKOUT_PARAMETERS): five wrong passwords
lock that account from that address. One address trying one password on thirty usernames
(password spraying) never reaches five on any of them, so this handler also locks an address
after XIEZUO_ADDRESS_FAILURE_LIMIT failures across all usernames within the cool-off time.
The limit is higher than the per-account one so that an office behind one address is not shut
out by a few colleagues' typing mistakes.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def address_failures(request) -> int:
    """Failed log-ins from the request's address, any username, within the cool-off time."""
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return 0
    return AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gt=get_cool_off_threshold(request)
    ).aggregate(n=Sum("failures_since_start"))["n"] or 0


class AddressAwareHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            return True
        return address_failures(request) >= settings.XIEZUO_ADDRESS_FAILURE_LIMIT

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and not getattr(request, "axes_locked_out", False) \
                and address_failures(request) >= settings.XIEZUO_ADDRESS_FAILURE_LIMIT:
            # This failure reached the address limit: answer it with the lock-out page as axes
            # does for the account limit.
            request.axes_locked_out = True
            request.axes_credentials = credentials

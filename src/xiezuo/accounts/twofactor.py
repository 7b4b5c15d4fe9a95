"""Two-factor log-in (TOTP, django-otp): who must have it, the secret and its QR code, checks.

Required for the roles that manage accounts or see the whole county's records and audit trail
(roles.REQUIRES_SECOND_FACTOR, and superusers); any other user may turn it on. A user who has a
confirmed device gives a code after the password (accounts.views.otp_verify); a required user
without one is sent to enrolment before anything else (SecondFactorMiddleware). Recovery codes
are django-otp static tokens, each good once.
"""

import base64
import io

import segno
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from xiezuo.accounts.roles import REQUIRES_SECOND_FACTOR

RECOVERY_CODES = 10
#: the session key of a secret shown on the enrolment page and not yet confirmed
SETUP_KEY = "xiezuo_otp_setup_key"


def second_factor_required(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)
                and (user.is_superuser or user.role in REQUIRES_SECOND_FACTOR))


def has_second_factor(user) -> bool:
    return user_has_device(user, confirmed=True)


def new_secret() -> str:
    """20 random bytes, hex, as TOTPDevice.key holds them."""
    return random_hex(20)


def secret_base32(key_hex: str) -> str:
    """The secret as an authenticator app asks for it when typed in, in groups of four."""
    text = base64.b32encode(bytes.fromhex(key_hex)).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def provisioning_uri(user, key_hex: str) -> str:
    return TOTPDevice(user=user, key=key_hex).config_url


def qr_svg(uri: str) -> bytes:
    """The otpauth URI as an SVG QR code, made here (segno) and served by our own view."""
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=5, border=2, xmldecl=False)
    return out.getvalue()


def code_matches(key_hex: str, code: str) -> bool:
    """A code for a secret not yet saved as a device (enrolment), one step either side."""
    code = "".join(code.split())
    if not code.isdigit():
        return False
    return TOTP(bytes.fromhex(key_hex)).verify(int(code), tolerance=1)


def recovery_codes_left(user) -> int:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device else 0


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware: a signed-in user whose role requires two-factor log-in and
    whose session is not verified with it reaches only the enrolment (or code) pages, log-out and
    the language switch; every other page sends them there, and the API answers 403."""

    OPEN = ("accounts:otp_setup", "accounts:otp_qr", "accounts:otp_verify", "accounts:logout",
            "set_language", "javascript-catalog")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if second_factor_required(user) and not user.is_verified():
            open_paths = {reverse(name) for name in self.OPEN}
            if request.path not in open_paths and not request.path.startswith(settings.STATIC_URL):
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": _("您的角色须使用两步验证登录，请先在网页上完成两步验证。")},
                                        status=403)
                target = "accounts:otp_verify" if has_second_factor(user) else "accounts:otp_setup"
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

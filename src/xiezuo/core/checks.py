"""Deployment checks (`xiezuo check --deploy`) for Xiezuo's own settings."""

from django.conf import settings
from django.core import checks

FIELD_KEY_MISSING = (
    "XIEZUO_FIELD_KEY is not set: ID numbers are encrypted with a key derived from the secret "
    "key, so whoever learns the secret key (needed by every web process) can read every ID "
    "number, and changing the secret key makes them unreadable.")
FIELD_KEY_HINT = (
    "Make a key once and give it as XIEZUO_FIELD_KEY_FILE, e.g. python3 -c 'import os, base64; "
    "print(base64.b64encode(os.urandom(32)).decode())' > /etc/xiezuo/field_key; a site that "
    "already holds ID numbers moves them with `xiezuo rotate_field_key --old-secret-key-file` "
    "(docs/operations.md).")


def field_key_missing() -> bool:
    """True in production (not DEBUG) when no field key is configured."""
    return not settings.DEBUG and not settings.FIELD_ENCRYPTION_KEY


@checks.register(checks.Tags.security, deploy=True)
def check_field_key(app_configs, **kwargs):
    if field_key_missing():
        return [checks.Warning(FIELD_KEY_MISSING, hint=FIELD_KEY_HINT, id="xiezuo.W001")]
    return []

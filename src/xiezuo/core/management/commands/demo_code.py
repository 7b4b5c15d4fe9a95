import base64

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from xiezuo.core.synthetic import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = ("Print the current two-factor code of the demo's admin and auditor accounts (their "
            "authenticator secret is the demo's published one; real accounts have their own).")

    def handle(self, *args, **options):
        key = base64.b32decode(DEMO_TOTP_SECRET + "=" * (-len(DEMO_TOTP_SECRET) % 8))
        totp = TOTP(key)
        left = 30 - int(totp.time) % 30
        self.stdout.write(f"{totp.token():06d}  (valid for {left} more seconds)")

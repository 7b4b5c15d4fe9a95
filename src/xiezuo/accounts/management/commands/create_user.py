import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from xiezuo.accounts.choices import Role
from xiezuo.accounts.services import user_create
from xiezuo.regions.models import Area


class Command(BaseCommand):
    help = ("Create an account with a role and an area of responsibility. The password is asked "
            "for, or read from XIEZUO_NEW_PASSWORD.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--scope", required=True, help="12-digit code of the user's area")
        parser.add_argument("--name", default="", help="display name")
        parser.add_argument("--organisation", default="")

    def handle(self, *args, **o):
        try:
            scope = Area.objects.get(code=o["scope"])
        except Area.DoesNotExist:
            raise CommandError(f"--scope {o['scope']}: no such area (run `xiezuo init`?)") from None
        password = os.environ.get("XIEZUO_NEW_PASSWORD") or getpass.getpass("Password: ")
        try:
            user = user_create(actor=None, username=o["username"], password=password,
                               role=o["role"], scope=scope, display_name=o["name"],
                               organisation=o["organisation"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Created {user.username}: {user.get_role_display()} · {scope.name}"))

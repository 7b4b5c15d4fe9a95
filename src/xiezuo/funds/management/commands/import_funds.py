from pathlib import Path

from django.core.management.base import CommandError

from xiezuo.accounts.models import User
from xiezuo.funds import imports
from xiezuo.tabular.command import ImportCommand


class Command(ImportCommand):
    help = ("Import projects or disbursements from .xlsx/.xls/.csv with the roster import's rules."
            " Exit 0 processed, 2 file refused, 3 --strict with rejected rows.")

    def add_import_arguments(self, parser):
        parser.add_argument("--kind", choices=["projects", "disbursements"], required=True)
        parser.add_argument("--user", required=True,
                            help="the account the import is recorded under (a fund officer)")

    def run(self, o):
        try:
            actor = User.objects.get(username=o["user"])
        except User.DoesNotExist:
            raise CommandError(f"no such user: {o['user']}") from None
        path = Path(o["file"])
        return imports.run(o["kind"], actor=actor, path=path, original_name=path.name,
                           dry_run=o["dry_run"], strict=o["strict"], report_path=o["report"])

    def refusal_json(self, message: str) -> dict:
        # "refused" as this command has always printed it, beside every import's "error"
        return {"error": message, "refused": message}

    def summary(self, r):
        return ", ".join(f"{k}={v}" for k, v in r.as_json().items()
                         if k not in ("errors", "ignored_columns"))

from django.core.management.base import BaseCommand, CommandError

from xiezuo.accounts.models import User
from xiezuo.funds import exports


class Command(BaseCommand):
    help = "Export projects, disbursements (import layout) or the ledger (with hashes)."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=sorted(exports.WHAT))
        parser.add_argument("--out", required=True, help="FILE.xlsx or FILE.csv")
        parser.add_argument("--user", required=True, help="whose scope the export covers")
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args, **options):
        try:
            user = User.objects.get(username=options["user"])
        except User.DoesNotExist:
            raise CommandError(f"no such user: {options['user']}") from None
        fmt = "csv" if options["out"].lower().endswith(".csv") else "xlsx"
        n = exports.export(user=user, what=options["what"], out=options["out"], fmt=fmt,
                           year=options["year"])
        self.stdout.write(f"{n} rows -> {options['out']}")

from django.core.management.base import BaseCommand, CommandError

from xiezuo.registry.services import roster_export


class Command(BaseCommand):
    help = "Export the poor-household roster to .xlsx or .csv in the import's column layout."

    def add_arguments(self, parser):
        parser.add_argument("--county", help="county code (12 or 6 digits)")
        parser.add_argument("--township", help="township code (12 or 9 digits)")
        parser.add_argument("--out", required=True, help="FILE.xlsx or FILE.csv")

    def handle(self, *args, **o):
        if not o["out"].lower().endswith((".xlsx", ".csv")):
            raise CommandError("--out must end in .xlsx or .csv")
        n = roster_export(actor=None, path=o["out"], county_code=o["county"],
                          township_code=o["township"])
        self.stdout.write(f"{n} rows written to {o['out']}")

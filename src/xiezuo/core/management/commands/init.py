from django.core.management import call_command
from django.core.management.base import BaseCommand

from xiezuo.core.discovery import app_modules


class Command(BaseCommand):
    help = "Create or upgrade the database and load the reference areas and the default plan. Idempotent."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        for module in app_modules("init_data"):
            summary = module.load()
            if options["verbosity"] >= 1:
                parts = ", ".join(f"{k}={v}" for k, v in summary.items())
                self.stdout.write(f"{module.__name__}: {parts}")
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS("Database ready."))

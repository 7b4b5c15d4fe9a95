from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xiezuo.plan.planfile import PlanFileError
from xiezuo.plan.services import plan_load


class Command(BaseCommand):
    help = "Load (or update) a cooperation plan from a YAML plan file; errors name the line."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the plan file (.yaml)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        try:
            plan, summary = plan_load(text=text, source=str(path))
        except PlanFileError as exc:
            raise CommandError("the plan file has errors:\n" + "\n".join(exc.errors)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"{plan.key}: " + ", ".join(f"{k}={v}" for k, v in summary.items())))

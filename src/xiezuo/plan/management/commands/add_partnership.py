from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from xiezuo.plan.planfile import PlanFileError
from xiezuo.plan.services import partnership_add


def _years(text: str) -> tuple[int, int]:
    try:
        first, last = (int(x) for x in text.replace("—", "-").split("-"))
    except ValueError as exc:
        raise CommandError(f"--years must be FIRST-LAST (e.g. 2017-2020), not {text!r}") from exc
    return first, last


class Command(BaseCommand):
    help = ("Declare another county pair (an eastern county-level division helping a western "
            "county) with its own plan file: the plan file's east, west and years are the "
            "pair's; its targets, and the parts' records and users in the two counties, are "
            "the pair's own. Without --plan, --years declares the pair alone. A pairing no real "
            "plan states is demo data: say `synthetic: true` in the file (or --synthetic). "
            "Idempotent.")

    def add_arguments(self, parser):
        parser.add_argument("--east", default="", help="the eastern county-level division's "
                            "12-digit code (default: the plan file's)")
        parser.add_argument("--west", default="", help="the western county's 12-digit code "
                            "(default: the plan file's)")
        parser.add_argument("--plan", default="", help="the pair's plan file (.yaml)")
        parser.add_argument("--years", default="", help="FIRST-LAST, without a plan file")
        parser.add_argument("--synthetic", action="store_true", default=None,
                            help="a pairing no real plan states (demo data)")

    def handle(self, *args, **o):
        text, source = "", ""
        if o["plan"]:
            path = Path(o["plan"])
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"{path}: {exc}") from exc
            source = str(path)
        elif not (o["east"] and o["west"] and o["years"]):
            raise CommandError("give --plan FILE, or --east, --west and --years")
        years = _years(o["years"]) if o["years"] else None
        try:
            p, plan, summary = partnership_add(
                actor=None, east_code=o["east"], west_code=o["west"], plan_text=text,
                source=source, years=years, synthetic=o["synthetic"])
        except PlanFileError as exc:
            raise CommandError("the plan file has errors:\n" + "\n".join(exc.errors)) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        label = " (synthetic)" if p.synthetic else ""
        plan_part = f", plan {plan.key}" if plan is not None else ""
        self.stdout.write(self.style.SUCCESS(
            f"partnership {p.pk}: {p.east.code} {p.east.name} → {p.west.code} {p.west.name} "
            f"{p.start_year}–{p.end_year}{label}{plan_part}: "
            + ", ".join(f"{k}={v}" for k, v in summary.items())))

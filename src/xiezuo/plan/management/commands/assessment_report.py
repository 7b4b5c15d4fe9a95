import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xiezuo.plan.evaluation import SystemReader, current_plan
from xiezuo.plan.models import Plan
from xiezuo.plan.report import build_report, report_data


class Command(BaseCommand):
    help = ("Write the year's self-assessment report (Word, Excel, PDF) to a directory. "
            "Reads everything, or what --user may see.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--out", required=True, help="output directory")
        parser.add_argument("--plan", help="plan key (default: the default partnership's plan)")
        parser.add_argument("--user", help="compute within this user's area scope")
        parser.add_argument("--formats", default="docx,xlsx,pdf")

    def handle(self, *args, **options):
        plan = (Plan.objects.filter(key=options["plan"]).first() if options["plan"]
                else current_plan())
        if plan is None:
            raise CommandError("no such plan (run `xiezuo init` first)")
        if options["year"] not in plan.years:
            raise CommandError(f"{options['year']} is outside the plan's years {plan.years}")
        user = SystemReader()
        if options["user"]:
            from xiezuo.accounts.models import User

            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no user {options['user']!r}")
        formats = tuple(f.strip() for f in options["formats"].split(",") if f.strip())
        unknown = set(formats) - {"docx", "xlsx", "pdf"}
        if unknown:
            raise CommandError(f"unknown formats {sorted(unknown)}")
        started = time.perf_counter()
        data = report_data(plan=plan, year=options["year"], user=user)
        paths = build_report(data, out_dir=Path(options["out"]), formats=formats)
        from xiezuo.accounts.choices import AuditAction
        from xiezuo.accounts.services import audit_record

        audit_record(actor=None, action=AuditAction.EXPORT, obj=plan, area_code=plan.west_code,
                     note=f"assessment report {options['year']} ({','.join(paths)}) "
                          f"written by the command line to {options['out']}")
        for fmt, path in paths.items():
            self.stdout.write(f"{fmt}: {path}")
        self.stdout.write(self.style.SUCCESS(f"done in {time.perf_counter() - started:.1f} s"))

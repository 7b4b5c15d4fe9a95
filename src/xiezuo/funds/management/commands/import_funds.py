import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xiezuo.accounts.models import User
from xiezuo.funds import imports


class Command(BaseCommand):
    help = ("Import projects or disbursements from .xlsx/.xls/.csv with the roster import's rules."
            " Exit 0 processed, 2 file refused, 3 --strict with rejected rows.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", choices=["projects", "disbursements"], required=True)
        parser.add_argument("--user", required=True,
                            help="the account the import is recorded under (a fund officer)")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--strict", action="store_true")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--report", default=None, help="where to write the error report")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}", returncode=2)  # as every import
        try:
            actor = User.objects.get(username=options["user"])
        except User.DoesNotExist:
            raise CommandError(f"no such user: {options['user']}") from None
        result = imports.run(options["kind"], actor=actor, path=path, original_name=path.name,
                             dry_run=options["dry_run"], strict=options["strict"],
                             report_path=options["report"])
        s = result.as_json()
        if options["json"]:
            self.stdout.write(json.dumps(s, ensure_ascii=False, default=str))
        else:
            for e in s["errors"]:
                self.stderr.write(f"row {e['row']} {e['column'] or ''} {e['value'] or ''}: "
                                  f"{e['reason']}")
            self.stdout.write(", ".join(f"{k}={v}" for k, v in s.items()
                                        if k not in ("errors", "ignored_columns")))
        if result.exit_code:
            raise SystemExit(result.exit_code)

"""`xiezuo match`: the matching engine on files (a thin wrapper over matching.files.run_files)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from xiezuo.labour.matching.files import MatchingInputError, run_files
from xiezuo.labour.seekers import weights


class Command(BaseCommand):
    help = ("Match seekers.csv to openings.csv and write proposals.csv (the contract in "
            "docs/labour.md). Exit 0 when done, 2 when an input file is refused.")

    def add_arguments(self, parser):
        parser.add_argument("--seekers", required=True, help="seekers.csv")
        parser.add_argument("--openings", required=True, help="openings.csv")
        parser.add_argument("--out", required=True, help="proposals.csv to write")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")
        parser.add_argument("--alternatives", type=int, default=0, metavar="K",
                            help="also write each placed seeker's next K best openings")

    def handle(self, *args, **options):
        if options["alternatives"] < 0:
            raise CommandError("--alternatives must be >= 0", returncode=2)
        try:
            summary = run_files(options["seekers"], options["openings"], options["out"],
                                alternatives=options["alternatives"], weights=weights())
        except MatchingInputError as e:
            self._refuse(options, str(e))
        except FileNotFoundError as e:
            self._refuse(options, f"{e.filename}: {e.strerror}")
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(
                f"{summary['placed']} of {summary['seekers']} seekers placed in "
                f"{summary['positions']} positions of {summary['openings']} openings "
                f"({summary['eligible_pairs']} eligible pairs); objective {summary['objective']} "
                f"(upper bound {summary['upper_bound']}; greedy {summary['greedy_placed']} "
                f"placed, {summary['greedy_objective']}); {summary['seconds']} s -> "
                f"{options['out']}")

    def _refuse(self, options, message: str):
        if options["json"]:
            self.stdout.write(json.dumps({"error": message}, ensure_ascii=False))
            sys.exit(2)
        raise CommandError(message, returncode=2)

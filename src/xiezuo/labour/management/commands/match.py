"""`xiezuo match`: the matching engine on files (a thin wrapper over matching.files.run_files),
for one partnership or, fanned out on Dask distributed, for several (matching.fanout)."""

import json
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from xiezuo.labour.matching.fanout import (
    SCHEDULER_ENV,
    Partnership,
    match_many,
    partnerships_in,
)
from xiezuo.labour.matching.files import MatchingInputError, run_files
from xiezuo.labour.seekers import weights


class Command(BaseCommand):
    help = ("Match seekers.csv to openings.csv and write proposals.csv (the contract in "
            "docs/labour.md). Several partnerships (--dir, or --seekers/--openings/--out "
            "repeated) are matched as independent problems on Dask distributed: a local "
            f"cluster, or the scheduler ${SCHEDULER_ENV} names. Exit 0 when done, 2 when an "
            "input file is refused.")

    def add_arguments(self, parser):
        parser.add_argument("--seekers", action="append", default=[], help="seekers.csv")
        parser.add_argument("--openings", action="append", default=[], help="openings.csv")
        parser.add_argument("--out", action="append", default=[], help="proposals.csv to write")
        parser.add_argument("--dir", help="partnerships: every folder under DIR holding "
                            "seekers.csv and openings.csv (proposals.csv is written beside them)")
        parser.add_argument("--out-dir", help="with --dir: write DIR's proposals under here")
        parser.add_argument("--workers", type=int, default=None,
                            help="local Dask worker processes (default: CPU count)")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")
        parser.add_argument("--alternatives", type=int, default=0, metavar="K",
                            help="also write each placed seeker's next K best openings")
        parser.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                            help="stop column generation after about this long (for each "
                                 "partnership on its own) and report the proven gap")

    def handle(self, *args, **options):
        if options["alternatives"] < 0:
            raise CommandError("--alternatives must be >= 0", returncode=2)
        if options["time_limit"] is not None and not options["time_limit"] > 0:
            raise CommandError("--time-limit must be > 0", returncode=2)
        lengths = {len(options[k]) for k in ("seekers", "openings", "out")}
        if len(lengths) != 1:
            raise CommandError("give --seekers, --openings and --out the same number of times",
                               returncode=2)
        count = lengths.pop()
        if options["dir"] or count > 1:
            return self._many(options)
        if count == 0:
            raise CommandError("give --seekers, --openings and --out, or --dir", returncode=2)
        try:
            summary = run_files(options["seekers"][0], options["openings"][0], options["out"][0],
                                alternatives=options["alternatives"], weights=weights(),
                                time_limit=options["time_limit"])
        except MatchingInputError as e:
            self._refuse(options, str(e))
        except FileNotFoundError as e:
            self._refuse(options, f"{e.filename}: {e.strerror}")
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(self._line(summary) + f" -> {options['out'][0]}")

    @staticmethod
    def _line(summary) -> str:
        proven = ("proven optimal" if summary["proven_optimal"]
                  else f"within {summary['gap']} of the optimum (proven)")
        return (f"{summary['placed']} of {summary['seekers']} seekers placed in "
                f"{summary['positions']} positions of {summary['openings']} openings "
                f"({summary['eligible_pairs']} eligible pairs); objective {summary['objective']}, "
                f"{proven} (upper bound {summary['upper_bound']}; greedy "
                f"{summary['greedy_placed']} placed, {summary['greedy_objective']}); "
                f"{summary['seconds']} s")

    def _many(self, options):
        from pathlib import Path

        try:
            pairs = (partnerships_in(options["dir"], options["out_dir"]) if options["dir"]
                     else [])
        except FileNotFoundError as e:
            self._refuse(options, str(e))
        for i, (s, o, out) in enumerate(zip(options["seekers"], options["openings"],
                                            options["out"], strict=True)):
            pairs.append(Partnership(f"{i + 1}:{Path(s).parent.name or s}", Path(s), Path(o),
                                     Path(out)))
        missing = [str(p) for pair in pairs for p in (pair.seekers, pair.openings)
                   if not p.is_file()]
        if missing:
            self._refuse(options, f"{missing[0]}: No such file or directory")
        if not pairs:
            self._refuse(options, f"{options['dir']}: no folder holds seekers.csv and openings.csv")
        started = time.perf_counter()
        results = match_many(pairs, alternatives=options["alternatives"], weights=weights(),
                             time_limit=options["time_limit"], n_workers=options["workers"])
        seconds = round(time.perf_counter() - started, 3)
        failed = [r for r in results if "error" in r]
        if options["json"]:
            self.stdout.write(json.dumps({"partnerships": results, "seconds": seconds},
                                         ensure_ascii=False))
        else:
            for pair, r in zip(pairs, results, strict=True):
                text = r["error"] if "error" in r else self._line(r["summary"]) + f" -> {pair.out}"
                self.stdout.write(f"{r['name']}: {text}")
            self.stdout.write(f"{len(results) - len(failed)} of {len(results)} partnerships "
                              f"matched in {seconds} s")
        if failed:
            if options["json"]:
                sys.exit(2)
            raise CommandError(f"{len(failed)} partnership(s) refused: {failed[0]['error']}",
                               returncode=2)

    def _refuse(self, options, message: str):
        if options["json"]:
            self.stdout.write(json.dumps({"error": message}, ensure_ascii=False))
            sys.exit(2)
        raise CommandError(message, returncode=2)

"""``python -m xiezuo.labour.matching``: match two CSV files, or generate an instance.

    python -m xiezuo.labour.matching match seekers.csv openings.csv proposals.csv [--alternatives K]
    python -m xiezuo.labour.matching generate DIR --seekers N --openings M [--seed S] [--dense]

The Django command ``xiezuo match`` wraps ``files.run_files`` the same way.
"""

from __future__ import annotations

import argparse
import json
import sys

from .engine import DEFAULT_MAX_ROUNDS, DEFAULT_PAIR_LIMIT, Weights
from .files import MatchingInputError, run_files
from .generate import write_instance


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m xiezuo.labour.matching")
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("match", help="match seekers to openings, print the JSON summary")
    m.add_argument("seekers")
    m.add_argument("openings")
    m.add_argument("out", help="proposals.csv to write")
    m.add_argument("--alternatives", type=int, default=0, metavar="K")
    m.add_argument("--pair-limit", type=int, default=DEFAULT_PAIR_LIMIT)
    m.add_argument(
        "--max-rounds",
        type=int,
        default=DEFAULT_MAX_ROUNDS,
        help="column generation solves at most (above the pair limit)",
    )
    m.add_argument(
        "--time-limit",
        type=float,
        default=None,
        metavar="SECONDS",
        help="stop column generation after about this long and report the proven gap",
    )
    m.add_argument("--skill-weight", type=int, default=Weights.skill)
    m.add_argument("--wage-weight", type=int, default=Weights.wage)
    m.add_argument("--base-weight", type=int, default=Weights.base)
    g = sub.add_parser("generate", help="write seekers.csv and openings.csv into DIR")
    g.add_argument("directory")
    g.add_argument("--seekers", type=int, default=1000)
    g.add_argument("--openings", type=int, default=200)
    g.add_argument("--seed", type=int, default=0)
    g.add_argument("--demographics", action="store_true", help="add sex/ethnicity columns")
    g.add_argument("--dense", action="store_true", help="about 30%% of pairs eligible")
    args = parser.parse_args(argv)

    if args.command == "generate":
        paths = write_instance(
            args.directory,
            args.seekers,
            args.openings,
            args.seed,
            demographics=args.demographics,
            dense=args.dense,
        )
        print("\n".join(str(p) for p in paths))
        return 0
    try:
        summary = run_files(
            args.seekers,
            args.openings,
            args.out,
            alternatives=args.alternatives,
            weights=Weights(args.skill_weight, args.wage_weight, args.base_weight),
            pair_limit=args.pair_limit,
            max_rounds=args.max_rounds,
            time_limit=args.time_limit,
        )
    except (MatchingInputError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

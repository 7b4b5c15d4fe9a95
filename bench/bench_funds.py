"""Funds ledger: post 1,000,000 hash-chained entries, then verify the whole chain.

    .venv/bin/python bench/bench_funds.py [--entries N] [--postgres]

Baseline (same run, same database): the raw executemany insert of the same rows with their
hashes precomputed, i.e. what the insert alone costs; the ratio shows what the chain adds.
"""

import argparse
import datetime
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django_env import pg_available, setup  # noqa: E402


def _drafts(n: int):
    from xiezuo.funds.choices import EntryKind
    from xiezuo.funds.services import Draft

    kinds = [EntryKind.DISBURSEMENT] * 9 + [EntryKind.ALLOCATION]
    return [Draft(kinds[i % 10], 2017 + i % 4, f"621124{100 + i % 18:03d}000",
                  Decimal(1000 + i % 997) + Decimal("0.25"),
                  {"voucher_no": f"{i:08d}", "payee": "临洮县路桥工程公司"}) for i in range(n)]


class _Rollback(Exception):
    pass


def run(db: str, n: int) -> list[tuple[str, str, str, str, str]]:
    from django.db import connection, transaction

    from xiezuo.funds import chain
    from xiezuo.funds.services import ledger_append, verify_ledger
    from xiezuo.funds.services.ledger import _INSERT  # the raw baseline inserts as the ledger does

    drafts = _drafts(n)
    started = time.perf_counter()
    with transaction.atomic():
        ledger_append(drafts)
    post = time.perf_counter() - started

    started = time.perf_counter()
    result = verify_ledger()
    verify = time.perf_counter() - started
    assert result.ok and result.entries == n, result

    # Baseline: the same rows, hashes already known, straight executemany into the same table
    # (same indexes), in a transaction rolled back afterwards; then a raw scan of the table.
    at = connection.ops.adapt_datetimefield_value(datetime.datetime.now(datetime.UTC))
    rows = [(n + i + 1, at, d.kind, d.year, d.area_code, None, None, None,
             connection.ops.adapt_decimalfield_value(d.amount, 14, 2),
             chain.canonical_json(d.payload), "0" * 64, "f" * 64)
            for i, d in enumerate(drafts)]
    started = time.perf_counter()
    try:
        with transaction.atomic(), connection.cursor() as c:
            for k in range(0, n, 20_000):
                c.executemany(_INSERT, rows[k:k + 20_000])
            raw = time.perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    del rows
    with connection.cursor() as c:
        started = time.perf_counter()
        c.execute("SELECT seq, at, amount, payload, hash FROM funds_ledgerentry ORDER BY seq")
        while c.fetchmany(20_000):
            pass
        scan = time.perf_counter() - started
    label = "SQLite" if db == "sqlite" else "PostgreSQL"
    return [
        (f"post {n:,} entries ({label})", f"{post:.1f} s ({n / post:,.0f}/s)",
         "≤ 60 s" if db == "sqlite" else "—", f"raw executemany {raw:.1f} s",
         f"{post / raw:.2f}×"),
        (f"verify_ledger over {n:,} ({label})", f"{verify:.1f} s ({n / verify:,.0f}/s)",
         "≤ 20 s" if db == "sqlite" else "—", f"raw scan {scan:.1f} s", f"{verify / scan:.2f}×"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--postgres", action="store_true",
                        default=os.environ.get("XIEZUO_BENCH_PG_TOO") == "1",
                        help="also on PostgreSQL (or XIEZUO_BENCH_PG_TOO=1)")
    args = parser.parse_args()
    setup("sqlite", name="xiezuo_bench_funds")
    rows = run("sqlite", args.entries)
    if args.postgres and pg_available():
        # A second database needs a fresh process-wide setup; run it as a child.
        import subprocess

        out = subprocess.run([sys.executable, __file__, "--pg-child", str(args.entries)],
                             capture_output=True, text=True, check=True).stdout
        rows += [tuple(line.split("\t")) for line in out.strip().splitlines()]
    print("## Funds ledger\n")
    print(f"Posting {args.entries:,} hash-chained ledger entries in one bulk call "
          "(chain computed in Python, executemany in batches of 20,000) and re-computing the "
          "whole chain with `verify_ledger`; baseline: the raw executemany insert of the same "
          "rows with precomputed hashes into the same table (rolled back), and a raw cursor scan "
          "of the table, in the same run.\n")
    print("| figure | measured | target | baseline (same run) | ratio |")
    print("|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--pg-child":
        setup("postgres", name="xiezuo_bench_funds")
        for r in run("postgres", int(sys.argv[2])):
            print("\t".join(r))
    else:
        main()

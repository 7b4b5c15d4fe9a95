"""Backup and restore of the synthetic demo: `xiezuo backup` and `xiezuo restore` on SQLite and
PostgreSQL, with the size of the backup, beside the raw copy of the same database measured in the
same run (SQLite: a file copy of the checkpointed database; PostgreSQL: a bare `pg_dump -Fc` and
`pg_restore`).

Runs on its own: `python bench/bench_backup.py` (PostgreSQL too when the server answers, or
`--postgres` to require it; XIEZUO_BENCH_PG names the server). Each database is measured in a
child process (one Django database per process); the restore runs as the `xiezuo restore`
command into an empty database and data directory, its checks (every count, the ledger's hash
chain) included. Prints one Markdown section.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from django_env import PG_URL, _recreate_pg, pg_available, setup  # noqa: E402

SRC = Path(__file__).resolve().parent.parent / "src"


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _xiezuo(args: list[str], env: dict) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "xiezuo", *args], env=env, capture_output=True,
                          text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"xiezuo {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return took


def run(db: str) -> dict:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    setup(db, name="xiezuo_bench_backup")
    started = time.perf_counter()
    call_command("demo", "--no-serve", stdout=open(os.devnull, "w"))  # noqa: SIM115
    built = time.perf_counter() - started
    work = Path(tempfile.mkdtemp(prefix="xiezuo-bench-backup-"))
    env = {**os.environ, "PYTHONPATH": str(SRC), "DJANGO_SETTINGS_MODULE": "xiezuo.settings"}

    startup = min(_xiezuo(["check"], env) for _ in range(3))  # Python + Django, no work
    backup = _xiezuo(["backup", "--out", str(work / "bk")], env)
    manifest = json.loads((work / "bk" / "manifest.json").read_text("utf-8"))
    size = _size(work / "bk")

    # The raw copy of the same database, in the same run.
    connection.close()
    if db == "sqlite":
        import sqlite3

        src = Path(settings.DATABASES["default"]["NAME"])
        c = sqlite3.connect(src)
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        c.close()
        t = time.perf_counter()
        shutil.copyfile(src, work / "raw.sqlite3")
        raw_backup = time.perf_counter() - t
        t = time.perf_counter()
        shutil.copyfile(work / "raw.sqlite3", work / "raw-restored.sqlite3")
        raw_restore = time.perf_counter() - t
    else:
        from xiezuo.core.backup import _pg_env, pg_tool

        dump, restore_tool = pg_tool("pg_dump"), pg_tool("pg_restore")
        t = time.perf_counter()
        subprocess.run([dump, "-Fc", "--no-owner", "--file", str(work / "raw.dump")],
                       env=_pg_env(), check=True)
        raw_backup = time.perf_counter() - t
        raw_url = PG_URL.rsplit("/", 1)[0] + "/xiezuo_bench_raw_restore"
        _recreate_pg(raw_url)
        t = time.perf_counter()
        subprocess.run([restore_tool, "--single-transaction", "--no-owner", "--dbname", raw_url,
                        str(work / "raw.dump")], check=True)
        raw_restore = time.perf_counter() - t
        _recreate_pg(raw_url)

    restore_env = {**env, "XIEZUO_DATA_DIR": str(work / "restored-data")}
    if db == "postgres":
        url = PG_URL.rsplit("/", 1)[0] + "/xiezuo_bench_restore"
        _recreate_pg(url)
        restore_env["DATABASE_URL"] = url
    else:
        restore_env.pop("DATABASE_URL", None)
    restore = _xiezuo(["restore", str(work / "bk")], restore_env)
    shutil.rmtree(work, ignore_errors=True)
    counts = manifest["counts"]
    return {"db": db, "built": built, "backup": backup, "restore": restore, "size": size,
            "db_size": manifest["database"]["size"], "files": len(manifest["files"]),
            "people": counts.get("registry.person", 0), "audit": counts.get("accounts.auditevent", 0),
            "ledger": manifest["ledger"]["entries"], "raw_backup": raw_backup,
            "raw_restore": raw_restore, "startup": startup}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    ap.add_argument("--postgres", action="store_true", help="fail if PostgreSQL is not there")
    args = ap.parse_args()
    if args.db:
        print(json.dumps(run(args.db)))
        return
    dbs = ["sqlite"]
    if pg_available():
        dbs.append("postgres")
    elif args.postgres:
        raise SystemExit(f"PostgreSQL at {PG_URL} does not answer")
    results = []
    for db in dbs:
        out = subprocess.run([sys.executable, __file__, "--db", db], check=True,
                             capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    r0 = results[0]
    print("## Operations: backup and restore of the demo\n")
    print(f"`xiezuo backup` and `xiezuo restore` of the synthetic demo ({r0['people']:,} people, "
          f"{r0['ledger']:,} ledger entries, {r0['audit']:,} audit events, "
          f"{r0['files']} kept files), each timed as the command an operator runs, Python and "
          "Django start-up included (`xiezuo check`, which does nothing else, is timed beside "
          "it, best of 3); the restore into an empty database and data directory, with its checks "
          "(SHA-256 of every file first; afterwards every model's count and the ledger's whole "
          "hash chain). Baseline in the same run: the raw copy of the same database (SQLite: "
          "copying the checkpointed file; PostgreSQL: bare `pg_dump -Fc` / `pg_restore`).\n")
    print("| figure | measured | baseline (same run) | ratio |")
    print("|---|---|---|---|")
    for r in results:
        label = "SQLite" if r["db"] == "sqlite" else "PostgreSQL"
        print(f"| backup ({label}), {r['size'] / 2**20:.1f} MiB written (database "
              f"{r['db_size'] / 2**20:.1f} MiB) | {r['backup']:.2f} s | raw copy "
              f"{r['raw_backup']:.2f} s | {r['backup'] / r['raw_backup']:.1f}× |")
        print(f"| restore with its checks ({label}) | {r['restore']:.2f} s | raw restore "
              f"{r['raw_restore']:.2f} s | {r['restore'] / r['raw_restore']:.1f}× |")
        print(f"| start-up alone, `xiezuo check` ({label}) | {r['startup']:.2f} s | | |")
    print("\nDemo build before the measurements: " + ", ".join(
        f"{r['db']} {r['built']:.0f} s" for r in results) + ".")


if __name__ == "__main__":
    main()

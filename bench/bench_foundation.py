"""Foundation figures: `xiezuo demo --no-serve` (target < 90 s) and, with --suite, `make test`
(target < 10 min). Each runs in a subprocess with a fresh data directory."""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
XIEZUO = [sys.executable, "-m", "xiezuo"]


def timed(cmd: list[str], env: dict) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    return time.perf_counter() - started, proc


def main() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(XIEZUO_SECRET_KEY="bench-only", XIEZUO_DATA_DIR=tempfile.mkdtemp(prefix="xz-demo-"),
               PYTHONPATH=str(ROOT / "src"))
    init_s, proc = timed([*XIEZUO, "init", "--verbosity", "0"], env)
    assert proc.returncode == 0, proc.stderr
    demo_s, proc = timed([*XIEZUO, "demo", "--no-serve"], env)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    steps = [line.strip() for line in proc.stdout.splitlines() if line.strip().startswith("xiezuo.")]
    rows = [("`xiezuo init` on an empty database", f"{init_s:.1f} s", "—"),
            ("`xiezuo demo --no-serve` (after init, same database)", f"{demo_s:.1f} s", "< 90 s")]
    if "--suite" in sys.argv:
        suite_s, proc = timed([str(ROOT / ".venv/bin/pytest"), "-q", "-p", "no:cacheprovider"],
                              {**env, "XIEZUO_DATA_DIR": tempfile.mkdtemp()})
        rows.append(("`make test` (whole suite, SQLite)", f"{suite_s / 60:.1f} min", "< 10 min"))
    print("## Foundation: demo build\n")
    print("Wall-clock time of the commands in a fresh data directory on SQLite.\n")
    print("| figure | measured | target |\n|---|---|---|")
    for figure, measured, target in rows:
        print(f"| {figure} | {measured} | {target} |")
    print("\nDemo steps: " + "; ".join(steps))


if __name__ == "__main__":
    main()

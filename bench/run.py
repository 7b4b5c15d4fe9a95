"""`make bench`: run every bench/bench_*.py and write docs/benchmarks.md.

Each script runs on its own (python bench/bench_x.py) and prints a Markdown section to stdout:
a `## heading`, what was measured, and a table with the figure, the target and, where the issue
names one, the baseline measured in the same run with the ratio. This file adds the machine and
the date. `make bench BENCH_ARGS="--only registry"` runs the scripts whose name contains it.
"""

import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "docs" / "benchmarks.md"
#: scripts that run for hours (`make bench-scale`): only with --only naming them
SEPARATE = {"bench_scale"}


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="", help="run the scripts whose file name contains this")
    parser.add_argument("--no-write", action="store_true", help="print, do not rewrite the doc")
    parser.add_argument("--args", default="", help="arguments passed on to the scripts")
    args = parser.parse_args()
    scripts = sorted(p for p in HERE.glob("bench_*.py") if args.only in p.stem
                     and (p.stem not in SEPARATE or args.only))
    sections: dict[str, str] = {}
    failed = False
    for script in scripts:
        print(f"== {script.name}", flush=True)
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, str(script), *args.args.split()],
                              capture_output=True, text=True)
        took = time.perf_counter() - started
        if proc.returncode != 0:
            failed = True
            sections[script.stem] = (f"## {script.stem}\n\nFAILED (exit {proc.returncode}):\n\n"
                                     f"```\n{proc.stderr[-3000:]}\n```\n")
        else:
            sections[script.stem] = proc.stdout.strip() + f"\n\n_(script ran {took:.0f} s)_\n"
        print(sections[script.stem], flush=True)
    if not args.no_write:
        write(sections)
    return 1 if failed else 0


def write(sections: dict[str, str]) -> None:
    """Replace the sections just measured; keep the others from earlier runs."""
    old: dict[str, str] = {}
    if OUT.exists():
        current, buf = None, []
        for line in OUT.read_text(encoding="utf-8").splitlines():
            if line.startswith("<!-- bench:") and line.endswith("-->"):
                current, buf = line[len("<!-- bench:"):-3].strip(), []
            elif line.startswith("<!-- /bench -->") and current:
                old[current] = "\n".join(buf).strip() + "\n"
                current = None
            elif current:
                buf.append(line)
    today = datetime.date.today().isoformat()
    for name, text in sections.items():
        old[name] = f"_Measured {today} on {machine()}._\n\n{text}"
    body = ["# Benchmarks", "",
            "Written by `make bench` (bench/run.py). Each section says when and on which machine "
            "it was measured; ratios compare with a baseline measured in the same run, because "
            "this 2-core machine is noisy.", ""]
    for name in sorted(old):
        body += [f"<!-- bench:{name} -->", old[name].strip(), "<!-- /bench -->", ""]
    OUT.write_text("\n".join(body), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())

"""Plan dashboard and annual report, on the full synthetic demo.

    .venv/bin/python bench/bench_plan.py [--requests N] [--postgres]

Dashboard: server time of GET /plan/ for the county admin (Django test client, no network),
p95 over N requests after a warm-up, and the SQL queries of one request; "cold" empties the
shared cache of numbers computed from the parts' records before every request, "warm" keeps it
(numbers at most PLAN_INDICATOR_CACHE_SECONDS = 60 s old); the parts' figures' one query is
compiled once per worker, scope and day (core.indicators), "first" times the cold request that
builds it. The process is made ready as a
server worker is after start-up (core.serving.ready_to_serve: its start-up heap frozen out of
the garbage collector's way, as xiezuo/wsgi.py does). Baseline (same run):
the regions area list, a plain scoped page of the same shell. Report: the year's self-assessment
in all three formats (Word, Excel, PDF); baseline: computing its numbers alone. When PostgreSQL
answers, the dashboard rows are measured there too, in a second process.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django_env import backend_cpu, pg_available, setup  # noqa: E402


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 20 else max(xs)


def timed_get(client, url: str, n: int, *, cold: bool = False, first: bool = False
              ) -> tuple[list[float], int, float]:
    """Server times of n GETs, the queries of one, and the CPU milliseconds per request (this
    process, which runs SQLite, plus the PostgreSQL backend's: on the shared, loaded machine the
    wall time includes waiting for a core); cold: the indicator cache emptied before each;
    first: the worker's compiled query of the parts' figures forgotten too (a scope's first
    cold request of the day in a worker, core.indicators._UNIONS)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xiezuo.core import indicators

    for _ in range(3):
        assert client.get(url).status_code == 200, url
    pg = connection.vendor == "postgresql"
    times = []
    cpu0, db0 = time.process_time(), backend_cpu() if pg else 0.0
    for _ in range(n):
        if cold:
            cache.clear()
        if first:
            indicators._UNIONS.clear()
        started = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert r.status_code == 200
    cpu = (time.process_time() - cpu0 + ((backend_cpu() - db0) if pg else 0.0)) * 1000 / n
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as q:
        client.get(url)
    return times, len(q), cpu


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--dashboard-rows", action="store_true",
                        help="print only the dashboard rows (the PostgreSQL run of `make bench`)")
    args = parser.parse_args()
    os.environ["XIEZUO_ALLOWED_HOSTS"] = "testserver,localhost"
    db = "postgres" if args.postgres and pg_available() else "sqlite"
    setup(db, name="xiezuo_bench_plan")
    from django.test import Client, override_settings

    # The demo is built by its own process, as in production; this one then serves requests
    # with a heap of the size a server worker has (not the demo builder's leftovers).
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "xiezuo", "demo", "--no-serve"], check=True,
                   stdout=subprocess.DEVNULL, env={**os.environ})
    demo_s = time.perf_counter() - started

    from xiezuo.accounts.models import User
    from xiezuo.plan.evaluation import SystemReader, current_plan
    from xiezuo.plan.models import AggregateEntry
    from xiezuo.plan.report import build_report, report_data

    storages = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {
                    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=storages):
        client = Client()
        admin = User.objects.get(username="admin")
        client.force_login(admin)
        # The county administrator logs in with a second factor (the demo's TOTP device): mark
        # the session verified as the code page does, else every page sends it to the code page.
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=admin, confirmed=True).first()
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        # Started as a server worker is (xiezuo/wsgi.py): the URL configuration loaded, the
        # start-up heap frozen out of the collector's way (core/serving.py).
        from xiezuo.core.serving import ready_to_serve

        for url in ("/plan/?year=2018", "/areas/"):
            assert client.get(url).status_code == 200, url
        ready_to_serve()
        load_start = load()
        cold, cold_q, cold_cpu = timed_get(client, "/plan/?year=2018", args.requests, cold=True)
        first, _first_q, first_cpu = timed_get(client, "/plan/?year=2018", args.requests,
                                               cold=True, first=True)
        dash, dash_q, dash_cpu = timed_get(client, "/plan/?year=2018", args.requests)
        base, base_q, base_cpu = timed_get(client, "/areas/", args.requests)
        load_end = load()

    if args.dashboard_rows:
        label = "PostgreSQL" if db == "postgres" else "SQLite"
        print(f"| {label}: dashboard p95, cache cold / warm | {p95(cold):.0f} / {p95(dash):.0f} ms"
              f" | ≤ 150 ms | {p95(base):.0f} ms (area list) | {p95(cold) / p95(base):.1f}× / "
              f"{p95(dash) / p95(base):.1f}× |")
        print(f"| {label}: dashboard p95, cold and the scope's first request in the worker's day "
              f"| {p95(first):.0f} ms | — | {p95(base):.0f} ms | {p95(first) / p95(base):.1f}× |")
        print(f"| {label}: CPU per request, cold / warm (with the database's) | {cold_cpu:.0f} / "
              f"{dash_cpu:.0f} ms | — | {base_cpu:.0f} ms | {cold_cpu / base_cpu:.1f}× / "
              f"{dash_cpu / base_cpu:.1f}× |")
        print(f"| {label}: dashboard SQL queries, cold / warm | {cold_q} / {dash_q} | ≤ 25 | "
              f"{base_q} | — |")
        print(f"<!-- load {load_start} {load_end} -->")
        return
    plan = current_plan()
    user = SystemReader()
    # The indicator's all-years deep-poverty share must agree with the per-year one, year by year.
    from xiezuo.funds.selectors import deep_poverty_share, deep_poverty_share_per_year

    batched = deep_poverty_share_per_year(user=user)
    for y in plan.years:
        own = deep_poverty_share(user=user, year=y)
        assert batched.get(y, 0) == own, (y, batched, own)
    started = time.perf_counter()
    report_data(plan=plan, year=2018, user=user)
    data_s = time.perf_counter() - started
    out = Path(tempfile.mkdtemp(prefix="xz-plan-report-"))
    started = time.perf_counter()
    data = report_data(plan=plan, year=2018, user=user)
    paths = build_report(data, out_dir=out)
    report_s = time.perf_counter() - started
    sizes = ", ".join(f"{k} {p.stat().st_size // 1024} KiB" for k, p in paths.items())

    print("## Plan: dashboard and annual report\n")
    print(f"The plan dashboard (`/plan/?year=2018`, county admin, all {plan.targets.count()} "
          f"targets, {AggregateEntry.objects.count()} aggregate entries plus the parts' "
          f"selectors over the full demo built in {demo_s:.0f} s) through Django's test client, "
          f"{args.requests} requests after a warm-up, {db}; and the 2018 self-assessment in "
          f"Word, Excel and PDF ({sizes}).\n")
    print("| figure | measured | target | baseline (same run) | ratio |")
    print("|---|---|---|---|---|")
    print(f"| dashboard server time, p95, indicator cache cold | {p95(cold):.0f} ms | ≤ 150 ms | "
          f"{p95(base):.0f} ms (area list) | {p95(cold) / p95(base):.1f}× |")
    print(f"| dashboard server time, p95, cold and the scope's first request in the worker's "
          f"day (its figures' query built, core.indicators) | {p95(first):.0f} ms | — | "
          f"{p95(base):.0f} ms | {p95(first) / p95(base):.1f}× |")
    print(f"| dashboard server time, p95, cache warm (< 60 s) | {p95(dash):.0f} ms | ≤ 150 ms | "
          f"{p95(base):.0f} ms | {p95(dash) / p95(base):.1f}× |")
    print(f"| dashboard server time, median, cold / warm | {statistics.median(cold):.0f} / "
          f"{statistics.median(dash):.0f} ms | — | {statistics.median(base):.0f} ms | "
          f"{statistics.median(cold) / statistics.median(base):.1f}× / "
          f"{statistics.median(dash) / statistics.median(base):.1f}× |")
    print(f"| CPU time per request (this process, SQLite in it), cold / warm | {cold_cpu:.0f} / "
          f"{dash_cpu:.0f} ms | — | {base_cpu:.0f} ms | {cold_cpu / base_cpu:.1f}× / "
          f"{dash_cpu / base_cpu:.1f}× |")
    print(f"| dashboard SQL queries per page, cold / warm | {cold_q} / {dash_q} | ≤ 25 | "
          f"{base_q} | {cold_q / base_q:.1f}× / {dash_q / base_q:.1f}× |")
    print(f"| 2018 report, three formats | {report_s:.1f} s | ≤ 10 s | "
          f"{data_s:.2f} s (numbers only) | {report_s / data_s:.0f}× |")
    if db == "sqlite" and pg_available():
        # The same dashboard on PostgreSQL, in its own process (Django is set up once per process).
        rows = subprocess.run([sys.executable, __file__, "--postgres", "--dashboard-rows",
                               "--requests", str(args.requests)], check=True,
                              capture_output=True, text=True).stdout
        pg_load = ""
        for line in rows.strip().splitlines():
            if line.startswith("<!-- load "):
                pg_load = " and {} to {} during the PostgreSQL run".format(*line[10:-4].split())
            else:
                print(line)
    else:
        pg_load = ""
    print(f"\nThe machine's 2 cores are shared: load average {load_start} at the start of the "
          f"SQLite dashboard rows, {load_end} at their end{pg_load}. A loaded machine stretches "
          "the wall times (waiting for a core); the CPU time per request, beside them, does not "
          "wait.")


if __name__ == "__main__":
    main()

"""Talent and pairing pages on the full synthetic demo: server time, p95 (issue #13: the pages
keep the 150 ms p95 with these parts added), and the SQL queries of one request.

    .venv/bin/python bench/bench_talent_pages.py [--requests N]

Every list page of ch.5 (talent) and ch.7 (pairing), the coverage view and both figures pages,
for the county administrator (who sees everything) through Django's test client (no network),
N requests each after a warm-up. Baseline (same run): the regions area list, a plain scoped
page of the same shell.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django_env import setup  # noqa: E402

PAGES = [
    ("/talent/", "培训班"), ("/talent/trainees/", "学员"), ("/talent/attendances/", "参训记录"),
    ("/talent/hospitals/", "医院对口协作"), ("/talent/hospital-activities/", "医院协作活动"),
    ("/talent/requests/", "人才需求"), ("/talent/enrolment/", "定向招生"),
    ("/talent/figures/", "人才支援完成情况"),
    ("/pairing/?year=2019", "结对帮扶覆盖（图表）"), ("/pairing/towns/", "镇村结对"),
    ("/pairing/enterprises/", "村企结对"), ("/pairing/activities/", "结对帮扶活动"),
    ("/pairing/donations/", "社会捐赠"), ("/pairing/services/", "志愿服务活动"),
    ("/pairing/figures/", "社会参与完成情况"),
]


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 20 else max(xs)


def timed(client, url: str, n: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(n):
        started = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert r.status_code == 200, url
    with CaptureQueriesContext(connection) as q:
        client.get(url)
    return times, len(q)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    os.environ["XIEZUO_ALLOWED_HOSTS"] = "testserver,localhost"
    setup("sqlite", name="xiezuo_bench_talent_pages")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "xiezuo", "demo", "--no-serve"], check=True,
                   stdout=subprocess.DEVNULL, env={**os.environ})
    demo_s = time.perf_counter() - started
    load = os.getloadavg()[0]

    from django.test import Client, override_settings
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from xiezuo.accounts.models import User
    from xiezuo.pairing.models import Donation, PairingActivity
    from xiezuo.talent.models import Attendance, Trainee

    storages = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {
                    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    rows = []
    with override_settings(STORAGES=storages):
        client = Client()
        admin = User.objects.get(username="admin")
        client.force_login(admin)
        device = TOTPDevice.objects.filter(user=admin, confirmed=True).first()
        if device is not None:  # the admin's second factor, as the code page marks it
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        base, base_q = timed(client, "/areas/", args.requests)
        for url, label in PAGES:
            times, queries = timed(client, url, args.requests)
            rows.append((url, label, times, queries))
    worst = max(p95(t) for _u, _l, t, _q in rows)
    print("## Talent and pairing: page times\n")
    print(f"Every list page of ch.5 (talent) and ch.7 (pairing) on the full demo (built in "
          f"{demo_s:.0f} s: {Trainee.objects.count():,} trainees, "
          f"{Attendance.objects.count():,} attendances, {PairingActivity.objects.count():,} "
          f"pairing activities, {Donation.objects.count():,} donations), county admin, "
          f"Django's test client, {args.requests} requests each after a warm-up, SQLite; "
          f"1-minute load average {load:.1f} on the 2 cores when the requests began.\n")
    print("| page | p95 | median | target | baseline p95 (area list, same run) | ratio | "
          "queries |")
    print("|---|---|---|---|---|---|---|")
    for url, label, times, queries in rows:
        print(f"| {label} `{url}` | {p95(times):.0f} ms | {statistics.median(times):.0f} ms | "
              f"≤ 150 ms | {p95(base):.0f} ms | {p95(times) / p95(base):.1f}× | {queries} |")
    print(f"\nSlowest p95: {worst:.0f} ms; the area list's {p95(base):.0f} ms "
          f"({base_q} queries).")


if __name__ == "__main__":
    main()

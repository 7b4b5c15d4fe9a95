"""The registry at national size: up to 10 million registered people on PostgreSQL (issue 15).

    make bench-scale                         # bench/run.py --only scale
    python bench/bench_scale.py [--counties 176] [--no-build] [--requests 40]

Builds once and reuses: the database XIEZUO_SCALE_DB (default xiezuo_scale on the bench's
PostgreSQL) gets the full demo and `xiezuo demo --scale N` synthetic counties of 57,004 people
each (176 ≈ 10,000,000); a later run adds only the counties still missing (`--no-build` measures
what is there). Then, through Django's test client (server time, no network), p95 over
`--requests` after a warm-up, the shared indicator cache emptied before each dashboard request:

- the plan dashboard and the home page of the demo's county administrator (临洮县) and of the
  city office (定西市's `dingxi`, the plans of its pairs);
- the household search, by the county administrator and by a read-only 领导小组 account
  scoped to a synthetic city of eight counties, by a name (王, the commonest surname; and
  one full name) and by a full ID number (its keyed hash, as the search form posts it);
- one more 57,004-person county roster (.xlsx) imported with `household_import`;
- `verify_ledger` and the 2018 self-assessment's figures for the pair (read as the pair's
  county administrator), compared with the same demo built alone (XIEZUO_SCALE_BASE_DB,
  default xiezuo_scale_base; built if missing).

Each figure has its same-run baseline: the raw SQL query that answers it directly (for the
dashboards, summing the scope's people over its households; for the search, the first page of
matches; for the import, PostgreSQL COPY of the same rows as text). Prints one Markdown section.
"""

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from django_env import backend_cpu  # noqa: E402

PG = os.environ.get("XIEZUO_BENCH_PG", "postgres://postgres@127.0.0.1:5432/xiezuo_bench")
SCALE_DB = os.environ.get("XIEZUO_SCALE_DB", PG.rsplit("/", 1)[0] + "/xiezuo_scale")
BASE_DB = os.environ.get("XIEZUO_SCALE_BASE_DB", PG.rsplit("/", 1)[0] + "/xiezuo_scale_base")
# the ID numbers' keyed hashes depend on the key they were built with: one fixed bench key
SECRET = "scale-bench-only-secret"
EXTRA_COUNTY = "629901000000"  # the county whose roster is imported (beyond any --scale N)


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 20 else max(xs)


def _env(db_url: str) -> dict:
    data = Path(os.environ.get("XIEZUO_SCALE_DATA", tempfile.gettempdir())) / (
        "xiezuo-" + db_url.rsplit("/", 1)[1])
    data.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "DATABASE_URL": db_url, "XIEZUO_DATA_DIR": str(data),
            "XIEZUO_SECRET_KEY": SECRET, "XIEZUO_ALLOWED_HOSTS": "testserver,localhost",
            "PYTHONPATH": str(HERE.parent / "src")}


def _ensure_db(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def build(url: str, counties: int) -> float:
    """The demo, then the synthetic counties still missing (kept between runs)."""
    _ensure_db(url)
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "xiezuo", "demo", "--no-serve"]
    if counties:
        cmd += ["--scale", str(counties)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=_env(url))
    subprocess.run([sys.executable, "-m", "xiezuo", "migrate", "-v", "0"], check=True,
                   env=_env(url))
    return time.perf_counter() - started


def _setup(url: str) -> None:
    os.environ.update(_env(url))
    os.environ["DJANGO_SETTINGS_MODULE"] = "xiezuo.settings"
    import django

    django.setup()


# --- the pair's ledger and report (run against each database in its own process) ----------------

def part_pair(url: str) -> dict:
    """The pair's ledger and its 2018 report as the pair's county administrator (临洮县's
    `admin`) reads them: the report of one pair, which the synthetic counties must not change
    (an all-areas reader would add them to its figures)."""
    _setup(url)
    from xiezuo.accounts.models import User
    from xiezuo.funds.services import verify_ledger
    from xiezuo.plan.evaluation import current_plan
    from xiezuo.plan.report import report_data

    started = time.perf_counter()
    ledger = verify_ledger().as_dict()
    ledger_s = time.perf_counter() - started
    started = time.perf_counter()
    data = report_data(plan=current_plan(), year=2018, user=User.objects.get(username="admin"))
    report_s = time.perf_counter() - started
    snap = dict(data["snapshot"])
    # what differs between two builds of the same demo: when comments were typed, row ids
    snap["comments"] = [{k: v for k, v in c.items() if k != "at"} for c in snap["comments"]]
    snap["entries"] = [{k: v for k, v in e.items() if k != "id"} for e in snap["entries"]]
    text = json.dumps(snap, sort_keys=True, default=str, ensure_ascii=False)
    return {"ledger_ok": ledger["ok"], "ledger_entries": ledger["entries"],
            "ledger_head": ledger["head_hash"], "ledger_s": ledger_s, "report_s": report_s,
            "report_sha": hashlib.sha256(text.encode()).hexdigest(),
            "report_rows": len(snap["rows"])}


# --- the measurements on the big database ---------------------------------------------------------

def _login(client, user) -> None:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:  # the county administrator's second factor, as the code page sets it
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def timed_get(client, url: str, n: int, *, cold: bool = False) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        assert client.get(url).status_code == 200, url
    times = []
    cpu0, db0 = time.process_time(), backend_cpu()
    for _ in range(n):
        if cold:
            cache.clear()
        started = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert r.status_code == 200, url
    cpu = (time.process_time() - cpu0) * 1000 / n
    db = (backend_cpu() - db0) * 1000 / n
    with CaptureQueriesContext(connection) as q:
        if cold:
            cache.clear()
        body = client.get(url).content.decode()
    return {"p95": p95(times), "median": statistics.median(times), "queries": len(q),
            "body": body, "cpu": cpu, "db_cpu": db}


def timed_sql(sql: str, params: list, n: int) -> dict:
    from django.db import connection

    times = []
    db0 = backend_cpu()
    with connection.cursor() as c:
        for _ in range(2 + n):
            started = time.perf_counter()
            c.execute(sql, params)
            c.fetchall()
            times.append((time.perf_counter() - started) * 1000)
    db = (backend_cpu() - db0) * 1000 / (2 + n)
    times = times[2:]
    return {"p95": p95(times), "median": statistics.median(times), "db_cpu": db}


def _people_sql(prefixes: list[str]) -> tuple[str, list]:
    """The raw query a dashboard's registry figure replaces: the scope's people summed over
    its households (the member counts), households joined to their villages by code prefix."""
    cond = " OR ".join(["v.code LIKE %s"] * len(prefixes))
    return (f"SELECT h.exit_year, sum(h.member_count) FROM registry_household h JOIN "
            f"regions_area v ON v.id = h.village_id WHERE ({cond}) GROUP BY h.exit_year",
            [p + "%" for p in prefixes])


def _search_sql(prefixes: list[str]) -> tuple[str, list]:
    cond = " OR ".join(["v.code LIKE %s"] * len(prefixes))
    return (f"SELECT DISTINCT v.code, h.number, h.id FROM registry_person p JOIN registry_household"
            f" h ON h.id = p.household_id JOIN regions_area v ON v.id = h.village_id WHERE "
            f"({cond}) AND p.name LIKE %s ORDER BY v.code, h.number LIMIT 50",
            [p + "%" for p in prefixes])


def roster_rows_for(code: str) -> tuple[list[str], list[list[str]]]:
    """The demo generator's 57,004 people as roster rows of the county `code` (its areas
    exist: scale.county_areas), with ID numbers under its address code."""
    from bench_registry import roster_file_rows

    from xiezuo.regions.models import Area
    from xiezuo.registry import demo

    villages = demo.demo_villages()
    rng = random.Random("bench-scale-import")
    roster = demo.synthetic_roster(rng, villages, demo.village_populations(rng, villages))
    names = dict(Area.objects.filter(code__startswith=code[:6]).values_list("code", "name"))
    return roster_file_rows(roster, names, county=code)


def import_roster(n_requests: int) -> dict:
    """One more county: its areas (no people), a 57,004-person roster file of it, the import,
    the raw COPY of the same rows; then the county is removed again so the next run can
    repeat it."""
    from bench_registry import raw_postgres, write_files
    from django.db import connection, transaction

    from xiezuo.regions.models import Area
    from xiezuo.registry import scale
    from xiezuo.registry.models import Household, Person
    from xiezuo.registry.services import household_import

    remove_county(EXTRA_COUNTY)
    with transaction.atomic():
        scale.county_areas(EXTRA_COUNTY, template=scale.template_areas())
    header, rows = roster_rows_for(EXTRA_COUNTY)
    folder = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    xlsx, _csv = write_files(header, rows, folder)
    started, cpu0, db0 = time.perf_counter(), time.process_time(), backend_cpu()
    r = household_import(path=xlsx, county_code=EXTRA_COUNTY)
    took = time.perf_counter() - started
    cpu, db_cpu = time.process_time() - cpu0, backend_cpu() - db0
    assert r.rejected == 0 and r.persons_created == len(rows), (r.rejected, r.errors[:3])
    county = Area.objects.get(code=EXTRA_COUNTY)
    assert Person.objects.filter(household__county=county).count() == len(rows)
    households = Household.objects.filter(county=county).count()
    raw_s = raw_postgres(header, rows)
    with connection.cursor() as c:
        c.execute("DROP TABLE bench_raw_roster")
    remove_county(EXTRA_COUNTY)
    return {"import_s": took, "import_cpu": cpu, "import_db_cpu": db_cpu, "raw_s": raw_s,
            "rows": len(rows), "import_households": households}


def remove_county(code: str) -> None:
    """The imported county's records and areas (the triggers take them out of the counts)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as c:
        c.execute("SELECT id FROM regions_area WHERE code = %s", [code])
        if not c.fetchone():
            return
        hh = ("SELECT h.id FROM registry_household h JOIN regions_area a ON a.id = h.county_id "
              "WHERE a.code = %s")
        for table in ("registry_statuschange", "registry_monitoringrecord", "registry_person"):
            c.execute(f"DELETE FROM {table} WHERE household_id IN ({hh})", [code])
        c.execute(f"DELETE FROM registry_household WHERE id IN ({hh})", [code])
        c.execute("DELETE FROM registry_rosterimport WHERE county_id IN "
                  "(SELECT id FROM regions_area WHERE code = %s)", [code])
        c.execute("DELETE FROM registry_villagerollup WHERE village_id IN (SELECT id FROM "
                  "regions_area WHERE code LIKE %s)", [code[:6] + "%"])
        c.execute("DELETE FROM registry_areapopulation WHERE area_id IN (SELECT id FROM "
                  "regions_area WHERE code LIKE %s)", [code[:6] + "%"])
        for level in ("village", "township", "county"):
            c.execute("DELETE FROM regions_area WHERE code LIKE %s AND level = %s",
                      [code[:6] + "%", level])


def part_measure(url: str, n: int) -> dict:
    _setup(url)
    from django.db import connection
    from django.test import Client, override_settings

    from xiezuo.accounts.choices import Role
    from xiezuo.accounts.models import User
    from xiezuo.regions.models import Area
    from xiezuo.registry import crypto, scale
    from xiezuo.registry.models import Household, Person

    out: dict = {}
    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM registry_person")
        out["people"] = c.fetchone()[0]
        c.execute("SELECT count(*) FROM registry_household")
        out["households"] = c.fetchone()[0]
        c.execute("SELECT count(*) FROM regions_area WHERE level = 'county' AND synthetic")
        out["synthetic_counties"] = c.fetchone()[0]
        c.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        out["db_size"] = c.fetchone()[0]
        c.execute("SHOW jit")
        out["jit"] = c.fetchone()[0]
    city = Area.objects.get(code=scale.city_code(scale.county_codes(1)[0]))
    out["city_counties"] = Area.objects.filter(parent=city, level="county").count()
    out["city_people"] = Person.objects.filter(household__county__parent=city).count()
    admin = User.objects.get(username="admin")
    city_user, _ = User.objects.get_or_create(
        username="scale_city", defaults={"role": Role.LEADERSHIP, "scope": city,
                                         "display_name": "合成市领导小组（基准）"})
    storages = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    lintao = Area.objects.get(code="621124000000")
    one = Person.objects.filter(household__county=lintao).order_by("id")
    rng = random.Random(15)
    sample = [one[rng.randrange(one.count())] for _ in range(5)]
    full_name = sample[0].name
    with override_settings(STORAGES=storages):
        # the city's dashboard is the city office's (定西市's `dingxi`: its pairs' plans; a
        # synthetic city has no pair, so no plan); its searches are the synthetic city's
        office = User.objects.get(username="dingxi")
        for who, user in (("county", admin), ("city", city_user)):
            client = Client()
            board = admin if who == "county" else office
            _login(client, board)
            out[f"{who}_dashboard"] = timed_get(client, "/plan/?year=2018", n, cold=True)
            out[f"{who}_people_sql"] = timed_sql(*_people_sql(board.area_prefixes), n)
            client = Client()
            _login(client, user)
            prefixes = user.area_prefixes
            # the home page of the searching user (the city office's has no home template yet)
            out[f"{who}_home"] = timed_get(client, "/", n, cold=True)
            for key, name in (("wang", "王"), ("full", full_name)):
                out[f"{who}_search_{key}"] = timed_get(client, f"/registry/?name={name}", n)
                sql, params = _search_sql(prefixes)
                out[f"{who}_search_{key}_sql"] = timed_sql(sql, [*params, f"%{name}%"], n)
            ids = [crypto.id_hash(crypto.decrypt_id(p.id_cipher)) for p in sample]
            times, raw = [], []
            for idh in ids * (n // len(ids) + 1):
                started = time.perf_counter()
                assert client.get(f"/registry/?idh={idh}").status_code == 200
                times.append((time.perf_counter() - started) * 1000)
                raw.append(timed_sql("SELECT id, household_id FROM registry_person "
                                     "WHERE id_hash = %s", [idh], 1)["median"])
            out[f"{who}_search_id"] = {"p95": p95(times[:n]), "median": statistics.median(times)}
            out[f"{who}_search_id_sql"] = {"p95": p95(raw[:n]), "median": statistics.median(raw)}
    out["full_name"] = full_name
    out["capped"] = "1,000 户以上" in out["county_search_wang"]["body"] or "1,000 户以上" in \
        out["city_search_wang"]["body"]
    for k in list(out):
        if isinstance(out[k], dict):
            out[k].pop("body", None)
    out["households_check"] = Household.objects.count()
    out.update(import_roster(n))
    return out


def child(part: str, url: str, n: int = 0) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--part", part, "--db", url,
                           "--requests", str(n)], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-5000:])
        raise SystemExit(f"bench_scale part {part} failed")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=["pair", "measure"])
    ap.add_argument("--db", default=SCALE_DB)
    ap.add_argument("--counties", type=int, default=176)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--requests", type=int, default=40)
    a = ap.parse_args()
    if a.part == "pair":
        print(json.dumps(part_pair(a.db)))
        return 0
    if a.part == "measure":
        print(json.dumps(part_measure(a.db, a.requests)))
        return 0
    load_before = os.getloadavg()[0]
    build_s = None if a.no_build else build(SCALE_DB, a.counties)
    if a.no_build:
        subprocess.run([sys.executable, "-m", "xiezuo", "migrate", "-v", "0"], check=True,
                       env=_env(SCALE_DB))
    base_build = build(BASE_DB, 0)
    m = child("measure", SCALE_DB, a.requests)
    big, alone = child("pair", SCALE_DB), child("pair", BASE_DB)
    load_after = os.getloadavg()[0]
    print(render(m, big, alone, a, build_s, base_build, load_before, load_after))
    return 0


def _cpu(got: dict) -> str:
    if "cpu" not in got:
        return ""
    return f"; CPU/request {got['cpu']:.0f} ms app + {got['db_cpu']:.0f} ms PostgreSQL"


def _row(label: str, got: dict, target: str, base: dict, base_label: str) -> str:
    base_cpu = f", CPU {base['db_cpu']:.1f} ms" if "db_cpu" in base else ""
    return (f"| {label} | {got['p95']:.0f} ms (median {got['median']:.0f}{_cpu(got)}) | {target} |"
            f" {base['p95']:.1f} ms ({base_label}{base_cpu}) | "
            f"{got['p95'] / max(base['p95'], 0.01):.1f}× |")


def render(m, big, alone, a, build_s, base_build, load_before, load_after) -> str:
    lines = [
        "## Registry at scale: 10 million people on PostgreSQL (issue 15)",
        "",
        f"`make bench-scale` on the database built by `xiezuo demo --scale N`: the full demo "
        f"(临洮县 and every part's records) plus {m['synthetic_counties']} synthetic counties of "
        f"57,004 people each, **{m['people']:,} registered people in {m['households']:,} "
        f"households** ({m['db_size']}; JIT {m['jit']} on the application's connections). "
        + ("" if m["people"] >= 10_000_000 else
           f"The full 176 counties (10 million) were not reached in the time this run had: "
           f"every figure below is at {m['people']:,} people and none is extrapolated. ")
        + "The city's dashboard and home page are the city office's (定西市's `dingxi`: the "
        "plans of its pairs; a synthetic city has no pair, so no plan); the city's searches "
        f"are a read-only 领导小组 account's scoped to a synthetic city of "
        f"{m['city_counties']} counties ({m['city_people']:,} people). "
        f"Server time through Django's test client, {a.requests} requests after a warm-up, "
        "with the CPU time per request of the application process and of its PostgreSQL "
        "backend (read from /proc: what the request costs, apart from waiting for a core on a "
        "loaded machine); the dashboard's indicator cache is emptied before every request "
        "(cold). Baselines are raw SQL in the same run: the "
        "scope's people summed over its households by exit year (what the dashboard's registry "
        "figures cost without the rollup), the first page of a name search, an ID-hash "
        "lookup, PostgreSQL COPY of the roster's rows as text.",
        "",
        "| figure | measured | target | baseline (same run) | ratio |",
        "|---|---|---|---|---|",
        _row(f"county admin (临洮县): plan dashboard p95, cold ({m['county_dashboard']['queries']}"
             " queries)", m["county_dashboard"], "≤ 150 ms", m["county_people_sql"],
             "raw: the county's people by exit year"),
        _row(f"city office (定西市, its pairs): plan dashboard p95, cold "
             f"({m['city_dashboard']['queries']} queries)", m["city_dashboard"], "≤ 500 ms",
             m["city_people_sql"], "raw: the office's people by exit year"),
        _row(f"county admin: home page p95 ({m['county_home']['queries']} queries)",
             m["county_home"], "—", m["county_people_sql"], "as above"),
        _row(f"synthetic city's user: home page p95 ({m['city_home']['queries']} queries)",
             m["city_home"],
             "—", m["city_people_sql"], "as above"),
    ]
    for who, label in (("county", "county admin"), ("city", "synthetic city's user")):
        lines += [
            _row(f"{label}: household search by name 王 (count capped at 1,000)",
                 m[f"{who}_search_wang"], "≤ 100 ms", m[f"{who}_search_wang_sql"],
                 "raw: first 50 households matching"),
            _row(f"{label}: household search by a full name ({m['full_name']})",
                 m[f"{who}_search_full"], "≤ 100 ms", m[f"{who}_search_full_sql"],
                 "raw: first 50 households matching"),
            _row(f"{label}: household search by ID number", m[f"{who}_search_id"], "≤ 100 ms",
                 m[f"{who}_search_id_sql"], "raw: the ID-hash lookup"),
        ]
    lines += [
        f"| one more county's roster ({m['rows']:,} people, {m['import_households']:,} households, "
        f".xlsx) imported with `household_import` | {m['import_s']:.1f} s (CPU {m['import_cpu']:.1f} s "
        f"app + {m['import_db_cpu']:.1f} s PostgreSQL) | ≤ 20 s | raw COPY "
        f"{m['raw_s']:.2f} s | {m['import_s'] / m['raw_s']:.0f}× |",
        f"| `verify_ledger` (the pair's {big['ledger_entries']:,} entries) | "
        f"{big['ledger_s'] * 1000:.0f} ms, {'intact' if big['ledger_ok'] else 'BROKEN'} | "
        f"unchanged | demo alone: {alone['ledger_s'] * 1000:.0f} ms, "
        f"{'intact' if alone['ledger_ok'] else 'BROKEN'}, {alone['ledger_entries']:,} entries | "
        f"{big['ledger_s'] / alone['ledger_s']:.1f}× |",
        f"| 2018 self-assessment figures (`report_data` as the pair's county administrator, "
        f"{big['report_rows']} targets) | "
        f"{big['report_s']:.2f} s; "
        f"{'identical to' if big['report_sha'] == alone['report_sha'] else 'DIFFERENT from'} "
        f"the demo alone | unchanged | demo alone: {alone['report_s']:.2f} s | "
        f"{big['report_s'] / alone['report_s']:.1f}× |",
        "",
        "The search says “1,000 户以上” instead of an exact count when a name matches more than "
        f"1,000 households ({'seen' if m['capped'] else 'not reached'} in this run). "
        + (f"Building the database took {build_s / 60:.0f} min in this run; " if build_s
           else "The database was built by earlier runs (`--no-build`); ")
        + f"the demo alone {base_build / 60:.0f} min. The machine is shared: its 1-minute load "
        f"average was {load_before:.1f} when the run began and {load_after:.1f} when it ended "
        "(2 cores), so wall times include waiting for the CPU.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

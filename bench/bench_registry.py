"""Registry benchmarks: the 57,004-person roster import, and exact lookup by ID at 1M people.

Runs on its own: `python bench/bench_registry.py`. Each measurement runs in a child process (one
Django database per process): the import on SQLite and on PostgreSQL, .xlsx and .csv, beside
the raw insert of the same rows in the same run (sqlite3 executemany / PostgreSQL COPY); then
1,000,000 synthetic people bulk-loaded and looked up by ID number through the ORM.
Prints one Markdown section.
"""

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from django_env import pg_available, setup  # noqa: E402

PEOPLE = 57_004
LOOKUP_PEOPLE = 1_000_000
LOOKUPS = 1_000


# --- the roster file ----------------------------------------------------------------------------

def roster_file_rows(roster, names: dict[str, str], *, county: str | None = None
                     ) -> tuple[list[str], list[list[str]]]:
    """Synthetic households (registry.demo) as the roster import's header and rows, areas named
    from `names` (code -> name). With `county` (a 12-digit code), the rows are moved to that
    county: area codes and numbers under its 6-digit prefix, ID numbers readdressed (bench_scale's
    one more county); without, as generated (Lintao)."""
    from xiezuo.registry import scale
    from xiezuo.registry.roster.columns import COLUMNS

    prefix = (county or "")[:6]

    def moved(c: str) -> str:
        return prefix + c[6:] if prefix else c

    def yn(v):
        return "" if v is None else ("是" if v else "否")

    rows = []
    for h in roster:
        for p in h.members:
            v = {"county": names[county or "621124000000"], "township": names[moved(h.township_code)],
                 "village": names[moved(h.village_code)], "natural_village": h.natural_village,
                 "number": moved(h.number), "person_number": moved(p.number), "name": p.name,
                 "id_number": scale.readdress(p.id_number, prefix) if prefix else p.id_number,
                 "size": str(h.size), "relation": p.relation, "ethnicity": p.ethnicity,
                 "education": p.education, "schooling": p.schooling, "health": p.health,
                 "labour_capacity": p.labour_capacity, "employment": p.employment,
                 "months_worked": "" if p.months_worked is None else str(p.months_worked),
                 "illness_insurance": yn(p.illness_insurance), "exit_status": h.exit_status,
                 "exit_year": str(h.exit_year or ""), "poverty_attribute": h.poverty_attribute,
                 "main_cause": h.main_cause, "dangerous_house": yn(h.dangerous_house),
                 "water_safe": yn(h.water_safe), "water_difficulty": yn(h.water_difficulty),
                 "income_per_capita": str(h.income_per_capita), "phone": h.phone,
                 "first_identified": h.first_identified.isoformat(),
                 "other_causes": h.other_causes}
            rows.append([v[c.key] for c in COLUMNS])
    return [c.header for c in COLUMNS], rows


def roster_rows() -> tuple[list[str], list[list[str]]]:
    """The demo generator's 57,004 people as roster rows (needs the demo's villages)."""
    from xiezuo.core.synthetic import DEFAULT_SEED, DemoContext
    from xiezuo.regions import demo as regions_demo
    from xiezuo.regions.models import Area
    from xiezuo.registry import demo

    ctx = DemoContext(seed=DEFAULT_SEED, stdout=open(os.devnull, "w"))  # noqa: SIM115
    regions_demo.build(ctx)
    rng = ctx.sub_rng("registry")
    villages = demo.demo_villages()
    roster = demo.synthetic_roster(rng, villages, demo.village_populations(rng, villages),
                                   people=PEOPLE)
    names = dict(Area.objects.filter(code__startswith="621124").values_list("code", "name"))
    return roster_file_rows(roster, names)


def write_files(header, rows, folder: Path) -> tuple[Path, Path]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    xlsx, csv_path = folder / "roster.xlsx", folder / "roster.csv"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(["临洮县建档立卡贫困人口花名册（合成数据）"])  # a title row above the header
    ws.append(header)
    id_col = header.index("证件号码")
    for row in rows:
        row = list(row)
        cell = WriteOnlyCell(ws, value=row[id_col])
        cell.number_format = "@"
        row[id_col] = cell
        ws.append(row)
    wb.save(xlsx)
    with csv_path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return xlsx, csv_path


# --- baselines ----------------------------------------------------------------------------------

def raw_sqlite(header, rows, folder: Path) -> float:
    """sqlite3 executemany of the same rows into a table of the roster's columns, one commit."""
    import sqlite3

    db = sqlite3.connect(folder / "raw.sqlite3")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    cols = ", ".join(f"c{i} TEXT" for i in range(len(header)))
    db.execute(f"CREATE TABLE roster (id INTEGER PRIMARY KEY, {cols})")
    sql = (f"INSERT INTO roster ({', '.join(f'c{i}' for i in range(len(header)))}) "
           f"VALUES ({', '.join('?' * len(header))})")
    started = time.perf_counter()
    with db:
        db.executemany(sql, rows)
    took = time.perf_counter() - started
    db.close()
    return took


def raw_postgres(header, rows) -> float:
    """PostgreSQL COPY of the same rows into a table of the roster's columns, one commit."""
    from django.db import connection

    cols = ", ".join(f"c{i} text" for i in range(len(header)))
    with connection.cursor() as c:
        c.execute(f"CREATE TABLE bench_raw_roster (id bigserial PRIMARY KEY, {cols})")
    connection.commit() if not connection.get_autocommit() else None
    started = time.perf_counter()
    with connection.cursor() as c:
        names = ", ".join(f"c{i}" for i in range(len(header)))
        with c.cursor.copy(f"COPY bench_raw_roster ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    took = time.perf_counter() - started
    return took


def clear_registry() -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as c:
        for t in ("registry_statuschange", "registry_monitoringrecord", "registry_person",
                  "registry_household", "registry_rosterimport"):
            c.execute(f"DELETE FROM {t}")


# --- parts (each in its own process) --------------------------------------------------------------

def part_import(db: str, folder: Path) -> dict:
    setup(db, name="xiezuo_bench_registry")
    from xiezuo.regions.reference import LINTAO
    from xiezuo.registry.models import Person
    from xiezuo.registry.services import household_import

    started = time.perf_counter()
    header, rows = roster_rows()
    xlsx, csv_path = folder / "roster.xlsx", folder / "roster.csv"
    if not xlsx.exists():  # the first database's run writes the files, the next reuses them
        write_files(header, rows, folder)
    out = {"generate_s": time.perf_counter() - started, "rows": len(rows),
           "xlsx_mb": xlsx.stat().st_size / 2**20}

    cpu = {}

    def timed(path):
        t, c = time.perf_counter(), time.process_time()
        # the reference areas hold several pairs since issue 15: the roster is Lintao's
        r = household_import(path=path, county_code=LINTAO)
        cpu[path.suffix] = time.process_time() - c  # this process only (not PostgreSQL's)
        return time.perf_counter() - t, r

    out["xlsx_s"], r = timed(xlsx)
    out["xlsx_cpu"] = cpu[".xlsx"]
    assert r.persons_created == PEOPLE and r.rejected == 0, (r.rejected, r.errors[:3])
    assert Person.objects.count() == PEOPLE
    out["households"] = r.households_created
    out["reimport_s"], r = timed(xlsx)
    assert r.unchanged == PEOPLE
    clear_registry()
    out["csv_s"], r = timed(csv_path)
    out["csv_cpu"] = cpu[".csv"]
    assert r.persons_created == PEOPLE
    out.update(rotation(folder))
    out["raw_s"] = raw_sqlite(header, rows, folder) if db == "sqlite" else raw_postgres(header,
                                                                                          rows)
    return out


def rotation(folder: Path) -> dict:
    """`rotate_field_key` over the imported roster, beside decrypting every row (a read pass)."""
    from django.conf import settings
    from django.core.management import call_command
    from django.test import override_settings

    from xiezuo.registry import crypto
    from xiezuo.registry.models import Person

    old = crypto.FieldKeys.current()
    started = time.perf_counter()
    for blob in Person.objects.values_list("id_cipher", flat=True).iterator(chunk_size=2000):
        old.decrypt(blob)
    read_s = time.perf_counter() - started
    # the bench runs on the key derived from SECRET_KEY, so the old key is given as that
    (folder / "old.secret").write_text(settings.SECRET_KEY)
    with override_settings(FIELD_ENCRYPTION_KEY=crypto.new_field_key()):
        started = time.perf_counter()
        call_command("rotate_field_key", old_secret_key_file=str(folder / "old.secret"))
        rotate_s = time.perf_counter() - started
    return {"rotate_s": rotate_s, "decrypt_s": read_s}


def synthetic_ids(n: int) -> list[str]:
    """n distinct valid numbers: birth dates 1940-… times sequence numbers."""
    import datetime

    from xiezuo.registry.idnumber import check_char

    start = datetime.date(1940, 1, 1)
    days = 27_000
    out = []
    for i in range(n):
        d = start + datetime.timedelta(days=i % days)
        first17 = f"621124{d:%Y%m%d}{i // days:03d}"
        out.append(first17 + check_char(first17))
    return out


def part_lookup(db: str) -> dict:
    setup(db, name="xiezuo_bench_registry_lookup")
    from django.db import connection, transaction
    from django.utils import timezone

    from xiezuo.regions.models import Area
    from xiezuo.registry import crypto
    from xiezuo.registry.models import Household, Person
    from xiezuo.tabular.bulk import insert_rows

    county = Area.objects.get(code="621124000000")
    township = Area.objects.get(code="621124100000")
    village = Area.objects.create(code="621124100201", name="基准村", level="village",
                                  parent=township, side="west", synthetic=True)
    ids = synthetic_ids(LOOKUP_PEOPLE)
    per_household = 4
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        insert_rows(Household, ["county", "township", "village", "number", "created_at",
                                "updated_at"],
                    ((county.id, township.id, village.id, f"B{i:07d}", now, now)
                     for i in range(LOOKUP_PEOPLE // per_household)))
        first = Household.objects.order_by("id").values_list("id", flat=True).first()
        fields = ["household", "name", "id_cipher", "id_hash", "id_masked", "sex", "birth_date",
                  "relation", "created_at", "updated_at"]

        def people():
            for i, number in enumerate(ids):
                yield (first + i // per_household, "基准", crypto.encrypt_id(number),
                       crypto.id_hash(number), crypto.mask_id(number),
                       "男" if int(number[16]) % 2 else "女", f"{number[6:10]}-{number[10:12]}-"
                       f"{number[12:14]}", "户主" if i % per_household == 0 else "之子", now, now)

        if db == "postgres":
            # COPY: the bulk path PostgreSQL offers; the lookup, not the load, is measured here.
            with connection.cursor() as c:
                cols = ", ".join(Person._meta.get_field(f).column for f in fields)
                more = ", ".join(["version", "ethnicity", "education", "schooling", "health",
                                  "labour_capacity", "employment", "number"])
                with c.cursor.copy(f"COPY registry_person ({cols}, {more}) FROM STDIN") as copy:
                    for row in people():
                        copy.write_row([*row, 1, "", "", "", "", "", "", ""])
        else:
            insert_rows(Person, fields, people(), batch=20_000)
    load_s = time.perf_counter() - started
    with connection.cursor() as c:
        c.execute("ANALYZE")
    assert Person.objects.count() == LOOKUP_PEOPLE
    rng = random.Random(7)
    wanted = [rng.choice(ids) for _ in range(LOOKUPS)]
    times = []
    for number in wanted:
        t = time.perf_counter()
        p = Person.objects.filter(id_hash=crypto.id_hash(number)).first()
        found = crypto.decrypt_id(p.id_cipher)
        times.append((time.perf_counter() - t) * 1000)
        assert found == number
    times.sort()
    return {"load_s": load_s, "median_ms": statistics.median(times),
            "p95_ms": times[int(0.95 * len(times)) - 1], "max_ms": times[-1]}


def child(part: str, db: str, folder: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--part", part, "--db", db, "--folder",
                           str(folder)], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"bench part {part} on {db} failed")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=["import", "lookup"])
    ap.add_argument("--db", default="sqlite")
    ap.add_argument("--no-postgres", action="store_true")
    ap.add_argument("--folder", help="where the roster files are (written if missing)")
    a = ap.parse_args()
    if a.part:
        folder = Path(a.folder or tempfile.mkdtemp(prefix="bench-registry-"))
        result = part_import(a.db, folder) if a.part == "import" else part_lookup(a.db)
        print(json.dumps(result))
        return 0
    dbs = ["sqlite"] + (["postgres"] if not a.no_postgres and pg_available() else [])
    load_before = os.getloadavg()[0]
    folder = Path(tempfile.mkdtemp(prefix="bench-registry-"))
    imports = {db: child("import", db, folder) for db in dbs}
    lookups = {db: child("lookup", db, folder) for db in dbs}
    load_after = os.getloadavg()[0]
    s = imports["sqlite"]
    lines = [
        "## Registry: roster import and ID lookup",
        "",
        f"A synthetic {s['rows']:,}-person roster ({s['households']:,} households; the demo "
        f"generator's people, a title row above the header; .xlsx {s['xlsx_mb']:.1f} MB) "
        "imported end to end with `household_import` (read, check every rule, encrypt and hash "
        "each ID, write in one transaction) into an empty registry, beside the raw insert of the "
        "same rows as text in the same run (sqlite3 `executemany`; PostgreSQL `COPY`). Then "
        f"{LOOKUP_PEOPLE:,} synthetic people bulk-loaded and {LOOKUPS:,} exact lookups by ID "
        "number through the ORM (HMAC of the number, indexed `id_hash`, decrypt the match).",
        "",
        "| figure | measured | target | baseline (same run) | ratio |",
        "|---|---|---|---|---|",
    ]
    for db in dbs:
        r = imports[db]
        raw = r["rows"] / r["raw_s"]
        label = "SQLite" if db == "sqlite" else "PostgreSQL"
        base = "executemany" if db == "sqlite" else "COPY"
        target = "≤ 15 s" if db == "sqlite" else "—"
        lines.append(f"| {label}: import .xlsx, end to end | {r['xlsx_s']:.1f} s "
                     f"({r['rows'] / r['xlsx_s']:,.0f} rows/s; Python CPU {r['xlsx_cpu']:.1f} s)"
                     f" | {target} | raw {base} "
                     f"{r['raw_s']:.2f} s ({raw:,.0f} rows/s) | {r['xlsx_s'] / r['raw_s']:.0f}× |")
        lines.append(f"| {label}: import .csv, end to end | {r['csv_s']:.1f} s "
                     f"({r['rows'] / r['csv_s']:,.0f} rows/s; Python CPU {r['csv_cpu']:.1f} s)"
                     f" | — | raw {base} "
                     f"{r['raw_s']:.2f} s | {r['csv_s'] / r['raw_s']:.0f}× |")
        lines.append(f"| {label}: re-import .xlsx, all unchanged | {r['reimport_s']:.1f} s | — "
                     f"| — | — |")
        lines.append(f"| {label}: `rotate_field_key` over {r['rows']:,} people | "
                     f"{r['rotate_s']:.1f} s | — | decrypting every row {r['decrypt_s']:.2f} s | "
                     f"{r['rotate_s'] / r['decrypt_s']:.0f}× |")
    for db in dbs:
        r = lookups[db]
        label = "SQLite" if db == "sqlite" else "PostgreSQL"
        lines.append(f"| {label}: lookup by ID at {LOOKUP_PEOPLE:,} people, median / p95 | "
                     f"{r['median_ms']:.2f} / {r['p95_ms']:.2f} ms | < 50 ms | — | — |")
    if "postgres" not in dbs:
        lines += ["", "PostgreSQL was not reachable: its rows are missing."]
    lines += ["", "The ratio is the import's time over the raw insert's: what reading the file, "
              "checking every rule, encrypting each ID and keeping the records' trace cost over "
              f"writing the bare text. Loading the {LOOKUP_PEOPLE:,} people for the lookup took "
              + ", ".join(f"{lookups[db]['load_s']:.0f} s on "
                          f"{'SQLite' if db == 'sqlite' else 'PostgreSQL'}" for db in dbs) + ". "
              f"The machine is shared: its 1-minute load average was {load_before:.1f} when the "
              f"run began and {load_after:.1f} when it ended (2 cores), so wall times include "
              "waiting for the CPU; the Python CPU time is the import process's own work."]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())

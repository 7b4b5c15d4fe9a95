"""Labour from the database: a matching run over the demo's labour database, and the survey
import, each beside its baseline from the same run.

    .venv/bin/python bench/bench_labour.py      (SQLite, and PostgreSQL when reachable)

The synthetic demo (57,004 registered people, its labour survey, employers and openings) is
built first. Baselines: for the run, the engine alone (tables + solve) on the same inputs, so the
ratio is what reading the database and storing the proposals add; for the import, a raw
executemany insert of the same profile rows (tabular.bulk.insert_rows).
"""

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django_env import pg_available, setup  # noqa: E402


def _survey_file(path: Path) -> int:
    """The demo's profiles written back as a survey workbook (as a county would send it)."""
    from openpyxl import Workbook

    from xiezuo.labour.models import LabourProfile
    from xiezuo.registry import crypto

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("调查表")
    ws.append(["证件号码", "就业意愿", "可外出务工", "技能", "证书", "期望月薪", "意向地区",
               "现工作单位", "备注"])
    n = 0
    for p in LabourProfile.objects.select_related("person").order_by("id").iterator(2000):
        ws.append([crypto.decrypt_id(p.person.id_cipher), "是" if p.willing else "否",
                   "是" if p.can_work_away else "否", "、".join(p.skill_list),
                   "、".join(p.certificate_list), str(p.expected_wage or ""),
                   ";".join(p.destination_list), p.current_employer, p.note])
        n += 1
    wb.save(path)
    return n


def run(db: str) -> list[tuple[str, str, str, str, str]]:
    from django.db import transaction

    from xiezuo.accounts.models import User
    from xiezuo.core import synthetic
    from xiezuo.labour import seekers as s
    from xiezuo.labour.imports import survey_import
    from xiezuo.labour.matching.engine import build_tables, solve
    from xiezuo.labour.models import LabourProfile, MatchRun
    from xiezuo.labour.runs import _create, match_run_execute
    from xiezuo.tabular.bulk import insert_rows

    with transaction.atomic():
        synthetic.build(seed=synthetic.DEFAULT_SEED, stdout=io.StringIO())
    cw = User.objects.get(username="caseworker")

    run_ = _create(actor=cw)
    started = time.perf_counter()
    run_ = match_run_execute(run_id=run_.pk)
    total = time.perf_counter() - started
    summary = run_.summary
    from django.utils import timezone

    seekers, openings = s.load_inputs(user=cw, today=timezone.localdate())
    started = time.perf_counter()
    st, ot = build_tables(seekers, openings)
    result = solve(st, ot, weights=s.weights(), alternatives=s.alternatives())
    engine = time.perf_counter() - started
    assert result.objective == summary["objective"]
    MatchRun.objects.all().delete()

    path = Path(tempfile.mkdtemp()) / "survey.xlsx"
    n = _survey_file(path)
    rows = list(LabourProfile.objects.order_by("id").values_list(
        "person_id", "willing", "can_work_away", "skills", "certificates", "expected_wage",
        "destinations", "current_employer", "note"))
    LabourProfile.objects.all().delete()
    started = time.perf_counter()
    r = survey_import(path=path)
    imp = time.perf_counter() - started
    assert r.created == n and r.rejected == 0, r.as_json()
    LabourProfile.objects.all().delete()
    started = time.perf_counter()
    with transaction.atomic():
        insert_rows(LabourProfile, ["person", "willing", "can_work_away", "skills",
                                    "certificates", "expected_wage", "destinations",
                                    "current_employer", "note", "version"],
                    (row + (1,) for row in rows))
    raw = time.perf_counter() - started

    label = "SQLite" if db == "sqlite" else "PostgreSQL"
    return [
        (f"matching run from the database, {summary['seekers']:,} seekers × "
         f"{summary['openings']} openings ({summary['positions']} positions), end to end "
         f"({label})", f"{total:.2f} s", "≤ 30 s", f"engine alone {engine:.2f} s",
         f"{total / engine:.1f}×"),
        (f"labour survey import, {n:,} rows .xlsx, end to end ({label})",
         f"{imp:.2f} s ({n / imp:,.0f} rows/s)", "≤ 15 s",
         f"raw insert {raw:.2f} s ({n / raw:,.0f} rows/s)", f"{imp / raw:.1f}×"),
    ]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", choices=["sqlite", "postgres"],
                    help="measure one database and print its rows as JSON (used internally)")
    args = ap.parse_args()
    if args.db:  # one database per process: Django is set up once
        setup(args.db, name="xiezuo_bench_labour")
        print(json.dumps(run(args.db), ensure_ascii=False))
        return
    rows = []
    for db in ["sqlite"] + (["postgres"] if pg_available() else []):
        out = subprocess.run([sys.executable, __file__, "--db", db], check=True,
                             capture_output=True, text=True).stdout
        rows += json.loads(out.strip().splitlines()[-1])
    print("## Labour: matching from the database and the survey import\n")
    print("A matching run over the synthetic demo's labour database (all of Lintao, read as the "
          "county case worker), and the import of the demo's labour survey written back to a "
          "workbook, each beside its baseline measured in the same run.\n")
    print("| figure | measured | target | baseline (same run) | ratio |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

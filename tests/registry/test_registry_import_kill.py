"""An import interrupted half-way leaves the database as it was (one transaction)."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.models import AuditEvent
from xiezuo.regions.models import Area
from xiezuo.registry.models import Household, Person, RosterImport, StatusChange
from xiezuo.registry.roster.columns import COLUMNS
from xiezuo.registry.services import household_import
from xiezuo.registry.services import roster_import as services  # BATCH and _after_batch live here

HEADER = [c.header for c in COLUMNS if c.key != "other_causes"]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def _rows(household):
    def _rows(n_households: int) -> list[dict]:
        out = []
        for i in range(n_households):
            out += household(f"K{i:03d}", 3, seed0=1000 + 3 * i)
        return out
    return _rows


@pytest.mark.django_db
def test_an_error_after_half_the_batches_leaves_nothing_written(areas, tmp_path, monkeypatch, write_xlsx, _rows):
    household_import(path=write_xlsx(tmp_path / "first.xlsx", _rows(2)))
    before = (Household.objects.count(), Person.objects.count(), StatusChange.objects.count(),
              RosterImport.objects.count(), AuditEvent.objects.count(), Area.objects.count())
    rows = _rows(12)  # 2 households already stored (unchanged), 10 new ones
    for row in rows[:6]:
        row["文化程度"] = "小学"  # and 6 updates
    for row in rows[6:]:
        row["行政村"] = "中断村"  # a new village, created inside the transaction
    monkeypatch.setattr(services, "BATCH", 4)
    seen = []

    def interrupt(done: int) -> None:
        seen.append(done)
        if len(seen) == 4:
            raise KeyboardInterrupt("killed half-way")

    monkeypatch.setattr(services, "_after_batch", interrupt)
    with pytest.raises(KeyboardInterrupt):
        household_import(path=write_xlsx(tmp_path / "second.xlsx", rows), new_villages=True)
    assert len(seen) == 4 and seen[-1] < 10 + 30 + 6  # stopped before the last batch
    after = (Household.objects.count(), Person.objects.count(), StatusChange.objects.count(),
             RosterImport.objects.count(), AuditEvent.objects.count(), Area.objects.count())
    assert after == before
    assert set(Person.objects.values_list("education", flat=True)) == {"初中"}


SCRIPT = textwrap.dedent("""
    import os, sys, time
    os.environ["DJANGO_SETTINGS_MODULE"] = "xiezuo.settings"
    import django
    django.setup()
    from django.core.management import call_command
    from xiezuo.regions.reference import load_reference
    from xiezuo.registry.services import roster_import as services
    mode, roster = sys.argv[1], sys.argv[2]
    if mode == "setup":
        call_command("migrate", verbosity=0)
        load_reference()
        from xiezuo.regions.models import Area
        t = Area.objects.get(code="621124100000")
        Area.objects.create(code="621124100201", name="测试洮阳镇1村", level="village", parent=t,
                            side="west")
        sys.exit(0)
    services.BATCH = 5
    def pause(done):
        print("BATCH", done, flush=True)
        if done >= 20:
            time.sleep(60)  # the parent kills the process here, mid-transaction
    services._after_batch = pause
    services.household_import(path=roster)
""")


def test_sigkill_during_the_import_leaves_the_database_as_it_was(tmp_path, _rows):
    """A real kill -9 of the import process on the SQLite file database."""
    data_dir = tmp_path / "data"
    env = {**os.environ, "XIEZUO_DATA_DIR": str(data_dir), "XIEZUO_SECRET_KEY": "kill-test-key",
           "PYTHONPATH": str(ROOT / "src")}
    env.pop("DATABASE_URL", None)
    script = tmp_path / "run.py"
    script.write_text(SCRIPT, "utf-8")
    subprocess.run([sys.executable, str(script), "setup", ""], env=env, check=True, timeout=120)
    from openpyxl import Workbook
    roster = tmp_path / "r.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in _rows(15):
        ws.append([row.get(h) for h in HEADER])
    wb.save(roster)
    proc = subprocess.Popen([sys.executable, str(script), "run", str(roster)], env=env,
                            stdout=subprocess.PIPE, text=True)
    try:
        for line in proc.stdout:
            if line.startswith("BATCH") and int(line.split()[1]) >= 20:
                break
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    db = sqlite3.connect(data_dir / "xiezuo.sqlite3")
    counts = [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in (
        "registry_household", "registry_person", "registry_statuschange", "registry_rosterimport")]
    audit = db.execute("SELECT COUNT(*) FROM accounts_auditevent WHERE action = ?",
                       [AuditAction.IMPORT.value]).fetchone()[0]
    assert counts == [0, 0, 0, 0] and audit == 0

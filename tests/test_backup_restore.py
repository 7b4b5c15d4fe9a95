"""`xiezuo backup` and `xiezuo restore`: a round trip equal to the original (counts, ledger head,
a revealed ID number, with the field key given apart from the backup), on the database the suite
runs on (SQLite or PostgreSQL), and every refusal leaving things as they were."""

import base64
import json
import os
import subprocess
import sys
import textwrap
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from xiezuo.funds import triggers
from xiezuo.registry.models import Person
from xiezuo.registry.services import household_import, person_reveal_id

ROOT = Path(__file__).resolve().parents[1]

FIELD_KEY = base64.b64encode(b"backup-round-trip-field-key-32by").decode()
SECRET_KEY = "test-only-secret-key-not-for-production-0123456789"


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "data"
    d.mkdir(mode=0o700)
    with override_settings(DATA_DIR=d, UPLOAD_DIR=d / "uploads", REPORT_DIR=d / "reports",
                           FIELD_ENCRYPTION_KEY=FIELD_KEY):
        yield d


@pytest.fixture
def unlock_ledger_after():
    """The test database is emptied with DELETE on SQLite, which the ledger's trigger refuses."""
    yield
    if connection.vendor == "sqlite":
        triggers.drop(connection)


@pytest.fixture
def dataset(data_dir, areas, users, tmp_path, unlock_ledger_after, roster, funds_build, funds_pay):
    """A small demo-like set: two households (an uploaded roster kept under the data
    directory), three projects and two disbursements on the ledger, the key files in DATA_DIR."""
    rows = roster.household("B1", 3) + roster.household("B2", 2, **{"乡(镇)": "辛店镇", "行政村": "测试辛店镇1村"})
    household_import(actor=users["county_admin"], path=roster.write_xlsx(tmp_path / "roster.xlsx", rows))
    f = funds_build(areas, users)
    funds_pay(f["p1"], "12345.60", actor=f["officer"], voucher="PZ-1")
    funds_pay(f["p2"], "500.00", actor=f["officer"], voucher="PZ-2")
    person = Person.objects.get(name=rows[0]["姓名"])
    revealed = person_reveal_id(actor=users["county_admin"], person=person)
    assert revealed == rows[0]["证件号码"]
    (data_dir / "secret_key").write_text(SECRET_KEY)
    (data_dir / "field_key").write_text(FIELD_KEY)
    return {"person": person, "id_number": revealed}


def _env(target_dir: Path, database_url: str | None, *, field_key: str = FIELD_KEY) -> dict:
    env = {**os.environ, "XIEZUO_DATA_DIR": str(target_dir), "XIEZUO_SECRET_KEY": SECRET_KEY,
           "XIEZUO_FIELD_KEY": field_key, "PYTHONPATH": str(ROOT / "src"),
           "DJANGO_SETTINGS_MODULE": "xiezuo.settings"}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _xiezuo(*args, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xiezuo", *args], env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def empty_database():
    """A database URL for an empty database of the suite's engine (None: a fresh SQLite file
    in the data directory given to the subprocess)."""
    if connection.vendor == "sqlite":
        yield None
        return
    import psycopg

    s = connection.settings_dict
    name = f"{s['NAME']}_restore"
    conninfo = {"host": s["HOST"] or "127.0.0.1", "port": s["PORT"] or 5432,
                "user": s["USER"], "password": s["PASSWORD"] or None, "dbname": "postgres",
                "autocommit": True}
    with psycopg.connect(**conninfo) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    yield f"postgres://{s['USER']}{password}@{conninfo['host']}:{conninfo['port']}/{name}"
    with psycopg.connect(**conninfo) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


READ_BACK = textwrap.dedent("""
    import json, sys
    import django
    django.setup()
    from django.db import connection
    from xiezuo.core.backup import _state, _tables
    from xiezuo.registry.crypto import decrypt_id
    from xiezuo.registry.models import Person
    with connection.cursor() as cursor:
        state = _state(cursor, tables=_tables())
    person = Person.objects.get(pk=int(sys.argv[1]))
    print(json.dumps({"state": state, "id_number": decrypt_id(person.id_cipher)}))
""")


def _modes(root: Path) -> set[tuple[str, str]]:
    """(kind, mode) of everything under root."""
    out = set()
    for p in [root, *root.rglob("*")]:
        out.add(("dir" if p.is_dir() else "file", oct(p.stat().st_mode & 0o777)))
    return out


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_gives_back_the_same_counts_ledger_head_and_id_number(
        dataset, data_dir, tmp_path, empty_database):
    out = StringIO()
    call_command("backup", out=str(tmp_path / "bk"), stdout=out)
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text("utf-8"))
    assert manifest["engine"] == connection.vendor and manifest["xiezuo_version"]
    assert manifest["counts"]["registry.person"] == 5
    assert manifest["ledger"]["entries"] >= 3 and manifest["ledger"]["head_seq"] > 0
    assert any(f["path"].startswith("uploads/") for f in manifest["files"])
    assert "accounts" in manifest["migrations"]
    # Never the keys: not as files, not inside any file of the backup.
    assert not {"secret_key", "field_key"} & {Path(f["path"]).name for f in manifest["files"]}
    for p in (tmp_path / "bk").rglob("*"):
        if p.is_file():
            blob = p.read_bytes()
            assert FIELD_KEY.encode() not in blob and SECRET_KEY.encode() not in blob, p
    assert _modes(tmp_path / "bk") == {("dir", "0o700"), ("file", "0o600")}

    target = tmp_path / "restored"
    env = _env(target, empty_database)
    done = _xiezuo("restore", str(tmp_path / "bk"), env=env)
    assert done.returncode == 0, done.stderr
    assert "恢复完成" in done.stdout and "资金台账哈希链完整" in done.stdout

    script = tmp_path / "read_back.py"
    script.write_text(READ_BACK, "utf-8")
    read = subprocess.run([sys.executable, str(script), str(dataset["person"].pk)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert read.returncode == 0, read.stderr
    back = json.loads(read.stdout.strip().splitlines()[-1])
    assert back["state"]["counts"] == manifest["counts"]
    assert back["state"]["ledger"] == manifest["ledger"]
    assert back["state"]["migrations"] == manifest["migrations"]
    assert back["id_number"] == dataset["id_number"]
    for f in manifest["files"]:
        assert (target / f["path"]).read_bytes() == (data_dir / f["path"]).read_bytes()
    assert not (target / "field_key").exists() and not (target / "secret_key").exists()
    kept = target / "uploads"
    assert _modes(kept) == {("dir", "0o700"), ("file", "0o600")}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("damage", ["changed", "missing", "no_manifest"])
def test_restore_refuses_a_changed_or_missing_file_and_changes_nothing(
        dataset, data_dir, tmp_path, damage):
    call_command("backup", out=str(tmp_path / "bk"), stdout=StringIO())
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text("utf-8"))
    victim = tmp_path / "bk" / "files" / manifest["files"][0]["path"]
    if damage == "changed":
        blob = bytearray(victim.read_bytes())
        blob[len(blob) // 2] ^= 1
        victim.write_bytes(bytes(blob))
    elif damage == "missing":
        victim.unlink()
    else:
        (tmp_path / "bk" / "manifest.json").unlink()
    before = (Person.objects.count(), sorted(p.name for p in data_dir.rglob("*")))
    err = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("restore", str(tmp_path / "bk"), stderr=err)
    assert exit_.value.code == 2
    expected = {"changed": "已被改动", "missing": "缺少文件", "no_manifest": "没有 manifest.json"}
    assert expected[damage] in err.getvalue()
    assert (Person.objects.count(), sorted(p.name for p in data_dir.rglob("*"))) == before


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(dataset, data_dir, tmp_path):
    call_command("backup", out=str(tmp_path / "bk"), stdout=StringIO())
    Person.objects.filter(pk=dataset["person"].pk).update(name="恢复前改过")
    err = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("restore", str(tmp_path / "bk"), stderr=err)
    assert exit_.value.code == 2 and "目标数据库不是空的" in err.getvalue()
    assert Person.objects.get(pk=dataset["person"].pk).name == "恢复前改过"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_data_directory_that_is_not_empty(dataset, tmp_path, empty_database):
    call_command("backup", out=str(tmp_path / "bk"), stdout=StringIO())
    target = tmp_path / "busy"
    (target / "uploads").mkdir(parents=True)
    (target / "uploads" / "someone-elses.xlsx").write_bytes(b"not ours")
    done = _xiezuo("restore", str(tmp_path / "bk"), env=_env(target, empty_database))
    assert done.returncode == 2 and "数据目录" in done.stderr and "不是空的" in done.stderr
    assert sorted(p.name for p in target.rglob("*") if p.is_file()
                  and p.parent.name == "uploads") == ["someone-elses.xlsx"]
    assert not any(p.name.endswith(".xlsx") and p.name != "someone-elses.xlsx"
                   for p in target.rglob("*"))


@pytest.mark.django_db(transaction=True)
def test_backup_refuses_a_folder_that_is_not_empty_or_inside_the_data_directory(
        data_dir, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("x")
    for out, says in ((tmp_path / "used", "不是空目录"), (data_dir / "bk", "数据目录")):
        err = StringIO()
        with pytest.raises(SystemExit) as exit_:
            call_command("backup", out=str(out), stderr=err)
        assert exit_.value.code == 2 and says in err.getvalue()
    assert not (data_dir / "bk").exists()

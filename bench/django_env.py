"""Set up Django for a benchmark script: a fresh database in a temp dir (SQLite) or on PostgreSQL.

    from django_env import setup
    setup("sqlite")            # or setup("postgres") -> a fresh database xiezuo_bench
"""

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

PG_URL = os.environ.get("XIEZUO_BENCH_PG", "postgres://postgres@127.0.0.1:5432/xiezuo_bench")


def setup(db: str = "sqlite", *, name: str = "xiezuo_bench") -> None:
    os.environ.setdefault("XIEZUO_SECRET_KEY", "bench-only-secret")
    os.environ["XIEZUO_DATA_DIR"] = tempfile.mkdtemp(prefix=f"{name}-")
    if db == "postgres":
        url = PG_URL.rsplit("/", 1)[0] + f"/{name}"
        _recreate_pg(url)
        os.environ["DATABASE_URL"] = url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "xiezuo.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("init", verbosity=0)


def _recreate_pg(url: str) -> None:
    import psycopg

    base, dbname = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{dbname}"')


def pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_URL.rsplit("/", 1)[0] + "/postgres", connect_timeout=3):
            return True
    except Exception:
        return False


def backend_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL backend (same machine: read from
    /proc), so a request's cost can be told apart from waiting for a core on a loaded machine."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        pid = c.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

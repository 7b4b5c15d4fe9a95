"""Database triggers that make the ledger append-only: UPDATE and DELETE are refused.

Installed by migration 0002 and again after every migrate/flush (apps.FundsConfig.ready), so a
test database or a rebuilt demo always has them. They are a guard against mistakes and casual
edits; someone who can drop a trigger can change the table, which is why the entries are also
hash-chained (`xiezuo verify_ledger` finds such a change).

TRUNCATE is left alone on purpose: Django's `flush` (and the test runner on PostgreSQL) empties
tables with it. Production databases should give the application's role no TRUNCATE privilege.
"""

from contextlib import contextmanager

TABLE = "funds_ledgerentry"
MESSAGE = "funds_ledgerentry is append-only: corrections are new reversing entries"

_SQLITE_INSTALL = [
    f"CREATE TRIGGER IF NOT EXISTS funds_ledger_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} (UPDATE refused)'); END;",
    f"CREATE TRIGGER IF NOT EXISTS funds_ledger_no_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} (DELETE refused)'); END;",
]
_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS funds_ledger_no_update;",
    "DROP TRIGGER IF EXISTS funds_ledger_no_delete;",
]
_PG_INSTALL = [
    "CREATE OR REPLACE FUNCTION funds_ledger_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP; END; $$;",
    f"DROP TRIGGER IF EXISTS funds_ledger_append_only ON {TABLE};",
    f"CREATE TRIGGER funds_ledger_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION funds_ledger_refuse();",
]
_PG_DROP = [f"DROP TRIGGER IF EXISTS funds_ledger_append_only ON {TABLE};"]


def _statements(vendor: str, *, install: bool) -> list[str]:
    if vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_DROP
    if vendor == "postgresql":
        return _PG_INSTALL if install else _PG_DROP
    raise NotImplementedError(f"no append-only triggers for {vendor}")


def install(connection) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, install=True):
            cursor.execute(sql)


def drop(connection) -> None:
    """Remove the triggers (tests that tamper behind the application's back; flush in tests)."""
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, install=False):
            cursor.execute(sql)


def installed(connection) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE type='trigger' "
                           "AND name IN ('funds_ledger_no_update', 'funds_ledger_no_delete')")
            return cursor.fetchone()[0] == 2
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname='funds_ledger_append_only' "
                       "AND NOT tgisinternal")
        return cursor.fetchone()[0] == 1


def ensure(sender=None, using="default", **kwargs) -> None:
    """post_migrate receiver: put the triggers back if the ledger table exists without them."""
    from django.db import connections

    connection = connections[using]
    if TABLE in connection.introspection.table_names():
        install(connection)


@contextmanager
def unlocked(connection):
    """Drop the triggers for a block that must empty the ledger (`flush` before a demo rebuild:
    on SQLite flush DELETEs, which the trigger refuses), then put them back."""
    drop(connection)
    try:
        yield
    finally:
        ensure(using=connection.alias)

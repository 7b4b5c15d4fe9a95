"""The one way the registry's derived counts install and drop their database triggers: the
member counts (registry/member_count.py) and the village rollup (registry/rollup.py).

PostgreSQL: one statement-level trigger per event (INSERT, DELETE, UPDATE) with its transition
tables (`new_rows`, `old_rows`), each calling a plpgsql function whose one statement applies the
statement's differences; a bulk write runs each trigger once, whatever its row count. SQLite has
only row-level triggers: each table gives its own `CREATE TRIGGER` statements.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

# The transition tables each event's function reads.
_PG_EVENTS = {"ins": ("INSERT", "NEW TABLE AS new_rows"),
              "del": ("DELETE", "OLD TABLE AS old_rows"),
              "upd": ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows")}


@dataclass(frozen=True)
class Triggers:
    """The triggers named `<prefix>_<key>` on `table`: `pg_bodies` maps "ins", "del" and "upd"
    to the PostgreSQL function's statement; `sqlite` are the CREATE TRIGGER statements, named
    `<prefix>_<key>` for each key in `sqlite_names`."""

    prefix: str
    table: str
    pg_bodies: dict[str, str]
    sqlite: tuple[str, ...]
    sqlite_names: tuple[str, ...]

    def pg_statements(self) -> list[str]:
        out = []
        for key, body in self.pg_bodies.items():
            event, referencing = _PG_EVENTS[key]
            name = f"{self.prefix}_{key}"
            out += [
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {body}; RETURN NULL; END; $$;",
                f"DROP TRIGGER IF EXISTS {name} ON {self.table};",
                f"CREATE TRIGGER {name} AFTER {event} ON {self.table} REFERENCING {referencing} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}();",
            ]
        return out

    def install(self, connection) -> None:
        if connection.vendor == "sqlite":
            statements = list(self.sqlite)
        elif connection.vendor == "postgresql":
            statements = self.pg_statements()
        else:
            raise NotImplementedError(f"no {self.prefix} triggers for {connection.vendor}")
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    def drop(self, connection) -> None:
        """Remove the triggers (a migration's reverse, SQLite's bulk writers)."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for key in self.pg_bodies:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {self.prefix}_{key} ON {self.table}")
                    cursor.execute(f"DROP FUNCTION IF EXISTS {self.prefix}_{key}()")
            elif connection.vendor == "sqlite":
                for key in self.sqlite_names:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {self.prefix}_{key}")


@contextmanager
def sqlite_deferred(connection, *, what: str, drop: Callable[[], None],
                    restore: Callable[[], None]):
    """Around one bulk write inside a transaction: on SQLite `drop()` removes the row triggers
    and `restore()` puts them back and recounts once at the end (DDL is transactional there and
    the writer holds the database's only write lock, so no other write slips past the missing
    triggers; on an exception the transaction's rollback restores them with everything else).
    PostgreSQL's statement triggers are already cheap in bulk: nothing changes there. `what`
    names the caller in the error for a call outside a transaction."""
    if connection.vendor != "sqlite":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError(f"{what}.deferred() needs a transaction")
    drop()
    yield
    restore()

"""Database triggers that keep `Household.member_count` equal to the household's person rows.

Why: the plan's dashboard counts registered people and exits per year for a whole county. Counted
over the person table, each figure joins 57,000 persons to their households and villages; on
PostgreSQL that alone took 75 ms of a 150 ms page budget. Summed over households it takes about
5 ms. The count is kept by the database, not by the services, so no code path (import, demo,
moves, deletes, the admin, a test's `objects.create`) can forget it; `recount()` rebuilds it and
tests/registry/test_registry_member_count.py proves it follows every kind of change.

PostgreSQL uses statement-level triggers with transition tables (built by registry/triggers.py,
like the rollup's), so a bulk insert of a whole roster updates each household once, not once per
person. SQLite has only row-level triggers; there an UPDATE per person row cost 2.3 s of a
57,004-person roster import (9.6 s against 7.4 s without triggers), so the bulk writers use `deferred()`, which recounts once at the end.
"""

from xiezuo.registry.triggers import Triggers, sqlite_deferred

PERSON, HOUSEHOLD = "registry_person", "registry_household"

_SQLITE = [
    f"CREATE TRIGGER IF NOT EXISTS registry_member_count_ins AFTER INSERT ON {PERSON} BEGIN "
    f"UPDATE {HOUSEHOLD} SET member_count = member_count + 1 WHERE id = NEW.household_id; END;",
    f"CREATE TRIGGER IF NOT EXISTS registry_member_count_del AFTER DELETE ON {PERSON} BEGIN "
    f"UPDATE {HOUSEHOLD} SET member_count = member_count - 1 WHERE id = OLD.household_id; END;",
    f"CREATE TRIGGER IF NOT EXISTS registry_member_count_move AFTER UPDATE OF household_id "
    f"ON {PERSON} WHEN OLD.household_id IS NOT NEW.household_id BEGIN "
    f"UPDATE {HOUSEHOLD} SET member_count = member_count - 1 WHERE id = OLD.household_id; "
    f"UPDATE {HOUSEHOLD} SET member_count = member_count + 1 WHERE id = NEW.household_id; END;",
]

# One function per event; each adds the per-household difference of the statement's rows.
_PG_FUNCTIONS = {
    "ins": "SELECT household_id AS id, count(*) AS n FROM new_rows GROUP BY 1",
    "del": "SELECT household_id AS id, -count(*) AS n FROM old_rows GROUP BY 1",
    # an UPDATE that moves people: -1 where they were, +1 where they are
    "upd": ("SELECT id, sum(n) AS n FROM ("
            " SELECT o.household_id AS id, -1 AS n FROM old_rows o JOIN new_rows w ON w.id = o.id"
            "  WHERE o.household_id IS DISTINCT FROM w.household_id"
            " UNION ALL"
            " SELECT w.household_id, 1 FROM old_rows o JOIN new_rows w ON w.id = o.id"
            "  WHERE o.household_id IS DISTINCT FROM w.household_id) d GROUP BY 1"),
}
_TRIGGERS = Triggers(
    prefix="registry_member_count", table=PERSON, sqlite=tuple(_SQLITE),
    sqlite_names=("ins", "del", "move"),
    pg_bodies={key: f"UPDATE {HOUSEHOLD} h SET member_count = h.member_count + d.n "
                    f"FROM ({diff}) d WHERE h.id = d.id AND d.n <> 0"
               for key, diff in _PG_FUNCTIONS.items()})


def install(connection) -> None:
    _TRIGGERS.install(connection)


def drop(connection) -> None:
    """Remove the triggers (the migration's reverse)."""
    _TRIGGERS.drop(connection)


def recount(connection) -> int:
    """Recompute every household's count from its person rows; returns households changed."""
    with connection.cursor() as cursor:
        counted = f"(SELECT count(*) FROM {PERSON} p WHERE p.household_id = {HOUSEHOLD}.id)"
        cursor.execute(f"UPDATE {HOUSEHOLD} SET member_count = {counted} "
                       f"WHERE member_count <> {counted}")
        return cursor.rowcount


def deferred(connection):
    """Around one bulk write inside a transaction: on SQLite the row triggers (these and the
    village rollup's, registry.rollup) are dropped, every household recounted and the rollup
    rebuilt at the end (triggers.sqlite_deferred); on PostgreSQL nothing changes."""
    from xiezuo.registry import rollup  # the village rollup's row triggers likewise

    def off() -> None:
        drop(connection)
        rollup.drop(connection)

    def on() -> None:
        install(connection)
        recount(connection)
        rollup.install(connection)
        rollup.rebuild(connection)

    return sqlite_deferred(connection, what="member_count", drop=off, restore=on)

"""Database triggers that keep `VillageRollup`: households and their members per village, exit
status and exit year, equal to grouping the household rows.

Why: with 10 million registered people every county-wide figure (registered people, exits per
year, households, people still poor) summed over households reads 14,000 rows per county, and a
city's or a province's far more; the rollup's size follows villages (a few rows each), not
people. Kept by the database like the member counts (registry/member_count.py), so no code path
can forget it; `rebuild()` recomputes it and tests/registry/test_registry_rollup.py proves it
equals a recount after imports, edits, moves and deletes on SQLite and PostgreSQL.

The triggers sit on the household table: a person added, moved or removed changes the
household's `member_count` (by the member-count triggers), which is an UPDATE of the household,
so the rollup follows people too. PostgreSQL: statement-level triggers with transition tables
(one upsert per statement, however many rows), built by registry/triggers.py like the member
counts'. SQLite: row-level triggers; the bulk writers (`member_count.deferred`) drop them and
rebuild once at the end. See
docs/decisions/0009-village-rollup-and-scale.md.
"""

from xiezuo.registry.triggers import Triggers

HOUSEHOLD, ROLLUP = "registry_household", "registry_villagerollup"
_KEY = "village_id, exit_status, exit_year"

# --- SQLite: row triggers. NULL years are equal here (`IS`), as in the PostgreSQL index. -------

_SQLITE_ADD = (
    f"INSERT INTO {ROLLUP} ({_KEY}, households, members) "
    "SELECT {r}.village_id, {r}.exit_status, {r}.exit_year, 0, 0 WHERE NOT EXISTS ("
    f"SELECT 1 FROM {ROLLUP} WHERE village_id = {{r}}.village_id "
    "AND exit_status = {r}.exit_status AND exit_year IS {r}.exit_year); "
    f"UPDATE {ROLLUP} SET households = households + 1, members = members + {{r}}.member_count "
    "WHERE village_id = {r}.village_id AND exit_status = {r}.exit_status "
    "AND exit_year IS {r}.exit_year;")
_SQLITE_SUB = (
    f"UPDATE {ROLLUP} SET households = households - 1, members = members - {{r}}.member_count "
    "WHERE village_id = {r}.village_id AND exit_status = {r}.exit_status "
    "AND exit_year IS {r}.exit_year;")

_SQLITE = [
    f"CREATE TRIGGER IF NOT EXISTS registry_rollup_ins AFTER INSERT ON {HOUSEHOLD} BEGIN "
    + _SQLITE_ADD.format(r="NEW") + " END;",
    f"CREATE TRIGGER IF NOT EXISTS registry_rollup_del AFTER DELETE ON {HOUSEHOLD} BEGIN "
    + _SQLITE_SUB.format(r="OLD") + " END;",
    f"CREATE TRIGGER IF NOT EXISTS registry_rollup_upd AFTER UPDATE OF village_id, exit_status, "
    f"exit_year, member_count ON {HOUSEHOLD} WHEN OLD.village_id IS NOT NEW.village_id "
    "OR OLD.exit_status IS NOT NEW.exit_status OR OLD.exit_year IS NOT NEW.exit_year "
    "OR OLD.member_count IS NOT NEW.member_count BEGIN "
    + _SQLITE_SUB.format(r="OLD") + " " + _SQLITE_ADD.format(r="NEW") + " END;",
]
_SQLITE_NAMES = ("ins", "del", "upd")

# --- PostgreSQL: statement triggers; each adds the statement's differences per group. ---------

_PG_DIFFS = {
    "ins": f"SELECT {_KEY}, 1 AS h, member_count AS m FROM new_rows",
    "del": f"SELECT {_KEY}, -1 AS h, -member_count AS m FROM old_rows",
    "upd": (f"SELECT {_KEY}, -1 AS h, -member_count AS m FROM old_rows UNION ALL "
            f"SELECT {_KEY}, 1, member_count FROM new_rows"),
}
# An UPDATE of other fields (a phone number) cancels out per group and writes nothing.
_TRIGGERS = Triggers(
    prefix="registry_rollup", table=HOUSEHOLD, sqlite=tuple(_SQLITE), sqlite_names=_SQLITE_NAMES,
    pg_bodies={key: f"INSERT INTO {ROLLUP} AS r ({_KEY}, households, members) "
                    f"SELECT {_KEY}, sum(h), sum(m) FROM ({diff}) d GROUP BY {_KEY} "
                    "HAVING sum(h) <> 0 OR sum(m) <> 0 ON CONFLICT "
                    f"({_KEY}) DO UPDATE SET households = r.households + EXCLUDED.households, "
                    "members = r.members + EXCLUDED.members"
               for key, diff in _PG_DIFFS.items()})


def install(connection) -> None:
    _TRIGGERS.install(connection)


def drop(connection) -> None:
    _TRIGGERS.drop(connection)


def rebuild(connection) -> None:
    """Recompute the rollup from the household rows (the migration, the SQLite bulk writers,
    a repair). Groups that became empty disappear."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {ROLLUP}")
        cursor.execute(f"INSERT INTO {ROLLUP} ({_KEY}, households, members) "
                       f"SELECT {_KEY}, count(*), sum(member_count) FROM {HOUSEHOLD} "
                       f"GROUP BY {_KEY}")


def differences(connection) -> list[tuple]:
    """(village, status, year, kept households, kept members, counted households, counted
    members) for every group where the rollup differs from grouping the households: [] when it
    is right. Empty groups the triggers left behind count as equal."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.village_id, r.exit_status, r.exit_year, r.households, r.members, "
            f"COALESCE(c.households, 0), COALESCE(c.members, 0) FROM {ROLLUP} r LEFT JOIN ("
            f"SELECT {_KEY}, count(*) AS households, sum(member_count) AS members "
            f"FROM {HOUSEHOLD} GROUP BY {_KEY}) c ON c.village_id = r.village_id "
            "AND c.exit_status = r.exit_status "
            "AND (c.exit_year = r.exit_year OR (c.exit_year IS NULL AND r.exit_year IS NULL)) "
            "WHERE r.households <> COALESCE(c.households, 0) "
            "OR r.members <> COALESCE(c.members, 0)")
        wrong = cursor.fetchall()
        cursor.execute(
            f"SELECT c.village_id, c.exit_status, c.exit_year, 0, 0, c.households, c.members "
            f"FROM (SELECT {_KEY}, count(*) AS households, sum(member_count) AS members "
            f"FROM {HOUSEHOLD} GROUP BY {_KEY}) c WHERE NOT EXISTS (SELECT 1 FROM {ROLLUP} r "
            "WHERE r.village_id = c.village_id AND r.exit_status = c.exit_status "
            "AND (c.exit_year = r.exit_year OR (c.exit_year IS NULL AND r.exit_year IS NULL)))")
        return wrong + cursor.fetchall()

"""Database triggers that keep `OutreachRollup` (`labour_outreachrollup`): per village and
campaign year, the registered households with a reach that counts (a visit that met the
household or a delivered text, `REACHED_RESULTS`), each household once: what
`household_coverage_list(year=…, reached="yes")` counts, grouped by the household's village.

Why: the plan dashboard's 政策宣传覆盖贫困户 took the distinct households of every year's 42,000
reaches on each cold request (~26 ms SQLite, ~30 ms PostgreSQL on the demo; a covering index
only brought it to 21 ms). The rollup's size follows villages (one row per village and year),
not reaches (docs/decisions/0012-outreach-rollup.md).

Kept by the database like the registry's village rollup (registry/rollup.py) and the sales
rollups (industry/rollup.py), with the same `registry/triggers.py`, so no write path (the
services, the SMS batches and their delivery reports, the demo's bulk insert, a cascade delete,
the admin) can forget it. A count of DISTINCT households cannot be kept by +1/-1 (a second
reach of the same household in the same year changes nothing; a household moving village takes
all its years along), so every trigger **recounts the (village, year) keys it touches** from
reaches ⋈ households ⋈ campaigns, a few dozen households each:

- a reach inserted, deleted or updated: its household's village × its campaign's year, old and
  new (when the old or new row counts);
- a household whose village changes: the old and the new village × the years of its reaches;
  deleted or inserted (a reach may precede it within a transaction: the foreign keys are
  checked at commit): its village × those years;
- a campaign whose year changes: its reaches' villages × the old and the new year; deleted or
  inserted: × its year.

A key recounted to nothing keeps a row at 0 (absent for every reader). PostgreSQL: statement
triggers with transition tables; each first locks the keys' rows (an upsert that changes
nothing), then recounts them in a new statement, so two transactions recounting one key run one
after the other and the second sees the first's reaches. SQLite: row triggers, one upsert each;
its bulk writers of counting reaches (the demo, the SMS delivery report) run in `deferred()`.
`rebuild()` recomputes the rollup; `differences()` lists what disagrees with a recount;
tests/labour/test_outreach_rollup.py holds them equal on SQLite and PostgreSQL.
"""

from contextlib import nullcontext

from xiezuo.labour.outreach.choices import REACHED_RESULTS
from xiezuo.registry.triggers import Triggers, sqlite_deferred

REACH, HOUSEHOLD, CAMPAIGN = "labour_householdreach", "registry_household", "labour_campaign"
ROLLUP = "labour_outreachrollup"
_KEY = "village_id, year"
_COUNTS = "(" + ", ".join(f"'{r}'" for r in REACHED_RESULTS) + ")"


def _counts(r: str) -> str:
    """The reach row `r` counts (a visit that met the household, a delivered text)."""
    return f"{r}.result IN {_COUNTS}"


def _recount(v: str, y: str) -> str:
    """The distinct households of village `v` with a counting reach in a campaign of year `y`,
    from the village's households (its index), their reaches and the campaigns. CROSS JOIN
    keeps that order on SQLite (PostgreSQL plans it freely): without the planner's statistics
    (a new database, the demo's one transaction) SQLite read every counting reach by the
    result index instead, 22 ms a recount against 0.05 ms."""
    return (f"(SELECT count(DISTINCT rr.household_id) FROM {HOUSEHOLD} hh "
            f"CROSS JOIN {REACH} rr CROSS JOIN {CAMPAIGN} cc "
            f"WHERE rr.household_id = hh.id AND cc.id = rr.campaign_id "
            f"AND hh.village_id = {v} AND cc.year = {y} AND {_counts('rr')})")


def _upsert(keys: str) -> str:
    """Recount the distinct (v, y) of `keys` into the rollup (the table's own name, not an
    alias: SQLite allows none inside a trigger; `WHERE true`: SQLite's INSERT … SELECT …
    ON CONFLICT needs a WHERE, else ON reads as a join's)."""
    return (f"INSERT INTO {ROLLUP} ({_KEY}, households) "
            f"SELECT k.v, k.y, {_recount('k.v', 'k.y')} FROM (SELECT DISTINCT v, y FROM "
            f"({keys}) k0) k WHERE true ON CONFLICT ({_KEY}) "
            f"DO UPDATE SET households = excluded.households")


def _lock(keys: str) -> str:
    """PostgreSQL: take the keys' rows (made at 0 if missing) before recounting them, in one
    order; a concurrent recount of the same key waits here for this transaction to end, and its
    recount (the next statement, a new snapshot) sees this one's reaches."""
    return (f"INSERT INTO {ROLLUP} AS x ({_KEY}, households) "
            f"SELECT DISTINCT v, y, 0 FROM ({keys}) k ORDER BY v, y ON CONFLICT ({_KEY}) "
            "DO UPDATE SET households = x.households")


# --- SQLite: row triggers, each key found from NEW or OLD ---------------------------------------

def _sq_reach_keys(r: str) -> str:
    return (f"SELECT h.village_id AS v, c.year AS y FROM {HOUSEHOLD} h, {CAMPAIGN} c "
            f"WHERE h.id = {r}.household_id AND c.id = {r}.campaign_id AND {_counts(r)}")


def _sq_household_keys(r: str, *villages: str) -> str:
    return " UNION ".join(
        f"SELECT {v} AS v, c.year AS y FROM {REACH} r CROSS JOIN {CAMPAIGN} c "
        f"WHERE c.id = r.campaign_id AND r.household_id = {r}.id AND {_counts('r')}"
        for v in villages)


def _sq_campaign_keys(r: str, *years: str) -> str:
    return " UNION ".join(
        f"SELECT h.village_id AS v, {y} AS y FROM {REACH} r CROSS JOIN {HOUSEHOLD} h "
        f"WHERE h.id = r.household_id AND r.campaign_id = {r}.id AND {_counts('r')}"
        for y in years)


def _sq(name: str, event: str, table: str, keys: str, when: str = "") -> str:
    return (f"CREATE TRIGGER IF NOT EXISTS labour_outreach_{name} AFTER {event} ON {table} "
            f"{when}BEGIN {_upsert(keys)}; END;")


_REACH_CHANGED = ("WHEN OLD.campaign_id IS NOT NEW.campaign_id "
                  "OR OLD.household_id IS NOT NEW.household_id "
                  f"OR ({_counts('OLD')}) IS NOT ({_counts('NEW')}) ")
_SQLITE_REACH = (
    _sq("ins", "INSERT", REACH, _sq_reach_keys("NEW"), f"WHEN {_counts('NEW')} "),
    _sq("del", "DELETE", REACH, _sq_reach_keys("OLD"), f"WHEN {_counts('OLD')} "),
    _sq("upd", "UPDATE OF campaign_id, household_id, result", REACH,
        _sq_reach_keys("OLD") + " UNION " + _sq_reach_keys("NEW"), _REACH_CHANGED),
)


# A household or campaign inserted or deleted has reaches only when they came first in the
# transaction (inserted before it, or a delete before theirs): one index probe per row decides
# (a roster import or the scale build inserts households by the million).
def _has_reaches(r: str, column: str) -> str:
    return f"WHEN EXISTS (SELECT 1 FROM {REACH} WHERE {column} = {r}.id) "


_SQLITE_HOUSEHOLD = (
    _sq("hh_ins", "INSERT", HOUSEHOLD, _sq_household_keys("NEW", "NEW.village_id"),
        _has_reaches("NEW", "household_id")),
    _sq("hh_del", "DELETE", HOUSEHOLD, _sq_household_keys("OLD", "OLD.village_id"),
        _has_reaches("OLD", "household_id")),
    _sq("hh_upd", "UPDATE OF village_id", HOUSEHOLD,
        _sq_household_keys("NEW", "OLD.village_id", "NEW.village_id"),
        "WHEN OLD.village_id IS NOT NEW.village_id "),
)
_SQLITE_CAMPAIGN = (
    _sq("c_ins", "INSERT", CAMPAIGN, _sq_campaign_keys("NEW", "NEW.year"),
        _has_reaches("NEW", "campaign_id")),
    _sq("c_del", "DELETE", CAMPAIGN, _sq_campaign_keys("OLD", "OLD.year"),
        _has_reaches("OLD", "campaign_id")),
    _sq("c_upd", "UPDATE OF year", CAMPAIGN, _sq_campaign_keys("NEW", "OLD.year", "NEW.year"),
        "WHEN OLD.year IS NOT NEW.year "),
)

# --- PostgreSQL: statement triggers over the transition tables ------------------------------


def _pg_body(keys: str) -> str:
    return _lock(keys) + "; " + _upsert(keys)


def _pg_reach(t: str) -> str:
    return (f"SELECT h.village_id AS v, c.year AS y FROM {t} t JOIN {HOUSEHOLD} h "
            f"ON h.id = t.household_id JOIN {CAMPAIGN} c ON c.id = t.campaign_id "
            f"WHERE {_counts('t')}")


def _pg_household(source: str, h: str, village: str) -> str:
    """The households of `source` (alias `h`): `village` × the years of their counting
    reaches."""
    return (f"SELECT {village} AS v, c.year AS y FROM {source} JOIN {REACH} r "
            f"ON r.household_id = {h}.id JOIN {CAMPAIGN} c ON c.id = r.campaign_id "
            f"WHERE {_counts('r')}")


def _pg_campaign(source: str, c: str, year: str) -> str:
    """The campaigns of `source` (alias `c`): their counting reaches' villages × `year`."""
    return (f"SELECT h.village_id AS v, {year} AS y FROM {source} JOIN {REACH} r "
            f"ON r.campaign_id = {c}.id JOIN {HOUSEHOLD} h ON h.id = r.household_id "
            f"WHERE {_counts('r')}")


# a household's UPDATE (its member count, a phone number) touches nothing unless its village
# changed; a campaign's unless its year did (PostgreSQL allows no column list on a trigger with
# transition tables: the old and new rows are joined instead)
_HH_MOVED = ("(SELECT n.id, o.village_id AS old_v, n.village_id AS new_v FROM old_rows o "
             "JOIN new_rows n ON n.id = o.id WHERE o.village_id <> n.village_id) m")
_C_MOVED = ("(SELECT n.id, o.year AS old_y, n.year AS new_y FROM old_rows o "
            "JOIN new_rows n ON n.id = o.id WHERE o.year <> n.year) m")

TRIGGERS = (
    Triggers(prefix="labour_outreach", table=REACH, sqlite=_SQLITE_REACH,
             sqlite_names=("ins", "del", "upd"), pg_bodies={
                 "ins": _pg_body(_pg_reach("new_rows")),
                 "del": _pg_body(_pg_reach("old_rows")),
                 # old and new rows both (a result, a campaign or a household changed; any
                 # other update recounts keys that stay as they were)
                 "upd": _pg_body(_pg_reach("old_rows") + " UNION " + _pg_reach("new_rows"))}),
    Triggers(prefix="labour_outreach_hh", table=HOUSEHOLD, sqlite=_SQLITE_HOUSEHOLD,
             sqlite_names=("ins", "del", "upd"), pg_bodies={
                 "ins": _pg_body(_pg_household("new_rows", "new_rows", "new_rows.village_id")),
                 "del": _pg_body(_pg_household("old_rows", "old_rows", "old_rows.village_id")),
                 "upd": _pg_body(_pg_household(_HH_MOVED, "m", "m.old_v") + " UNION "
                                 + _pg_household(_HH_MOVED, "m", "m.new_v"))}),
    Triggers(prefix="labour_outreach_c", table=CAMPAIGN, sqlite=_SQLITE_CAMPAIGN,
             sqlite_names=("ins", "del", "upd"), pg_bodies={
                 "ins": _pg_body(_pg_campaign("new_rows", "new_rows", "new_rows.year")),
                 "del": _pg_body(_pg_campaign("old_rows", "old_rows", "old_rows.year")),
                 "upd": _pg_body(_pg_campaign(_C_MOVED, "m", "m.old_y") + " UNION "
                                 + _pg_campaign(_C_MOVED, "m", "m.new_y"))}),
)

#: the rollup's rows recounted from the reaches, households and campaigns
RECOUNT = (f"SELECT h.village_id, c.year, count(DISTINCT r.household_id) FROM {REACH} r "
           f"JOIN {HOUSEHOLD} h ON h.id = r.household_id JOIN {CAMPAIGN} c "
           f"ON c.id = r.campaign_id WHERE {_counts('r')} GROUP BY h.village_id, c.year")


def install(connection) -> None:
    for t in TRIGGERS:
        t.install(connection)


def drop(connection) -> None:
    for t in TRIGGERS:
        t.drop(connection)


#: a bulk write of at least this many reaches defers the triggers; a smaller one keeps them (a
#: rebuild reads every reach: 35 ms on the demo's 42,000, against ~0.07 ms a row by trigger)
DEFER_FROM_ROWS = 1000


def deferred(connection, *, rows: int | None = None):
    """Around one bulk write of reaches inside a transaction (the demo's visits, an SMS
    delivery report of `rows` messages): on SQLite the row triggers are dropped and the rollup
    rebuilt once at the end (registry.triggers.sqlite_deferred, as industry's
    rollup.deferred): a row trigger recounting a village per counting reach took the demo's
    37,000 visits from 2.5 s to 3.8 s, and a 4,500-message delivery report from 1.1 s to 1.4 s.
    Fewer than `DEFER_FROM_ROWS` rows keep the triggers. PostgreSQL's statement triggers
    recount each key once per statement already."""
    if rows is not None and rows < DEFER_FROM_ROWS:
        return nullcontext()

    def on() -> None:
        install(connection)
        rebuild(connection)

    return sqlite_deferred(connection, what="outreach rollup", drop=lambda: drop(connection),
                           restore=on)


def rebuild(connection) -> None:
    """Recompute the rollup from the reaches (the migration, a bulk writer that dropped the
    triggers, a repair); keys at 0 disappear."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {ROLLUP}")
        cursor.execute(f"INSERT INTO {ROLLUP} ({_KEY}, households) {RECOUNT}")


def differences(connection) -> list[tuple]:
    """(village, year, kept households, counted households) for every key where the rollup
    differs from a recount: [] when it is right. Rows left at 0 count as absent."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_KEY}, households FROM {ROLLUP} WHERE households <> 0")
        kept = {(v, y): n for v, y, n in cursor.fetchall()}
        cursor.execute(RECOUNT)
        counted = {(v, y): n for v, y, n in cursor.fetchall()}
    return [(*k, kept.get(k, 0), counted.get(k, 0)) for k in sorted(kept.keys() | counted.keys())
            if kept.get(k, 0) != counted.get(k, 0)]

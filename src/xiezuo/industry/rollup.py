"""Database triggers that keep the consumption-sales rollups the plan reads each year (ch.3):

- `SaleYear` (`industry_saleyear`): sales and their amount in cents per township, buyer and
  year, equal to grouping the sale rows (the sale list's scope is its township or its buyer);
- `SaleReach` (`industry_salereach`): per household and year, the links of that year's sales to
  the household; a household is reached in a year when it has at least one (`links > 0`);
- `VillageReach` (`industry_villagereach`): per kind (linkage, sale), village and year, the
  distinct households reached and the sum of their registered members (`member_count`), what
  household_list(via=kind, year) counts for a scope, a few rows per village.

Why: the plan dashboard's ch.3 figures took the year of each of the demo's 30,000 sales and
60,000 sale–household links and the distinct (year, household) pairs on every cold request
(384 ms on SQLite, where a date's year is a Python function called per row). The rollups hold a
few thousand rows for the sums and one row per household and year for the households reached,
so the figures are a grouped read (docs/decisions/0011-sales-rollup.md).

Kept by the database, like the registry's village rollup (registry/rollup.py), so no write path
(the services, the imports, the demo's bulk insert, a cascade delete, the admin) can forget
them. Each trigger applies its own table's change against the other table as it now is: the
sale's triggers move the links of a sale whose year changed (or that is inserted or deleted
while links to it exist), the link's triggers add or remove one link in its sale's year.
VillageReach's triggers recount the (kind, village, year) keys a change touches rather than add
and subtract: its figures are distinct households, and a household moves village, changes member
count or is deleted. `rebuild()` recomputes all three; `differences()` lists what disagrees with
a recount; tests/industry/test_industry_rollup.py proves them equal after every kind of write on
SQLite and PostgreSQL.
"""

from xiezuo.registry.triggers import Triggers, sqlite_deferred

SALE, LINK = "industry_sale", "industry_salehousehold"
SALE_YEAR, REACH = "industry_saleyear", "industry_salereach"
_SY_KEY = "township_id, buyer_id, year"
_R_KEY = "household_id, year"

# A date's year and an amount's cents, in SQL: SQLite keeps a date as 'YYYY-MM-DD' text and a
# two-place decimal as REAL (rounded to the cent, exact); PostgreSQL's numeric is exact.
_YEAR = {"sqlite": "CAST(substr({d}, 1, 4) AS INTEGER)",
         "postgresql": "CAST(EXTRACT(YEAR FROM {d}) AS integer)"}
_CENTS = {"sqlite": "CAST(round({a} * 100) AS INTEGER)",
          "postgresql": "CAST(round({a} * 100) AS bigint)"}


def _year(vendor: str, d: str) -> str:
    return _YEAR[vendor].format(d=d)


def _cents(vendor: str, a: str) -> str:
    return _CENTS[vendor].format(a=a)


def _upsert_sale_year(select: str) -> str:
    # the table's own name, not an alias: SQLite allows none inside a trigger
    return (f"INSERT INTO {SALE_YEAR} ({_SY_KEY}, sales, cents) {select} "
            f"ON CONFLICT ({_SY_KEY}) DO UPDATE SET sales = {SALE_YEAR}.sales + excluded.sales, "
            f"cents = {SALE_YEAR}.cents + excluded.cents")


def _upsert_reach(select: str) -> str:
    return (f"INSERT INTO {REACH} ({_R_KEY}, links) {select} "
            f"ON CONFLICT ({_R_KEY}) DO UPDATE SET links = {REACH}.links + excluded.links")


# --- SQLite: row triggers. `WHERE true`: an INSERT … SELECT … ON CONFLICT needs a WHERE in
# SQLite (else ON reads as a join's). ---------------------------------------------------------

def _sq_sale_year(r: str, sign: int) -> str:
    return _upsert_sale_year(
        f"SELECT {r}.township_id, {r}.buyer_id, {_year('sqlite', f'{r}.date')}, {sign}, "
        f"{sign} * {_cents('sqlite', f'{r}.amount')} WHERE true") + ";"


def _sq_sale_links(r: str, sign: int) -> str:
    """The links already pointing at sale `r` (none, except when a sale is deleted before its
    links or inserted after them within one transaction: the foreign key is deferred)."""
    return _upsert_reach(
        f"SELECT household_id, {_year('sqlite', f'{r}.date')}, {sign} * count(*) FROM {LINK} "
        f"WHERE sale_id = {r}.id GROUP BY household_id") + ";"


def _sq_link(r: str, sign: int) -> str:
    """One link in its sale's year (a link whose sale is gone counts nowhere: the sale's
    delete took it off)."""
    return _upsert_reach(
        f"SELECT {r}.household_id, {_year('sqlite', 's.date')}, {sign} FROM {SALE} s "
        f"WHERE s.id = {r}.sale_id") + ";"


_SALE_CHANGED = ("OLD.date IS NOT NEW.date OR OLD.township_id IS NOT NEW.township_id "
                 "OR OLD.buyer_id IS NOT NEW.buyer_id OR OLD.amount IS NOT NEW.amount "
                 "OR OLD.id IS NOT NEW.id")
_SQLITE_SALE = (
    f"CREATE TRIGGER IF NOT EXISTS industry_saleyear_ins AFTER INSERT ON {SALE} BEGIN "
    + _sq_sale_year("NEW", 1) + _sq_sale_links("NEW", 1) + " END;",
    f"CREATE TRIGGER IF NOT EXISTS industry_saleyear_del AFTER DELETE ON {SALE} BEGIN "
    + _sq_sale_year("OLD", -1) + _sq_sale_links("OLD", -1) + " END;",
    f"CREATE TRIGGER IF NOT EXISTS industry_saleyear_upd AFTER UPDATE OF date, township_id, "
    f"buyer_id, amount, id ON {SALE} WHEN {_SALE_CHANGED} BEGIN "
    + _sq_sale_year("OLD", -1) + _sq_sale_year("NEW", 1)
    + _sq_sale_links("OLD", -1) + _sq_sale_links("NEW", 1) + " END;",
)
_SQLITE_LINK = (
    f"CREATE TRIGGER IF NOT EXISTS industry_reach_ins AFTER INSERT ON {LINK} BEGIN "
    + _sq_link("NEW", 1) + " END;",
    f"CREATE TRIGGER IF NOT EXISTS industry_reach_del AFTER DELETE ON {LINK} BEGIN "
    + _sq_link("OLD", -1) + " END;",
    f"CREATE TRIGGER IF NOT EXISTS industry_reach_upd AFTER UPDATE OF sale_id, household_id "
    f"ON {LINK} WHEN OLD.sale_id IS NOT NEW.sale_id OR OLD.household_id IS NOT NEW.household_id "
    "BEGIN " + _sq_link("OLD", -1) + _sq_link("NEW", 1) + " END;",
)

# --- PostgreSQL: statement triggers over the transition tables; each upserts the statement's
# differences grouped by key (a bulk insert of a ledger is one upsert per statement). ----------

_PG_Y = _year("postgresql", "{t}.date")
_PG_C = _cents("postgresql", "{t}.amount")


def _pg_sale_rows(t: str, sign: int) -> str:
    return (f"SELECT {t}.township_id, {t}.buyer_id, {_PG_Y.format(t=t)} AS year, {sign} AS n, "
            f"{sign} * {_PG_C.format(t=t)} AS c FROM {t}")


def _pg_sale_links(t: str, sign: int) -> str:
    return (f"SELECT l.household_id, {_PG_Y.format(t=t)} AS year, {sign} AS n FROM {t} "
            f"JOIN {LINK} l ON l.sale_id = {t}.id")


def _pg_links(t: str, sign: int) -> str:
    return (f"SELECT {t}.household_id, {_PG_Y.format(t='s')} AS year, {sign} AS n FROM {t} "
            f"JOIN {SALE} s ON s.id = {t}.sale_id")


def _pg_sale_body(*parts: str) -> str:
    union = " UNION ALL ".join(parts)
    return _upsert_sale_year(f"SELECT {_SY_KEY}, sum(n), sum(c) FROM ({union}) d "
                             f"GROUP BY {_SY_KEY} HAVING sum(n) <> 0 OR sum(c) <> 0")


def _pg_reach_body(*parts: str) -> str:
    union = " UNION ALL ".join(parts)
    return _upsert_reach(f"SELECT {_R_KEY}, sum(n) FROM ({union}) d GROUP BY {_R_KEY} "
                         "HAVING sum(n) <> 0")


_PG = [
    Triggers(prefix="industry_saleyear", table=SALE, sqlite=_SQLITE_SALE,
             sqlite_names=("ins", "del", "upd"), pg_bodies={
                 "ins": _pg_sale_body(_pg_sale_rows("new_rows", 1)) + "; "
                 + _pg_reach_body(_pg_sale_links("new_rows", 1)),
                 "del": _pg_sale_body(_pg_sale_rows("old_rows", -1)) + "; "
                 + _pg_reach_body(_pg_sale_links("old_rows", -1)),
                 # an update of other fields (a note) cancels out and writes nothing
                 "upd": _pg_sale_body(_pg_sale_rows("old_rows", -1), _pg_sale_rows("new_rows", 1))
                 + "; " + _pg_reach_body(_pg_sale_links("old_rows", -1),
                                         _pg_sale_links("new_rows", 1))}),
    Triggers(prefix="industry_reach", table=LINK, sqlite=_SQLITE_LINK,
             sqlite_names=("ins", "del", "upd"), pg_bodies={
                 "ins": _pg_reach_body(_pg_links("new_rows", 1)),
                 "del": _pg_reach_body(_pg_links("old_rows", -1)),
                 "upd": _pg_reach_body(_pg_links("old_rows", -1), _pg_links("new_rows", 1))}),
]
SALE_TRIGGERS = tuple(_PG)


# --- VillageReach: per (kind, village, year), the distinct households reached and their
# registered members. The figures are DISTINCT households, and a household moves village,
# changes member count or is deleted, so the triggers do no +1/-1 arithmetic: each recounts the
# (kind, village, year) keys its change touches (deletes their rows, inserts their recount).
# The keys' sources: a linkage (its household's village × its year, old and new), a SaleReach
# row whose "reached" (links > 0) changes (written by the sale triggers above), a household
# inserted, deleted, moved or given another member count (its old and new village × each year
# it has a linkage or a sales reach). ---------------------------------------------------------

LINKAGE, HOUSEHOLD, VILLAGE_REACH = "industry_linkage", "registry_household", "industry_villagereach"
_VR_COLS = "kind, village_id, year, households, persons"
# a household is reached in (kind, year) when one of these rows exists; h: the household
_REACHED = {
    "linkage": f"SELECT 1 FROM {LINKAGE} l WHERE l.household_id = h.id AND l.year = k.year",
    "sale": (f"SELECT 1 FROM {REACH} r WHERE r.household_id = h.id AND r.year = k.year "
             "AND r.links > 0"),
}
# the years a household (its id: {h}) is reached in, per kind
_YEARS_OF = {
    "linkage": f"SELECT DISTINCT year FROM {LINKAGE} WHERE household_id = {{h}}",
    "sale": f"SELECT year FROM {REACH} WHERE household_id = {{h}} AND links > 0",
}


def _recount(kind: str, keys: str) -> str:
    """Statements replacing the rows of `kind` at the (village_id, year) pairs `keys` selects
    (duplicates allowed) by their recount; a key reaching no household is left without a row."""
    return (f"DELETE FROM {VILLAGE_REACH} WHERE kind = '{kind}' AND (village_id, year) IN "
            f"(SELECT village_id, year FROM ({keys}) dk); "
            f"INSERT INTO {VILLAGE_REACH} ({_VR_COLS}) "
            f"SELECT '{kind}', k.village_id, k.year, count(*), sum(h.member_count) "
            f"FROM (SELECT DISTINCT village_id, year FROM ({keys}) kk) k "
            f"JOIN {HOUSEHOLD} h ON h.village_id = k.village_id "
            f"WHERE EXISTS ({_REACHED[kind]}) GROUP BY k.village_id, k.year;")


def _household_keys(kind: str, *rows: tuple[str, str]) -> str:
    """The keys of households: for each (village expression, id expression) in `rows`, that
    village × every year the household is reached in."""
    return " UNION ALL ".join(
        f"SELECT {village} AS village_id, y.year AS year FROM ({_YEARS_OF[kind].format(h=hid)}) y"
        for village, hid in rows)


def _recount_household(*rows: tuple[str, str]) -> str:
    return "".join(_recount(kind, _household_keys(kind, *rows)) for kind in _REACHED)


# SQLite: row triggers. A household's keys are its village (looked up) × the row's year.
def _sq_at(r: str) -> str:
    return f"SELECT village_id, {r}.year AS year FROM {HOUSEHOLD} WHERE id = {r}.household_id"


_HOUSEHOLD_MOVED_SQ = "OLD.village_id IS NOT NEW.village_id OR OLD.id IS NOT NEW.id"


def _sq_reached(h: str) -> str:
    """Household `h` (its id) is reached in some year, by a linkage or a sale."""
    return (f"(EXISTS (SELECT 1 FROM {LINKAGE} WHERE household_id = {h}) OR EXISTS ("
            f"SELECT 1 FROM {REACH} WHERE household_id = {h} AND links > 0))")


def _sq_persons(kind: str) -> str:
    """A household that stays in its village with another member count: the same households
    are reached, so its keys' persons change by the difference. Exact, and ~15 times cheaper
    than recounting its keys: the roster import's recount (member_count.deferred) may change
    every household's count in one UPDATE (14,000 on the demo: 2.0 s with recounts, ~0.2 s
    this way, ~0.1 s without these triggers)."""
    return (f"UPDATE {VILLAGE_REACH} SET persons = persons + NEW.member_count - OLD.member_count "
            f"WHERE kind = '{kind}' AND village_id = NEW.village_id AND year IN ("
            + _YEARS_OF[kind].format(h="NEW.id") + ");")
_SQLITE_VILLAGE = (
    f"CREATE TRIGGER IF NOT EXISTS industry_vr_link_ins AFTER INSERT ON {LINKAGE} BEGIN "
    + _recount("linkage", _sq_at("NEW")) + " END;",
    f"CREATE TRIGGER IF NOT EXISTS industry_vr_link_del AFTER DELETE ON {LINKAGE} BEGIN "
    + _recount("linkage", _sq_at("OLD")) + " END;",
    f"CREATE TRIGGER IF NOT EXISTS industry_vr_link_upd AFTER UPDATE OF household_id, year "
    f"ON {LINKAGE} WHEN OLD.household_id IS NOT NEW.household_id OR OLD.year IS NOT NEW.year "
    f"BEGIN " + _recount("linkage", f"{_sq_at('OLD')} UNION ALL {_sq_at('NEW')}") + " END;",
    # the sales reach: only a row whose "reached" (links > 0) changes touches a key
    f"CREATE TRIGGER IF NOT EXISTS industry_vr_reach_ins AFTER INSERT ON {REACH} "
    "WHEN NEW.links > 0 BEGIN " + _recount("sale", _sq_at("NEW")) + " END;",
    f"CREATE TRIGGER IF NOT EXISTS industry_vr_reach_del AFTER DELETE ON {REACH} "
    "WHEN OLD.links > 0 BEGIN " + _recount("sale", _sq_at("OLD")) + " END;",
    f"CREATE TRIGGER IF NOT EXISTS industry_vr_reach_upd AFTER UPDATE OF links, household_id, "
    f"year ON {REACH} WHEN (OLD.links > 0) IS NOT (NEW.links > 0) "
    "OR OLD.household_id IS NOT NEW.household_id OR OLD.year IS NOT NEW.year BEGIN "
    + _recount("sale", f"{_sq_at('OLD')} UNION ALL {_sq_at('NEW')}") + " END;",
    # a household: only when it is reached in some year (two index probes; a roster's new
    # households and most of its recounted ones are reached in none)
    f"CREATE TRIGGER IF NOT EXISTS industry_vr_household_ins AFTER INSERT ON {HOUSEHOLD} "
    f"WHEN {_sq_reached('NEW.id')} BEGIN "
    + _recount_household(("NEW.village_id", "NEW.id")) + " END;",
    f"CREATE TRIGGER IF NOT EXISTS industry_vr_household_del AFTER DELETE ON {HOUSEHOLD} "
    f"WHEN {_sq_reached('OLD.id')} BEGIN "
    + _recount_household(("OLD.village_id", "OLD.id")) + " END;",
    f"CREATE TRIGGER IF NOT EXISTS industry_vr_household_upd AFTER UPDATE OF village_id, "
    f"member_count, id ON {HOUSEHOLD} WHEN ({_HOUSEHOLD_MOVED_SQ}) "
    f"AND ({_sq_reached('OLD.id')} OR {_sq_reached('NEW.id')}) BEGIN "
    + _recount_household(("OLD.village_id", "OLD.id"), ("NEW.village_id", "NEW.id")) + " END;",
    f"CREATE TRIGGER IF NOT EXISTS industry_vr_household_count AFTER UPDATE OF member_count "
    f"ON {HOUSEHOLD} WHEN OLD.member_count IS NOT NEW.member_count "
    f"AND NOT ({_HOUSEHOLD_MOVED_SQ}) AND {_sq_reached('NEW.id')} BEGIN "
    + "".join(_sq_persons(kind) for kind in _REACHED) + " END;",
)


# PostgreSQL: statement triggers; each recounts the keys of the statement's rows at once.
def _pg_at(t: str, where: str = "") -> str:
    return (f"SELECT h.village_id, {t}.year FROM {t} JOIN {HOUSEHOLD} h "
            f"ON h.id = {t}.household_id{where}")


def _pg_changed(t: str, changed: str) -> str:
    """The keys of the updated rows (`t`: their old or new side) for which `changed` holds."""
    return (f"SELECT h.village_id, {t}.year FROM old_rows o JOIN new_rows n ON n.id = o.id "
            f"JOIN {HOUSEHOLD} h ON h.id = {t}.household_id WHERE {changed}")


# a household's reached years, joined to a household row `t` (its id: t.id)
_PG_YEARS = {"linkage": f"JOIN {LINKAGE} y ON y.household_id = {{t}}.id",
             "sale": f"JOIN {REACH} y ON y.household_id = {{t}}.id AND y.links > 0"}


def _pg_households(t: str) -> str:
    """Recounts of the keys of the households in transition table `t`, per kind."""
    return "".join(_recount(kind, f"SELECT {t}.village_id, y.year FROM {t} "
                                  + _PG_YEARS[kind].format(t=t))
                   for kind in _REACHED)


_LINK_MOVED = "o.household_id IS DISTINCT FROM n.household_id OR o.year IS DISTINCT FROM n.year"
_REACH_FLIPPED = f"(o.links > 0) <> (n.links > 0) OR {_LINK_MOVED}"
_HOUSEHOLD_MOVED = ("o.village_id IS DISTINCT FROM n.village_id "
                    "OR o.member_count IS DISTINCT FROM n.member_count")


def _pg_household_upd() -> str:
    """Recounts of the old and new keys of the households moved or given another count (an
    update of other fields, a phone number, touches none)."""
    return "".join(_recount(kind, " UNION ALL ".join(
        f"SELECT {t}.village_id, y.year FROM old_rows o JOIN new_rows n ON n.id = o.id "
        + _PG_YEARS[kind].format(t=t) + f" WHERE {_HOUSEHOLD_MOVED}" for t in ("o", "n")))
        for kind in _REACHED)


def _strip(body: str) -> str:
    return body.rstrip().rstrip(";")  # Triggers adds the last statement's semicolon


VILLAGE_TRIGGERS = (
    Triggers(prefix="industry_vr_link", table=LINKAGE, sqlite=_SQLITE_VILLAGE[:3],
             sqlite_names=("ins", "del", "upd"), pg_bodies={
                 "ins": _strip(_recount("linkage", _pg_at("new_rows"))),
                 "del": _strip(_recount("linkage", _pg_at("old_rows"))),
                 "upd": _strip(_recount("linkage", _pg_changed("o", _LINK_MOVED) + " UNION ALL "
                                        + _pg_changed("n", _LINK_MOVED)))}),
    Triggers(prefix="industry_vr_reach", table=REACH, sqlite=_SQLITE_VILLAGE[3:6],
             sqlite_names=("ins", "del", "upd"), pg_bodies={
                 "ins": _strip(_recount("sale", _pg_at("new_rows", " WHERE new_rows.links > 0"))),
                 "del": _strip(_recount("sale", _pg_at("old_rows", " WHERE old_rows.links > 0"))),
                 "upd": _strip(_recount("sale", _pg_changed("o", _REACH_FLIPPED) + " UNION ALL "
                                        + _pg_changed("n", _REACH_FLIPPED)))}),
    Triggers(prefix="industry_vr_household", table=HOUSEHOLD, sqlite=_SQLITE_VILLAGE[6:],
             sqlite_names=("ins", "del", "upd", "count"), pg_bodies={
                 "ins": _strip(_pg_households("new_rows")),
                 "del": _strip(_pg_households("old_rows")),
                 "upd": _strip(_pg_household_upd())}),
)
TRIGGERS = SALE_TRIGGERS + VILLAGE_TRIGGERS
_REACH_TRIGGERS = VILLAGE_TRIGGERS[1]  # on SaleReach: what rebuild_sales' rewrite would fire


def install(connection) -> None:
    for t in TRIGGERS:
        t.install(connection)


def drop(connection) -> None:
    for t in TRIGGERS:
        t.drop(connection)


def deferred(connection):
    """Around one bulk write inside a transaction (the sales and linkages imports, the demo):
    on SQLite the row triggers are dropped and the rollups rebuilt once at the end
    (triggers.sqlite_deferred, as the registry's member_count.deferred): a row trigger per sale
    and per link cost the 100,000-row import ~9 s of CPU, and a village's recount per linkage
    ~0.1 ms. PostgreSQL's statement triggers are already cheap in bulk."""

    def on() -> None:
        install(connection)
        rebuild(connection)

    return sqlite_deferred(connection, what="rollup", drop=lambda: drop(connection), restore=on)


def _recount_sql(vendor: str) -> tuple[str, str]:
    """The rollups' rows recounted from the sales and links: (sale years, reach)."""
    return (f"SELECT township_id, buyer_id, {_year(vendor, 'date')} AS year, count(*) AS sales, "
            f"sum({_cents(vendor, 'amount')}) AS cents FROM {SALE} GROUP BY 1, 2, 3",
            f"SELECT l.household_id, {_year(vendor, 's.date')} AS year, count(*) AS links "
            f"FROM {LINK} l JOIN {SALE} s ON s.id = l.sale_id GROUP BY 1, 2")


def _village_sql(kind: str, pairs: str) -> str:
    """VillageReach's rows of `kind` counted from `pairs` (distinct household_id, year)."""
    return (f"SELECT '{kind}', h.village_id, d.year, count(*), sum(h.member_count) "
            f"FROM ({pairs}) d JOIN {HOUSEHOLD} h ON h.id = d.household_id "
            "GROUP BY h.village_id, d.year")


def rebuild_sales(connection) -> None:
    """Recompute SaleYear and SaleReach from the sales and links."""
    sale_years, reach = _recount_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SALE_YEAR}")
        cursor.execute(f"INSERT INTO {SALE_YEAR} ({_SY_KEY}, sales, cents) {sale_years}")
        cursor.execute(f"DELETE FROM {REACH}")
        cursor.execute(f"INSERT INTO {REACH} ({_R_KEY}, links) {reach}")


def rebuild_villages(connection) -> None:
    """Recompute VillageReach from the linkages, SaleReach and the households."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {VILLAGE_REACH}")
        cursor.execute(f"INSERT INTO {VILLAGE_REACH} ({_VR_COLS}) " + _village_sql(
            "linkage", f"SELECT DISTINCT household_id, year FROM {LINKAGE}"))
        cursor.execute(f"INSERT INTO {VILLAGE_REACH} ({_VR_COLS}) " + _village_sql(
            "sale", f"SELECT household_id, year FROM {REACH} WHERE links > 0"))


def rebuild(connection) -> None:
    """Recompute every rollup from the sales, links, linkages and households (a bulk writer
    that dropped the triggers, a repair). On SQLite the row triggers on SaleReach are off while
    it is rewritten (a village recount per row), inside a transaction."""
    from django.db import transaction

    with transaction.atomic(using=connection.alias):
        if connection.vendor == "sqlite":
            _REACH_TRIGGERS.drop(connection)
        rebuild_sales(connection)
        if connection.vendor == "sqlite":
            _REACH_TRIGGERS.install(connection)
        rebuild_villages(connection)


def differences(connection) -> list[tuple]:
    """("sale", township, buyer, year, kept sales, kept cents, counted sales, counted cents),
    ("reach", household, year, kept links, counted links) and ("village", kind, village, year,
    kept households, kept persons, counted households, counted persons) for every group where a
    rollup differs from a recount (the villages' counted from the linkages and the sales' links
    themselves, not from SaleReach): [] when all are right. Groups left at zero count as
    absent."""
    vendor = connection.vendor
    sale_years, reach = _recount_sql(vendor)
    out: list[tuple] = []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_SY_KEY}, sales, cents FROM {SALE_YEAR} "
                       "WHERE sales <> 0 OR cents <> 0")
        kept = {r[:3]: r[3:] for r in cursor.fetchall()}
        cursor.execute(sale_years)
        counted = {r[:3]: (r[3], int(r[4])) for r in cursor.fetchall()}
        for k in sorted(kept.keys() | counted.keys()):
            a, b = kept.get(k, (0, 0)), counted.get(k, (0, 0))
            if tuple(a) != tuple(b):
                out.append(("sale", *k, *a, *b))
        cursor.execute(f"SELECT {_R_KEY}, links FROM {REACH} WHERE links <> 0")
        kept = {r[:2]: r[2] for r in cursor.fetchall()}
        cursor.execute(reach)
        counted = {r[:2]: r[2] for r in cursor.fetchall()}
        for k in sorted(kept.keys() | counted.keys()):
            if kept.get(k, 0) != counted.get(k, 0):
                out.append(("reach", *k, kept.get(k, 0), counted.get(k, 0)))
        cursor.execute(f"SELECT kind, village_id, year, households, persons FROM {VILLAGE_REACH} "
                       "WHERE households <> 0 OR persons <> 0")
        kept = {r[:3]: (r[3], int(r[4])) for r in cursor.fetchall()}
        cursor.execute(
            _village_sql("linkage", f"SELECT DISTINCT household_id, year FROM {LINKAGE}")
            + " UNION ALL " + _village_sql(
                "sale", f"SELECT DISTINCT l.household_id, {_year(vendor, 's.date')} AS year "
                        f"FROM {LINK} l JOIN {SALE} s ON s.id = l.sale_id"))
        counted = {r[:3]: (r[3], int(r[4] or 0)) for r in cursor.fetchall()}
        for k in sorted(kept.keys() | counted.keys()):
            a, b = kept.get(k, (0, 0)), counted.get(k, (0, 0))
            if a != b:
                out.append(("village", *k, *a, *b))
    return out

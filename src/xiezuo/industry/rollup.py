"""Database triggers that keep the consumption-sales rollups the plan reads each year (ch.3):

- `SaleYear` (`industry_saleyear`): sales and their amount in cents per township, buyer and
  year, equal to grouping the sale rows (the sale list's scope is its township or its buyer);
- `SaleReach` (`industry_salereach`): per household and year, the links of that year's sales to
  the household; a household is reached in a year when it has at least one (`links > 0`).

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
`rebuild()` recomputes both; `differences()` lists what disagrees with a recount;
tests/industry/test_industry_rollup.py proves them equal after every kind of write on SQLite
and PostgreSQL.
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
TRIGGERS = tuple(_PG)


def install(connection) -> None:
    for t in TRIGGERS:
        t.install(connection)


def drop(connection) -> None:
    for t in TRIGGERS:
        t.drop(connection)


def deferred(connection):
    """Around one bulk write inside a transaction (the sales import): on SQLite the row
    triggers are dropped and both rollups rebuilt once at the end (triggers.sqlite_deferred,
    as the registry's member_count.deferred): a row trigger per sale and per link cost the
    100,000-row import ~9 s of CPU. PostgreSQL's statement triggers are already cheap in bulk."""

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


def rebuild(connection) -> None:
    """Recompute both rollups from the sales and links (the migration, a bulk writer that
    dropped the triggers, a repair)."""
    sale_years, reach = _recount_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SALE_YEAR}")
        cursor.execute(f"INSERT INTO {SALE_YEAR} ({_SY_KEY}, sales, cents) {sale_years}")
        cursor.execute(f"DELETE FROM {REACH}")
        cursor.execute(f"INSERT INTO {REACH} ({_R_KEY}, links) {reach}")


def differences(connection) -> list[tuple]:
    """("sale", township, buyer, year, kept sales, kept cents, counted sales, counted cents) and
    ("reach", household, year, kept links, counted links) for every group where a rollup
    differs from a recount: [] when both are right. Groups left at zero count as absent."""
    sale_years, reach = _recount_sql(connection.vendor)
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
    return out

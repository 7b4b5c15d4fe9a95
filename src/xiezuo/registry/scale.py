"""`xiezuo demo --scale N`: N more synthetic counties of 57,004 registered people each, for
measuring the registry at national size (176 counties ≈ 10,000,000 people; docs/benchmarks.md).

Every county copies the layout of the demo's Lintao (18 townships, 323 villages) under a made-up
code: cities 6260…, eight counties each (a city the size of Dingxi), codes no real division uses
(Gansu's cities stop at 6230), every area labelled synthetic. The people are the demo
generator's one roster drawn once; each county gets them with its own address code in the ID
numbers (so each ID is valid and unique), its own household numbers and names shuffled, then
written through the bulk writer (`tabular.bulk.insert_rows`: COPY on PostgreSQL) with their
status history and monitoring records: that is the first county. Every other county is its
clone in SQL (`clone_county`: INSERT … SELECT with the codes moved, the ID numbers readdressed,
encrypted and hashed here and sent with COPY), ten times faster, so that 176 counties fit in
well under an hour. Each county is one transaction, so a build that stops can be run again and
goes on where it stopped (counties already there are kept).
"""

import random
import time
from collections.abc import Callable

FIRST_CITY = 60  # city codes 6260, 6261, …
COUNTIES_PER_CITY = 8
PROVINCE = "62"


def county_codes(n: int) -> list[str]:
    """The 12-digit codes of the first `n` synthetic counties (pure; tested)."""
    if n > 99 * COUNTIES_PER_CITY:
        raise ValueError("at most 792 synthetic counties")
    out = []
    for i in range(n):
        city = FIRST_CITY + i // COUNTIES_PER_CITY
        if city > 99:
            raise ValueError(f"too many synthetic counties: {n}")
        out.append(f"{PROVINCE}{city:02d}{1 + i % COUNTIES_PER_CITY:02d}000000")
    return out


def city_code(county: str) -> str:
    return county[:4] + "0" * 8


def readdress(number: str, address: str) -> str:
    """An ID number moved to another 6-digit address code, with its check character redone."""
    from xiezuo.registry.idnumber import check_char

    first17 = address + number[6:17]
    return first17 + check_char(first17)


_HH_FIELDS = ["county", "township", "village", "natural_village", "number", "size",
              "poverty_attribute", "exit_status", "exit_year", "main_cause", "other_causes",
              "dangerous_house", "water_safe", "water_difficulty", "income_per_capita", "phone",
              "first_identified", "monitoring_type", "version", "created_at", "updated_at"]
_P_FIELDS = ["household", "number", "name", "id_cipher", "id_hash", "id_masked", "sex",
             "birth_date", "relation", "ethnicity", "education", "schooling", "health",
             "labour_capacity", "employment", "months_worked", "illness_insurance", "version",
             "created_at", "updated_at"]


def build(n: int, *, seed: int, log: Callable[[str], None] = print,
          people: int | None = None) -> dict:
    """Add synthetic counties until there are `n`; returns what was built."""
    from django.db import connection

    from xiezuo.regions.models import Area
    from xiezuo.registry import demo

    codes = county_codes(n)
    done = set(Area.objects.filter(code__in=codes).values_list("code", flat=True))
    todo = [c for c in codes if c not in done]
    if not todo:
        _restore_indexes(connection, log)  # a build stopped while they were held
        log(f"  scale: all {n} synthetic counties already built")
        return {"built": 0, "counties": n}
    template = template_areas()
    villages = demo.demo_villages()
    if not villages:
        raise RuntimeError("the scale demo copies the demo's villages: build the demo first")
    rng = random.Random(f"{seed}:scale")
    started = time.perf_counter()
    pops = demo.village_populations(rng, villages)
    roster = demo.synthetic_roster(rng, villages, pops, people=people or demo.PEOPLE) \
        if not done else []  # only the first county is drawn: the others are its clones
    if roster:
        log(f"  scale: one roster of {sum(len(h.members) for h in roster):,} people drawn in "
            f"{time.perf_counter() - started:.0f} s; building {len(todo)} counties")
    else:
        log(f"  scale: cloning {len(todo)} counties from {codes[0]}")
    names = [p.name for h in roster for p in h.members]
    people = 0
    source: Template | None = None
    if len(todo) > 2:
        _hold_indexes(connection, log)
    for k, code in enumerate(todo, 1):
        t0 = time.perf_counter()
        if source is None and (done or k > 1):  # the first county is built, the rest cloned
            source = Template.read(codes[0])
        if source is None:
            shuffled = names[:]
            random.Random(f"{seed}:scale:{code}").shuffle(shuffled)
            people += _county(code, template=template, roster=roster, pops=pops, names=shuffled)
        else:
            people += clone_county(source, code, template=template,
                                   shift=1 + codes.index(code))
        log(f"  scale: county {code} ({len(done) + k}/{n}) in {time.perf_counter() - t0:.1f} s")
        if k == 1 or k % 10 == 0 or k == len(todo):
            with connection.cursor() as cursor:  # keep the planner's statistics true as it grows
                for table in ("registry_household", "registry_person", "regions_area"):
                    cursor.execute(f"ANALYZE {table}")
    _restore_indexes(connection, log)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # vacuum, so that the covering indexes (households by village, people's names by
        # household) are read without visiting the tables (their visibility maps are set)
        with connection.cursor() as cursor:
            for table in ("registry_household", "registry_villagerollup", "registry_person"):
                cursor.execute(f"VACUUM (ANALYZE) {table}")
    return {"built": len(todo), "counties": n, "people": people,
            "seconds": time.perf_counter() - started}


def county_areas(code: str, *, template: list) -> tuple:
    """The synthetic county `code` (and its city, when new) with the template's townships and
    villages under its own code: (county, {code: id}). The roster bench imports into one."""
    from xiezuo.regions.choices import Level, Side
    from xiezuo.regions.models import Area
    from xiezuo.registry import demo

    def moved(c: str) -> str:
        return code[:6] + c[6:]

    city, _ = Area.objects.get_or_create(
        code=city_code(code),
        defaults={"name": f"合成{code[2:4]}市", "level": Level.CITY,
                  "parent": Area.objects.get(code=PROVINCE + "0" * 10), "side": Side.WEST,
                  "synthetic": True})
    county = Area.objects.create(code=code, name=f"合成{code[2:6]}县", level=Level.COUNTY,
                                 parent=city, side=Side.WEST, synthetic=True)
    ids: dict[str, int] = {}
    for level in (Level.TOWNSHIP, Level.VILLAGE):
        Area.objects.bulk_create([
            Area(code=moved(c), name=name, level=level,
                 parent_id=ids[moved(c[:9] + "000")] if level == Level.VILLAGE else county.id,
                 side=Side.WEST, synthetic=True, deep_poverty=deep,
                 deep_poverty_source=demo.SOURCE if deep else "")
            for c, name, lv, deep in template if lv == level], batch_size=2000)
        ids.update(Area.objects.filter(code__startswith=code[:6], level=level)
                   .values_list("code", "id"))
    return county, ids


def template_areas() -> list:
    """The demo county's townships and villages: (code, name, level, deep poverty)."""
    from xiezuo.regions.choices import Level
    from xiezuo.regions.models import Area
    from xiezuo.registry import demo

    return list(Area.objects.filter(code__startswith=demo.ADDRESS_CODE,
                                    level__in=[Level.TOWNSHIP, Level.VILLAGE])
                .order_by("code").values_list("code", "name", "level", "deep_poverty"))


def _county(code: str, *, template: list, roster: list, pops: dict, names: list[str]) -> int:
    """One synthetic county in one transaction: its areas, households, people (named from
    `names` in turn), status history and monitoring. Returns the people written."""
    from django.db import transaction
    from django.utils import timezone

    from xiezuo.registry import crypto, demo
    from xiezuo.registry.choices import ChangeSource
    from xiezuo.registry.models import (
        AreaPopulation,
        Household,
        MonitoringRecord,
        Person,
        StatusChange,
    )
    from xiezuo.tabular.bulk import insert_rows

    address = code[:6]
    now = timezone.now()

    def moved(c: str) -> str:  # the template's code (or number) under this county's code
        return address + c[6:]

    with transaction.atomic():
        county, ids = county_areas(code, template=template)
        AreaPopulation.objects.bulk_create(
            [AreaPopulation(area_id=ids[moved(c)], agricultural=v, year=demo.BASE_YEAR,
                            source=demo.SOURCE, synthetic=True) for c, v in pops.items()],
            batch_size=2000)
        insert_rows(Household, _HH_FIELDS, (
            (county.id, ids[moved(h.township_code)], ids[moved(h.village_code)],
             h.natural_village, moved(h.number), h.size, h.poverty_attribute, h.exit_status,
             h.exit_year, h.main_cause, h.other_causes, h.dangerous_house, h.water_safe,
             h.water_difficulty, h.income_per_capita, h.phone, h.first_identified,
             h.monitoring_type, 1, now, now) for h in roster))
        hh = dict(Household.objects.filter(county=county).values_list("number", "id"))
        name_at = iter(names)
        people = insert_rows(Person, _P_FIELDS, (
            (hh[moved(h.number)], moved(p.number), next(name_at), crypto.encrypt_id(idn),
             crypto.id_hash(idn), crypto.mask_id(idn), p.sex, p.birth_date, p.relation,
             p.ethnicity, p.education, p.schooling, p.health, p.labour_capacity, p.employment,
             p.months_worked, p.illness_insurance, 1, now, now)
            for h in roster for p in h.members
            for idn in (readdress(p.id_number, address),)))
        insert_rows(StatusChange, ["household", "old", "new", "date", "source", "at"], (
            (hh[moved(h.number)], old, new, d, ChangeSource.DEMO, now)
            for h in roster for old, new, d in h.history))
        insert_rows(MonitoringRecord, ["household", "type", "risk", "found", "cleared"], (
            (hh[moved(h.number)], t, risk, found, cleared)
            for h in roster for t, risk, found, cleared in h.monitoring))
    return people


# --- the other counties: clones of the first, in SQL ---------------------------------------------

class Template:
    """The first synthetic county, read once for cloning: its code, its id, and its people's
    ID numbers in the order of their row ids (decrypted once; each clone readdresses them)."""

    def __init__(self, code: str, county_id: int, numbers: list[str]):
        self.code, self.county_id, self.numbers = code, county_id, numbers

    @classmethod
    def read(cls, code: str) -> "Template":
        from django.db import connection

        from xiezuo.regions.models import Area
        from xiezuo.registry import crypto

        county = Area.objects.get(code=code)
        # the template's people, numbered in the order of their ids, copied once for every
        # clone of this session (read from the people, whose household index a long build
        # holds back, they cost a scan of every person per county)
        with connection.cursor() as c:
            c.execute("DROP TABLE IF EXISTS scale_people")
            c.execute("CREATE TEMP TABLE scale_people AS SELECT t.*, row_number() OVER "
                      "(ORDER BY t.id) - 1 AS rn FROM registry_person t JOIN registry_household "
                      "th ON th.id = t.household_id WHERE th.county_id = %s ORDER BY t.id",
                      [county.id])
            c.execute("SELECT id_cipher FROM scale_people ORDER BY rn")
            ciphers = [r[0] for r in c.fetchall()]
        return cls(code, county.id, [crypto.decrypt_id(c) for c in ciphers])


def _columns(model, **override: str) -> tuple[str, str]:
    """(the column list, the SELECT expressions) of `model`'s columns but its id: each column
    copied from the template row `t.`, or the SQL expression `override` gives for it."""
    cols = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    return ", ".join(cols), ", ".join(override.get(c, f"t.{c}") for c in cols)


def clone_county(source: Template, code: str, *, template: list, shift: int) -> int:
    """The synthetic county `code` as a copy of `source` in one transaction, in SQL: its areas,
    population figures, households, people, status history and monitoring, every code and
    number moved under `code`'s address. What SQL cannot make is made here: each person's ID
    number readdressed (check character redone), encrypted, hashed and masked, sent with COPY
    (PostgreSQL). Names are the template's, permuted by `shift` (a different order per county).
    The household's member counts are the template's (the person-insert trigger is held off in
    this transaction, so 14,000 households are not rewritten); the village rollup follows the
    household insert as always. Returns the people written.

    Ten to twenty times faster than drawing each county (`_county`): the 10-million-person
    build fits in well under an hour on two shared cores (docs/benchmarks.md)."""
    from django.db import connection, transaction

    from xiezuo.registry import crypto
    from xiezuo.registry.models import (
        AreaPopulation,
        Household,
        MonitoringRecord,
        Person,
        StatusChange,
    )

    address, old = code[:6], source.code[:6]
    pg = connection.vendor == "postgresql"

    def moved(col: str) -> str:  # a code or number under the new address (blank stays blank)
        return (f"CASE WHEN {col} = '' THEN '' ELSE '{address}' || substr({col}, 7) END")

    n = len(source.numbers)
    step = _coprime_step(n, shift)
    keys = []
    for i, number in enumerate(source.numbers):
        new = readdress(number, address)
        keys.append((i, crypto.encrypt_id(new), crypto.id_hash(new), crypto.mask_id(new)))
    with transaction.atomic(), connection.cursor() as c:
        county, _ids = county_areas(code, template=template)
        c.execute("CREATE TEMP TABLE scale_keys (rn integer PRIMARY KEY, cipher "
                  + ("bytea" if pg else "blob") + ", hash varchar(64), masked varchar(18))")
        if pg:
            with c.cursor.copy("COPY scale_keys (rn, cipher, hash, masked) FROM STDIN") as cp:
                for row in keys:
                    cp.write_row(row)
        else:
            c.executemany("INSERT INTO scale_keys VALUES (%s, %s, %s, %s)", keys)
        # the areas' codes, template → clone
        area = ("SELECT t.id AS old_id, a.id AS new_id FROM regions_area t JOIN regions_area a "
                f"ON a.code = '{address}' || substr(t.code, 7) WHERE t.code LIKE '{old}%%' "
                "AND t.level IN ('township', 'village')")
        cols, sel = _columns(AreaPopulation, area_id="m.new_id")
        c.execute(f"INSERT INTO {AreaPopulation._meta.db_table} ({cols}) SELECT {sel} FROM "
                  f"{AreaPopulation._meta.db_table} t JOIN ({area}) m ON m.old_id = t.area_id", [])
        cols, sel = _columns(Household, county_id=str(county.id), township_id="mt.new_id",
                             village_id="mv.new_id", number=moved("t.number"),
                             source_import_id="NULL", source_row="NULL")
        c.execute(f"INSERT INTO registry_household ({cols}) SELECT {sel} FROM "
                  f"registry_household t JOIN ({area}) mt ON mt.old_id = t.township_id "
                  f"JOIN ({area}) mv ON mv.old_id = t.village_id WHERE t.county_id = %s "
                  "ORDER BY t.id", [source.county_id])
        # the households' map, and the template's people (`Template.read`): temporary tables,
        # whose sizes the planner sees (joins of subqueries were planned as nested loops over
        # 57,000 rows each)
        c.execute("CREATE TEMP TABLE scale_hh AS SELECT t.id AS old_id, h.id AS new_id FROM "
                  f"registry_household t JOIN registry_household h ON h.county_id = {county.id}"
                  f" AND h.number = {moved('t.number')} WHERE t.county_id = %s",
                  [source.county_id])
        cols, sel = _columns(Person, household_id="m.new_id", number=moved("t.number"),
                             name="nm.name", id_cipher="k.cipher", id_hash="k.hash",
                             id_masked="k.masked", source_import_id="NULL", source_row="NULL")
        # the member counts come with the households: the insert trigger would add them again
        with _member_count_held(connection):
            c.execute(f"INSERT INTO registry_person ({cols}) SELECT {sel} FROM scale_people t "
                      "JOIN scale_hh m ON m.old_id = t.household_id "
                      "JOIN scale_keys k ON k.rn = t.rn "
                      f"JOIN scale_people nm ON nm.rn = (t.rn * {step} + {shift}) %% {n} "
                      "ORDER BY t.id", [])
            written = c.rowcount
        for model in (StatusChange, MonitoringRecord):
            table = model._meta.db_table
            over = {"household_id": "m.new_id"}
            if model is StatusChange:
                over.update(source_import_id="NULL", source_row="NULL", actor_id="NULL")
            cols, sel = _columns(model, **over)
            c.execute(f"INSERT INTO {table} ({cols}) SELECT {sel} FROM {table} t "
                      "JOIN scale_hh m ON m.old_id = t.household_id ORDER BY t.id", [])
        for table in ("scale_keys", "scale_hh"):
            c.execute(f"DROP TABLE {table}")
    return written


def _coprime_step(n: int, shift: int) -> int:
    """A multiplier coprime with n (so rn → rn·step + shift mod n is a permutation), differing
    by county."""
    import math

    step = 7919 + 2 * shift
    while math.gcd(step, n) != 1:
        step += 1
    return step


class _member_count_held:
    """PostgreSQL: the person-insert member-count trigger off inside the current transaction
    (ALTER TABLE is transactional; it comes back at the end of the block). SQLite's row
    triggers are dropped around the block and the counts redone after it (`clone_county`)."""

    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        from xiezuo.registry import member_count

        if self.connection.vendor == "postgresql":
            with self.connection.cursor() as c:  # ALTER needs no foreign-key check pending
                c.execute("SET CONSTRAINTS ALL IMMEDIATE")
                c.execute("ALTER TABLE registry_person DISABLE TRIGGER "
                          "registry_member_count_ins")
                c.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            member_count.drop(self.connection)

    def __exit__(self, *exc):
        from xiezuo.registry import member_count

        if self.connection.vendor == "postgresql":
            with self.connection.cursor() as c:
                c.execute("SET CONSTRAINTS ALL IMMEDIATE")
                c.execute("ALTER TABLE registry_person ENABLE TRIGGER registry_member_count_ins")
                c.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            member_count.install(self.connection)
        return False


#: the tables whose secondary indexes a long build drops and makes again at the end
_HELD_TABLES = ("registry_person", "registry_household")
_HELD = "scale_held_index"


def _hold_indexes(connection, log) -> None:
    """PostgreSQL, before adding many counties: drop the people's and households' secondary
    indexes (not the primary keys, not the unique ones: ID numbers stay unique as they are
    written), keeping their definitions in a table so a stopped build makes them again
    (`_restore_indexes`). Maintaining ten indexes on the people of a growing database cost
    most of each county's time; building them once at the end costs a few minutes."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as c:
        c.execute(f"CREATE TABLE IF NOT EXISTS {_HELD} (name text PRIMARY KEY, def text)")
        c.execute(
            f"INSERT INTO {_HELD} SELECT i.indexrelid::regclass::text, "
            "pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = ANY(%s::regclass[])"
            " AND NOT i.indisunique AND NOT i.indisprimary "
            "AND i.indexrelid::regclass::text NOT LIKE 'registry_household_county_id%%' "
            "ON CONFLICT DO NOTHING", [list(_HELD_TABLES)])
        # the ID numbers' unique hash too: its random inserts into an index larger than the
        # buffers cost most of a county's time; made again at the end, where a duplicate
        # would fail the build
        c.execute(
            f"INSERT INTO {_HELD} SELECT 'constraint:' || conname, 'ALTER TABLE registry_person "
            "ADD CONSTRAINT ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'registry_person'::regclass AND contype = 'u' "
            "ON CONFLICT DO NOTHING")
        c.execute(f"SELECT name FROM {_HELD}")
        names = [r[0] for r in c.fetchall()]
        for name in names:
            if name.startswith("constraint:"):
                c.execute(f'ALTER TABLE registry_person DROP CONSTRAINT IF EXISTS '
                          f'"{name.split(":", 1)[1]}"')
            else:
                c.execute(f'DROP INDEX IF EXISTS "{name}"')
    log(f"  scale: {len(names)} secondary indexes held until the end of the build")


def _restore_indexes(connection, log) -> None:
    """Make again the indexes `_hold_indexes` dropped (none when none were)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as c:
        c.execute("SELECT to_regclass(%s)", [_HELD])
        if c.fetchone()[0] is None:
            return
        c.execute(f"SELECT name, def FROM {_HELD} ORDER BY name")
        held = c.fetchall()
        c.execute("SET maintenance_work_mem = '512MB'")
        for name, definition in held:
            t0 = time.perf_counter()
            if name.startswith("constraint:"):
                c.execute("SELECT 1 FROM pg_constraint WHERE conname = %s",
                          [name.split(":", 1)[1]])
                if not c.fetchone():
                    c.execute(definition)
            else:
                c.execute(definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
            c.execute(f"DELETE FROM {_HELD} WHERE name = %s", [name])
            log(f"  scale: index {name} made again in {time.perf_counter() - t0:.0f} s")
        c.execute(f"DROP TABLE {_HELD}")
        c.execute("RESET maintenance_work_mem")

"""`xiezuo demo --scale N`: N more synthetic counties of 57,004 registered people each, for
measuring the registry at national size (176 counties ≈ 10,000,000 people; docs/benchmarks.md).

Every county copies the layout of the demo's Lintao (18 townships, 323 villages) under a made-up
code: cities 6260…, eight counties each (a city the size of Dingxi), codes no real division uses
(Gansu's cities stop at 6230), every area labelled synthetic. The people are the demo
generator's one roster drawn once; each county gets them with its own address code in the ID
numbers (so each ID is valid and unique), its own household numbers and names shuffled, then
written through the bulk writer (`tabular.bulk.insert_rows`: COPY on PostgreSQL) with their
status history and monitoring records. Each county is one transaction, so a build that stops
can be run again and goes on where it stopped (counties already there are kept).
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
        log(f"  scale: all {n} synthetic counties already built")
        return {"built": 0, "counties": n}
    template = template_areas()
    villages = demo.demo_villages()
    if not villages:
        raise RuntimeError("the scale demo copies the demo's villages: build the demo first")
    rng = random.Random(f"{seed}:scale")
    started = time.perf_counter()
    pops = demo.village_populations(rng, villages)
    roster = demo.synthetic_roster(rng, villages, pops, people=people or demo.PEOPLE)
    log(f"  scale: one roster of {sum(len(h.members) for h in roster):,} people drawn in "
        f"{time.perf_counter() - started:.0f} s; building {len(todo)} counties")
    names = [p.name for h in roster for p in h.members]
    people = 0
    for k, code in enumerate(todo, 1):
        t0 = time.perf_counter()
        shuffled = names[:]
        random.Random(f"{seed}:scale:{code}").shuffle(shuffled)
        people += _county(code, template=template, roster=roster, pops=pops, names=shuffled)
        log(f"  scale: county {code} ({len(done) + k}/{n}) in {time.perf_counter() - t0:.1f} s")
        if k % 10 == 0 or k == len(todo):
            with connection.cursor() as cursor:  # keep the planner's statistics true as it grows
                for table in ("registry_household", "registry_person", "regions_area"):
                    cursor.execute(f"ANALYZE {table}")
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # every household was rewritten once by the member-count trigger: vacuum, so that the
        # covering index is read without visiting the table (its visibility map is set)
        with connection.cursor() as cursor:
            for table in ("registry_household", "registry_villagerollup"):
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

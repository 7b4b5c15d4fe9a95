"""The synthetic registry of Lintao: about 57,004 registered poor people in about 14,000 households.

`synthetic_roster` is pure (plain records from a random stream) so that the benchmark can write
the same people to a roster file; `build` inserts them in bulk. Names come from Faker's zh_CN
name lists, ID numbers are valid and synthetic (address code 621124), every household exits
between 2017 and 2020 (the county exits in 2020), a few return to poverty and come back out, and
a few enter post-2020 monitoring. Deep-poverty villages have a higher incidence.
"""

import datetime
import itertools
import random
from dataclasses import dataclass, field
from decimal import Decimal

from xiezuo.core.synthetic import DemoContext
from xiezuo.core.synthetic import pick as _pick
from xiezuo.registry import idnumber
from xiezuo.registry.choices import (
    Cause,
    ChangeSource,
    Education,
    Employment,
    ExitStatus,
    Health,
    LabourCapacity,
    MonitoringType,
    PovertyAttribute,
    Relation,
    Schooling,
)

PEOPLE = 57_004  # registered poor of Lintao at the end of 2016 (the plan, chapter 1)
AGRICULTURAL_POPULATION = 493_400  # the plan: incidence 11.55 % = 57,004 / 493,400
BASE_YEAR = 2016
ADDRESS_CODE = "621124"
DEEP_FACTOR = 1.6  # deep-poverty villages: higher incidence (synthetic)
EXIT_YEARS = {2017: 0.24, 2018: 0.31, 2019: 0.30, 2020: 0.15}
SOURCE = "合成演示数据"

# Household sizes, weights: the mean is close to 57,004 / 14,000 ≈ 4.07.
_SIZES = [(1, 5), (2, 12), (3, 18), (4, 24), (5, 21), (6, 12), (7, 5), (8, 3)]
_CAUSES = [(Cause.CAPITAL, 25), (Cause.SKILLS, 20), (Cause.ILLNESS, 15), (Cause.LABOUR, 10),
           (Cause.SCHOOLING, 8), (Cause.DISABILITY, 6), (Cause.WATER, 5), (Cause.TRANSPORT, 4),
           (Cause.MOTIVATION, 3), (Cause.DISASTER, 2), (Cause.LAND, 1), (Cause.OTHER, 1)]
_ETHNIC = [("汉族", 95), ("回族", 3), ("东乡族", 1), ("藏族", 1)]
_WORK = [(Employment.OUT_OF_PROVINCE, 20), (Employment.IN_PROVINCE, 20),
         (Employment.IN_COUNTY, 15), (Employment.IN_TOWNSHIP, 15), ("", 30)]
_RISKS = ["因病支出骤增", "因灾房屋受损", "务工收入骤减", "因学支出较大", "残疾致劳动能力下降",
          "产业经营失败"]
_SHE = "一二三四五六七八九十"


@dataclass
class DemoPerson:
    number: str
    name: str
    id_number: str
    sex: str
    birth_date: datetime.date
    relation: str
    ethnicity: str
    education: str
    schooling: str
    health: str
    labour_capacity: str
    employment: str
    months_worked: int | None
    illness_insurance: bool


@dataclass
class DemoHousehold:
    number: str
    township_code: str
    village_code: str
    natural_village: str
    size: int
    poverty_attribute: str
    exit_status: str
    exit_year: int | None
    main_cause: str
    other_causes: str
    dangerous_house: bool
    water_safe: bool
    water_difficulty: bool
    income_per_capita: Decimal
    phone: str
    first_identified: datetime.date
    members: list[DemoPerson] = field(default_factory=list)
    history: list[tuple[str, str, datetime.date]] = field(default_factory=list)
    monitoring: list[tuple[str, str, datetime.date, datetime.date | None]] = field(
        default_factory=list)
    monitoring_type: str = ""


class _Names:
    def __init__(self, rng: random.Random):
        from faker.providers.person.zh_CN import Provider

        self.rng = rng
        self.surnames = list(Provider.last_names)
        self.surname_weights = list(Provider.last_names.values())
        self.male = list(Provider.first_names_male)
        self.female = list(Provider.first_names_female)

    def surname(self) -> str:
        return self.rng.choices(self.surnames, self.surname_weights)[0]

    def given(self, male: bool) -> str:
        pool = self.male if male else self.female
        if self.rng.random() < 0.7:
            return self.rng.choice(pool) + self.rng.choice(pool)
        return self.rng.choice(pool)


def village_populations(rng: random.Random, villages: list[tuple[str, str, bool]],
                        total: int = AGRICULTURAL_POPULATION) -> dict[str, int]:
    """A synthetic agricultural population per village code, summing to `total`."""
    weights = [rng.uniform(0.6, 1.4) for _ in villages]
    s = sum(weights)
    pops = {v[0]: int(total * w / s) for v, w in zip(villages, weights, strict=True)}
    pops[villages[0][0]] += total - sum(pops.values())
    return pops


def _allocate(total: int, weights: dict[str, float]) -> dict[str, int]:
    s = sum(weights.values())
    out = {k: int(total * w / s) for k, w in weights.items()}
    rest = total - sum(out.values())
    for k in sorted(weights, key=lambda k: -(total * weights[k] / s - out[k]))[:rest]:
        out[k] += 1
    return out


def _person_attrs(rng: random.Random, age: int) -> dict:
    if age < 6:
        education = Education.PRESCHOOL
    elif age > 60:
        education = _pick(rng, [(Education.ILLITERATE, 55), (Education.PRIMARY, 35),
                                (Education.JUNIOR, 10)])
    elif age > 40:
        education = _pick(rng, [(Education.ILLITERATE, 20), (Education.PRIMARY, 45),
                                (Education.JUNIOR, 30), (Education.SENIOR, 5)])
    elif age > 18:
        education = _pick(rng, [(Education.PRIMARY, 15), (Education.JUNIOR, 55),
                                (Education.SENIOR, 22), (Education.COLLEGE, 8)])
    else:
        education = Education.PRIMARY if age < 12 else (Education.JUNIOR if age < 15
                                                        else Education.SENIOR)
    if 3 <= age <= 5:
        schooling = Schooling.PRESCHOOL
    elif 6 <= age <= 11:
        schooling = Schooling.PRIMARY
    elif 12 <= age <= 14:
        schooling = [Schooling.GRADE7, Schooling.GRADE8, Schooling.GRADE9][age - 12]
    elif 15 <= age <= 17:
        senior = rng.random() < 0.7
        schooling = ([Schooling.SENIOR1, Schooling.SENIOR2, Schooling.SENIOR3] if senior
                     else [Schooling.VOC1, Schooling.VOC2, Schooling.VOC3])[age - 15]
    elif 18 <= age <= 21 and rng.random() < 0.3:
        schooling = Schooling.COLLEGE
    else:
        schooling = Schooling.NOT_IN_SCHOOL
    old = age > 60
    health = _pick(rng, [(Health.HEALTHY, 60 if old else 85), (Health.CHRONIC, 25 if old else 7),
                         (Health.SERIOUS, 8 if old else 4), (Health.DISABLED, 7 if old else 4)])
    in_school = schooling != Schooling.NOT_IN_SCHOOL
    if age < 16 or in_school:
        capacity = LabourCapacity.NONE
    elif age > 60:
        capacity = _pick(rng, [(LabourCapacity.WEAK, 55), (LabourCapacity.LOST, 25),
                               (LabourCapacity.NONE, 20)])
    elif health in (Health.SERIOUS, Health.DISABLED):
        capacity = _pick(rng, [(LabourCapacity.WEAK, 50), (LabourCapacity.LOST, 50)])
    else:
        capacity = _pick(rng, [(LabourCapacity.ORDINARY, 75), (LabourCapacity.SKILLED, 11),
                               (LabourCapacity.WEAK, 14)])
    employment, months = "", None
    if capacity in (LabourCapacity.ORDINARY, LabourCapacity.SKILLED, LabourCapacity.WEAK):
        employment = _pick(rng, _WORK)
        months = rng.randint(3, 12) if employment else 0
    return {"education": education, "schooling": schooling, "health": health,
            "labour_capacity": capacity, "employment": employment, "months_worked": months,
            "illness_insurance": rng.random() < 0.97, "ethnicity": _pick(rng, _ETHNIC)}


def _birth(rng: random.Random, age: int) -> datetime.date:
    year = BASE_YEAR - age
    return datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))


def _members(rng: random.Random, names: _Names, size: int) -> list[tuple[str, bool, int, str]]:
    """(relation, male, age, surname or '') for a plausible household of `size` people."""
    head_male = rng.random() < 0.82
    head_age = rng.randint(24, 80)
    out = [(Relation.HEAD, head_male, head_age, "")]
    if size >= 2 and (rng.random() < 0.85 or head_age < 60):
        out.append((Relation.SPOUSE, not head_male, max(20, head_age + rng.randint(-5, 5)),
                    names.surname()))
    if head_age >= 62 and len(out) < size:
        son_age = head_age - rng.randint(22, 32)
        out.append((Relation.SON, True, son_age, ""))
        if len(out) < size:
            out.append((Relation.DAUGHTER_IN_LAW, False, son_age - rng.randint(0, 4),
                        names.surname()))
        while len(out) < size:
            male = rng.random() < 0.52
            out.append((Relation.GRANDSON if male else Relation.GRANDDAUGHTER, male,
                        max(0, son_age - rng.randint(20, 30)), ""))
    else:
        if head_age < 50 and size >= 5 and rng.random() < 0.6:
            parent_male = rng.random() < 0.4
            out.append((Relation.FATHER if parent_male else Relation.MOTHER, parent_male,
                        min(95, head_age + rng.randint(22, 32)), "" if parent_male else
                        names.surname()))
        while len(out) < size:
            male = rng.random() < 0.52
            age = max(0, head_age - rng.randint(20, 38))
            out.append((Relation.SON if male else Relation.DAUGHTER, male, age, ""))
    return out[:size]


def synthetic_roster(rng: random.Random, villages: list[tuple[str, str, bool]],
                     populations: dict[str, int], *, people: int = PEOPLE) -> list[DemoHousehold]:
    """Households and members over `villages` ((code, township code, deep poverty), …)."""
    names = _Names(rng)
    poor = _allocate(people, {code: populations[code] * (DEEP_FACTOR if deep else 1.0)
                              for code, _t, deep in villages})
    deep_of = {code: deep for code, _t, deep in villages}
    township_of = {code: t for code, t, _d in villages}
    used_ids: set[str] = set()
    households: list[DemoHousehold] = []
    for village in sorted(poor):
        left = poor[village]
        seq = itertools.count(1)
        while left > 0:
            size = min(left, _pick(rng, _SIZES))
            left -= size
            number = f"{village}{next(seq):04d}"
            deep = deep_of[village]
            year = _pick(rng, list(EXIT_YEARS.items()))
            if deep and year < 2020 and rng.random() < 0.35:
                year += 1  # deep-poverty villages exit later on average
            identified = datetime.date(rng.choice([2014, 2014, 2015, 2016]), rng.randint(1, 12),
                                       rng.randint(1, 28))
            exit_date = datetime.date(year, rng.randint(9, 12), rng.randint(1, 28))
            status = ExitStatus.EXITED_SUPPORTED if year >= 2019 or rng.random() < 0.6 \
                else ExitStatus.EXITED
            history = [("", ExitStatus.NOT_EXITED, identified),
                       (ExitStatus.NOT_EXITED, status, exit_date)]
            monitoring: list = []
            monitoring_type = ""
            r = rng.random()
            if r < 0.004 and year <= 2018:  # returned to poverty, out again by 2020
                back = datetime.date(year + 1, rng.randint(3, 8), rng.randint(1, 28))
                again = datetime.date(2020, rng.randint(9, 12), rng.randint(1, 28))
                history += [(status, ExitStatus.RETURNED, back),
                            (ExitStatus.RETURNED, ExitStatus.EXITED_SUPPORTED, again)]
                status, year = ExitStatus.EXITED_SUPPORTED, 2020
            elif r < 0.006:  # returned after the county exited: under monitoring now
                back = datetime.date(rng.choice([2021, 2022]), rng.randint(1, 12),
                                     rng.randint(1, 28))
                history.append((status, ExitStatus.RETURNED, back))
                status = ExitStatus.RETURNED
                monitoring.append((MonitoringType.UNSTABLE, rng.choice(_RISKS), back, None))
                monitoring_type = MonitoringType.UNSTABLE
            elif r < 0.03:  # post-2020 monitoring of a household that stayed out of poverty
                found = datetime.date(rng.choice([2021, 2022, 2023]), rng.randint(1, 12),
                                      rng.randint(1, 28))
                kind = _pick(rng, [(MonitoringType.UNSTABLE, 50), (MonitoringType.MARGINAL, 30),
                                   (MonitoringType.SUDDEN, 20)])
                cleared = (found + datetime.timedelta(days=rng.randint(120, 600))
                           if rng.random() < 0.7 else None)
                monitoring.append((kind, rng.choice(_RISKS), found, cleared))
                monitoring_type = "" if cleared else kind
            # A household that returned after 2020 keeps the year it first exited.
            exited = status in (ExitStatus.EXITED_SUPPORTED, ExitStatus.EXITED)
            income = (rng.uniform(4200, 9800) if exited else rng.uniform(2100, 3200))
            others = rng.sample([c for c, _w in _CAUSES], k=rng.choice([0, 0, 1, 1, 2]))
            main = _pick(rng, _CAUSES)
            hh = DemoHousehold(
                number=number, township_code=township_of[village], village_code=village,
                natural_village=f"{rng.choice(_SHE)}社", size=size,
                poverty_attribute=_pick(rng, [(PovertyAttribute.GENERAL, 75),
                                              (PovertyAttribute.LOW_INCOME, 20),
                                              (PovertyAttribute.DESTITUTE, 5)]),
                exit_status=status, exit_year=year, main_cause=main,
                other_causes="、".join(c for c in others if c != main),
                dangerous_house=rng.random() < 0.15, water_safe=rng.random() < 0.9,
                water_difficulty=rng.random() < 0.1,
                income_per_capita=Decimal(f"{income:.2f}"),
                phone=f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
                first_identified=identified, history=history, monitoring=monitoring,
                monitoring_type=monitoring_type)
            surname = names.surname()
            for i, (relation, male, age, own_surname) in enumerate(_members(rng, names, size), 1):
                birth = _birth(rng, age)
                while True:
                    number_id = idnumber.generate(rng, address=ADDRESS_CODE, birth_date=birth,
                                                  male=male)
                    if number_id not in used_ids:
                        used_ids.add(number_id)
                        break
                hh.members.append(DemoPerson(
                    number=f"{number}{i:02d}", name=(own_surname or surname) + names.given(male),
                    id_number=number_id, sex="男" if male else "女", birth_date=birth,
                    relation=relation, **_person_attrs(rng, age)))
            households.append(hh)
    return households


def demo_villages() -> list[tuple[str, str, bool]]:
    from xiezuo.regions.choices import Level
    from xiezuo.regions.models import Area

    return [(code, parent, deep) for code, parent, deep in Area.objects.filter(
        level=Level.VILLAGE, side="west", code__startswith=ADDRESS_CODE).order_by("code")
        .values_list("code", "parent__code", "deep_poverty")]


def build(ctx: DemoContext) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from xiezuo.regions.models import Area
    from xiezuo.registry import crypto, member_count
    from xiezuo.registry.models import (
        AreaPopulation,
        Household,
        MonitoringRecord,
        Person,
        StatusChange,
    )
    from xiezuo.tabular.bulk import insert_rows

    rng = ctx.sub_rng("registry")
    villages = demo_villages()
    if not villages:
        ctx.log("  registry: no villages, skipped")
        return
    pops = village_populations(rng, villages)
    roster = synthetic_roster(rng, villages, pops)
    county = ctx.county or Area.objects.get(code=ADDRESS_CODE + "000000")
    area_ids = dict(Area.objects.filter(code__startswith=ADDRESS_CODE).values_list("code", "id"))

    township_pop: dict[str, int] = {}
    for code, township, _deep in villages:
        township_pop[township] = township_pop.get(township, 0) + pops[code]
    AreaPopulation.objects.bulk_create(
        [AreaPopulation(area_id=area_ids[c], agricultural=n, year=BASE_YEAR, source=SOURCE,
                        synthetic=True)
         for c, n in [*pops.items(), *township_pop.items(),
                      (county.code, sum(pops.values()))]], batch_size=1000)

    now = timezone.now()
    hh_fields = ["county", "township", "village", "natural_village", "number", "size",
                 "poverty_attribute", "exit_status", "exit_year", "main_cause", "other_causes",
                 "dangerous_house", "water_safe", "water_difficulty", "income_per_capita",
                 "phone", "first_identified", "monitoring_type", "version", "created_at",
                 "updated_at"]
    insert_rows(Household, hh_fields, (
        (county.id, area_ids[h.township_code], area_ids[h.village_code], h.natural_village,
         h.number, h.size, h.poverty_attribute, h.exit_status, h.exit_year, h.main_cause,
         h.other_causes, h.dangerous_house, h.water_safe, h.water_difficulty,
         h.income_per_capita, h.phone, h.first_identified, h.monitoring_type, 1, now, now)
        for h in roster))
    hh_ids = dict(Household.objects.filter(county=county).values_list("number", "id"))
    p_fields = ["household", "number", "name", "id_cipher", "id_hash", "id_masked", "sex",
                "birth_date", "relation", "ethnicity", "education", "schooling", "health",
                "labour_capacity", "employment", "months_worked", "illness_insurance", "version",
                "created_at", "updated_at"]
    with transaction.atomic(), member_count.deferred(connection):
        people = insert_rows(Person, p_fields, (
            (hh_ids[h.number], p.number, p.name, crypto.encrypt_id(p.id_number),
             crypto.id_hash(p.id_number), crypto.mask_id(p.id_number), p.sex, p.birth_date,
             p.relation, p.ethnicity, p.education, p.schooling, p.health, p.labour_capacity,
             p.employment, p.months_worked, p.illness_insurance, 1, now, now)
            for h in roster for p in h.members))
    history = insert_rows(StatusChange, ["household", "old", "new", "date", "source", "at"], (
        (hh_ids[h.number], old, new, d, ChangeSource.DEMO, now)
        for h in roster for old, new, d in h.history))
    monitoring = insert_rows(MonitoringRecord, ["household", "type", "risk", "found", "cleared"], (
        (hh_ids[h.number], t, risk, found, cleared)
        for h in roster for t, risk, found, cleared in h.monitoring))
    ctx.households = len(hh_ids)
    ctx.log(f"  {people} registered people in {len(hh_ids)} households (synthetic), "
            f"{history} status changes, {monitoring} monitoring records")


def build_scale(n: int, *, seed: int, log) -> dict:
    """`xiezuo demo --scale N`: N synthetic counties beside the demo (registry.scale)."""
    from xiezuo.registry import scale

    return scale.build(n, seed=seed, log=log)

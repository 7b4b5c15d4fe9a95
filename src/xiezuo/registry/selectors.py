"""Reads of the registry for the other parts (labour, funds, plan): always scoped to `user`.

Every figure goes through `visible_to(user)`, so a township clerk's dashboard counts the
township, a county officer's the county. The plan app imports these names; keep them.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum

from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area
from xiezuo.registry.choices import (
    EXITED_STATUSES,
    LABOUR_FORCE_CAPACITIES,
    ExitStatus,
    Relation,
)
from xiezuo.registry.filters import EXITED, HouseholdFilters, PersonFilters
from xiezuo.registry.models import (
    AreaPopulation,
    Household,
    Person,
    StatusChange,
    VillageRollup,
)

LABOUR_AGE = (16, 60)  # working age as the labour part counts it (plan ch.4)


def households_visible(*, user) -> QuerySet[Household]:
    return Household.objects.visible_to(user)


def persons_visible(*, user) -> QuerySet[Person]:
    return Person.objects.visible_to(user)


def _status_q(prefix: str, status: str) -> Q:
    if status == EXITED:
        return Q(**{f"{prefix}exit_status__in": EXITED_STATUSES})
    return Q(**{f"{prefix}exit_status": status})


def _household_q(f: HouseholdFilters | PersonFilters, path: str) -> Q:
    """The household filters (township, village, exit status and year) as one condition on the
    household at `path` ("" for households, "household__" for persons): the two lists share it,
    so a household and its members are found by the same rules."""
    q = Q()
    if f.county:
        q &= Q(**{f"{path}county__code": f.county})
    if f.township:
        q &= Q(**{f"{path}township__code": f.township})
    if f.village:
        q &= Q(**{f"{path}village__code": f.village})
    if f.exit_status:
        q &= _status_q(path, f.exit_status)
    if f.exit_year:
        q &= Q(**{f"{path}exit_year": f.exit_year})
    return q


def _member_q(f: HouseholdFilters | PersonFilters) -> Q:
    """The person filters (a name's part, the ID number's keyed hash) as one condition."""
    q = Q()
    if f.name:
        q &= Q(name__contains=f.name)
    if f.idh:
        q &= Q(id_hash=f.idh)
    return q


#: a household missing what the roster must give (its attribute, main cause, income, the date it
#: was identified) or whose declared size differs from the members registered: the clerk's to-do
INCOMPLETE = (Q(poverty_attribute="") | Q(main_cause="") | Q(income_per_capita__isnull=True)
              | Q(first_identified__isnull=True)
              | (Q(size__isnull=False) & ~Q(size=F("member_count"))))


def household_list(*, user, filters: HouseholdFilters
                   ) -> QuerySet[Household]:
    """The households `user` may see that match every filter, with their heads (and the
    members a name or ID number matched, as `matched`). The household list page reads this."""
    f = filters
    qs = Household.objects.visible_to(user).filter(_household_q(f, ""))
    if f.incomplete:
        qs = qs.filter(INCOMPLETE)
    member_q = _member_q(f)
    # the members shown beside each household (its head, the members a search matched): only
    # what the page shows of them, not their ciphertexts and the roster's other columns
    shown = Person.objects.only("id", "household_id", "name", "id_masked", "relation")
    prefetches = [Prefetch("members", shown.filter(relation=Relation.HEAD), to_attr="heads")]
    if f.name or f.idh:
        qs = qs.filter(pk__in=Person.objects.filter(member_q).values("household_id"))
        prefetches.append(Prefetch("members", shown.filter(member_q), to_attr="matched"))
    return (qs.select_related("township", "village").prefetch_related(*prefetches)
            .order_by("village__code", "number"))


def person_list(*, user, filters: PersonFilters) -> QuerySet[Person]:
    """The registered persons `user` may see that match every filter (the exit filters are
    their household's). The persons list page and the plan's exits (registry.exits) read this."""
    qs = Person.objects.visible_to(user).filter(_member_q(filters)
                                                & _household_q(filters, "household__"))
    if filters.remaining:
        qs = qs.filter(_remaining_q(filters.remaining))
    return (qs.select_related("household__township", "household__village")
            .order_by("household__village__code", "household__number", "id"))
def person_by_id_number(*, user, raw: str) -> Person | None:
    """The person `user` may see whose full ID number is `raw` (as typed: normalised first), or
    None, also for a number that cannot be valid. Matched through the keyed hash: the number
    itself is never used in a query."""
    from xiezuo.registry import crypto, idnumber

    try:
        number = idnumber.parse(raw).number
    except idnumber.IdNumberError:
        return None
    return persons_visible(user=user).filter(id_hash=crypto.id_hash(number)).first()


def village_rollup(*, user, filters: HouseholdFilters) -> QuerySet[VillageRollup]:
    """The rollup rows (per village, exit status and exit year: `households`, `members`) of
    the households `household_list` gives for `filters`, so summing them gives that list's
    共 N 户，M 人 without reading a household (tested equal). Only the household filters can
    be served: a name or an ID number needs the list itself."""
    f = filters
    if f.name or f.idh:
        raise ValueError("the village rollup cannot filter by a person's name or ID number")
    q = Q()
    if f.county:
        q &= Q(village__parent__parent__code=f.county)
    if f.township:
        q &= Q(village__parent__code=f.township)
    if f.village:
        q &= Q(village__code=f.village)
    if f.exit_status:
        q &= _status_q("", f.exit_status)
    if f.exit_year:
        q &= Q(exit_year=f.exit_year)
    return VillageRollup.objects.visible_to(user).filter(q)


def _rollup_sum(user, field: str, q: Q | None = None) -> int:
    return (village_rollup(user=user, filters=HouseholdFilters()).filter(q or Q())
            .aggregate(n=Sum(field))["n"] or 0)


def households_count(*, user) -> int:
    """Households in the user's area (the village rollup's sum, equal to counting them)."""
    return _rollup_sum(user, "households")


def persons_count(*, user) -> int:
    """Registered persons in the user's area (the rollup's sum of member counts, which the
    triggers keep equal to counting the person rows)."""
    return _rollup_sum(user, "members")


def registered_total(*, user) -> int:
    """Every registered person (建档立卡人口) in the user's area, exited or not.

    Summed over the village rollup (registry.rollup), equal to summing households' trigger-kept
    `member_count` and to counting the person rows (tested), so a county-wide figure reads a few
    rows per village instead of 14,000 households or 57,000 people.
    """
    return _rollup_sum(user, "members")


def _years_ago(on: datetime.date, years: int) -> datetime.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def labour_force(*, user, on: datetime.date | None = None) -> QuerySet[Person]:
    """Registered people aged 16–60 on `on` (default today) able to work (普通/技能劳动力)."""
    on = on or datetime.date.today()
    youngest, oldest = LABOUR_AGE
    # Aged 16..60 inclusive: born after (on − 61 years) and on or before (on − 16 years).
    return persons_visible(user=user).filter(
        labour_capacity__in=LABOUR_FORCE_CAPACITIES,
        birth_date__lte=_years_ago(on, youngest),
        birth_date__gt=_years_ago(on, oldest + 1),
    )


def exit_counts(*, user) -> dict[int, int]:
    """Persons whose household has exited poverty, by exit year {2017: n, …} (village rollup)."""
    rows = (village_rollup(user=user, filters=HouseholdFilters(exit_status=EXITED))
            .filter(exit_year__isnull=False)
            .values("exit_year").annotate(n=Sum("members")).order_by("exit_year"))
    return {r["exit_year"]: r["n"] for r in rows if r["n"]}


def returns_count(*, user, year: int | None = None) -> int:
    """Persons in households that returned to poverty (返贫), in `year` if given."""
    changes = StatusChange.objects.filter(household=OuterRef("household"),
                                          new=ExitStatus.RETURNED)
    if year is not None:
        changes = changes.filter(date__year=year)
    return persons_visible(user=user).filter(Exists(changes)).count()


def _remaining_q(year: int) -> Q:
    """Persons still poor at the end of `year`: not exited by then, or returned by then."""
    returned_by = StatusChange.objects.filter(household=OuterRef("household"),
                                              new=ExitStatus.RETURNED, date__year__lte=year)
    exited_by = Q(household__exit_status__in=EXITED_STATUSES, household__exit_year__lte=year)
    returned_exit_before = Q(household__exit_status=ExitStatus.RETURNED,
                             household__exit_year__lte=year)
    return ~(exited_by | returned_exit_before) | (returned_exit_before & Exists(returned_by))


def poor_remaining(*, user, year: int) -> int:
    """Registered persons not (or no longer) out of poverty at the end of `year`: the persons
    `_remaining_q` selects, counted as the village rollup's members less those whose household
    had exited (or exited and returned) by then, plus the few returned households whose return
    came by then (the only part that needs a household's history). Tested equal to counting."""
    out = {*EXITED_STATUSES, ExitStatus.RETURNED}
    sums = village_rollup(user=user, filters=HouseholdFilters()).aggregate(
        every=Sum("members"), out=Sum("members", filter=Q(exit_status__in=out,
                                                          exit_year__lte=year)))
    left = (sums["every"] or 0) - (sums["out"] or 0)
    returned_by = StatusChange.objects.filter(household=OuterRef("pk"), new=ExitStatus.RETURNED,
                                              date__year__lte=year)
    back = (households_visible(user=user)
            .filter(exit_status=ExitStatus.RETURNED, exit_year__lte=year)
            .filter(Exists(returned_by)).aggregate(n=Sum("member_count"))["n"] or 0)
    return left + back


@dataclass(frozen=True)
class Incidence:
    """Poverty incidence of one area: poor persons over its agricultural population."""

    code: str
    name: str
    poor: int
    population: int | None  # None when no population figure is stored for the area
    deep_poverty: bool = False

    @property
    def incidence(self) -> Decimal | None:
        """Percent with 2 places (11.55 means 11.55 %)."""
        if not self.population:
            return None
        return (Decimal(100 * self.poor) / Decimal(self.population)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP)


def _incidence(*, user, level: str, year: int | None,
               within: str | None = None) -> list[Incidence]:
    areas = Area.objects.visible_to(user).filter(level=level, side="west")
    if within:
        areas = areas.filter(code__startswith=within)
    people = persons_visible(user=user)
    if year is not None:
        people = people.filter(_remaining_q(year))
    field = "household__township__code" if level == Level.TOWNSHIP else "household__village__code"
    poor = dict(people.values_list(field).annotate(n=Count("id")).values_list(field, "n"))
    pops = dict(AreaPopulation.objects.filter(area__in=areas)
                .values_list("area__code", "agricultural"))
    return [Incidence(code=a.code, name=a.name, poor=poor.get(a.code, 0),
                      population=pops.get(a.code), deep_poverty=a.deep_poverty)
            for a in areas.order_by("code")]


def incidence_by_township(*, user, year: int | None = None) -> list[Incidence]:
    """Per visible township: registered persons (or those still poor at the end of `year`)
    over the township's agricultural population (AreaPopulation)."""
    return _incidence(user=user, level=Level.TOWNSHIP, year=year)


def incidence_by_village(*, user, year: int | None = None,
                         township_code: str | None = None) -> list[Incidence]:
    """Per visible village (optionally of one township), as incidence_by_township."""
    return _incidence(user=user, level=Level.VILLAGE, year=year,
                      within=township_code[:9] if township_code else None)


def incidence_total(*, user, county_code: str = "621124000000",
                    year: int | None = None) -> Incidence:
    """The county's incidence (the plan: 57,004 of 493,400, 11.55 % at the end of 2016)."""
    county = Area.objects.get(code=county_code)
    people = persons_visible(user=user).filter(household__county=county)
    if year is not None:
        people = people.filter(_remaining_q(year))
    pop = None
    if Area.objects.visible_to(user).filter(pk=county.pk).exists():  # else only a part is counted
        pop = AreaPopulation.objects.filter(area=county).values_list("agricultural",
                                                                    flat=True).first()
    return Incidence(code=county.code, name=county.name, poor=people.count(), population=pop)


def persons_by_id_number(numbers) -> dict[str, tuple[int, str]]:
    """ID number -> (person id, village code) for the registered people among `numbers`
    (normalised 18-character numbers), found through the ID hash: what a reader's import
    (the labour survey) needs to attach its rows, without knowing how ID numbers are stored.
    Unscoped: the caller checks the village against its user's scope."""
    from xiezuo.registry import crypto
    from xiezuo.tabular.bulk import chunks

    by_hash = {crypto.id_hash(n): n for n in numbers}
    found: dict[str, tuple[int, str]] = {}
    for chunk in chunks(list(by_hash)):
        for pid, h, code in Person.objects.filter(id_hash__in=chunk).values_list(
                "id", "id_hash", "household__village__code"):
            found[by_hash[h]] = (pid, code)
    return found

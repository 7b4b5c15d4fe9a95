"""The synthetic registry: the plan's magnitudes, plausible households, valid IDs, all exit by 2020."""

import random
import sys
from collections import Counter

import pytest

from xiezuo.registry import demo, idnumber
from xiezuo.registry.choices import EXITED_STATUSES, ExitStatus, Relation

VILLAGES = [(f"621124{t:03d}{v:03d}", f"621124{t:03d}000", v == 201)
            for t in (100, 101, 102) for v in range(201, 211)]


@pytest.fixture(scope="module")
def roster():
    rng = random.Random(1)
    pops = demo.village_populations(rng, VILLAGES, total=30_000)
    return demo.synthetic_roster(rng, VILLAGES, pops, people=3_000), pops


def test_the_people_add_up_and_households_look_real(roster):
    households, pops = roster
    assert sum(pops.values()) == 30_000
    people = [p for h in households for p in h.members]
    assert len(people) == 3_000
    assert 3.6 < len(people) / len(households) < 4.6
    for h in households:
        assert [p.relation for p in h.members].count(Relation.HEAD) == 1
        assert h.members[0].relation == Relation.HEAD and h.size == len(h.members)
        assert h.number.startswith(h.village_code)


def test_ids_are_valid_unique_and_agree_with_sex_and_birth(roster):
    households, _ = roster
    people = [p for h in households for p in h.members]
    assert len({p.id_number for p in people}) == len(people)
    for p in people:
        ident = idnumber.parse(p.id_number)
        assert ident.address_code == "621124"
        assert (ident.sex, ident.birth_date) == (p.sex, p.birth_date)


def test_every_household_exits_between_2017_and_2020_with_history(roster):
    households, _ = roster
    for h in households:
        assert 2017 <= h.exit_year <= 2020
        assert h.exit_status in (*EXITED_STATUSES, ExitStatus.RETURNED)
        assert h.history[0][:2] == ("", ExitStatus.NOT_EXITED)
        assert h.history[-1][1] == h.exit_status
        assert [new for _old, new, _d in h.history[:-1]] == [old for old, _n, _d in h.history[1:]]
        if h.exit_status == ExitStatus.RETURNED:
            assert h.history[-1][2].year > 2020 and h.monitoring
    years = Counter(h.exit_year for h in households)
    assert all(years[y] > 0.08 * len(households) for y in range(2017, 2021))


def test_deep_poverty_villages_have_higher_incidence(roster):
    households, pops = roster
    poor = Counter()
    for h in households:
        poor[h.village_code] += h.size
    deep = [poor[c] / pops[c] for c, _t, d in VILLAGES if d]
    other = [poor[c] / pops[c] for c, _t, d in VILLAGES if not d]
    assert sum(deep) / len(deep) > 1.3 * sum(other) / len(other)


@pytest.mark.django_db
def test_the_demo_step_fills_the_plans_registry(areas):
    from xiezuo.core.synthetic import DemoContext
    from xiezuo.regions import demo as regions_demo
    from xiezuo.regions.models import Area
    from xiezuo.registry import crypto
    from xiezuo.registry.models import Household, MonitoringRecord, Person, StatusChange
    from xiezuo.registry.selectors import incidence_total

    Area.objects.filter(level="village").delete()  # the demo makes its own 323 villages
    ctx = DemoContext(seed=20170626, stdout=sys.stdout)
    regions_demo.build(ctx)
    demo.build(ctx)
    assert Person.objects.count() == 57_004
    assert 13_000 <= Household.objects.count() <= 15_000
    assert not Household.objects.exclude(exit_status__in=[*EXITED_STATUSES,
                                                           ExitStatus.RETURNED]).exists()
    assert StatusChange.objects.filter(new__in=EXITED_STATUSES).count() >= Household.objects.count()
    assert StatusChange.objects.filter(new=ExitStatus.RETURNED).exists()
    assert MonitoringRecord.objects.exists()
    p = Person.objects.order_by("?").first()
    assert crypto.mask_id(crypto.decrypt_id(p.id_cipher)) == p.id_masked

    class Everyone:
        is_authenticated = is_active = is_superuser = True

    total = incidence_total(user=Everyone())
    assert (total.poor, total.population, str(total.incidence)) == (57_004, 493_400, "11.55")

"""`xiezuo demo --scale N` (registry.scale): synthetic counties copied from the demo's layout,
valid and unique ID numbers under each county's own code, labelled synthetic, resumable."""

import io

import pytest
from django.db import connection

from xiezuo.registry import crypto, idnumber, rollup, scale

pytestmark = pytest.mark.django_db


def test_county_codes_are_made_up_cities_of_eight_counties():
    codes = scale.county_codes(10)
    assert codes[:2] == ["626001000000", "626002000000"]
    assert codes[8] == "626101000000"
    assert len(set(codes)) == 10 and all(c.startswith("62") and len(c) == 12 for c in codes)
    assert scale.county_codes(176)[-1] == "628108000000"  # 10 million people: cities 6260–6281
    with pytest.raises(ValueError):
        scale.county_codes(1000)


def test_an_id_number_moved_to_another_county_stays_valid():
    moved = scale.readdress("62112419800101001X", "626001")
    assert moved.startswith("626001198001010") and idnumber.is_valid(moved)


@pytest.fixture
def demo_villages(db):
    from xiezuo.core.synthetic import DemoContext
    from xiezuo.regions import demo as regions_demo
    from xiezuo.regions.reference import load_reference

    load_reference()
    regions_demo.build(DemoContext(seed=7, stdout=io.StringIO()))


def test_scale_builds_synthetic_counties_once(demo_villages):
    from xiezuo.regions.models import Area
    from xiezuo.registry.models import Household, Person

    out = scale.build(2, seed=7, people=300, log=lambda m: None)
    assert out["built"] == 2 and out["people"] == 600
    for code in scale.county_codes(2):
        county = Area.objects.get(code=code)
        assert county.synthetic and county.parent.code == "626000000000"
        assert not Area.objects.filter(code__startswith=code[:6], synthetic=False).exists()
        people = Person.objects.filter(household__county=county)
        assert people.count() == 300
        for p in people[:20]:
            number = crypto.decrypt_id(p.id_cipher)
            assert number.startswith(code[:6]) and idnumber.is_valid(number)
            assert p.id_hash == crypto.id_hash(number)
    assert Person.objects.values("id_hash").distinct().count() == 600
    assert Household.objects.filter(number__startswith="626001").count() == Household.objects \
        .filter(number__startswith="626002").count()
    assert rollup.differences(connection) == []
    assert scale.build(2, seed=7, people=300, log=lambda m: None)["built"] == 0  # kept


def test_cloned_counties_equal_the_first_under_their_own_codes(demo_villages):
    """Counties after the first are copied in SQL (scale.clone_county): the same households,
    people, history and monitoring, every ID number readdressed (valid, unique, hashed and
    masked as the registry does), names permuted, member counts and the village rollup equal
    to a recount."""
    from collections import Counter

    from xiezuo.registry.models import (
        AreaPopulation,
        Household,
        MonitoringRecord,
        Person,
        StatusChange,
    )

    scale.build(3, seed=7, people=300, log=lambda m: None)
    first, *clones = scale.county_codes(3)

    def of(model, code, path="household__county__code"):
        return model.objects.filter(**{path: code})

    names = [p.name for p in of(Person, first).order_by("id")]
    for code in clones:
        people = list(of(Person, code).order_by("id"))
        assert len(people) == 300
        assert Counter(p.name for p in people) == Counter(names)
        assert [p.name for p in people] != names  # permuted
        for p in people:
            number = crypto.decrypt_id(p.id_cipher)
            assert number.startswith(code[:6]) and idnumber.is_valid(number)
            assert p.id_hash == crypto.id_hash(number) and p.id_masked == crypto.mask_id(number)
            assert p.number.startswith(code[:6]) and p.household.village.code[:6] == code[:6]
        for model in (Household, StatusChange, MonitoringRecord):
            path = "county__code" if model is Household else "household__county__code"
            assert of(model, code, path).count() == of(model, first, path).count()
        assert AreaPopulation.objects.filter(area__code__startswith=code[:6]).count() == \
            AreaPopulation.objects.filter(area__code__startswith=first[:6]).count()
    assert Person.objects.values("id_hash").distinct().count() == 900
    for h in Household.objects.filter(county__synthetic=True):
        assert h.member_count == h.members.count()
    assert rollup.differences(connection) == []

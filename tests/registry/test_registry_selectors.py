"""The registry's figures for the other parts, and who sees which of them."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from xiezuo.registry import selectors as s
from xiezuo.registry.choices import ChangeSource, ExitStatus
from xiezuo.registry.models import AreaPopulation, Household, StatusChange
from xiezuo.registry.services import household_import

XVILLAGE1 = "测试辛店镇1村"

pytestmark = pytest.mark.django_db
ON = datetime.date(2020, 6, 30)
XINDIAN = {"乡(镇)": "辛店镇", "行政村": XVILLAGE1}


@pytest.fixture
def registry(areas, tmp_path, household, new_id, write_xlsx):
    """洮阳镇: H1 (3, exited 2018), H2 (2, exited 2019, returned 2019, out again 2020),
    H3 (1, not exited); 辛店镇: X1 (4, exited 2017)."""
    rows = (household("H1", 3, 脱贫属性="已脱贫（享受政策）", 脱贫年度="2018")
            + household("H2", 2, 脱贫属性="已脱贫（享受政策）", 脱贫年度="2020")
            + household("H3", 1, 行政村="测试洮阳镇2村")
            + household("X1", 4, 脱贫属性="已脱贫（不再享受政策）", 脱贫年度="2017", **XINDIAN))
    # ages on ON: 1980-05-06 → 40 (the default); make a child, an elder and a weak worker
    rows[2]["证件号码"] = new_id(51, born=datetime.date(2010, 1, 1))  # 10 years old
    rows[3]["证件号码"] = new_id(52, born=datetime.date(1950, 1, 1))  # 70
    rows[4]["劳动技能"] = "弱劳动力或半劳动力"
    r = household_import(path=write_xlsx(tmp_path / "r.xlsx", rows))
    assert r.rejected == 0, r.errors
    h2 = Household.objects.get(number="H2")
    StatusChange.objects.bulk_create([
        StatusChange(household=h2, old="已脱贫（享受政策）", new=ExitStatus.RETURNED,
                     date=datetime.date(2019, 12, 1), source=ChangeSource.USER),
        StatusChange(household=h2, old=ExitStatus.RETURNED, new="已脱贫（享受政策）",
                     date=datetime.date(2020, 11, 1), source=ChangeSource.USER)])
    pops = {"621124100000": 60, "621124100201": 40, "621124100202": 20, "621124103000": 40,
            "621124103201": 40, "621124000000": 100}
    AreaPopulation.objects.bulk_create([AreaPopulation(area=areas[c], agricultural=n, year=2016)
                                        for c, n in pops.items()])
    return areas


COUNTY_WIDE = ["county_admin", "case_worker", "fund_officer", "leadership", "auditor",
               "east_officer"]


@pytest.mark.parametrize("role", COUNTY_WIDE)
def test_county_wide_roles_see_every_figure(registry, users, role):
    u = users[role]
    assert (s.households_count(user=u), s.persons_count(user=u), s.registered_total(user=u)) == (
        4, 10, 10)
    assert s.exit_counts(user=u) == {2017: 4, 2018: 3, 2020: 2}
    assert s.returns_count(user=u) == 2 and s.returns_count(user=u, year=2019) == 2
    assert s.returns_count(user=u, year=2018) == 0


def test_a_township_clerk_sees_their_township_only(registry, users):
    u = users["township_clerk"]
    assert (s.households_count(user=u), s.persons_count(user=u)) == (3, 6)
    assert s.exit_counts(user=u) == {2018: 3, 2020: 2}
    o = users["other_clerk"]
    assert (s.households_count(user=o), s.persons_count(user=o)) == (1, 4)
    assert s.exit_counts(user=o) == {2017: 4} and s.returns_count(user=o) == 0


def test_nobody_logged_in_sees_nothing(registry):
    anon = AnonymousUser()
    assert (s.households_count(user=anon), s.persons_count(user=anon)) == (0, 0)
    assert s.exit_counts(user=anon) == {} and s.incidence_by_township(user=anon) == []


def test_labour_force_is_aged_16_to_60_and_able_to_work(registry, users):
    u = users["county_admin"]
    # 10 people: one is 10, one 70, one weak; the other 7 are 40 and ordinary labour
    assert s.labour_force(user=u, on=ON).count() == 7
    assert s.labour_force(user=users["township_clerk"], on=ON).count() == 3
    # the boundaries: 16 on the day counts, 61 does not
    assert s.labour_force(user=u, on=datetime.date(2026, 1, 1)).count() == 8  # the child is 16
    # the seven born 1980-05-06 are 16 that day (the 1950 head, 46, counts throughout)
    assert s.labour_force(user=u, on=datetime.date(1996, 5, 6)).count() == 7 + 1
    assert s.labour_force(user=u, on=datetime.date(1996, 5, 5)).count() == 0 + 1
    # … and 60 on 2041-05-05, 61 the next day (the child of 2010, 31, counts throughout)
    assert s.labour_force(user=u, on=datetime.date(2041, 5, 5)).count() == 7 + 1
    assert s.labour_force(user=u, on=datetime.date(2041, 5, 6)).count() == 0 + 1


def test_poor_remaining_by_year_end(registry, users):
    u = users["county_admin"]
    # 2016: all 10; 2017: X1 out (4); 2018: H1 out (3); 2019: H2 returned in 2019 → still poor;
    # 2020: H2 out again; H3 (1) never exited
    assert [s.poor_remaining(user=u, year=y) for y in range(2016, 2021)] == [10, 6, 3, 3, 1]
    assert [s.poor_remaining(user=users["other_clerk"], year=y) for y in (2016, 2017)] == [4, 0]


def test_incidence_by_township_and_village(registry, users):
    u = users["county_admin"]
    by_t = {i.code: i for i in s.incidence_by_township(user=u)}
    assert (by_t["621124100000"].poor, by_t["621124100000"].population) == (6, 60)
    assert by_t["621124100000"].incidence == Decimal("10.00")
    assert by_t["621124103000"].incidence == Decimal("10.00")
    assert by_t["621124101000"].population is None and by_t["621124101000"].incidence is None
    assert len(by_t) == 18
    by_v = {i.code: i for i in s.incidence_by_village(user=u, township_code="621124100000")}
    assert set(by_v) == {"621124100201", "621124100202"}
    assert by_v["621124100201"].incidence == Decimal("12.50")  # 5 of 40
    assert by_v["621124100202"].incidence == Decimal("5.00")  # 1 of 20
    assert by_v["621124100201"].deep_poverty
    later = {i.code: i for i in s.incidence_by_village(user=u, year=2018)}
    assert later["621124100201"].poor == 2 and later["621124103201"].poor == 0
    total = s.incidence_total(user=u)
    assert (total.poor, total.population, total.incidence) == (10, 100, Decimal("10.00"))


def test_incidence_is_scoped(registry, users):
    clerk = users["township_clerk"]
    assert [i.code for i in s.incidence_by_township(user=clerk)] == ["621124100000"]
    assert {i.code for i in s.incidence_by_village(user=clerk)} == {"621124100201",
                                                                    "621124100202"}
    total = s.incidence_total(user=clerk)
    assert total.poor == 6 and total.population is None  # a part of the county: no rate


def test_one_person_rows_only_count_once(registry, users, tmp_path, person, write_xlsx):
    household_import(path=write_xlsx(tmp_path / "again.xlsx", [person("H9", 1)]))
    assert s.persons_count(user=users["county_admin"]) == 11


def test_person_by_id_number_matches_by_hash_inside_the_users_area_only(areas, users, tmp_path,
        full_id, two_households):

    hh = two_households(areas)
    mine, other = hh["taoyang"].members.first(), hh["xindian"].members.get()
    clerk = users["township_clerk"]
    assert s.person_by_id_number(user=clerk, raw=full_id(mine).lower()) == mine
    assert s.person_by_id_number(user=clerk, raw=full_id(other)) is None  # outside: nothing
    assert s.person_by_id_number(user=users["county_admin"], raw=full_id(other)) == other
    assert s.person_by_id_number(user=clerk, raw="62112419800101000") is None  # invalid

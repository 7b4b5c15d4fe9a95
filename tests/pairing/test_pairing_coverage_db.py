"""Coverage computed from the pairing records: every township and deep-poverty village, paired
in a year or not; an ended pairing does not count; a clerk's coverage is their township's."""

import datetime

import pytest
from conftest import CANGSHAN_STREET, V_TAOYANG_DEEP, V_XINDIAN_DEEP

from xiezuo.pairing import selectors
from xiezuo.pairing.indicators import INDICATORS
from xiezuo.regions.models import Area

D = datetime.date
TAOYANG, XINDIAN = "621124100000", "621124103000"

pytestmark = pytest.mark.django_db


def test_every_township_is_listed_and_an_ended_pairing_does_not_count(users, town_pairing):
    town_pairing(west=TAOYANG, started=D(2017, 3, 1))
    town_pairing(east=CANGSHAN_STREET, west=XINDIAN, started=D(2017, 3, 1),
                 ended=D(2018, 6, 30))
    admin = users["county_admin"]
    table = selectors.township_coverage(user=admin, year=2019)
    assert len(table) == 18
    assert [m.code for m in table if m.paired] == [TAOYANG]
    assert selectors.paired_townships(user=admin, year=2018) == {TAOYANG, XINDIAN}
    assert selectors.paired_townships(user=admin, year=2019) == {TAOYANG}
    assert selectors.paired_townships(user=admin, year=2016) == set()


def test_a_pairing_starting_during_the_year_counts_for_that_year(users, town_pairing):
    town_pairing(west=XINDIAN, started=D(2019, 11, 30))
    admin = users["county_admin"]
    assert selectors.paired_townships(user=admin, year=2018) == set()
    assert selectors.paired_townships(user=admin, year=2019) == {XINDIAN}


def test_deep_poverty_villages_only_and_each_once(users, enterprise_pairing, org):
    firm = org()
    enterprise_pairing(enterprise=firm, village=V_TAOYANG_DEEP)
    enterprise_pairing(village=V_TAOYANG_DEEP)  # 多企帮一村: the village counts once
    enterprise_pairing(village="621124100202")  # not a deep-poverty village: not a member
    enterprise_pairing(village=V_XINDIAN_DEEP, started=D(2017, 1, 1), ended=D(2017, 12, 31))
    admin = users["county_admin"]
    deep = {c for c, _n in selectors.deep_villages(user=admin)}
    assert deep == set(Area.objects.filter(deep_poverty=True, level="village")
                       .values_list("code", flat=True))
    table = {m.code: m for m in selectors.village_coverage(user=admin, year=2018)}
    assert table[V_TAOYANG_DEEP].paired and len(table[V_TAOYANG_DEEP].pairings) == 2
    assert not table[V_XINDIAN_DEEP].paired
    assert selectors.paired_deep_villages(user=admin, year=2017) == {V_TAOYANG_DEEP,
                                                                     V_XINDIAN_DEEP}


def test_a_township_clerk_sees_the_coverage_of_their_township_only(users, town_pairing):
    town_pairing(west=TAOYANG)
    town_pairing(west=XINDIAN)
    clerk = users["township_clerk"]  # 洮阳镇
    table = selectors.township_coverage(user=clerk, year=2018)
    assert [(m.code, m.paired) for m in table] == [(TAOYANG, True)]


def test_the_indicators_count_the_coverage(users, town_pairing):
    town_pairing(west=TAOYANG, started=D(2017, 3, 1), ended=D(2018, 2, 1))
    town_pairing(west=XINDIAN, started=D(2018, 3, 1))
    ind = {i.key: i for i in INDICATORS}["pairing.townships_paired"]
    per_year = ind.per_year(user=users["county_admin"])
    assert per_year[2017] == 1 and per_year[2018] == 2 and per_year[2019] == 1
    assert ind.url(2019).endswith("?year=2019")


def test_coverage_page_lists_every_township_and_links_to_the_pairing(client, users,
                                                                      town_pairing):
    p = town_pairing(west=TAOYANG)
    client.force_login(users["county_admin"])
    r = client.get("/pairing/?year=2018")
    assert r.status_code == 200
    body = r.content.decode()
    assert "1 / 18" in body
    assert f"/pairing/towns/{p.pk}/" in body  # the table's (and the chart's) link
    assert 'id="coverage-data"' in body and "<script>" not in body  # CSP: no inline script

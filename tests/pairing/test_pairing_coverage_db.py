"""Coverage computed from the pairing records: every township and deep-poverty village, paired
in a year or not; an ended pairing does not count; a clerk's coverage is their township's."""

import datetime

import pytest

from xiezuo.pairing import selectors
from xiezuo.pairing.indicators import INDICATORS
from xiezuo.regions.models import Area

D = datetime.date
TAOYANG, XINDIAN = "621124100000", "621124103000"

pytestmark = pytest.mark.django_db
CANGSHAN_STREET = "350104001000"  # 仓前街道
V_TAOYANG_DEEP = "621124100201"  # a deep-poverty village of 洮阳镇 (tests/conftest.py areas)
V_XINDIAN_DEEP = "621124103201"  # a deep-poverty village of 辛店镇

def area(code: str):
    from xiezuo.regions.models import Area

    return Area.objects.get(code=code)



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
    assert ind.url(2019).endswith("?year=2019&kind=towns&paired=1")


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


def test_the_plan_computes_the_coverage_targets_from_the_pairings(users, town_pairing,
                                                                   settings):
    import datetime as dt

    from xiezuo.plan.evaluation import evaluate
    from xiezuo.plan.services import DEFAULT_PLAN_FILE, default_plan_text, plan_load

    settings.PLAN_INDICATOR_CACHE_SECONDS = 0
    plan, _ = plan_load(text=default_plan_text(), source=DEFAULT_PLAN_FILE)
    town_pairing(west=TAOYANG, started=D(2017, 3, 1), ended=D(2018, 2, 1))
    town_pairing(west=XINDIAN, started=D(2018, 3, 1))
    res = evaluate(plan, user=users["county_admin"], as_of=dt.date(2020, 12, 31))
    t = next(r for r in res.targets if r.target.key == "town-township-pairing")
    assert t.source == "records"
    assert {y: int(t.years[y].value) for y in (2017, 2018, 2019)} == {2017: 1, 2018: 2, 2019: 1}
    assert t.years[2019].drill_url == "/pairing/?year=2019&kind=towns&paired=1"


def test_the_report_section_has_the_coverage_table_and_the_donation_totals(users,
                                                                             town_pairing):
    from decimal import Decimal

    from xiezuo.pairing import services
    from xiezuo.pairing.report_sections import sections

    town_pairing(west=TAOYANG, started=D(2017, 3, 1))
    d = services.donation_create(actor=None, donor_name="陈先生", donor_category="overseas",
                                 kind="money", amount=Decimal("1000.00"), purpose="education",
                                 date=D(2019, 5, 1), area=area(V_TAOYANG_DEEP))
    services.donation_link_funds(actor=None, donation=d, version=1, allocation_id=5)
    services.donation_create(actor=None, donor_name="林女士", donor_category="hmt",
                             kind="goods", goods="棉被", amount=Decimal("300.00"),
                             purpose="charity", date=D(2019, 6, 1), area=area(V_TAOYANG_DEEP))
    (s,) = sections(user=users["county_admin"], year=2019)
    assert s.chapter == 7
    cov, don = s.tables
    assert len(cov.rows) == 19 and cov.rows[-1][-1] == "1/18"
    assert next(r for r in cov.rows if r[0] == "洮阳镇")[2] == "是"
    assert don.rows[-1] == ["合计", 2, Decimal("1000.00"), Decimal("300.00"), Decimal("1000.00")]
    assert "1,300.00元" in s.paragraphs[1]


def test_the_figure_links_to_the_list_of_the_townships_it_counts(client, users, town_pairing):
    town_pairing(west=TAOYANG)
    town_pairing(west=XINDIAN, started=D(2017, 1, 1), ended=D(2017, 12, 31))
    client.force_login(users["county_admin"])
    ind = {i.key: i for i in INDICATORS}["pairing.townships_paired"]
    body = client.get(ind.url(2018)).content.decode()
    assert 'id="list-total">共 1 个乡镇<' in body and "洮阳镇" in body and "辛店镇" not in body
    r = client.get("/pairing/?year=2018&format=xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxml")

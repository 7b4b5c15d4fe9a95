"""Outreach coverage against the registry: villages reached of the county's villages, households
reached of all registered households, the unreached listed, each at the user's scope."""

import datetime

import pytest

from xiezuo.labour.outreach import coverage as cov
from xiezuo.labour.outreach import selectors as sel
from xiezuo.labour.outreach.choices import ReachMethod, ReachResult
from xiezuo.labour.outreach.filters import HouseholdCoverageFilters, VillageCoverageFilters
from xiezuo.labour.outreach.models import HouseholdReach, VillageDelivery
from xiezuo.regions.models import Area

V1, V2, V3, V4 = "621124100201", "621124100202", "621124103201", "621124103202"


@pytest.mark.parametrize(("every", "reached", "n", "total", "unreached", "percent"), [
    ({1, 2, 3, 4}, {1, 2, 3}, 3, 4, (4,), "75.0"),
    ({1, 2}, set(), 0, 2, (1, 2), "0.0"),
    ({1, 2}, {1, 2, 9}, 2, 2, (), "100.0"),  # 9 is not registered: counts nowhere
    (set(), {1}, 0, 0, (), "0.0"),
])
def test_coverage_is_reached_of_all_with_the_rest_listed(every, reached, n, total, unreached,
                                                         percent):
    c = cov.coverage(every, reached)
    assert (c.reached, c.total, c.unreached, str(c.percent)) == (n, total, unreached, percent)
    assert c.reached + len(c.unreached) == c.total


@pytest.mark.parametrize(("results", "expected"), [
    (["reached"], True), (["delivered"], True), (["failed", "reached"], True),
    (["sent"], False), (["failed", "not_home"], False), ([], False),
])
def test_household_reached_by_a_met_visit_or_a_delivered_text(results, expected):
    assert cov.household_reached(results, ["reached", "delivered"]) is expected


def _deliver(c, code, day=datetime.date(2019, 4, 1), channel="cadres"):
    return VillageDelivery.objects.create(campaign=c, village=Area.objects.get(code=code),
                                          date=day, deliverer="王村长", channel=channel)


def _reach(c, household, result, method=ReachMethod.VISIT):
    return HouseholdReach.objects.create(campaign=c, household=household, method=method,
                                         date=datetime.date(2019, 4, 2), result=result)


@pytest.fixture
def setup(users, campaign, hh):
    c = campaign()
    for code in (V1, V2, V3):
        _deliver(c, code)
    _deliver(c, V1, channel="broadcast")  # a second channel in the same village counts once
    h = {name: hh(code) for name, code in (("met", V1), ("texted", V2), ("failed", V3),
                                            ("away", V4), ("never", V1))}
    _reach(c, h["met"], ReachResult.REACHED)
    _reach(c, h["texted"], ReachResult.DELIVERED, ReachMethod.SMS)
    _reach(c, h["failed"], ReachResult.FAILED, ReachMethod.SMS)
    _reach(c, h["away"], ReachResult.NOT_HOME)
    return c, h


def test_villages_reached_of_the_county_villages_with_the_unreached_listed(setup, users):
    c, _h = setup
    admin = users["county_admin"]
    v = sel.village_coverage(user=admin, campaign=c)
    assert (v.reached, v.total, v.unreached) == (3, 4, (V4,))
    unreached = sel.village_coverage_list(
        user=admin, filters=VillageCoverageFilters(campaign=c, reached="no"))
    assert [a.code for a in unreached] == [V4]
    reached = sel.village_coverage_list(
        user=admin, filters=VillageCoverageFilters(campaign=c, reached="yes"))
    assert reached.count() == 3 and sorted(a.code for a in reached) == [V1, V2, V3]


def test_households_reached_by_visit_or_delivered_text_of_all_registered(setup, users):
    c, h = setup
    admin = users["county_admin"]
    cov_h = sel.household_coverage(user=admin, campaign=c)
    assert (cov_h.reached, cov_h.total) == (2, 5)
    unreached = sel.household_coverage_list(
        user=admin, filters=HouseholdCoverageFilters(campaign=c, reached="no"))
    assert {x.pk for x in unreached} == {h["failed"].pk, h["away"].pk, h["never"].pk}
    assert set(cov_h.unreached) == {h["failed"].pk, h["away"].pk, h["never"].pk}
    reached = sel.household_coverage_list(
        user=admin, filters=HouseholdCoverageFilters(campaign=c, reached="yes"))
    assert reached.count() == cov_h.reached


def test_a_township_clerk_sees_the_townships_villages_and_households_only(setup, users):
    c, h = setup
    clerk = users["township_clerk"]  # 洮阳镇: V1, V2
    v = sel.village_coverage(user=clerk, campaign=c)
    assert (v.reached, v.total, v.unreached) == (2, 2, ())
    hc = sel.household_coverage(user=clerk, campaign=c)
    assert (hc.reached, hc.total) == (2, 3)
    listed = sel.household_coverage_list(
        user=clerk, filters=HouseholdCoverageFilters(campaign=c, reached="no"))
    assert [x.pk for x in listed] == [h["never"].pk]
    # the campaign itself (county-wide, naming nobody) is seen by the clerk within the county
    assert sel.campaigns_visible(user=clerk).filter(pk=c.pk).exists()


@pytest.mark.parametrize("role", ["county_admin", "township_clerk", "other_clerk",
                                  "east_officer", "leadership", "city_office"])
def test_the_home_cards_counts_equal_the_household_coverage(setup, users, role, campaign, hh):
    """household_coverage_counts (the home card, the report: the rollup's total, the reaches'
    distinct households) equals the coverage counted over the household list, at every scope."""
    c, h = setup
    later = campaign(year=2020, title="2020年")
    _reach(later, h["never"], ReachResult.REACHED)
    _reach(later, h["met"], ReachResult.DELIVERED, ReachMethod.SMS)
    u = users[role]
    for kw in ({"campaign": c}, {"year": 2019}, {"year": 2020}, {}):
        full = sel.household_coverage(user=u, **kw)
        counts = sel.household_coverage_counts(user=u, **kw)
        assert (counts.reached, counts.total, counts.percent) == (
            full.reached, full.total, full.percent), (role, kw)


def test_a_year_counts_each_village_in_the_years_it_was_reached(users, campaign, hh):
    a, b = campaign(year=2018, title="2018年"), campaign(year=2019)
    _deliver(a, V1, datetime.date(2018, 5, 1))
    _deliver(b, V1)
    _deliver(b, V2)
    admin = users["county_admin"]
    assert sel.village_coverage(user=admin, year=2018).reached == 1
    assert sel.village_coverage(user=admin, year=2019).reached == 2
    assert sel.village_coverage(user=admin).reached == 2  # ever
    qs = sel.village_coverage_list(user=admin, filters=VillageCoverageFilters(reached="yes"))
    assert qs.count() == 2


def test_the_plan_indicators_count_the_lists_they_link_to(users, campaign, hh, client):
    from xiezuo.labour.indicators import INDICATORS

    ind = {i.key: i for i in INDICATORS}
    a, b = campaign(year=2018, title="2018年"), campaign(year=2019)
    _deliver(a, V1, datetime.date(2018, 5, 1))
    _deliver(b, V1)
    _deliver(b, V3)
    h1, h2 = hh(V1), hh(V3)
    _reach(a, h1, ReachResult.REACHED)
    _reach(b, h1, ReachResult.FAILED, ReachMethod.SMS)  # failed text: not reached in 2019
    _reach(b, h2, ReachResult.DELIVERED, ReachMethod.SMS)
    admin = users["county_admin"]
    villages, homes = ind["labour.outreach_villages"], ind["labour.outreach_households"]
    assert villages.per_year(user=admin) == {2018: 1, 2019: 2}
    assert homes.per_year(user=admin) == {2018: 1, 2019: 1}
    assert villages.value(user=admin, year=2019) == 2 and homes.value(user=admin, year=2019) == 1
    client.force_login(admin)
    body = client.get(villages.url(2019)).content.decode()
    assert "共 2 个行政村" in body
    body = client.get(homes.url(2019)).content.decode()
    assert "共 1 户" in body
    assert homes.per_year(user=users["township_clerk"]) == {2018: 1}  # 洮阳镇 only


def test_the_home_card_shows_the_latest_years_coverage(users, campaign, hh):
    from xiezuo.labour.home import cards

    c = campaign(year=2019)
    _deliver(c, V1)
    card = cards(users["county_admin"])[-1]
    assert card.value == "1 / 4" and "reached=no" in card.url and "year=2019" in card.url
    assert cards(users["township_clerk"])[-1].value == "1 / 2"


def test_the_report_section_counts_the_coverage_lists(users, campaign, hh):
    from xiezuo.labour.report_sections import sections

    c = campaign(year=2019)
    _deliver(c, V1)
    _deliver(c, V3)
    _reach(c, hh(V1), ReachResult.REACHED)
    found = {s.title: s for s in sections(user=users["county_admin"], year=2019)}
    s = found["政策信息宣传"]
    assert "覆盖2个行政村（共4个，覆盖率50.0%）" in s.paragraphs[0]
    assert "覆盖建档立卡贫困户1户（共1户" in s.paragraphs[0]
    assert s.tables[0].rows[-1] == ["合计", 4, 2, 2]
    assert "尚无职业技能培训" in found["劳动力培训"].paragraphs[0]
    assert "尚无政策宣传" in {x.title: x for x in sections(
        user=users["county_admin"], year=2018)}["政策信息宣传"].paragraphs[0]

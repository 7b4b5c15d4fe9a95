"""The chapter's figures page (/pairing/figures/): every figure equals the per-year selectors'
answer (the coverage tables, the totals of the lists it links to), and the page's queries do not
grow with the years or the figures (one batched query, core.indicators.answer_together)."""

import datetime
from decimal import Decimal

import pytest

from xiezuo.orgs.choices import OrgKind, OrgRole
from xiezuo.pairing import selectors, services
from xiezuo.pairing.filters import ActivityFilters, DonationFilters, ServiceFilters
from xiezuo.regions.models import Area

XINDIAN = "621124103000"
V_XINDIAN_DEEP = "621124103201"
CANGSHAN_STREET = "350104001000"  # 仓前街道


def area(code: str) -> Area:
    return Area.objects.get(code=code)


@pytest.fixture
def records(town_pairing, enterprise_pairing, org, users):
    t = town_pairing()  # 洮阳镇 from 2017
    town_pairing(east=CANGSHAN_STREET, west=XINDIAN, started=datetime.date(2018, 4, 1),
                 ended=datetime.date(2019, 6, 30))
    enterprise_pairing()  # 洮阳镇's deep village from 2017
    e = enterprise_pairing(village=V_XINDIAN_DEEP, started=datetime.date(2019, 1, 1))
    for day, kind, amount in ((datetime.date(2018, 5, 1), "money", "1234.50"),
                              (datetime.date(2019, 5, 1), "money", "100.00")):
        services.activity_create(actor=None, town_pairing=t, date=day, kind=kind,
                                 money_amount=Decimal(amount))
    services.activity_create(actor=None, enterprise_pairing=e, date=datetime.date(2019, 8, 1),
                             kind="visit")
    for day, kind, amount, goods, place in (
            (datetime.date(2018, 3, 1), "money", "5000.00", "", "621124100201"),
            (datetime.date(2019, 3, 1), "goods", "800.00", "棉被", V_XINDIAN_DEEP),
            (datetime.date(2019, 4, 1), "money", "300.00", "", V_XINDIAN_DEEP)):
        d = services.donation_create(actor=None, donor_name="郑先生", donor_category="individual",
                                     kind=kind, amount=Decimal(amount), goods=goods,
                                     purpose="charity", date=day, area=area(place))
    services.donation_link_funds(actor=None, donation=d, version=d.version, allocation_id=4242)
    so = org("仓山区志愿者协会", kind=OrgKind.SOCIAL_ORG, roles=[OrgRole.SOCIAL_ORG])
    for place, hours, served in (("621124100000", "12.5", 30), (XINDIAN, "4.0", 7)):
        services.service_create(actor=None, organisation=so, title="支教", area=area(place),
                                date=datetime.date(2019, 7, 1), hours=Decimal(hours),
                                people_served=served)


ROLES = ("county_admin", "township_clerk", "east_officer")


def _expected(user, y):
    towns = selectors.township_coverage(user=user, year=y)
    villages = selectors.village_coverage(user=user, year=y)
    donations = selectors.donation_totals(user=user, filters=DonationFilters(year=y))
    services_ = selectors.service_totals(user=user, filters=ServiceFilters(year=y))
    return {"towns": sum(m.paired for m in towns), "towns_all": len(towns),
            "villages": sum(m.paired for m in villages), "villages_all": len(villages),
            "activities": selectors.activity_totals(
                user=user, filters=ActivityFilters(year=y))["count"],
            "donations": donations["count"], "total": donations["total"],
            "in_funds": donations["money_in_funds"], "hours": services_["hours"],
            "served": services_["people_served"]}


@pytest.mark.parametrize("role", ROLES)
def test_the_figures_equal_the_per_year_selectors(client, users, records, role):
    client.force_login(users[role])
    rows = client.get("/pairing/figures/").context["rows"]
    assert [r["year"] for r in rows] == [2017, 2018, 2019, 2020]
    for r in rows:
        shown = {"towns": r["towns"], "towns_all": r["towns_all"], "villages": r["villages"],
                 "villages_all": r["villages_all"], "activities": r["activities"]["count"],
                 "donations": r["donations"]["count"], "total": r["donations"]["total"],
                 "in_funds": r["donations"]["money_in_funds"],
                 "hours": r["services"]["hours"], "served": r["services"]["people_served"]}
        assert shown == _expected(users[role], r["year"]), (role, r["year"])


def test_the_county_figures_are_the_records(client, users, records):
    client.force_login(users["county_admin"])
    rows = {r["year"]: r for r in client.get("/pairing/figures/").context["rows"]}
    assert [rows[y]["towns"] for y in (2017, 2018, 2019, 2020)] == [1, 2, 2, 1]
    assert [rows[y]["villages"] for y in (2017, 2019)] == [1, 2]
    assert rows[2019]["activities"]["count"] == 2
    assert rows[2019]["donations"] == {"count": 2, "total": Decimal("1100.00"),
                                       "money_in_funds": Decimal("300.00")}
    assert rows[2019]["services"] == {"hours": Decimal("16.5"), "people_served": 37}
    # the 洮阳镇 clerk: its township's records only
    client.force_login(users["township_clerk"])
    rows = {r["year"]: r for r in client.get("/pairing/figures/").context["rows"]}
    assert rows[2018]["towns"] == 1 and rows[2018]["towns_all"] == 1
    assert rows[2019]["services"]["people_served"] == 30


@pytest.mark.parametrize("role", ROLES)
def test_the_figures_page_takes_a_bounded_number_of_queries(client, users, records, role,
                                                             django_assert_max_num_queries):
    """Four years of nine figures: the plain ones in one query, the coverage from one read of
    the pairings and one of each member list, whatever the years (it took 35 before). The
    request's own: the session, the user, the OTP device, the user's area and the session's
    save (3) — 7; the page's: 4."""
    client.force_login(users[role])
    with django_assert_max_num_queries(12):
        r = client.get("/pairing/figures/")
    assert r.status_code == 200

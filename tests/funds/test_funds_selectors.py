"""What the plan counts, hand-counted on a small fixture; scoping of the figures."""

import datetime
from decimal import Decimal

import pytest

from xiezuo.funds import selectors, services
from xiezuo.funds.choices import Source


@pytest.mark.parametrize(("amount", "n", "parts"), [
    ("100.00", 3, ["33.34", "33.33", "33.33"]),
    ("0.01", 2, ["0.01", "0.00"]),
    ("10.00", 1, ["10.00"]),
    ("-9.00", 2, ["-4.50", "-4.50"]),
])
def test_split_evenly_adds_up_to_the_cent(amount, n, parts):
    out = selectors.split_evenly(Decimal(amount), n)
    assert [str(x) for x in out] == parts and sum(out) == Decimal(amount)


@pytest.fixture
def f(areas, users, build, pay):
    f = build(areas, users)
    officer = f["officer"]
    services.allocation_record(actor=officer, county=f["county"], year=2017,
                               source=Source.EAST_FISCAL, amount="5000000",
                               date=datetime.date(2017, 5, 1))
    services.allocation_record(actor=officer, county=f["county"], year=2018,
                               source=Source.DONATION, amount="20000",
                               date=datetime.date(2018, 5, 1))
    pay(f["p1"], "60000", actor=officer)  # 洮阳镇 deep village
    pay(f["p2"], "30000", actor=officer)  # 辛店镇 ordinary village
    pay(f["p3"], "10000", actor=officer)  # half deep (洮阳 201), half deep (辛店 201)
    return f | {"users": users}


def test_funds_per_year_counts_eastern_fiscal_aid(f):
    assert selectors.funds_per_year(user=f["users"]["leadership"]) == {
        2017: Decimal("5000000.00"), 2018: Decimal("1000000.00")}
    assert selectors.funds_by_source(user=f["users"]["auditor"], year=2018) == {
        "east_fiscal": Decimal("1000000.00"), "donation": Decimal("20000.00"),
        "other": Decimal("0.00")}


def test_east_officer_sees_the_money_through_the_partnership(f):
    assert selectors.funds_per_year(user=f["users"]["east_officer"])[2018] == 1_000_000


def test_township_clerk_sees_no_county_allocation(f):
    assert selectors.funds_per_year(user=f["users"]["township_clerk"]) == {}
    assert selectors.disbursed_per_year(user=f["users"]["township_clerk"]) == {
        2018: Decimal("70000.00")}  # p1 and p3 (which reaches 洮阳镇 too)


def test_disbursed_per_year(f):
    assert selectors.disbursed_per_year(user=f["users"]["county_admin"]) == {
        2018: Decimal("100000.00")}


def test_deep_poverty_share(f):
    # deep: 60,000 + 5,000 + 5,000 = 70,000 of 100,000
    assert selectors.deep_poverty_share(user=f["users"]["leadership"], year=2018) == \
        Decimal("0.7000")
    assert selectors.deep_poverty_share(user=f["users"]["leadership"], year=2016) == 0


def test_poor_village_share_counts_villages_with_registered_households(f, areas):
    from xiezuo.registry.models import Household

    Household.objects.create(county=areas["621124000000"], township=areas["621124103000"],
                             village=areas["621124103202"], number="H-1")
    assert selectors.poor_village_share(user=f["users"]["leadership"], year=2018) == \
        Decimal("0.3000")


def test_plan_figures_against_five_million_and_the_year_before(f):
    rows = selectors.plan_figures(user=f["users"]["leadership"])
    assert [(r["year"], r["meets_minimum"], r["grows"]) for r in rows] == [
        (2017, True, None), (2018, False, False)]


def test_supervision_by_township_adds_up(f):
    s = selectors.supervision(user=f["users"]["county_admin"], year=2018)
    assert sum(r["disbursed"] for r in s["by_township"]) == s["disbursed"] == 100000
    assert {r["township"].name: r["disbursed"] for r in s["by_township"]} == {
        "洮阳镇": Decimal("65000.00"), "辛店镇": Decimal("35000.00")}
    assert sum(r["disbursed"] for r in s["by_category"]) == 100000
    assert s["remaining"] == Decimal("920000.00")  # 1,020,000 allocated


def test_deep_poverty_share_per_year_equals_the_per_year_selector(f):
    user = f["users"]["leadership"]
    assert selectors.deep_poverty_share_per_year(user=user) == {
        y: selectors.deep_poverty_share(user=user, year=y) for y in (2018,)}

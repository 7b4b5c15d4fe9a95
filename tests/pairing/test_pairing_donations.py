"""Donations: each yuan counted once, also when a money donation became a funds allocation;
totals not multiplied by the households a donation reached; the link's rules."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xiezuo.funds import services as funds_services
from xiezuo.funds.choices import Source
from xiezuo.funds.models import Allocation
from xiezuo.pairing import selectors, services
from xiezuo.pairing.choices import DonationKind, DonorCategory, Purpose
from xiezuo.pairing.filters import DonationFilters
from xiezuo.pairing.indicators import INDICATORS

pytestmark = pytest.mark.django_db
V_TAOYANG_DEEP = "621124100201"  # a deep-poverty village of 洮阳镇 (tests/conftest.py areas)

def area(code: str):
    from xiezuo.regions.models import Area

    return Area.objects.get(code=code)

D = datetime.date


def _donation(amount, *, kind=DonationKind.MONEY, households=(), donor=None, name="陈先生",
              date=None):
    return services.donation_create(
        actor=None, donor=donor, donor_name="" if donor else name,
        donor_category=DonorCategory.OVERSEAS_CHINESE, kind=kind, amount=Decimal(amount),
        goods="棉被" if kind == DonationKind.GOODS else "", purpose=Purpose.EDUCATION,
        date=date or D(2019, 5, 1), area=area(V_TAOYANG_DEEP), households=households, receipt_no="R1")


def test_a_donation_that_funds_an_allocation_is_counted_once(users):
    county = area("621124000000")
    alloc = funds_services.allocation_record(
        actor=None, county=county, year=2019, source=Source.DONATION,
        amount=Decimal("100000.00"), date=D(2019, 6, 1), donor="陈先生")
    linked = _donation("100000.00")
    _donation("20000.00")
    _donation("5000.00", kind=DonationKind.GOODS)
    services.donation_link_funds(actor=users["fund_officer"], donation=linked,
                                 version=linked.version, allocation_id=alloc.pk)

    totals = selectors.donation_totals(user=users["county_admin"],
                                       filters=DonationFilters(year=2019))
    assert totals["money"] == Decimal("120000.00")  # social money: each donation once
    assert totals["money_in_funds"] == Decimal("100000.00")
    assert totals["money_outside_funds"] == Decimal("20000.00")
    assert totals["goods"] == Decimal("5000.00") and totals["total"] == Decimal("125000.00")

    # Funds and donations together: the funds' donation allocations plus what is not in them.
    funds = sum(Allocation.objects.filter(year=2019, source=Source.DONATION)
                .values_list("amount", flat=True), Decimal(0))
    together = funds + totals["money_outside_funds"]
    assert together == Decimal("120000.00")  # not 220,000: the linked 100,000 once
    ind = {i.key: i for i in INDICATORS}["pairing.donations_outside_funds"]
    assert ind.value(user=users["county_admin"], year=2019) == Decimal("20000.00")


def test_one_allocation_holds_one_donation_and_goods_never_become_funds(users):
    a, b = _donation("100.00"), _donation("200.00")
    goods = _donation("300.00", kind=DonationKind.GOODS)
    officer = users["fund_officer"]
    services.donation_link_funds(actor=officer, donation=a, version=a.version, allocation_id=7)
    with pytest.raises(ValidationError):
        services.donation_link_funds(actor=officer, donation=b, version=b.version,
                                     allocation_id=7)
    with pytest.raises(ValidationError):
        services.donation_link_funds(actor=officer, donation=goods, version=goods.version,
                                     allocation_id=8)
    with pytest.raises(PermissionDenied):  # the clerk records donations but not the link
        services.donation_link_funds(actor=users["township_clerk"], donation=b,
                                     version=b.version, allocation_id=9)


def test_a_linked_donation_keeps_its_amount_until_unlinked(users):
    d = _donation("100.00")
    d = services.donation_link_funds(actor=None, donation=d, version=d.version, allocation_id=3)
    with pytest.raises(ValidationError):
        services.donation_update(
            actor=None, donation=d, version=d.version, donor_category=d.donor_category,
            kind=d.kind, amount=Decimal("150.00"), purpose=d.purpose, date=d.date,
            area=d.area, donor_name=d.donor_name)


def test_totals_are_not_multiplied_by_the_households_reached(users, household):
    hh = [household(), household(), household()]
    _donation("900.00", households=hh)
    admin = users["county_admin"]
    assert selectors.donation_totals(user=admin)["money"] == Decimal("900.00")
    ind = {i.key: i for i in INDICATORS}["pairing.donations"]
    assert ind.per_year(user=admin) == {2019: Decimal("900.00")}
    row = selectors.donation_list(user=admin, filters=DonationFilters()).get()
    assert row.n_households == 3
    only = selectors.donation_list(user=admin, filters=DonationFilters(household=hh[1].pk))
    assert only.count() == 1


def test_a_donation_needs_a_donor_and_households_in_the_place_reached(users, household):
    with pytest.raises(ValidationError):
        _donation("100.00", name="")
    other = household(village="621124103201")  # 辛店镇, not the village reached
    with pytest.raises(ValidationError):
        _donation("100.00", households=[other])
    with pytest.raises(PermissionDenied):  # 辛店镇's clerk records no donation to 洮阳镇
        services.donation_create(
            actor=users["other_clerk"], donor_name="林女士",
            donor_category=DonorCategory.HK_MACAO_TAIWAN, kind=DonationKind.MONEY,
            amount=Decimal("1.00"), purpose=Purpose.CHARITY, date=D(2019, 1, 1),
            area=area(V_TAOYANG_DEEP))

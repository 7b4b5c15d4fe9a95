"""The sales rollups (industry.rollup) equal a recount after every kind of write, and the plan's
yearly sales figures read from them equal the totals of the lists they link to, for the county,
a township clerk, another township's clerk and the east.

Run on SQLite and PostgreSQL: the triggers differ (row-level there, statement-level here).
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models import Sum

from xiezuo.core.indicators import one_evaluation
from xiezuo.industry import rollup, selectors, services
from xiezuo.industry.filters import HouseholdFilters, SaleFilters
from xiezuo.industry.imports import sales_import
from xiezuo.industry.models import Sale, SaleHousehold, SaleReach, SaleYear
from xiezuo.regions.models import Area
from xiezuo.registry.models import Household

pytestmark = pytest.mark.django_db

YEARS = (2017, 2018, 2019, 2020)
V_XINDIAN = "621124103201"  # a synthetic village of the other township (tests/conftest.py)
ROLES = ("county_admin", "township_clerk", "other_clerk", "east_officer")


@pytest.fixture
def ledger(org, hh, sale):
    buyer = org("仓山区某机关食堂", roles=("buyer",), kind="public_body")
    coop = org("临洮县某马铃薯专业合作社", area="621124100000", roles=("supplier",),
               kind="cooperative")
    h1, h2, h3 = hh(members=3), hh(members=2), hh(V_XINDIAN, members=4)
    s1 = sale(buyer, coop, amount="1000.10", households=[h1, h2],
              date=datetime.date(2018, 3, 1))
    s2 = sale(buyer, coop, amount="250.25", households=[h1],
              date=datetime.date(2018, 9, 1))
    s3 = sale(buyer, coop, township="621124103000", amount="99.99", households=[h3],
              date=datetime.date(2019, 1, 5))
    return {"buyer": buyer, "coop": coop, "h": (h1, h2, h3), "s": (s1, s2, s3)}


def right() -> bool:
    return rollup.differences(connection) == []


def figures_equal_lists(users) -> None:
    """Each role's plan figures equal its lists' totals, year by year."""
    for role in ROLES:
        user = users[role]
        with one_evaluation():
            got = selectors.plan_figures(user=user)
        for y in YEARS:
            total = (selectors.sale_list(user=user, filters=SaleFilters(year=y))
                     .aggregate(v=Sum("amount"))["v"] or Decimal(0))
            households = selectors.household_list(
                user=user, filters=HouseholdFilters(via="sale", year=y))
            persons = sum(h.member_count for h in households)
            assert got.get("sales", {}).get(y, 0) == Decimal(total).quantize(Decimal("0.01")), (
                role, y)
            assert got.get("sale_households", {}).get(y, 0) == households.count(), (role, y)
            assert got.get("sale_persons", {}).get(y, 0) == persons, (role, y)


def _edit(s: Sale, **changes) -> Sale:
    s = Sale.objects.get(pk=s.pk)
    fields = {"date": s.date, "product": s.product, "township": s.township, "buyer": s.buyer,
              "buyer_kind": s.buyer_kind, "channel": s.channel, "quantity": s.quantity,
              "unit": s.unit, "amount": s.amount, "supplier": s.supplier,
              "households": list(s.households.all()), "note": s.note}
    return services.sale_update(actor=None, sale=s, version=s.version, **{**fields, **changes})


def test_recorded_sales_fill_the_rollups(ledger, users):
    assert right()
    assert SaleYear.objects.filter(year=2018).get().cents == 125035
    assert set(SaleReach.objects.filter(links__gt=0).values_list("year", "links")) == {
        (2018, 2), (2018, 1), (2019, 1)}
    figures_equal_lists(users)


def test_an_import_fills_the_rollups(ledger, users, sales_file):
    h1, h2, _h3 = ledger["h"]
    row = {"销售日期": "2020-06-18", "产品": "马铃薯", "产地乡镇": "洮阳镇",
           "供货主体": ledger["coop"].name, "采购单位": ledger["buyer"].name, "采购方类别": "机关食堂",
           "销售渠道": "机关食堂·工会采购", "数量": 500, "单位": "公斤", "金额（元）": "1500.1",
           "带动贫困户": f"{h1.number}、{h2.number}"}
    r = sales_import(path=sales_file([row, {**row, "金额（元）": 7, "带动贫困户": h1.number}]))
    assert r.created == 2, r.errors
    assert right()  # SQLite: the import dropped the row triggers and rebuilt once (deferred)
    figures_equal_lists(users)
    _edit(ledger["s"][0], date=datetime.date(2017, 1, 2))  # ...and put them back
    assert right()


def test_a_new_date_moves_the_sale_and_its_households_to_the_new_year(ledger, users):
    s1, s2, _s3 = ledger["s"]
    _edit(s1, date=datetime.date(2020, 2, 2))  # another year: the links move with it
    assert right()
    figures_equal_lists(users)
    _edit(s2, date=datetime.date(2018, 12, 31), amount=Decimal("1.01"))  # same year, new amount
    assert right()
    Sale.objects.filter(pk=s2.pk).update(date=datetime.date(2017, 7, 7))  # a bulk write
    Sale.objects.update(note="批量备注")  # other fields change no group
    assert right()
    figures_equal_lists(users)


def test_households_changed_township_and_buyer_follow(ledger, users, org, hh):
    s1, _s2, s3 = ledger["s"]
    h1, _h2, h3 = ledger["h"]
    _edit(s1, households=[h3])  # a link removed, one added
    assert right()
    other_buyer = org("仓山区某超市", roles=("buyer",))
    _edit(s3, township=Area.objects.get(code="621124100000"), buyer=other_buyer)
    assert right()
    figures_equal_lists(users)
    SaleHousehold.objects.filter(sale=s3).update(household=h1)  # a link re-pointed in bulk
    assert right()
    figures_equal_lists(users)
    # the household, not the rollup, holds the village and the members: a move and a new
    # member count show at once in a township clerk's figures
    moved = Household.objects.get(pk=h1.pk)
    moved.village = Area.objects.get(code=V_XINDIAN)
    moved.township = moved.village.parent
    moved.save()
    Household.objects.filter(pk=h3.pk).update(member_count=7)
    figures_equal_lists(users)


def test_deleted_sales_and_links_leave_the_rollups(ledger, users):
    s1, s2, s3 = ledger["s"]
    s1.delete()  # its links go first (cascade)
    assert right()
    figures_equal_lists(users)
    SaleHousehold.objects.filter(sale=s2).delete()
    assert right()
    Sale.objects.filter(pk__in=[s2.pk, s3.pk]).delete()
    assert right()
    assert not SaleYear.objects.exclude(sales=0).exists()
    assert not SaleReach.objects.exclude(links=0).exists()
    figures_equal_lists(users)


def test_a_sale_deleted_before_its_links_in_one_transaction(ledger):
    """The foreign key is checked at commit: a sale may go before its links (raw SQL, another
    tool); its delete takes the links still there off, and theirs then count nowhere."""
    s1 = ledger["s"][0]
    with transaction.atomic(), connection.cursor() as c:
        c.execute("DELETE FROM industry_sale WHERE id = %s", [s1.pk])
        assert SaleHousehold.objects.filter(sale_id=s1.pk).count() == 2
        assert right()
        c.execute("DELETE FROM industry_salehousehold WHERE sale_id = %s", [s1.pk])
        assert right()


def test_rebuild_repairs_a_damaged_rollup(ledger):
    SaleYear.objects.update(cents=0)
    SaleReach.objects.all().delete()
    assert not right()
    rollup.rebuild(connection)
    assert right()

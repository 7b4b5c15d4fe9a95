"""The sales rollups and the villages' reach rollup (industry.rollup) equal a recount after every
kind of write, and the plan's yearly figures read from them (sales, the households reached by
linkages and by sales and their persons) equal the totals of the lists they link to, for the
county, a township clerk, another township's clerk and the east.

Run on SQLite and PostgreSQL: the triggers differ (row-level there, statement-level here).
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models import Sum

from xiezuo.core.indicators import one_evaluation
from xiezuo.industry import rollup, selectors, services
from xiezuo.industry.choices import LinkageKind
from xiezuo.industry.filters import HouseholdFilters, SaleFilters
from xiezuo.industry.imports import linkages_import, sales_import
from xiezuo.industry.models import Linkage, Sale, SaleHousehold, SaleReach, SaleYear, VillageReach
from xiezuo.regions.models import Area
from xiezuo.registry.models import Household, Person

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
            linked = selectors.household_list(
                user=user, filters=HouseholdFilters(via="linkage", year=y))
            assert got.get("linkage_households", {}).get(y, 0) == linked.count(), (role, y)
            assert got.get("linkage_persons", {}).get(y, 0) == sum(
                h.member_count for h in linked), (role, y)


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


# --- the villages' reach (VillageReach): linkages and sales, households moving and changing ---

@pytest.fixture
def linked(ledger, org, project):
    """The ledger's households also linked to a project: h1 in 2018 and 2019, h2 twice in 2019
    (two kinds: one household), h3 (the other township) in 2019."""
    investor = org("福州某农业投资公司")
    p = project(investor, code="LT-901", signed=datetime.date(2018, 5, 18))
    h1, h2, h3 = ledger["h"]
    links = [services.linkage_create(actor=None, project=p, household=h, kind=kind, year=y,
                                     amount=Decimal("500"))
             for h, kind, y in ((h1, LinkageKind.WAGES, 2018), (h1, LinkageKind.WAGES, 2019),
                                (h2, LinkageKind.WAGES, 2019), (h2, LinkageKind.DIVIDEND, 2019),
                                (h3, LinkageKind.LAND_RENT, 2019))]
    return {**ledger, "project": p, "links": links}


def test_linkages_fill_the_village_rollup(linked, users):
    assert right()
    h1, h2, h3 = (Household.objects.get(pk=h.pk) for h in linked["h"])
    got = {(r.kind, r.village_id, r.year): (r.households, r.persons)
           for r in VillageReach.objects.filter(kind="linkage")}
    assert got == {("linkage", h1.village_id, 2018): (1, h1.member_count),
                   ("linkage", h1.village_id, 2019): (2, h1.member_count + h2.member_count),
                   ("linkage", h3.village_id, 2019): (1, h3.member_count)}
    figures_equal_lists(users)


def test_linkage_edits_bulk_writes_and_deletes(linked, users, hh):
    link = linked["links"][0]
    services.linkage_update(actor=None, linkage=link, version=link.version, kind=link.kind,
                            year=2020, amount=Decimal("600"))  # another year
    assert right()
    figures_equal_lists(users)
    Linkage.objects.filter(year=2019).update(year=2017)  # a bulk write
    assert right()
    Linkage.objects.update(amount=Decimal("1"), note="批量")  # other fields touch no key
    assert right()
    far = hh(V_XINDIAN, members=5)
    Linkage.objects.filter(pk=linked["links"][2].pk).update(household=far)  # re-pointed
    assert right()
    figures_equal_lists(users)
    linked["links"][3].delete()
    assert right()
    Linkage.objects.filter(year__in=[2017, 2020]).delete()
    assert right()
    figures_equal_lists(users)
    assert not VillageReach.objects.filter(kind="linkage").exists()


def test_a_linkages_import_fills_the_village_rollup(linked, users, linkages_file, hh):
    h1, _h2, h3 = linked["h"]
    far = hh(V_XINDIAN, members=2)
    row = {"户编号": h1.number, "项目编号": "LT-901", "联结方式": "入股分红", "年度": 2020,
           "户年收益（元）": 1200}
    r = linkages_import(path=linkages_file([
        row, {**row, "户编号": far.number}, {**row, "户编号": h3.number, "年度": 2018},
        {**row, "户编号": h1.number, "联结方式": "务工工资", "年度": 2018, "户年收益（元）": 9}]))
    assert (r.created, r.updated) == (3, 1), r.errors
    assert right()  # SQLite: the import dropped the row triggers and rebuilt once (deferred)
    figures_equal_lists(users)
    services.linkage_create(actor=None, project=linked["project"], household=far,
                            kind=LinkageKind.ORDER, year=2019, amount=Decimal("3"))
    assert right()  # ...and put them back


def _add_person(h: Household, hh) -> None:
    """A person moved into `h` from a new household of one (its count changes too)."""
    donor = hh(members=1)
    Person.objects.filter(household=donor).update(household=h)


def test_households_moving_and_changing_members_follow(linked, users, hh):
    h1, h2, h3 = linked["h"]
    moved = Household.objects.get(pk=h1.pk)  # linked and reached by sales
    moved.village = Area.objects.get(code=V_XINDIAN)
    moved.township = moved.village.parent
    moved.save()
    assert right()
    figures_equal_lists(users)
    _add_person(h2, hh)  # a member added
    assert right()
    Person.objects.filter(household=h3).first().delete()  # a member removed
    assert right()
    figures_equal_lists(users)
    back = Area.objects.get(code="621124100201")
    Household.objects.filter(pk__in=[h1.pk, h3.pk]).update(village=back,
                                                            township=back.parent)  # in bulk
    assert right()
    Household.objects.filter(pk=h2.pk).update(member_count=9)  # the count itself, in bulk
    assert right()
    figures_equal_lists(users)


def test_a_deleted_household_leaves_the_village_rollup(linked, users):
    h1, h2, h3 = linked["h"]
    Linkage.objects.filter(household=h2).delete()
    SaleHousehold.objects.filter(household=h2).delete()
    Household.objects.get(pk=h2.pk).delete()  # its persons go first (cascade)
    assert right()
    figures_equal_lists(users)
    # raw SQL, the household first (the foreign keys are checked at commit): its keys are
    # recounted without it, and its linkages' and links' deletes then touch nothing
    with transaction.atomic(), connection.cursor() as c:
        c.execute("DELETE FROM registry_person WHERE household_id = %s", [h3.pk])
        c.execute("DELETE FROM registry_household WHERE id = %s", [h3.pk])
        assert right()
        c.execute("DELETE FROM industry_linkage WHERE household_id = %s", [h3.pk])
        c.execute("DELETE FROM industry_salehousehold WHERE household_id = %s", [h3.pk])
        assert right()
    figures_equal_lists(users)
    assert set(VillageReach.objects.values_list("village_id", flat=True)) == {h1.village_id}


def test_rebuild_repairs_a_damaged_village_rollup(linked):
    VillageReach.objects.update(persons=0)
    VillageReach.objects.filter(kind="sale").delete()
    assert not right()
    rollup.rebuild(connection)
    assert right()
    services.linkage_create(actor=None, project=linked["project"], household=linked["h"][2],
                            kind=LinkageKind.ORDER, year=2020, amount=Decimal("3"))
    assert right()  # the triggers are still there


def test_roster_imports_changing_linked_households(areas, tmp_path, roster, users, org, project,
                                                   sale):
    """The roster import recounts members in bulk (member_count.deferred on SQLite): linked and
    sold-through households given members, moved to another village or new follow."""
    from xiezuo.registry.services import household_import

    r = household_import(path=roster.write_xlsx(
        tmp_path / "a.xlsx", roster.household("H1", 3) + roster.household("H2", 2)))
    assert r.rejected == 0, r.errors
    h1, h2 = Household.objects.get(number="H1"), Household.objects.get(number="H2")
    p = project(org("福州某农业投资公司"), code="LT-902")
    for h, y in ((h1, 2018), (h1, 2019), (h2, 2019)):
        services.linkage_create(actor=None, project=p, household=h, kind=LinkageKind.WAGES,
                                year=y, amount=Decimal("10"))
    buyer = org("仓山区某机关食堂", roles=("buyer",), kind="public_body")
    coop = org("临洮县某合作社", area="621124100000", roles=("supplier",), kind="cooperative")
    sale(buyer, coop, households=[h1, h2], date=datetime.date(2019, 4, 1))
    assert right()
    rows = ([{**row, "行政村": "测试洮阳镇2村"} for row in roster.household("H1", 3)]  # moved
            + roster.household("H2", 4) + roster.household("H4", 2, seed0=50))  # 2 more, new
    r = household_import(path=roster.write_xlsx(tmp_path / "b.xlsx", rows), allow_moves=True)
    assert r.rejected == 0, r.errors
    assert Household.objects.get(pk=h2.pk).member_count == 4
    assert Household.objects.get(pk=h1.pk).village.code == "621124100202"
    assert right()
    figures_equal_lists(users)

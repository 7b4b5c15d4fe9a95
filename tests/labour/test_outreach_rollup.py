"""The outreach rollup (labour.outreach.rollup) equals a recount after every kind of write, and
the plan's 政策宣传覆盖贫困户 read from it equals the count of the list it links to
(household_coverage_list(year=…, reached="yes")), year by year, for the county, two township
clerks and another county's administrator, who sees none of it.

Run on SQLite and PostgreSQL: the triggers differ (row-level there, statement-level here).
"""

import datetime
import io
import random

import pytest
from django.db import connection, transaction
from faker import Faker
from openpyxl import Workbook

from xiezuo.core.indicators import answer_together, one_evaluation
from xiezuo.labour.indicators import INDICATORS
from xiezuo.labour.outreach import demo as outreach_demo
from xiezuo.labour.outreach import rollup, selectors, services
from xiezuo.labour.outreach.choices import ReachMethod, ReachResult
from xiezuo.labour.outreach.filters import HouseholdCoverageFilters
from xiezuo.labour.outreach.imports import sms_report_import
from xiezuo.labour.outreach.models import Campaign, HouseholdReach, OutreachRollup
from xiezuo.regions.models import Area
from xiezuo.registry.models import Household

pytestmark = pytest.mark.django_db

YEARS = (2017, 2018, 2019, 2020)
V1, V2, V3, V4 = "621124100201", "621124100202", "621124103201", "621124103202"
V_ANDING = "621102100201"  # a village of another county of the city (安定区), made below
ROLES = ("county_admin", "township_clerk", "other_clerk", "anding_admin")
IND = next(i for i in INDICATORS if i.key == "labour.outreach_households")


def right() -> bool:
    return rollup.differences(connection) == []


def figures_equal_lists(users) -> None:
    """Each role's per-year figure (alone and in the plan's one UNION ALL) equals its list's
    count, and household_coverage_counts' reached equals it too."""
    other = next(i for i in INDICATORS if i.key == "labour.outreach_villages")
    for role in ROLES:
        user = users[role]
        alone = IND.per_year(user=user)
        with one_evaluation():
            assert answer_together([IND, other], user=user) == 2
            together = IND.per_year(user=user)
        assert together == alone, role
        for y in YEARS:
            listed = selectors.household_coverage_list(
                user=user, filters=HouseholdCoverageFilters(year=y, reached="yes")).count()
            assert alone.get(y, 0) == listed, (role, y)
            assert (y in alone) == (listed > 0), (role, y)  # no year at 0
            assert selectors.household_coverage_counts(user=user, year=y).reached == listed
    assert not IND.per_year(user=users["anding_admin"]).keys() - {2019}  # its own county's only


def _reach(c, h, result=ReachResult.REACHED, method=ReachMethod.VISIT):
    return HouseholdReach.objects.create(campaign=c, household=h, method=method, result=result,
                                         date=datetime.date(c.year, 4, 2))


def _move(h, code: str) -> None:
    h = Household.objects.get(pk=h.pk)
    h.village = Area.objects.get(code=code)
    h.township = h.village.parent
    h.save()


@pytest.fixture
def scoped(users, make_user, areas):
    """The users, with an administrator of 安定区 and a reached household there."""
    from xiezuo.accounts.choices import Role
    from xiezuo.regions.choices import Level, Side

    township = Area.objects.create(code="621102100000", name="测试镇", level=Level.TOWNSHIP,
                                   parent=areas["621102000000"], side=Side.WEST, synthetic=True)
    village = Area.objects.create(code=V_ANDING, name="测试村", level=Level.VILLAGE,
                                  parent=township, side=Side.WEST, synthetic=True)
    h = Household.objects.create(county=areas["621102000000"], township=township,
                                 village=village, number="AD001")
    c = Campaign.objects.create(county=areas["621102000000"], title="安定区政策宣传",
                                kind="policy", year=2019, started_on=datetime.date(2019, 3, 1))
    _reach(c, h)
    return {**users, "anding_admin": make_user(Role.COUNTY_ADMIN, "621102000000")}


@pytest.fixture
def story(scoped, campaign, hh):
    """Two campaigns of 2019 and one of 2018 reaching households of both townships: a household
    reached twice in a year (a visit and a text), one only not at home, one only texted and
    failed."""
    c19, c19b, c18 = campaign(), campaign(title="2019年岗位信息", kind="jobs"), campaign(
        title="2018年政策宣传", year=2018)
    h = {name: hh(code) for name, code in (("a", V1), ("b", V1), ("c", V2), ("d", V3),
                                            ("e", V4), ("f", V3))}
    _reach(c19, h["a"])
    _reach(c19b, h["a"], ReachResult.DELIVERED, ReachMethod.SMS)  # the same household again
    _reach(c19, h["b"], ReachResult.NOT_HOME)
    _reach(c19, h["c"])
    _reach(c19b, h["d"], ReachResult.FAILED, ReachMethod.SMS)
    _reach(c18, h["a"])
    _reach(c18, h["e"])
    _reach(c18, h["f"], ReachResult.DELIVERED, ReachMethod.SMS)
    return {"c": (c19, c19b, c18), "h": h}


def test_reaches_fill_the_rollup_each_household_once_a_year(story, scoped):
    assert right()
    v1 = Area.objects.get(code=V1)
    assert OutreachRollup.objects.get(village=v1, year=2019).households == 1  # a, twice
    assert OutreachRollup.objects.get(village=v1, year=2018).households == 1
    figures_equal_lists(scoped)
    county = IND.per_year(user=scoped["county_admin"])
    assert county == {2018: 3, 2019: 2}
    assert IND.per_year(user=scoped["township_clerk"]) == {2018: 1, 2019: 2}
    assert IND.per_year(user=scoped["other_clerk"]) == {2018: 2}
    assert IND.per_year(user=scoped["anding_admin"]) == {2019: 1}


def test_the_services_keep_it(story, scoped):
    c19, c19b, c18 = story["c"]
    h = story["h"]
    admin = scoped["county_admin"]
    services.visit_record(actor=admin, campaign=c19, household=h["b"],
                          date=datetime.date(2019, 5, 1))  # not at home → met
    assert right()
    services.visit_record(actor=admin, campaign=c19, household=h["c"],
                          date=datetime.date(2019, 5, 1), result=ReachResult.NOT_HOME)
    assert right()  # met → not at home: V2 has nobody left in 2019
    services.visit_record(actor=admin, campaign=c18, household=h["d"],
                          date=datetime.date(2018, 5, 1))  # a new visit
    assert right()
    figures_equal_lists(scoped)
    c = Campaign.objects.get(pk=c19b.pk)
    services.campaign_update(actor=admin, campaign=c, version=c.version, year=2020)
    assert right()
    figures_equal_lists(scoped)


def test_updates_of_a_reach_move_it(story, scoped):
    c19, _c19b, c18 = story["c"]
    h = story["h"]
    r = HouseholdReach.objects.get(campaign=c19, household=h["c"])
    r.result = ReachResult.FAILED  # no longer counts
    r.save()
    assert right()
    r.result = ReachResult.DELIVERED
    r.campaign = c18  # another year
    r.save()
    assert right()
    r.household = h["d"]  # another household, another township
    r.save()
    assert right()
    figures_equal_lists(scoped)
    HouseholdReach.objects.filter(campaign=c18, household__in=[h["e"], h["f"]]).update(
        campaign=c19)  # in bulk
    assert right()
    HouseholdReach.objects.update(note="批量备注")  # other fields change no key
    HouseholdReach.objects.filter(result=ReachResult.NOT_HOME).update(result="reached")
    assert right()
    figures_equal_lists(scoped)


def test_deletes_leave_it(story, scoped):
    c19, c19b, c18 = story["c"]
    h = story["h"]
    HouseholdReach.objects.filter(campaign=c19, household=h["a"]).delete()
    assert right()  # a is still reached in 2019 by the text
    HouseholdReach.objects.filter(campaign=c19b).delete()
    assert right()
    figures_equal_lists(scoped)
    c18.delete()  # its reaches go first (cascade)
    assert right()
    c19.delete()
    assert right()
    assert not OutreachRollup.objects.filter(village__code__startswith="621124").exclude(
        households=0).exists()
    figures_equal_lists(scoped)


def test_a_household_moving_village_or_deleted(story, scoped):
    h = story["h"]
    _move(h["a"], V3)  # another township: both years go with it
    assert right()
    figures_equal_lists(scoped)
    Household.objects.filter(pk=h["e"].pk).update(village=Area.objects.get(code=V2),
                                                   township=Area.objects.get(code="621124100000"))
    assert right()  # a bulk move
    Household.objects.filter(pk=h["c"].pk).update(phone="13800000000")  # no key changes
    assert right()
    figures_equal_lists(scoped)
    Household.objects.get(pk=h["a"].pk).delete()  # its reaches and members go first
    assert right()
    figures_equal_lists(scoped)


def test_a_campaign_year_changed_or_deleted_in_bulk(story, scoped):
    c19, c19b, c18 = story["c"]
    Campaign.objects.filter(pk=c18.pk).update(year=2017)
    assert right()
    Campaign.objects.filter(pk__in=[c19.pk, c19b.pk]).update(year=2018)
    assert right()
    figures_equal_lists(scoped)
    Campaign.objects.filter(pk=c19.pk).update(title="改名")  # no key changes
    assert right()
    Campaign.objects.filter(pk__in=[c19.pk, c18.pk]).delete()
    assert right()
    figures_equal_lists(scoped)


def test_rows_deleted_before_their_reaches_in_one_transaction(story):
    """The foreign keys are checked at commit: a household or a campaign may go before its
    reaches (raw SQL, another tool); their reaches then count nowhere."""
    c19, _c19b, c18 = story["c"]
    h = story["h"]
    with transaction.atomic(), connection.cursor() as c:
        c.execute("DELETE FROM registry_person WHERE household_id = %s", [h["a"].pk])
        c.execute("DELETE FROM registry_household WHERE id = %s", [h["a"].pk])
        assert right()
        c.execute("DELETE FROM labour_campaign WHERE id = %s", [c18.pk])
        assert right()
        c.execute("DELETE FROM labour_householdreach WHERE household_id = %s OR campaign_id = %s",
                  [h["a"].pk, c18.pk])
        assert right()


@pytest.mark.parametrize("defer_from", [1000, 1])  # by trigger; deferred (a large report)
def test_sms_batches_and_their_delivery_report(scoped, campaign, hh, recording_sender, tmp_path,
                                               monkeypatch, defer_from):
    monkeypatch.setattr(rollup, "DEFER_FROM_ROWS", defer_from)
    c = campaign(title="2020年岗位信息", kind="jobs", year=2020)
    for code, phone in ((V1, "13800000001"), (V2, "13900000002"), (V3, "15100000003")):
        hh(code, phone=phone)
    batch = services.sms_batch_send(actor=scoped["county_admin"], campaign=c)
    assert right() and not OutreachRollup.objects.filter(year=2020).exclude(
        households=0).exists()  # sent is not reached
    wb = Workbook()
    ws = wb.active
    ws.append(["批次号", "序号", "手机号", "状态", "送达时间", "失败原因"])
    ws.append([batch.number, 1, "138****0001", "DELIVRD", "2020-04-02 10:00:00", ""])
    ws.append([batch.number, 2, "139****0002", "DELIVRD", "2020-04-02 10:00:00", ""])
    ws.append([batch.number, 3, "151****0003", "失败", "2020-04-02", "空号"])
    wb.save(tmp_path / "回执.xlsx")
    r = sms_report_import(actor=scoped["county_admin"], path=tmp_path / "回执.xlsx")
    assert (r.delivered, r.failed) == (2, 1), r.errors
    assert right()
    assert IND.per_year(user=scoped["county_admin"]) == {2020: 2}
    HouseholdReach.objects.filter(result=ReachResult.FAILED).update(result="delivered")
    assert right()  # the triggers are back after a deferred write
    figures_equal_lists(scoped)


def test_the_demo_bulk_insert(scoped, person, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    for i in range(24):
        p, _n = person((V1, V2, V3, V4)[i % 4])
        Household.objects.filter(pk=p.household_id).update(phone=f"139{i:08d}")
    outreach_demo.build(rng=random.Random(3), faker=Faker("zh_CN"), log=io.StringIO().write,
                        county=Area.objects.get(code="621124000000"))
    assert HouseholdReach.objects.filter(result="reached").exists()
    assert right()
    figures_equal_lists(scoped)
    _move(Household.objects.filter(outreach_reaches__result="reached").first(), V4)
    assert right()  # the triggers are back after the demo's deferred write


def test_rebuild_repairs_a_damaged_rollup(story):
    OutreachRollup.objects.update(households=7)
    assert not right()
    rollup.rebuild(connection)
    assert right()
    OutreachRollup.objects.all().delete()
    assert not right()
    rollup.rebuild(connection)
    assert right()

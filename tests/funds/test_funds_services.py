"""The money rules, enforced by the services: budgets, the year's allocation, villages, amounts."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xiezuo.accounts.models import AuditEvent
from xiezuo.funds import services
from xiezuo.funds.choices import Category, EntryKind, Source
from xiezuo.funds.models import Disbursement, FundYear, LedgerEntry, Project
from xiezuo.regions.reference import LINTAO

V_TAOYANG = "621124100202"
V_XINDIAN = "621124103202"


@pytest.fixture
def f(areas, users, build):
    return build(areas, users) | {"users": users, "areas": areas}


def test_allocation_fills_the_year_pool_and_the_ledger(f):
    pool = FundYear.objects.get(county=f["county"], year=2018)
    assert pool.allocated == Decimal("1000000.00") and pool.disbursed == 0
    entry = LedgerEntry.objects.get(allocation=f["allocation"])
    assert entry.kind == EntryKind.ALLOCATION and entry.amount == Decimal("1000000.00")
    assert entry.area_code == LINTAO
    assert AuditEvent.objects.filter(action="post", object_id=str(f["allocation"].pk)).exists()


def test_disbursement_within_budget_is_posted(f, pay):
    d = pay(f["p1"], "120000.50", actor=f["officer"])
    f["p1"].refresh_from_db()
    assert f["p1"].disbursed == Decimal("120000.50")
    assert FundYear.objects.get(year=2018).disbursed == Decimal("120000.50")
    assert LedgerEntry.objects.filter(disbursement=d, kind=EntryKind.DISBURSEMENT).count() == 1
    assert AuditEvent.objects.filter(action="post", object_type="funds.disbursement").exists()


def test_no_disbursement_beyond_the_project_budget(f, pay):
    pay(f["p1"], "250000", actor=f["officer"])
    with pytest.raises(services.FundsRuleError, match="超出项目预算"):
        pay(f["p1"], "50000.01", actor=f["officer"])
    pay(f["p1"], "50000.00", actor=f["officer"])  # exactly the rest is fine
    assert Disbursement.objects.filter(project=f["p1"]).count() == 2


def test_no_disbursement_beyond_the_years_unspent_allocation(areas, users, build, pay):
    f = build(areas, users, allocation="350000")
    pay(f["p1"], "300000", actor=f["officer"])
    with pytest.raises(services.FundsRuleError, match="未支出的拨入资金"):
        pay(f["p2"], "50000.01", actor=f["officer"])
    pay(f["p2"], "50000", actor=f["officer"])
    assert FundYear.objects.get(year=2018).unspent == 0


def test_no_allocation_for_the_year_means_no_disbursement(f, pay):
    p = services.project_create(actor=f["officer"], code="LT2019-001", name="无拨入年度项目",
                                category=Category.OTHER, year=2019,
                                villages=[f["areas"][V_TAOYANG]], budget="1000")
    with pytest.raises(services.FundsRuleError, match="2019"):
        pay(p, "10", actor=f["officer"])


def test_a_refused_disbursement_leaves_nothing_behind(f, pay):
    before = LedgerEntry.objects.count()
    with pytest.raises(services.FundsRuleError):
        pay(f["p1"], "300000.01", actor=f["officer"])
    assert LedgerEntry.objects.count() == before and not Disbursement.objects.exists()


@pytest.mark.parametrize(("amount", "fragment"), [
    ("-100", "负数"), ("0", "大于零"), ("12.345", "两位小数"), ("十万", "格式"), ("", "不能为空"),
])
def test_negative_or_malformed_amounts_are_refused(f, amount, fragment, pay):
    with pytest.raises(ValidationError) as info:
        pay(f["p1"], amount, actor=f["officer"])
    assert fragment in " ".join(info.value.messages)


def test_every_project_has_at_least_one_village(f):
    with pytest.raises(services.FundsRuleError, match="至少要有一个实施村"):
        services.project_create(actor=f["officer"], code="X-1", name="无村项目",
                                category=Category.ROAD, year=2018, villages=[], budget="1")
    with pytest.raises(services.FundsRuleError, match="至少要有一个实施村"):
        services.project_update(actor=f["officer"], project=f["p1"], version=1, changes={},
                                villages=[])


def test_project_budget_refused_when_malformed_or_below_paid(f, pay):
    with pytest.raises(ValidationError):
        services.project_create(actor=f["officer"], code="X-2", name="坏预算", category=Category.ROAD,
                                year=2018, villages=[f["areas"][V_TAOYANG]], budget="-1")
    pay(f["p1"], "200000", actor=f["officer"])
    with pytest.raises(services.FundsRuleError, match="不能少于已支出"):
        services.project_update(actor=f["officer"], project=f["p1"], version=1,
                                changes={"budget": "199999"})
    p = services.project_update(actor=f["officer"], project=f["p1"], version=1,
                                changes={"budget": "250000"})
    assert p.budget == Decimal("250000.00")
    assert LedgerEntry.objects.filter(project=p, kind=EntryKind.BUDGET).count() == 2


def test_unknown_category_lists_the_allowed_values(f):
    with pytest.raises(services.FundsRuleError, match="村组道路"):
        services.project_create(actor=f["officer"], code="X-3", name="怪类别", category="bridge",
                                year=2018, villages=[f["areas"][V_TAOYANG]], budget="1")


def test_corrections_are_reversing_entries(f, pay):
    d = pay(f["p1"], "1000", actor=f["officer"])
    r = services.disbursement_reverse(actor=f["officer"], disbursement=d, reason="金额录错")
    assert r.amount == Decimal("-1000.00") and r.reverses == d
    f["p1"].refresh_from_db()
    assert f["p1"].disbursed == 0
    assert LedgerEntry.objects.filter(kind=EntryKind.DISBURSEMENT_REVERSAL).count() == 1
    with pytest.raises(services.FundsRuleError):
        services.disbursement_reverse(actor=f["officer"], disbursement=d, reason="再来一次")
    assert Disbursement.objects.count() == 2  # the original stays, untouched


def test_allocation_reversal_refused_when_money_is_spent(areas, users, build, pay):
    f = build(areas, users, allocation="300000")
    pay(f["p1"], "100", actor=f["officer"])
    with pytest.raises(services.FundsRuleError, match="不能冲销"):
        services.allocation_reverse(actor=f["officer"], allocation=f["allocation"], reason="错")


def test_allocation_reversal(f):
    extra = services.allocation_record(
        actor=f["officer"], county=f["county"], year=2018, source=Source.DONATION,
        amount="5000", date=datetime.date(2018, 4, 1), donor="某企业")
    services.allocation_reverse(actor=f["officer"], allocation=extra, reason="重复录入")
    assert FundYear.objects.get(year=2018).allocated == Decimal("1000000.00")


@pytest.mark.parametrize("role", ["township_clerk", "leadership", "auditor", "case_worker",
                                  "east_officer"])
def test_only_fund_roles_post(f, role, pay):
    with pytest.raises(PermissionDenied):
        pay(f["p1"], "10", actor=f["users"][role])


def test_beneficiaries_must_live_in_the_projects_villages(f):
    from xiezuo.registry.models import Household

    areas = f["areas"]
    h_in = Household.objects.create(county=areas[LINTAO], township=areas[V_TAOYANG[:9] + "000"],
                                    village=areas["621124100201"], number="H1")
    h_out = Household.objects.create(county=areas[LINTAO], township=areas[V_XINDIAN[:9] + "000"],
                                     village=areas[V_XINDIAN], number="H2")
    services.project_set_beneficiaries(actor=f["officer"], project=f["p1"], households=[h_in])
    assert list(f["p1"].beneficiaries.all()) == [h_in]
    with pytest.raises(services.FundsRuleError, match="H2"):
        services.project_set_beneficiaries(actor=f["officer"], project=f["p1"],
                                           households=[h_out])


def test_project_visible_once_and_to_both_townships(f):
    users = f["users"]
    assert set(Project.objects.visible_to(users["township_clerk"]).values_list("code", flat=True)) \
        == {"LT2018-001", "LT2018-003"}
    assert set(Project.objects.visible_to(users["other_clerk"]).values_list("code", flat=True)) \
        == {"LT2018-002", "LT2018-003"}
    assert Project.objects.visible_to(users["county_admin"]).count() == 3
    assert Project.objects.visible_to(users["east_officer"]).count() == 3  # via the partnership

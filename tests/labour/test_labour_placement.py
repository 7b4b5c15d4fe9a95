"""The placement lifecycle, follow-ups due and overdue, settlement and the plan's figures."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xiezuo.accounts.models import AuditEvent
from xiezuo.labour import selectors, services
from xiezuo.labour.choices import LeaveReason, OpeningStatus, PlacementStatus, Problem
from xiezuo.labour.models import FollowUp, Placement

V_TAOYANG = "621124100202"
V_TAOYANG_DEEP = "621124100201"
V_XINDIAN = "621124103202"

D = dt.date


@pytest.fixture
def worker(users, person):
    p, _ = person(V_TAOYANG_DEEP, name="张三")
    return p


def test_referred_interviewed_hired_left_matched_again(users, worker, employer, opening):
    cw = users["case_worker"]
    emp = employer()
    job = opening(emp, positions=1)
    p = services.placement_refer(
        actor=cw, person=worker, employer=emp, opening=job, referred_on=D(2018, 3, 1)
    )
    assert p.status == PlacementStatus.REFERRED and p.previous is None
    with pytest.raises(ValidationError):  # one referral or job at a time
        services.placement_refer(actor=cw, person=worker, employer=emp, referred_on=D(2018, 3, 2))
    p = services.placement_interview(actor=cw, placement=p, on=D(2018, 3, 5), version=1)
    assert p.status == PlacementStatus.INTERVIEWED and p.version == 2
    p = services.placement_hire(
        actor=cw, placement=p, hired_on=D(2018, 3, 10), wage=Decimal("4200"), version=2
    )
    assert p.status == PlacementStatus.HIRED
    assert [(f.months, f.due_on) for f in p.follow_ups.order_by("months")] == [
        (1, D(2018, 4, 10)),
        (3, D(2018, 6, 10)),
        (6, D(2018, 9, 10)),
        (12, D(2019, 3, 10)),
    ]
    job.refresh_from_db()
    assert job.status == OpeningStatus.FILLED  # its one position is taken
    f1 = p.follow_ups.get(months=1)
    services.follow_up_record(
        actor=cw,
        follow_up=f1,
        done_on=D(2018, 4, 11),
        still_working=True,
        wage=Decimal("4300"),
        problems=[Problem.UNPAID_WAGES],
        help_given="联系企业补发",
    )
    p = services.placement_leave(
        actor=cw, placement=p, left_on=D(2018, 7, 1), reason=LeaveReason.FAMILY, version=p.version
    )
    assert p.status == PlacementStatus.LEFT
    states = {f.months: (f.done_on is not None, f.cancelled) for f in p.follow_ups.all()}
    assert states == {1: (True, False), 3: (False, False), 6: (False, True), 12: (False, True)}
    again = services.placement_refer(
        actor=cw,
        person=worker,
        employer=employer("福州另一家公司", seed=2),
        referred_on=D(2018, 8, 1),
    )
    assert again.previous == p
    assert AuditEvent.objects.filter(object_type="labour.placement").count() == 5


def test_steps_out_of_order_are_refused(users, worker, employer):
    cw = users["case_worker"]
    p = services.placement_refer(
        actor=cw, person=worker, employer=employer(), referred_on=D(2018, 3, 1)
    )
    with pytest.raises(ValidationError):
        services.placement_leave(
            actor=cw, placement=p, left_on=D(2018, 4, 1), reason=LeaveReason.OTHER
        )
    with pytest.raises(ValidationError):
        services.placement_hire(actor=cw, placement=p, hired_on=D(2018, 2, 1), wage=Decimal(1))
    with pytest.raises(services.StaleEditError):
        services.placement_interview(actor=cw, placement=p, on=D(2018, 3, 2), version=7)
    p.refresh_from_db()
    assert p.status == PlacementStatus.REFERRED and p.version == 1


def test_read_only_roles_cannot_write(users, worker, employer):
    for role in ("leadership", "township_clerk", "fund_officer"):
        with pytest.raises(PermissionDenied):
            services.placement_refer(
                actor=users[role], person=worker, employer=employer(), referred_on=D(2018, 3, 1)
            )
    assert not Placement.objects.exists()


def test_follow_ups_due_and_overdue_for_the_case_worker_page(users, worker, employer):
    cw = users["case_worker"]
    today = D(2018, 6, 5)
    p = services.placement_refer(
        actor=cw, person=worker, employer=employer(), referred_on=D(2018, 1, 2)
    )
    services.placement_hire(actor=cw, placement=p, hired_on=D(2018, 3, 10), wage=Decimal(4000))
    rows = list(selectors.follow_ups_open(user=cw, today=today))
    # 1 month (10 Apr) overdue, 3 months (10 Jun) due within 14 days, 6 and 12 later.
    assert [(f.months, f.due_on < today) for f in rows] == [(1, True), (3, False)]
    services.follow_up_record(actor=cw, follow_up=rows[0], done_on=today, still_working=True)
    assert [f.months for f in selectors.follow_ups_open(user=cw, today=today)] == [3]
    # A clerk of another township does not see them.
    assert not selectors.follow_ups_open(user=users["other_clerk"], today=today).exists()


def _hire(cw, who, emp, start, end=None):
    p = services.placement_refer(actor=cw, person=who, employer=emp, referred_on=start)
    p = services.placement_hire(actor=cw, placement=p, hired_on=start, wage=Decimal(4000))
    if end:
        p = services.placement_leave(actor=cw, placement=p, left_on=end, reason=LeaveReason.OTHER)
    return p


def test_settlement_flag_after_two_continuous_years_in_the_eastern_city(users, worker, employer, person):
    cw = users["case_worker"]
    a, b = employer("甲公司", seed=3), employer("乙公司", seed=4)
    _hire(cw, worker, a, D(2017, 5, 1), D(2018, 5, 1))
    _hire(cw, worker, b, D(2018, 5, 20))  # changed employer within a month: still continuous
    other, _ = person(V_TAOYANG)
    _hire(cw, other, a, D(2018, 1, 1), D(2019, 6, 1))
    eligible = selectors.settlement_eligible(user=cw, today=D(2019, 6, 1))
    assert eligible == {worker.pk: D(2019, 5, 1)}
    assert selectors.settlement_eligible(user=cw, today=D(2019, 4, 30)) == {}


def test_plan_figures_per_year(users, worker, employer, person):
    cw = users["case_worker"]
    east, local = employer("仓山公司", seed=5), employer("临洮公司", area="621124100000", seed=6)
    w2, _ = person(V_TAOYANG)
    w3, _ = person(V_XINDIAN)
    _hire(cw, worker, east, D(2017, 3, 1), D(2017, 4, 15))  # 1.5 months in 2017
    _hire(cw, worker, east, D(2018, 3, 1))  # the same person again: counted once, in 2017
    _hire(cw, w2, east, D(2018, 6, 1), D(2018, 12, 31))
    _hire(cw, w3, local, D(2018, 2, 1))  # not in the eastern district
    assert selectors.transferred_to_east(user=cw) == {2017: 1, 2018: 1}
    today = D(2019, 12, 31)
    assert selectors.stable_employment_rate(user=cw, year=2017, today=today) == Decimal("0")
    assert selectors.stable_employment_rate(user=cw, year=2018, today=today) == Decimal("1")
    # Hires at least 6 months before today: four; still in that job 6 months on: three.
    assert selectors.retention(user=cw, months=6, today=today) == Decimal("0.7500")
    # Scope: the Xindian clerk sees only w3's placement, which is not in the east.
    assert selectors.transferred_to_east(user=users["other_clerk"]) == {}
    assert selectors.transferred_to_east(user=users["township_clerk"]) == {2017: 1, 2018: 1}
    assert FollowUp.objects.visible_to(users["other_clerk"]).count() == 4


def test_a_referral_reads_the_opening_afresh_and_refuses_one_closed_meanwhile(users, worker, employer, opening):
    cw = users["case_worker"]
    emp = employer()
    job = opening(emp, positions=3)
    stale = type(job).objects.get(pk=job.pk)  # the page that offered the opening read it here
    services.opening_set_status(actor=cw, opening=job, status=OpeningStatus.CLOSED)
    assert stale.status == OpeningStatus.OPEN
    with pytest.raises(ValidationError, match="已不在招聘中"):
        services.placement_refer(actor=cw, person=worker, employer=emp, opening=stale)
    assert not Placement.objects.filter(person=worker).exists()

"""The ch.8 services: members on a date from the records, decision follow-up and overdue,
scoping by side and by partnership, refusals, the stale save."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xiezuo.accounts.models import AuditEvent
from xiezuo.mechanisms import selectors, services
from xiezuo.mechanisms.choices import DecisionStatus, Direction, Level, Post, Side
from xiezuo.mechanisms.filters import DecisionFilters, GroupFilters, SecondmentFilters
from xiezuo.mechanisms.models import LeadingGroup, Membership
from xiezuo.mechanisms.rules import members_on

D = datetime.date
pytestmark = pytest.mark.django_db


def test_members_on_a_date_from_the_group_records(groups):
    g = groups["west"]
    leader = g.memberships.get()
    services.member_update(actor=None, member=leader, version=leader.version,
                           person_name=leader.person_name, post=Post.LEADER, unit=leader.unit,
                           start=leader.start, end=D(2018, 12, 31))
    services.member_add(actor=None, group=g, person_name="赵书记", post=Post.LEADER,
                        start=D(2019, 1, 1))
    members = list(g.memberships.all())
    assert [m.person_name for m in members_on(members, D(2018, 6, 1))] == ["王书记"]
    assert [m.person_name for m in members_on(members, D(2019, 6, 1))] == ["赵书记"]


def test_a_membership_ending_before_it_starts_is_refused(groups):
    with pytest.raises(ValidationError):
        services.member_add(actor=None, group=groups["east"], person_name="甲", post=Post.MEMBER,
                            start=D(2018, 1, 1), end=D(2017, 1, 1))


def test_groups_of_a_year_need_members_in_that_year(groups, users):
    admin = users["county_admin"]
    assert selectors.group_list(user=admin, filters=GroupFilters(side=Side.WEST, kind="leading",
                                                                  year=2017)).count() == 1
    assert selectors.group_list(user=admin, filters=GroupFilters(side=Side.WEST,
                                                                  year=2016)).count() == 0
    m = groups["west"].memberships.get()
    services.member_update(actor=None, member=m, version=m.version, person_name=m.person_name,
                           post=m.post, start=m.start, end=D(2018, 3, 1))
    assert selectors.group_list(user=admin, filters=GroupFilters(side=Side.WEST,
                                                                  year=2019)).count() == 0


def test_each_side_sees_its_own_group_and_both_see_the_working_group(groups, users, east_user):
    def names(u):
        return {g.name for g in LeadingGroup.objects.visible_to(u)}

    working = groups["working"].name
    assert names(east_user) == {groups["east"].name, working}
    assert names(users["county_admin"]) == {groups["west"].name, working}
    assert names(users["township_clerk"]) == {groups["west"].name, working}  # its county's group
    assert names(users["leadership"]) == {groups["east"].name, groups["west"].name, working}
    assert names(users["fund_officer"]) == set()
    assert names(users["case_worker"]) == set()
    assert Membership.objects.visible_to(east_user).filter(group=groups["west"]).count() == 0


def test_an_officer_cannot_edit_the_other_sides_group(groups, users, east_user):
    with pytest.raises(PermissionDenied):
        services.member_add(actor=east_user, group=groups["west"], person_name="甲",
                            post=Post.MEMBER, start=D(2018, 1, 1))
    with pytest.raises(PermissionDenied):
        services.group_create(actor=users["county_admin"], partnership=groups["east"].partnership,
                              side=Side.EAST, area=groups["east"].area, name="另一个",
                              established=D(2018, 1, 1))
    assert not LeadingGroup.objects.filter(name="另一个").exists()  # rolled back
    with pytest.raises(PermissionDenied):
        services.member_add(actor=users["leadership"], group=groups["west"], person_name="甲",
                            post=Post.MEMBER, start=D(2018, 1, 1))


def test_decision_follow_up_until_done(meeting, decision, users):
    admin = users["county_admin"]
    d = decision(meeting())
    assert d.number == 1 and d.status == DecisionStatus.TODO
    services.decision_follow_up(actor=admin, decision=d, version=d.version,
                                status=DecisionStatus.DOING, date=D(2018, 7, 1),
                                note="已拨付第一批资金")
    services.decision_follow_up(actor=admin, decision=d, version=d.version,
                                status=DecisionStatus.DONE, date=D(2018, 9, 20), note="全部到位")
    d.refresh_from_db()
    assert d.status == DecisionStatus.DONE and d.status_on == D(2018, 9, 20)
    assert [(u.status, u.date) for u in d.updates.all()] == [
        ("doing", D(2018, 7, 1)), ("done", D(2018, 9, 20))]
    assert AuditEvent.objects.filter(object_type="mechanisms.decision",
                                     object_id=str(d.pk)).count() == 3


def test_a_stale_follow_up_is_refused(meeting, decision, users):
    d = decision(meeting())
    stale = d.version
    services.decision_follow_up(actor=None, decision=d, version=stale,
                                status=DecisionStatus.DOING, date=D(2018, 7, 1), note="x")
    with pytest.raises(services.StaleEditError):
        services.decision_follow_up(actor=users["county_admin"], decision=d, version=stale,
                                    status=DecisionStatus.DONE, date=D(2018, 8, 1), note="y")
    d.refresh_from_db()
    assert d.status == DecisionStatus.DOING and d.updates.count() == 1


def test_a_stale_meeting_edit_is_refused(meeting):
    m = meeting()
    services.meeting_update(actor=None, meeting=m, version=1, kind=m.kind, title="改过的名称",
                            date=m.date, venue_side=m.venue_side, place=m.place)
    with pytest.raises(services.StaleEditError):
        services.meeting_update(actor=None, meeting=m, version=1, kind=m.kind, title="再改",
                                date=m.date, venue_side=m.venue_side, place=m.place)
    m.refresh_from_db()
    assert m.title == "改过的名称" and m.version == 2


def test_overdue_decisions_are_listed_for_both_sides(meeting, decision, users, east_user):
    m = meeting()
    late = decision(m, text="逾期的事项", due=D(2018, 9, 30))
    decision(m, text="按期的事项", due=D(2030, 1, 1))
    done = decision(m, text="已办完的事项", due=D(2018, 9, 30))
    services.decision_follow_up(actor=None, decision=done, version=done.version,
                                status=DecisionStatus.DONE, date=D(2018, 9, 1), note="ok")
    for u in (east_user, users["county_admin"], users["township_clerk"]):
        assert list(selectors.overdue_decisions(user=u)) == [late]
    assert selectors.overdue_decisions(user=users["fund_officer"]).count() == 0
    assert selectors.decision_list(user=users["county_admin"],
                                   filters=DecisionFilters(q="按期")).count() == 1


def test_secondment_counts_by_batch_year_and_in_post(partnership, users):
    def second(name, direction, start, end):
        return services.secondment_create(
            actor=None, partnership=partnership, batch=1, direction=direction, person_name=name,
            level=Level.DEPUTY_DIVISION, home_unit="仓山区发改局", home_post="副局长",
            host_unit="临洮县人民政府", host_post="副县长", start=start, end=end)

    second("甲", Direction.EAST_TO_WEST, D(2017, 7, 1), D(2019, 6, 30))
    second("乙", Direction.EAST_TO_WEST, D(2017, 7, 1), D(2019, 6, 30))
    second("丙", Direction.WEST_TO_EAST, D(2018, 3, 1), D(2018, 8, 31))
    admin = users["county_admin"]
    e2w = Direction.EAST_TO_WEST
    assert selectors.secondment_list(user=admin, filters=SecondmentFilters(
        direction=e2w, year=2017)).count() == 2
    assert selectors.secondment_list(user=admin, filters=SecondmentFilters(
        direction=e2w, year=2019)).count() == 0
    assert selectors.secondment_list(user=admin, filters=SecondmentFilters(
        direction=e2w, in_post=2019)).count() == 2
    assert selectors.secondment_list(user=users["fund_officer"]).count() == 0


def test_a_summary_outside_the_secondment_is_refused(partnership):
    s = services.secondment_create(
        actor=None, partnership=partnership, batch=1, direction=Direction.WEST_TO_EAST,
        person_name="丁", level=Level.SECTION, home_unit="临洮县农业局", home_post="股长",
        host_unit="仓山区农业局", host_post="副局长", start=D(2018, 3, 1), end=D(2018, 8, 31))
    with pytest.raises(ValidationError):
        services.summary_save(actor=None, secondment=s, year=2019, text="x")
    ws = services.summary_save(actor=None, secondment=s, year=2018, text="第一稿")
    services.summary_save(actor=None, secondment=s, year=2018, text="第二稿", version=1)
    ws.refresh_from_db()
    assert ws.text == "第二稿" and ws.version == 2
    with pytest.raises(services.StaleEditError):
        services.summary_save(actor=None, secondment=s, year=2018, text="旧稿", version=1)

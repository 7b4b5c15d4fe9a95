"""The ch.8 demo tells the story the issue asks for: four years of groups with member changes,
a joint meeting each year with one year not alternating, overdue decisions, the plan's
secondment batches and model cases; and the plan's batch targets are met from its records."""

import io

import pytest

from xiezuo.core.synthetic import DemoContext
from xiezuo.mechanisms import demo, selectors
from xiezuo.mechanisms.choices import Direction, MeetingKind
from xiezuo.mechanisms.filters import MeetingFilters, SecondmentFilters
from xiezuo.mechanisms.indicators import INDICATORS
from xiezuo.mechanisms.models import JointMeeting, LeadingGroup, Membership, ModelCase

pytestmark = pytest.mark.django_db


def test_the_demo_story(areas, users):
    demo.build(DemoContext(seed=20170626, stdout=io.StringIO()))
    admin = users["leadership"]
    assert LeadingGroup.objects.count() == 3
    assert Membership.objects.filter(end__isnull=False).exists()  # members changed
    joint = JointMeeting.objects.filter(kind=MeetingKind.JOINT).order_by("date")
    assert [m.date.year for m in joint] == [2017, 2018, 2019, 2020]
    warned = selectors.meeting_venue_warnings(user=admin)
    assert [JointMeeting.objects.get(pk=k).date.year for k in warned] == [2019]
    assert selectors.overdue_decisions(user=admin).exists()
    by_key = {i.key: i for i in INDICATORS}
    e2w = by_key["mechanisms.cadres_east_to_west"].per_year(user=admin)
    w2e = by_key["mechanisms.cadres_west_to_east"].per_year(user=admin)
    assert e2w == {2017: 2, 2019: 2} and w2e == {2017: 2, 2018: 2, 2019: 2}
    assert by_key["mechanisms.leading_group_west"].per_year(user=admin)[2017] == 1
    assert by_key["mechanisms.joint_meetings"].per_year(user=admin) == {
        y: 1 for y in (2017, 2018, 2019, 2020)}
    assert selectors.secondment_list(user=admin, filters=SecondmentFilters(
        direction=Direction.EAST_TO_WEST, in_post=2018)).count() == 2
    assert selectors.meeting_list(user=admin, filters=MeetingFilters(year=2018)).count() == 3
    assert ModelCase.objects.count() == 6


def test_the_report_section_of_a_year(areas, users):
    from xiezuo.core.reports import report_sections

    demo.build(DemoContext(seed=20170626, stdout=io.StringIO()))
    [sec] = [s for s in report_sections(user=users["leadership"], year=2019) if s.chapter == 8]
    assert "召开联席会议1次" in sec.paragraphs[0] and "未按规划两地轮流召开" in sec.paragraphs[0]
    captions = [t.caption for t in sec.tables]
    assert "2019年联席会议和互访" in captions and "2019年在岗挂职干部" in captions
    cadres = next(t for t in sec.tables if t.caption == "2019年在岗挂职干部")
    assert len(cadres.rows) == 8  # 2 + 2 east→west overlapping 2019, 2 + 2 west→east
    assert report_sections(user=users["fund_officer"], year=2019) == [] or all(
        s.chapter != 8 for s in report_sections(user=users["fund_officer"], year=2019))

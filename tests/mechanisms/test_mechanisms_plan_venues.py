"""The plan's joint-meeting target (ch.8.2: "每年召开县区际联席会议，两地轮流召开") is met from
the meetings' records only in a year whose joint meeting was held on the other side from the
one before it: the year the venue repeats is not met, and the target page and the annual report
say why in words (the meeting pages warn about the same meeting)."""

import datetime

import pytest

from xiezuo.mechanisms import selectors
from xiezuo.mechanisms.choices import MeetingKind, Side
from xiezuo.plan.choices import Status
from xiezuo.plan.evaluation import SOURCE_RECORDS, evaluate
from xiezuo.plan.report import report_data

pytestmark = pytest.mark.django_db
D = datetime.date
FINAL = D(2021, 3, 1)
REPEATED = "在东部召开，与上一次（2018年）同在东部，未按规划两地轮流召开"


@pytest.fixture
def four_years(meeting):
    """2017 Lintao, 2018 Cangshan, 2019 Cangshan again (not alternating), 2020 Lintao; a
    mutual visit in Lintao in 2019 neither counts nor breaks the alternation."""
    for day, side in ((D(2017, 8, 1), Side.WEST), (D(2018, 5, 20), Side.EAST),
                      (D(2019, 6, 1), Side.EAST), (D(2020, 7, 1), Side.WEST)):
        meeting(day, side)
    meeting(D(2019, 9, 1), Side.WEST, kind=MeetingKind.VISIT, title="2019年互访")


def _joint(plan, user, as_of=FINAL):
    return next(r for r in evaluate(plan, user=user, as_of=as_of).targets
                if r.target.key == "joint-meeting")


def test_a_year_whose_venue_repeats_is_not_met(default_plan, users, four_years):
    r = _joint(default_plan, users["leadership"])
    assert r.source == SOURCE_RECORDS
    assert [r.years[y].source for y in (2017, 2018, 2019, 2020)] == [SOURCE_RECORDS] * 4
    assert [r.years[y].status for y in (2017, 2018, 2019, 2020)] == [
        Status.MET, Status.MET, Status.NOT_MET, Status.MET]
    assert r.years[2019].value == 0 and r.years[2019].note == REPEATED
    assert r.years[2017].note == "在西部召开"
    assert r.years[2020].note == "在西部召开，上一次（2019年）在东部，两地轮流"
    # the meeting pages warn about the same meeting
    warned = selectors.meeting_venue_warnings(user=users["leadership"])
    assert [w.side for w in warned.values()] == [Side.EAST] and len(warned) == 1


def test_the_year_is_met_once_a_meeting_is_held_on_the_other_side(default_plan, users,
                                                                  four_years, meeting):
    # during 2019 the repeated venue leaves the year open (on track), not yet failed
    assert _joint(default_plan, users["leadership"], D(2019, 7, 1)).years[2019].status \
        == Status.ON_TRACK
    meeting(D(2019, 11, 20), Side.WEST, title="2019年第二次联席会议")
    r = _joint(default_plan, users["leadership"])
    assert r.years[2019].status == Status.MET
    assert r.years[2019].note == "在西部召开，上一次（2019年）在东部，两地轮流"
    # and 2020's Lintao meeting now follows a Lintao meeting
    assert r.years[2020].status == Status.NOT_MET


def test_the_target_page_and_the_report_say_why(default_plan, users, four_years, client):
    client.force_login(users["county_admin"])
    page = client.get("/plan/targets/joint-meeting/").content.decode()
    assert REPEATED in page
    data = report_data(plan=default_plan, year=2019, user=users["county_admin"], as_of=FINAL)
    row = next(r for r in data["rows"] if r["key"] == "joint-meeting")
    assert (row["status_label"], row["value"]) == ("未完成", f"未完成（{REPEATED}）")


def test_a_typed_year_and_a_recorded_year_follow_each_other(default_plan, users, meeting,
                                                            approved_entry):
    # 2017 typed in (Cangshan) before the part existed; 2018 recorded, in Cangshan again
    approved_entry(default_plan, "joint-meeting", 2017, venue_side="east")
    meeting(D(2018, 5, 20), Side.EAST)
    r = _joint(default_plan, users["leadership"])
    assert r.years[2017].source != SOURCE_RECORDS and r.years[2017].status == Status.MET
    assert r.years[2018].status == Status.NOT_MET
    assert r.years[2018].note == "在东部召开，与上一次（2017年）同在东部，未按规划两地轮流召开"

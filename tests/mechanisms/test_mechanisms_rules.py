"""The pure rules of ch.8 (mechanisms.rules), table-driven, without a database."""

import datetime
from types import SimpleNamespace as M

import pytest

from xiezuo.mechanisms.rules import is_overdue, members_on, overlaps_year, venue_warnings

D = datetime.date
GROUP = [
    M(person_name="林一", post="leader", start=D(2017, 5, 10), end=D(2018, 12, 31)),
    M(person_name="陈二", post="leader", start=D(2019, 1, 1), end=None),
    M(person_name="张三", post="member", start=D(2017, 5, 10), end=None),
    M(person_name="李四", post="exec_deputy", start=D(2017, 5, 10), end=D(2019, 3, 1)),
    M(person_name="王五", post="office_director", start=D(2018, 7, 1), end=None),
]


@pytest.mark.parametrize(("day", "names"), [
    (D(2017, 5, 9), []),  # before the group had anyone
    (D(2017, 5, 10), ["林一", "李四", "张三"]),  # the first day counts
    (D(2018, 12, 31), ["林一", "李四", "张三", "王五"]),  # the last day counts too
    (D(2019, 1, 1), ["陈二", "李四", "张三", "王五"]),  # the leader changed overnight
    (D(2019, 3, 2), ["陈二", "张三", "王五"]),  # the deputy left the day before
    (D(2030, 1, 1), ["陈二", "张三", "王五"]),  # no end: still in
])
def test_members_on_a_date_by_post(day, names):
    assert [m.person_name for m in members_on(GROUP, day)] == names


@pytest.mark.parametrize(("start", "end", "year", "expected"), [
    (D(2017, 5, 1), D(2019, 4, 30), 2017, True),
    (D(2017, 5, 1), D(2019, 4, 30), 2019, True),
    (D(2017, 5, 1), D(2019, 4, 30), 2020, False),
    (D(2017, 5, 1), None, 2020, True),
    (D(2018, 1, 1), None, 2017, False),
    (D(2016, 3, 1), D(2016, 12, 31), 2017, False),
])
def test_in_post_in_a_year(start, end, year, expected):
    assert overlaps_year(start, end, year) is expected


@pytest.mark.parametrize(("meetings", "warned"), [
    ([], {}),
    ([(1, D(2017, 6, 1), "joint", "west")], {}),
    # alternating: no warning
    ([(1, D(2017, 6, 1), "joint", "west"), (2, D(2018, 6, 1), "joint", "east"),
      (3, D(2019, 6, 1), "joint", "west")], {}),
    # 2019 again in the east after 2018 in the east
    ([(1, D(2017, 6, 1), "joint", "west"), (2, D(2018, 6, 1), "joint", "east"),
      (3, D(2019, 6, 1), "joint", "east"), (4, D(2020, 6, 1), "joint", "west")], {3: 2}),
    # a mutual visit between them neither alternates nor breaks the alternation
    ([(1, D(2017, 6, 1), "joint", "west"), (2, D(2017, 9, 1), "visit", "east"),
      (3, D(2018, 6, 1), "joint", "east")], {}),
    ([(1, D(2017, 6, 1), "joint", "west"), (2, D(2017, 9, 1), "visit", "west"),
      (3, D(2018, 6, 1), "joint", "west")], {3: 1}),
    # the order is by date, not by the order given
    ([(3, D(2019, 6, 1), "joint", "west"), (1, D(2017, 6, 1), "joint", "west"),
      (2, D(2018, 6, 1), "joint", "west")], {2: 1, 3: 2}),
])
def test_venue_alternation_warning(meetings, warned):
    got = venue_warnings(meetings)
    assert {k: w.previous for k, w in got.items()} == warned


@pytest.mark.parametrize(("status", "due", "expected"), [
    ("todo", D(2018, 9, 30), True),
    ("doing", D(2018, 9, 30), True),
    ("done", D(2018, 9, 30), False),
    ("cancelled", D(2018, 9, 30), False),
    ("todo", D(2018, 10, 1), False),  # due today: not yet overdue
    ("todo", None, False),  # no due date: never overdue
])
def test_overdue(status, due, expected):
    assert is_overdue(status, due, D(2018, 10, 1)) is expected

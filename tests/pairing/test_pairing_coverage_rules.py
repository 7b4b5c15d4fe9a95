"""The coverage rule as plain functions: a pairing counts in a year when it was in force on at
least one day of it (no database)."""

import datetime

import pytest

from xiezuo.pairing.coverage import Span, coverage_table, covered, in_force

D = datetime.date


@pytest.mark.parametrize(("started", "ended", "year", "expected"), [
    (D(2017, 3, 1), None, 2017, True),            # started during the year: counts
    (D(2017, 3, 1), None, 2020, True),            # open-ended: counts every later year
    (D(2017, 3, 1), None, 2016, False),           # not yet started
    (D(2018, 12, 31), None, 2018, True),          # started on the last day: counts
    (D(2017, 3, 1), D(2018, 6, 30), 2018, True),  # ended during the year: still counts
    (D(2017, 3, 1), D(2018, 6, 30), 2019, False),  # ended before the year: does not count
    (D(2017, 3, 1), D(2018, 12, 31), 2019, False),  # ended on the last day before: no
    (D(2017, 3, 1), D(2019, 1, 1), 2019, True),   # one day in the year is enough
    (D(2019, 5, 1), D(2019, 5, 1), 2019, True),   # a one-day pairing counts in its year
    (D(2019, 5, 1), D(2019, 5, 1), 2020, False),
])
def test_in_force(started, ended, year, expected):
    assert in_force(started, ended, year) is expected


def test_covered_counts_each_member_once_and_drops_ended_pairings():
    spans = [Span("A", D(2017, 1, 1)), Span("A", D(2018, 1, 1)),  # two pairings, one member
             Span("B", D(2017, 1, 1), D(2017, 12, 31)),            # ended in 2017
             Span("C", D(2019, 7, 1))]                              # starts in 2019
    assert covered(spans, 2017) == {"A", "B"}
    assert covered(spans, 2018) == {"A"}
    assert covered(spans, 2019) == {"A", "C"}


def test_coverage_table_lists_every_member_in_order_with_its_pairings():
    members = [("621124100000", "洮阳镇"), ("621124101000", "八里铺镇"), ("621124102000", "新添镇")]
    spans = [(7, Span("621124100000", D(2017, 1, 1))),
             (9, Span("621124100000", D(2018, 1, 1))),
             (8, Span("621124101000", D(2017, 1, 1), D(2017, 6, 30))),
             (5, Span("999999999999", D(2017, 1, 1)))]  # not a member: ignored
    table = coverage_table(members, spans, 2018)
    assert [(m.code, m.paired, m.pairings) for m in table] == [
        ("621124100000", True, (7, 9)), ("621124101000", False, ()),
        ("621124102000", False, ())]
    assert [m.paired for m in coverage_table(members, spans, 2017)] == [True, True, False]

"""Each target kind's status rule, at the edges of the year (pure functions, no database)."""

import datetime
from decimal import Decimal as D

import pytest

from xiezuo.plan import status
from xiezuo.plan.choices import Status

d = datetime.date
MET, ON, BEHIND, NOT, NA, NS = (Status.MET, Status.ON_TRACK, Status.BEHIND, Status.NOT_MET,
                                Status.NOT_APPLICABLE, Status.NOT_STARTED)


@pytest.mark.parametrize("as_of, expected", [
    (d(2018, 1, 1), D(0)), (d(2017, 12, 31), D(0)), (d(2018, 12, 31), D(364) / D(365)),
    (d(2019, 1, 1), D(1)), (d(2018, 7, 2), D(182) / D(365)),
])
def test_year_fraction_edges(as_of, expected):
    assert status.year_fraction(2018, as_of) == expected


@pytest.mark.parametrize("value, as_of, expected", [
    (None, d(2017, 12, 31), NS),        # the year has not begun
    (D(0), d(2018, 1, 1), ON),          # 1 January: nothing is yet expected
    (D(30), d(2018, 1, 1), MET),
    (D(14), d(2018, 7, 2), BEHIND),     # 30 × 182/365 = 14.96
    (D(15), d(2018, 7, 2), ON),
    (D(29), d(2018, 12, 31), BEHIND),   # 30 × 364/365 = 29.92
    (D(D(30) * 364 / 365), d(2018, 12, 31), ON),
    (D(30), d(2018, 12, 31), MET),
    (D(29), d(2019, 1, 1), NOT),        # final from the next 1 January
    (D(31), d(2019, 1, 1), MET),
])
def test_at_least(value, as_of, expected):
    assert status.status_at_least(value, D(30), 2018, as_of) == expected


@pytest.mark.parametrize("value, as_of, expected", [
    (D(2), d(2019, 1, 1), MET), (D(4), d(2019, 1, 1), MET),   # above the range is still met
    (D(1), d(2019, 1, 1), NOT), (D(1), d(2018, 7, 2), ON), (D(0), d(2018, 7, 2), BEHIND),
    (D(0), d(2018, 1, 1), ON),
])
def test_range(value, as_of, expected):
    assert status.status_range(value, D(2), D(3), 2018, as_of) == expected


@pytest.mark.parametrize("total, year, as_of, expected", [
    # 1500 by 2020, period 2017-01-01 … 2020-12-31 (1461 days)
    (D(400), 2017, d(2018, 1, 1), ON),      # 1500 × 365/1461 = 374.7
    (D(370), 2017, d(2018, 1, 1), BEHIND),
    (D(800), 2018, d(2019, 1, 1), ON),      # 1500 × 730/1461 = 749.5
    (D(700), 2018, d(2020, 6, 1), BEHIND),  # an earlier year is judged at its own end
    (D(1500), 2018, d(2019, 1, 1), MET),
    (D(1499), 2020, d(2020, 12, 31), ON),   # 1500 × 1460/1461 = 1498.97
    (D(1499), 2020, d(2021, 1, 1), NOT),    # the due year is final from the next 1 January
    (D(1500), 2020, d(2021, 1, 1), MET),
    (D(0), 2020, d(2019, 12, 31), NS),
    (D(2000), 2021, d(2022, 1, 1), NA),     # after the due year
])
def test_cumulative(total, year, as_of, expected):
    assert status.status_cumulative(total, D(1500), year, 2017, 2020, as_of) == expected


@pytest.mark.parametrize("value, previous, as_of, expected", [
    (D(6), None, d(2019, 1, 1), NA),        # the base year
    (D(6), D(5), d(2019, 1, 1), MET),
    (D(5), D(5), d(2019, 1, 1), NOT),       # "more than the year before": equal is not met
    (D(5), D(5), d(2018, 12, 31), ON),
    (D(2), D(5), d(2018, 7, 2), BEHIND),
    (D(0), D(5), d(2018, 1, 1), ON),
])
def test_growth(value, previous, as_of, expected):
    assert status.status_growth(value, previous, 2018, as_of) == expected


@pytest.mark.parametrize("done, year, due, as_of, expected", [
    (True, 2017, 2017, d(2017, 1, 1), MET),
    (False, 2017, 2017, d(2017, 12, 31), ON),
    (False, 2017, 2017, d(2018, 1, 1), NOT),
    (False, 2018, 2020, d(2019, 1, 1), ON),   # before its due year a milestone is not late
    (False, 2018, 2020, d(2026, 1, 1), ON),   # … even judged years later
    (False, 2020, 2020, d(2026, 1, 1), NOT),
    (False, 2020, 2020, d(2016, 5, 1), NS),
])
def test_milestone(done, year, due, as_of, expected):
    assert status.status_milestone(done, year, due, as_of) == expected


@pytest.mark.parametrize("covered, year, as_of, expected", [
    (18, 2018, d(2019, 1, 1), MET),
    (10, 2018, d(2019, 1, 1), ON),     # 18 × 730/1461 = 8.99
    (8, 2018, d(2019, 1, 1), BEHIND),
    (17, 2020, d(2021, 1, 1), NOT),
    (17, 2020, d(2020, 12, 31), BEHIND),  # 18 × 1460/1461 = 17.99
    (18, 2020, d(2020, 12, 31), MET),
])
def test_coverage(covered, year, as_of, expected):
    assert status.status_coverage(covered, 18, year, 2017, 2020, as_of) == expected


@pytest.mark.parametrize("value, required, expected", [
    (None, D(10), 0), (D(5), D(10), 50), (D(20), D(10), 100), (D(0), D(0), 0), (D(1), D(0), 100),
])
def test_progress_percent(value, required, expected):
    assert status.progress_percent(value, required) == expected


@pytest.mark.parametrize("value, required, as_of, expected", [
    (D(5), None, d(2019, 12, 31), Status.NOT_APPLICABLE),  # no number: no status, a trend
    (None, None, d(2021, 1, 1), Status.NOT_APPLICABLE),
    (D(30), D(20), d(2019, 7, 1), Status.MET),  # with a number: as at_least
    (D(5), D(20), d(2020, 1, 1), Status.NOT_MET),
])
def test_tracked(value, required, as_of, expected):
    assert status.status_tracked(value, required, 2019, as_of) == expected


@pytest.mark.parametrize("value, previous, expected", [
    (D(5), D(3), "up"), (D(3), D(5), "down"), (D(3), D(3), "same"), (D(3), None, ""),
    (None, D(3), ""),
])
def test_trend(value, previous, expected):
    assert status.trend(value, previous) == expected


E, W = "east", "west"


@pytest.mark.parametrize("held, year, expected", [
    ([], 2018, (False, False, "", "", None)),                          # no meeting: nothing
    ([(2017, W)], 2017, (True, True, W, "", None)),                    # the first
    ([(2017, W), (2018, E)], 2018, (True, True, E, W, 2017)),          # in turn
    ([(2017, W), (2018, W)], 2018, (True, False, W, W, 2017)),         # the same side again
    ([(2017, W), (2019, E)], 2019, (True, True, E, W, 2017)),          # a year skipped: turn kept
    ([(2017, W), (2019, W)], 2019, (True, False, W, W, 2017)),         # ...or not
    ([(2018, E), (2019, E), (2019, W)], 2019, (True, True, W, E, 2019)),  # a second one mends it
    ([(2018, E), (2019, E), (2019, W), (2020, W)], 2020, (True, False, W, W, 2019)),
    ([(2017, W), (2018, "")], 2018, (True, True, "", W, 2017)),       # side not recorded
    ([(2017, ""), (2018, W)], 2018, (True, True, W, "", 2017)),
])
def test_venue_alternation(held, year, expected):
    a = status.venue_alternation(held, year)
    assert (a.held, a.alternates, a.side, a.before_side, a.before_year) == expected

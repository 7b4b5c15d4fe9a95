"""Stable employment, settlement, retention and follow-up dates: pure functions, table-driven."""

import datetime as dt
from decimal import Decimal

import pytest

from xiezuo.labour import employment as e
from xiezuo.labour.choices import FOLLOW_UP_MONTHS

D = dt.date
TODAY = D(2021, 6, 30)


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (D(2018, 1, 15), 1, D(2018, 2, 15)),
        (D(2018, 1, 31), 1, D(2018, 2, 28)),  # clamped to the month's end
        (D(2020, 1, 31), 1, D(2020, 2, 29)),
        (D(2018, 11, 30), 3, D(2019, 2, 28)),
        (D(2018, 3, 1), 12, D(2019, 3, 1)),
        (D(2018, 3, 1), -1, D(2018, 2, 1)),
    ],
)
def test_add_months(start, months, expected):
    assert e.add_months(start, months) == expected


def test_follow_ups_fall_due_at_1_3_6_12_months():
    assert e.follow_up_dates(D(2018, 3, 10), FOLLOW_UP_MONTHS) == [
        (1, D(2018, 4, 10)),
        (3, D(2018, 6, 10)),
        (6, D(2018, 9, 10)),
        (12, D(2019, 3, 10)),
    ]


@pytest.mark.parametrize(
    "spans, year, stable",
    [
        ([(D(2018, 1, 1), None)], 2018, True),
        ([(D(2018, 10, 1), None)], 2018, True),  # 92 days: 3.0 months
        ([(D(2018, 10, 3), None)], 2018, False),  # 90 days: 2.96 months
        ([(D(2018, 3, 1), D(2018, 4, 15))], 2018, False),
        ([(D(2018, 3, 1), D(2018, 4, 15)), (D(2018, 6, 1), D(2018, 7, 20))], 2018, True),
        ([(D(2017, 6, 1), D(2018, 2, 10))], 2018, False),
        ([(D(2017, 6, 1), D(2018, 4, 10))], 2018, True),
        (
            [(D(2018, 3, 1), D(2018, 4, 30)), (D(2018, 3, 15), D(2018, 5, 15))],
            2018,
            False,
        ),  # overlap
    ],
)
def test_stable_employment_is_three_months_in_the_year(spans, year, stable):
    assert e.stably_employed(spans, year, today=TODAY) is stable


def test_months_in_year_counts_overlaps_once():
    spans = [(D(2019, 1, 1), D(2019, 6, 30)), (D(2019, 3, 1), D(2019, 12, 31))]
    assert e.months_in_year(spans, 2019, today=TODAY) == Decimal("12.0")


@pytest.mark.parametrize(
    "spans, since",
    [
        ([(D(2018, 3, 1), None)], D(2020, 3, 1)),
        ([(D(2018, 3, 1), D(2020, 2, 28))], None),  # a day short of two years
        ([(D(2018, 3, 1), D(2019, 3, 1)), (D(2019, 3, 20), None)], D(2020, 3, 1)),  # 19-day gap
        ([(D(2018, 3, 1), D(2019, 3, 1)), (D(2019, 5, 1), None)], D(2021, 5, 1)),  # broken: restart
        ([(D(2020, 1, 1), None)], None),  # not yet
        ([], None),
    ],
)
def test_settlement_after_two_continuous_years(spans, since):
    assert e.settlement_since(spans, today=TODAY) == since


@pytest.mark.parametrize(
    "hired, left, months, expected",
    [
        (D(2020, 1, 10), None, 3, True),
        (D(2020, 1, 10), D(2020, 4, 10), 3, True),
        (D(2020, 1, 10), D(2020, 4, 9), 3, False),
        (D(2020, 1, 10), D(2020, 7, 9), 6, False),
        (D(2021, 5, 1), None, 3, None),  # not yet known
    ],
)
def test_retention(hired, left, months, expected):
    assert e.retained(hired, left, months, today=TODAY) is expected


def test_share():
    assert e.share(1, 3) == Decimal("0.3333")
    assert e.share(0, 0) == Decimal("0")

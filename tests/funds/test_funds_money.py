"""Amounts are Decimal yuan with 2 places; anything else is refused with a clear message."""

from decimal import Decimal

import pytest

from xiezuo.funds.money import AmountError, parse_amount, yuan


@pytest.mark.parametrize(("value", "expected"), [
    ("1234.5", Decimal("1234.50")),
    ("1,234.56", Decimal("1234.56")),
    ("１２３４．５", Decimal("1234.50")),  # full-width digits from a Chinese spreadsheet
    ("￥100元", Decimal("100.00")),
    (1234.5, Decimal("1234.50")),  # an Excel number cell
    (0.1, Decimal("0.10")),
    (100, Decimal("100.00")),
    (Decimal("99.9"), Decimal("99.90")),
    ("999999999999.99", Decimal("999999999999.99")),
])
def test_amounts_accepted(value, expected):
    assert parse_amount(value) == expected
    assert parse_amount(value).as_tuple().exponent == -2


@pytest.mark.parametrize(("value", "code"), [
    ("", "empty"),
    (None, "empty"),
    ("abc", "malformed"),
    ("1.2.3", "malformed"),
    ("NaN", "malformed"),
    ("Infinity", "malformed"),
    (True, "malformed"),
    ("-5", "negative"),
    (-0.01, "negative"),
    ("0", "zero"),
    ("1.005", "places"),
    (0.001, "places"),
    ("1000000000000", "too_large"),
])
def test_amounts_refused_with_a_reason(value, code):
    with pytest.raises(AmountError) as info:
        parse_amount(value)
    assert info.value.code == code
    assert info.value.messages[0]  # a message a person can read


def test_zero_allowed_where_asked():
    assert parse_amount("0", allow_zero=True) == Decimal("0.00")


def test_yuan_formats_thousands():
    assert yuan(Decimal("1234567.5")) == "1,234,567.50"

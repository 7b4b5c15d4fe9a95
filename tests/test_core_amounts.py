"""Amounts are written plainly everywhere they are read from text (core.amounts): no exponent
("1e3" is not 1000 yuan), no NaN or Infinity, at most 2 decimals — in the import cells (incomes,
wages) and the labour forms as in the funds (tests/funds/test_funds_input_rules.py)."""

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError

from xiezuo.core.amounts import AmountField, plain_amount
from xiezuo.tabular.cells import CellError, parse_decimal

NOT_PLAIN = ["1e3", "1E3", "1e-2", "2.5E+3", "NaN", "nan", "sNaN", "Infinity", "-inf", "0x10",
             "1_000", "一千", "1.2.3", ""]
TOO_PRECISE = ["1.001", "0.005", "3000.555"]
PLAIN = ["0", "1000", "1000.5", "1000.50", ".5", "12.", "-5", "+5"]


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_plain_amount_names_a_text_that_is_not_a_plain_number(text):
    assert "格式不正确" in plain_amount(text)


@pytest.mark.parametrize("text", TOO_PRECISE)
def test_plain_amount_names_more_than_two_decimals(text):
    assert "两位小数" in plain_amount(text)


@pytest.mark.parametrize("text", PLAIN)
def test_plain_amount_accepts_digits_with_at_most_two_decimals(text):
    assert plain_amount(text) is None


@pytest.mark.parametrize("cell", ["1e3", "1E3", "NaN", "Infinity", "3000.555", 3000.555,
                                  float("nan"), float("inf"), "-5", -5.0, "1" * 40])
def test_import_cells_refuse_an_amount_that_is_not_plain(cell):
    with pytest.raises(CellError):
        parse_decimal(cell)


@pytest.mark.parametrize("cell,value", [("3,000.5元", "3000.50"), (3000.5, "3000.50"),
                                        (4000, "4000.00"), ("", None)])
def test_import_cells_read_plain_amounts(cell, value):
    assert parse_decimal(cell) == (None if value is None else Decimal(value))


@pytest.mark.parametrize("text", ["1e3", "NaN", "Infinity", "3000.555"])
def test_an_amount_field_refuses_what_is_not_plain(text):
    with pytest.raises(ValidationError):
        AmountField(min_value=0, max_digits=10).clean(text)
    assert AmountField(min_value=0, max_digits=10).clean("3000.50") == Decimal("3000.50")


def test_every_amount_in_the_labour_forms_is_an_amount_field():
    from xiezuo.labour import forms as labour_forms

    amounts = [(cls.__name__, name, type(field).__name__)
               for cls in vars(labour_forms).values()
               if isinstance(cls, type) and issubclass(cls, forms.Form)
               for name, field in cls.base_fields.items()
               if isinstance(field, forms.DecimalField)]
    assert amounts and all(kind == "AmountField" for _c, _n, kind in amounts), amounts

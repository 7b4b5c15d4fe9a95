"""How an amount of money may be written: plain digits with at most 2 decimals (pure, no database).

Python's Decimal and Django's DecimalField read "1e3" as 1000, and "NaN" and "Infinity" as
numbers; nobody writes a payment that way, so a clerk's typo or a hostile value must not turn
into money. Every place that reads an amount from text (funds.money.parse_amount, the import
cells, the labour forms) asks `plain_amount` first.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: digits, optionally a sign, a point and at most 2 decimals (fen); nothing else
_PLAIN = re.compile(r"[+-]?(\d+(\.\d{0,2})?|\.\d{1,2})")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def written_plainly(text: str) -> bool:
    """`text` is digits with an optional sign and decimal point: no exponent, NaN, Infinity."""
    return _NUMBER.fullmatch(text) is not None


def not_plain_message(text: str) -> str:
    return str(_("金额格式不正确：%(v)s（应写成普通数字，如 1234.50，不能用科学计数法）")
               % {"v": text})


def plain_amount(text: str) -> str | None:
    """None when `text` is a plain amount (at most 2 decimals), else what is wrong with it."""
    if _PLAIN.fullmatch(text):
        return None
    if written_plainly(text):
        return str(_("金额最多两位小数（分）：%(v)s") % {"v": text})
    return not_plain_message(text)


class AmountField(forms.DecimalField):
    """A form's amount in yuan: plain digits, at most 2 decimals (see `plain_amount`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value not in self.empty_values:
            problem = plain_amount(str(value).strip())
            if problem:
                raise ValidationError(problem, code="invalid")
        return super().to_python(value)

"""Amounts of money: Decimal yuan with 2 places, parsed strictly (pure functions, no database)."""

import decimal
import unicodedata
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xiezuo.core.amounts import not_plain_message, written_plainly

CENT = Decimal("0.01")
#: Decimal(14, 2) holds at most 999,999,999,999.99 yuan
LIMIT = Decimal("1000000000000")


class AmountError(ValidationError):
    """An amount the funds refuse; the message says what was wrong with which value."""


def parse_amount(value, *, allow_zero: bool = False) -> Decimal:
    """`value` (Decimal, int, float from Excel, or text such as "1,234.50元") as yuan.

    Refused with a clear message: empty, not a number (text must be plain digits: no exponent
    as in "1e3", no NaN or Infinity), negative (a correction is a reversing
    entry, never a negative amount), zero, more than 2 decimal places, or too large.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        raise AmountError(_("金额不能为空。"), code="empty")
    if isinstance(value, bool):
        raise AmountError(_("金额格式不正确：%(v)s") % {"v": value}, code="malformed")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        # repr() is the shortest text that reads back as the same float: 1234.5, not 1234.4999…
        amount = _decimal(repr(value), value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        for mark in ("¥", "￥", "元", ",", " ", "\u00a0"):
            text = text.replace(mark, "")
        if text and not written_plainly(text):  # "1e3", "NaN", "Infinity", "0x10"
            raise AmountError(not_plain_message(value), code="malformed")
        amount = _decimal(text, value)
    if not amount.is_finite():
        raise AmountError(_("金额格式不正确：%(v)s") % {"v": value}, code="malformed")
    if amount < 0:
        raise AmountError(_("金额不能为负数：%(v)s（更正请做冲销）") % {"v": value},
                          code="negative")
    if amount == 0 and not allow_zero:
        raise AmountError(_("金额必须大于零：%(v)s") % {"v": value}, code="zero")
    if amount != amount.quantize(CENT, rounding=decimal.ROUND_DOWN):
        raise AmountError(_("金额最多两位小数（分）：%(v)s") % {"v": value}, code="places")
    if amount >= LIMIT:
        raise AmountError(_("金额超出上限：%(v)s") % {"v": value}, code="too_large")
    return amount.quantize(CENT)


def _decimal(text: str, original) -> Decimal:
    try:
        return Decimal(text)
    except (decimal.InvalidOperation, ValueError):
        raise AmountError(_("金额格式不正确：%(v)s") % {"v": original}, code="malformed") from None


def yuan(amount: Decimal | int | None) -> str:
    """1234567.5 -> "1,234,567.50" for pages and reports."""
    return f"{Decimal(amount or 0):,.2f}"

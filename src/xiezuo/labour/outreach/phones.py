"""Mobile numbers as clerks and SMS platforms write them: pure functions, no database.

A number is kept as its 11 digits (1xxxxxxxxxx): "+86 138-1234-5678", "86 13812345678",
full-width digits and spaces are the same number. A landline cannot take a text message and is
refused with the reason.
"""

import re

from django.utils.translation import gettext as _

_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９＋－"}
_SEPARATORS = re.compile(r"[\s\-()（）]+")
MOBILE = re.compile(r"1[3-9]\d{9}")


class PhoneError(ValueError):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def normalise(text: object) -> str:
    """Full-width digits made ASCII, separators dropped, a +86/86/0086 prefix removed."""
    t = _SEPARATORS.sub("", str(text or "").translate(_FULLWIDTH))
    if isinstance(text, float) and t.endswith(".0"):  # a number cell read as float
        t = t[:-2]
    for prefix in ("+86", "0086", "86"):
        if t.startswith(prefix) and len(t) == len(prefix) + 11:
            return t[len(prefix):]
    return t


def parse_mobile(text: object) -> str:
    """The 11-digit mobile number, or PhoneError with the reason."""
    t = normalise(text)
    if not t:
        raise PhoneError(_("手机号为空"))
    if not t.isdigit():
        raise PhoneError(_("手机号只能包含数字"))
    if t.startswith("0"):
        raise PhoneError(_("这是固定电话号码，不能接收短信"))
    if len(t) != 11:
        raise PhoneError(_("手机号应为 11 位，实为 %(n)d 位") % {"n": len(t)})
    if not MOBILE.fullmatch(t):
        raise PhoneError(_("不是有效的手机号（应以 13–19 开头）"))
    return t


def masked_form_matches(shown: str, number: str) -> bool:
    """A platform's report may mask the number (138****5678): it matches when every shown digit
    is the number's digit at that place."""
    s = normalise(shown)
    if len(s) != len(number) or "*" not in s:
        return False
    return all(a == "*" or a == b for a, b in zip(s, number, strict=True))

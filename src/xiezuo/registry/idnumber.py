"""Resident ID numbers (居民身份证号码, GB 11643-1999): normalise, widen, validate, generate.

Pure functions over strings, no database. An 18-character number is a 6-digit address code
(GB/T 2260), the birth date YYYYMMDD, a 3-digit sequence (odd for men, even for women) and a
check character; old 15-digit numbers lack the century and the check and are widened to 18.
"""

import datetime
import operator
import random
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"  # index: the weighted sum mod 11
# The 2-digit province-level codes of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao).
PROVINCES = frozenset(
    [f"{n}" for n in range(11, 16)] + [f"{n}" for n in range(21, 24)]
    + [f"{n}" for n in range(31, 38)] + [f"{n}" for n in range(41, 47)]
    + [f"{n}" for n in range(50, 55)] + [f"{n}" for n in range(61, 66)] + ["71", "81", "82"]
)
EARLIEST_BIRTH_YEAR = 1850  # the standard's own example is born in 1880


class IdNumberError(ValueError):
    """An ID number that cannot be right; `reason` says why, in words a clerk can act on."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class IdNumber:
    number: str  # the normalised 18-character number
    birth_date: datetime.date
    male: bool

    @property
    def sex(self) -> str:
        return "男" if self.male else "女"

    @property
    def address_code(self) -> str:
        return self.number[:6]


def normalise(raw: object) -> str:
    """Full-width to half-width, every kind of space removed, lowercase x made X."""
    if type(raw) is str and raw.isascii() and raw.isalnum():  # the usual case, cheaply
        return raw.upper()
    text = unicodedata.normalize("NFKC", "" if raw is None else str(raw))
    return "".join(ch for ch in text if not ch.isspace()).upper()


def check_char(first17: str) -> str:
    """The check character of the first 17 digits."""
    if len(first17) != 17:
        raise ValueError("need the first 17 digits")
    return CHECK_CHARS[sum(map(operator.mul, map(int, first17), WEIGHTS)) % 11]


def widen(number15: str) -> str:
    """An old 15-digit number as 18 digits: '19' before the 2-digit year, then the check."""
    if len(number15) != 15 or not number15.isdigit():
        raise IdNumberError(_("旧的 15 位证件号码应全部为数字"))
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + check_char(first17)


def narrow(number18: str) -> str:
    """The 15-digit form of an 18-digit number of someone born in the 1900s (for tests, old data)."""
    if number18[6:8] != "19":
        raise IdNumberError(_("只有 20 世纪出生者的证件号码有 15 位旧号"))
    return number18[:6] + number18[8:17]


def parse(raw: object, *, today: datetime.date | None = None) -> IdNumber:
    """Normalise, widen and validate `raw`; raise IdNumberError with the reason if it is wrong."""
    number = normalise(raw)
    if not number:
        raise IdNumberError(_("证件号码为空"))
    if len(number) == 15:
        if not number.isdigit():
            raise IdNumberError(_("15 位证件号码只能由数字组成"))
        number = widen(number)
    if len(number) != 18:
        raise IdNumberError(
            _("证件号码应为 18 位（或旧的 15 位），此处为 %(n)d 位") % {"n": len(number)})
    if not number[:17].isdigit():
        raise IdNumberError(_("证件号码前 17 位只能是数字"))
    if not (number[17].isdigit() or number[17] == "X"):
        raise IdNumberError(_("证件号码最后一位只能是数字或 X"))
    if number[:2] not in PROVINCES:
        raise IdNumberError(_("地址码的省级代码 %(code)s 不存在") % {"code": number[:2]})
    digits = number[6:14]
    try:
        birth = datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise IdNumberError(_("出生日期 %(d)s 不是有效日期") % {"d": digits}) from None
    if birth > (today or datetime.date.today()):
        raise IdNumberError(_("出生日期 %(d)s 晚于今天") % {"d": digits})
    if birth.year < EARLIEST_BIRTH_YEAR:
        raise IdNumberError(_("出生日期 %(d)s 早于 %(y)d 年") % {"d": digits,
                                                              "y": EARLIEST_BIRTH_YEAR})
    expected = check_char(number[:17])
    if number[17] != expected:
        raise IdNumberError(_("校验码应为 %(expected)s，此处为 %(found)s")
                            % {"expected": expected, "found": number[17]})
    return IdNumber(number=number, birth_date=birth, male=int(number[16]) % 2 == 1)


def validation_error(raw: object, *, today: datetime.date | None = None) -> str | None:
    """The reason `raw` is not a valid ID number, or None when it is."""
    try:
        parse(raw, today=today)
    except IdNumberError as e:
        return e.reason
    return None


def is_valid(raw: object, *, today: datetime.date | None = None) -> bool:
    return validation_error(raw, today=today) is None


def generate(rng: random.Random, *, address: str = "621124", birth_date: datetime.date,
             male: bool) -> str:
    """A valid synthetic ID number (never a real person's: use only with synthetic names)."""
    seq = rng.randrange(0, 500) * 2 + (1 if male else 0)  # odd for men, even for women
    first17 = f"{address}{birth_date:%Y%m%d}{seq:03d}"
    return first17 + check_char(first17)

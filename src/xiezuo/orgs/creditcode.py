"""Unified social credit codes (统一社会信用代码, GB 32100-2015): check and generate.

The one check for every part (labour's employers, funds' payees, industry's investors…): it
lives with the organisations register (moved here from labour). Pure functions, no database. A code is 18 characters from a 31-character alphabet (digits and
capitals without I, O, S, V, Z): the registration authority (1), the organisation category (1),
the registering authority's division code (6), the organisation's code (9) and a check character
computed over the first 17 with weights 3^i mod 31.
"""

import random
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Registration authority -> the organisation categories it registers (GB 32100-2015, table 1).
CATEGORIES = {
    "1": "129",  # 机构编制
    "2": "19",  # 外交
    "3": "12345",  # 司法行政
    "4": "19",  # 文化
    "5": "1239",  # 民政
    "6": "129",  # 旅游
    "7": "129",  # 宗教
    "8": "129",  # 工会
    "9": "123",  # 工商（企业、个体工商户、农民专业合作社）
    "A": "19",  # 中央军委改革和编制办公室
    "N": "1239",  # 农业
    "Y": "1",  # 其他
}


@dataclass(frozen=True)
class CreditCodeError(ValueError):
    reason: str

    def __str__(self) -> str:
        return self.reason


def normalise(raw: object) -> str:
    """Upper case, spaces and full-width characters as typed in Chinese IMEs turned into ASCII."""
    text = unicodedata.normalize("NFKC", "" if raw is None else str(raw))
    return "".join(ch for ch in text if not ch.isspace()).upper()


def check_char(first17: str) -> str:
    total = sum(VALUE[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validation_error(raw: object) -> str | None:
    """Why `raw` is not a valid code, in words a clerk can act on; None when it is valid."""
    code = normalise(raw)
    if len(code) != 18:
        return _("统一社会信用代码应为 18 位，实为 %(n)d 位") % {"n": len(code)}
    bad = sorted({ch for ch in code if ch not in VALUE})
    if bad:
        return _("含不允许的字符 %(chars)s（不使用 I、O、S、V、Z）") % {"chars": "、".join(bad)}
    if code[0] not in CATEGORIES or code[1] not in CATEGORIES[code[0]]:
        return _("登记管理部门代码或机构类别代码“%(v)s”无效") % {"v": code[:2]}
    if not code[2:8].isdigit():
        return _("第 3—8 位应为登记管理机关行政区划码（6 位数字）")
    expected = check_char(code[:17])
    if code[17] != expected:
        return _("校验码错误：第 18 位应为 %(c)s") % {"c": expected}
    return None


def is_valid(raw: object) -> bool:
    return validation_error(raw) is None


def validate_credit_code(code: object) -> str:
    """The normalised code, or CreditCodeError (a ValueError) whose text is the reason in
    Chinese."""
    reason = validation_error(code)
    if reason:
        raise CreditCodeError(reason)
    return normalise(code)


#: the name labour used before the move
parse = validate_credit_code


def generate(rng: random.Random, *, division: str = "350104", category: str = "91") -> str:
    """A valid (synthetic) code registered in `division`, for the demo and tests; `category`
    is the first two characters (91 an enterprise, 93 a farmers' cooperative, 12 a public
    institution, 52 a social organisation)."""
    body = category + division + "".join(rng.choice(ALPHABET[:10] + ALPHABET[10:]) for _ in range(9))
    return body + check_char(body)


# (registration authority, category) -> OrgKind value (GB 32100-2015, table 1); anything else is
# "other". Plain strings: the data migration that moved labour's employers here uses it.
_KINDS = {
    ("9", "1"): "enterprise",  # 企业
    ("9", "2"): "individual",  # 个体工商户
    ("9", "3"): "cooperative",  # 农民专业合作社
    ("1", "1"): "public_body",  # 机关
    ("1", "2"): "public_body",  # 事业单位
    ("5", "1"): "social_org",  # 社会团体
    ("5", "2"): "social_org",  # 民办非企业单位
    ("5", "3"): "social_org",  # 基金会
}


def kind_for_code(code: str) -> str:
    """The kind of body a (normalised) code was registered as, an OrgKind value; "other" when the
    code does not say (or is empty)."""
    return _KINDS.get((code[:1], code[1:2]), "other") if len(code) >= 2 else "other"

"""The unified social credit code check (orgs.creditcode, GB 32100-2015), table-driven, no
database."""

import random

import pytest
from django.utils import translation

from xiezuo.orgs import creditcode as credit_code


@pytest.fixture(autouse=True)
def chinese():
    """The reasons are asserted in the source language, whatever an earlier test activated."""
    with translation.override("zh-hans"):
        yield

# Published codes of well-known companies (their check characters are right).
VALID = [
    "914403001922038216",  # 华为技术有限公司
    "9144030071526726XG",  # 深圳市腾讯计算机系统有限公司
    "91350100M000100Y43",  # a Fuzhou enterprise code as printed on its licence
    "91110000600037341L",
    "91330100799655058B",
    " 9144030071526726xg ",  # spaces and lower case are normalised
    "９１４４０３００１９２２０３８２１６",  # full-width digits, as typed in a Chinese IME
]


@pytest.mark.parametrize("code", VALID)
def test_valid_codes(code):
    assert credit_code.validation_error(code) is None
    assert credit_code.is_valid(code)


@pytest.mark.parametrize(
    "code, fragment",
    [
        ("", "18 位"),
        ("91440300192203821", "18 位"),
        ("9144030019220382166", "18 位"),
        ("914403001922038217", "校验码错误：第 18 位应为 6"),
        ("9144030071526726XA", "应为 G"),
        ("91440300I92203821O", "不允许的字符"),  # I and O are not in the alphabet
        ("91440300192203821S", "不允许的字符"),
        ("B14403001922038216", "登记管理部门"),
        ("9A4403001922038216", "登记管理部门"),  # 9 registers categories 1, 2, 3 only
        ("91ABCDEF1922038216", "行政区划码"),
    ],
)
def test_defects_named(code, fragment):
    reason = credit_code.validation_error(code)
    assert reason is not None and fragment in reason


def test_one_changed_character_is_always_caught():
    # 31 is prime and no weight is 0 mod 31, so any single substitution changes the check.
    base = "914403001922038216"
    for i in range(17):
        for ch in credit_code.ALPHABET:
            if ch != base[i]:
                assert credit_code.check_char(base[:i] + ch + base[i + 1 : 17]) != base[17]


@pytest.mark.parametrize("seed", range(20))
def test_generated_codes_are_valid(seed):
    assert credit_code.is_valid(credit_code.generate(random.Random(seed), division="350104"))


def test_validate_returns_normalised_or_raises_a_value_error_with_the_reason():
    assert credit_code.validate_credit_code(" 9144030071526726xg") == "9144030071526726XG"
    with pytest.raises(ValueError, match="校验码错误：第 18 位应为 6"):
        credit_code.validate_credit_code("914403001922038217")


@pytest.mark.parametrize("category", ["91", "93", "12", "52"])
def test_generated_codes_of_each_category_are_valid(category):
    code = credit_code.generate(random.Random(3), division="621124", category=category)
    assert code[:8] == category + "621124" and credit_code.is_valid(code)


def test_parse_returns_normalised_or_raises():
    assert credit_code.parse(" 9144030071526726xg") == "9144030071526726XG"
    with pytest.raises(credit_code.CreditCodeError):
        credit_code.parse("914403001922038217")


@pytest.mark.parametrize("code, kind", [
    ("914403001922038216", "enterprise"), ("93621124MA71234567", "cooperative"),
    ("92350104MA2Y000000", "individual"), ("12621124000000000X", "public_body"),
    ("52350100000000000X", "social_org"), ("N1621124000000000X", "other"), ("", "other")])
def test_the_kind_a_code_was_registered_as(code, kind):
    assert credit_code.kind_for_code(code) == kind

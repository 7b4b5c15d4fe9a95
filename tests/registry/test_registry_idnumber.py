"""The ID number module (GB 11643-1999): table-driven cases and properties. No database."""

import datetime
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiezuo.registry import idnumber
from xiezuo.registry.idnumber import IdNumberError, check_char, normalise, parse, widen

TODAY = datetime.date(2026, 1, 1)


@pytest.mark.parametrize("raw, number, birth, male", [
    ("11010519491231002X", "11010519491231002X", datetime.date(1949, 12, 31), False),
    ("440524188001010014", "440524188001010014", datetime.date(1880, 1, 1), True),
    ("11010519491231002x", "11010519491231002X", datetime.date(1949, 12, 31), False),
    (" 110105 19491231 002X ", "11010519491231002X", datetime.date(1949, 12, 31), False),
    ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", datetime.date(1949, 12, 31), False),
    ("110105\u300019491231002ｘ", "11010519491231002X", datetime.date(1949, 12, 31), False),
    ("110105491231002", "11010519491231002X", datetime.date(1949, 12, 31), False),  # 15 → 18
])
def test_valid_numbers(raw, number, birth, male):
    ident = parse(raw, today=TODAY)
    assert (ident.number, ident.birth_date, ident.male) == (number, birth, male)
    assert ident.sex == ("男" if male else "女")


@pytest.mark.parametrize("raw, reason", [
    ("", "为空"),
    ("   ", "为空"),
    (None, "为空"),
    ("11010519491231002", "此处为 17 位"),
    ("11010519491231002XX", "此处为 19 位"),
    ("1101051949123100X2", "前 17 位只能是数字"),
    ("11010519491231002Y", "最后一位只能是数字或 X"),
    ("11010519491231002-", "最后一位只能是数字或 X"),
    ("11010549123100X", "15 位证件号码只能由数字组成"),
    ("110105194913310028", "出生日期 19491331 不是有效日期"),
    ("110105194902300020", "不是有效日期"),
    ("110105190002290021", "不是有效日期"),  # 1900 was not a leap year
    ("110105203001010010", "晚于今天"),
    ("110105180001010018", "早于 1850 年"),
    ("991105194912310020", "省级代码 99 不存在"),
    ("001105194912310020", "省级代码 00 不存在"),
    ("110105194912310021", "校验码应为 X，此处为 1"),
    ("440524188001010015", "校验码应为 4，此处为 5"),
])
def test_each_defect_is_rejected_with_its_reason(raw, reason):
    with pytest.raises(IdNumberError) as e:
        parse(raw, today=TODAY)
    assert reason in e.value.reason
    assert idnumber.validation_error(raw, today=TODAY) == e.value.reason
    assert not idnumber.is_valid(raw, today=TODAY)


@pytest.mark.parametrize("province", sorted(idnumber.PROVINCES))
def test_every_province_code_of_gbt_2260_is_accepted(province):
    first17 = f"{province}0101" + "19800101" + "123"
    assert parse(first17 + check_char(first17), today=TODAY).address_code == f"{province}0101"


def test_the_province_list_is_the_standards():
    assert len(idnumber.PROVINCES) == 34
    assert {"11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65", "71", "81",
            "82"} <= idnumber.PROVINCES
    assert not {"10", "16", "20", "24", "30", "38", "40", "47", "55", "60", "66", "70", "80",
                "83", "90"} & idnumber.PROVINCES


def test_the_check_character_maps_the_sum_mod_11():
    assert [idnumber.CHECK_CHARS[i] for i in range(11)] == list("10X98765432")
    assert check_char("11010519491231002") == "X"
    assert check_char("44052418800101001") == "4"


# --- published vectors, checked against the standard's definition written another way ----------
# GB 11643-1999 takes its check from ISO 7064 MOD 11-2: number the 18 characters from the right,
# i = 1 (the check) to 18; the character at i weighs W_i = 2^(i-1) mod 11, X counts 10, and a
# valid number's weighted sum over all 18 is 1 (mod 11). Nothing here reads idnumber.WEIGHTS or
# idnumber.CHECK_CHARS: the check is found by trying the eleven characters.

def _weight(i: int) -> int:
    return pow(2, i - 1, 11)


def _satisfies_the_standard(number: str) -> bool:
    values = [10 if ch == "X" else int(ch) for ch in number]
    return sum(v * _weight(18 - j) for j, v in enumerate(values)) % 11 == 1


def _check_by_the_standard(first17: str) -> str:
    (found,) = [c for c in "0123456789X" if _satisfies_the_standard(first17 + c)]
    return found


PUBLISHED = [
    # The standard's own examples.
    ("11010519491231002X", datetime.date(1949, 12, 31), False),
    ("440524188001010014", datetime.date(1880, 1, 1), True),
    # Examples printed in the documentation of public ID validators.
    ("120103198806018241", datetime.date(1988, 6, 1), False),
    ("440308199901101512", datetime.date(1999, 1, 10), True),
    ("354133198209290022", datetime.date(1982, 9, 29), False),
    ("341617198002120424", datetime.date(1980, 2, 12), False),
    ("45883019880120031X", datetime.date(1988, 1, 20), True),
]


def test_the_published_vectors_hold_by_hand():
    """The weighted sums, worked by hand (weights from the left 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4
    2 = 2^17 … 2^1 mod 11, then the check with weight 1):

    11010519491231002X: 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167 ≡ 2; 2 + X(10) = 12 ≡ 1
    440524188001010014: 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195 ≡ 8; 8 + 4 = 12 ≡ 1
    120103198806018241: 7+18+0+5+0+12+2+9+48+24+0+54+0+5+64+8+8 = 264 ≡ 0; 0 + 1 = 1
    440308199901101512: 28+36+0+15+0+32+2+9+54+27+0+9+10+0+8+20+2 = 252 ≡ 10; 10 + 2 = 12 ≡ 1
    354133198209290022: 21+45+40+5+24+12+2+9+48+6+0+81+20+45+0+0+4 = 362 ≡ 10; 10 + 2 = 12 ≡ 1
    341617198002120424: 21+36+10+30+8+28+2+9+48+0+0+18+10+10+0+16+4 = 250 ≡ 8; 8 + 4 = 12 ≡ 1
    45883019880120031X: 28+45+80+40+24+0+2+9+48+24+0+9+20+0+0+12+2 = 343 ≡ 2; 2 + X(10) = 12 ≡ 1
    """
    hand = {"11010519491231002X": 167, "440524188001010014": 195, "120103198806018241": 264,
            "440308199901101512": 252, "354133198209290022": 362, "341617198002120424": 250,
            "45883019880120031X": 343}
    assert [_weight(i) for i in range(18, 1, -1)] == [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10,
                                                      5, 8, 4, 2]
    for number, first17_sum in hand.items():
        assert sum(int(d) * _weight(18 - j) for j, d in enumerate(number[:17])) == first17_sum
        assert _satisfies_the_standard(number)


@pytest.mark.parametrize("number, birth, male", PUBLISHED)
def test_published_numbers_are_accepted_with_their_birth_date_and_sex(number, birth, male):
    ident = parse(number, today=TODAY)
    assert (ident.number, ident.birth_date, ident.male) == (number, birth, male)
    assert check_char(number[:17]) == number[17] == _check_by_the_standard(number[:17])


@pytest.mark.parametrize("number", [n for n, _b, _m in PUBLISHED])
def test_every_other_check_character_on_a_published_number_is_refused(number):
    wrong = [c for c in "0123456789X" if c != number[17]]
    assert [idnumber.is_valid(number[:17] + c, today=TODAY) for c in wrong] == [False] * 10


def test_a_published_15_digit_number_widens_to_the_standards_check():
    """610104620927690 (a validator's published example): 610104 19 620927690 weighs
    42+9+0+5+0+16+2+9+36+6+0+81+20+35+48+36+0 = 345 ≡ 4, and 4 + 8 = 12 ≡ 1: the check is 8."""
    assert widen("610104620927690") == "610104196209276908"
    assert _check_by_the_standard("61010419620927690") == "8"


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_the_check_character_is_the_standards_for_any_17_digits(first17):
    assert check_char(first17) == _check_by_the_standard(first17)


def test_widen_rejects_non_digits():
    with pytest.raises(IdNumberError):
        widen("11010549123100X")


# --- properties ---------------------------------------------------------------------------------

births = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2020, 12, 31))
addresses = st.sampled_from(["621124", "110105", "440524", "350104", "650102", "820000"])


@st.composite
def valid_ids(draw, births=births):
    rng = random.Random(draw(st.integers(0, 2**32)))
    return idnumber.generate(rng, address=draw(addresses), birth_date=draw(births),
                             male=draw(st.booleans()))


def _decorate(number: str, choices: list[int], spaces: list[int]) -> str:
    """Make a number look as clerks type it: some characters full-width, spaces, lowercase x."""
    out = []
    for i, ch in enumerate(number):
        if choices[i % len(choices)] == 1:
            ch = chr(ord(ch) + 0xFEE0)
        elif ch == "X" and choices[i % len(choices)] == 2:
            ch = "x"
        if spaces[i % len(spaces)]:
            out.append(" " if spaces[i % len(spaces)] == 1 else "\u3000")
        out.append(ch)
    return "".join(out)


@given(valid_ids(), st.lists(st.integers(0, 2), min_size=1, max_size=18),
       st.lists(st.integers(0, 2), min_size=1, max_size=5))
def test_valid_ids_round_trip_through_normalisation(number, choices, spaces):
    assert parse(number).number == number
    decorated = _decorate(number, choices, spaces)
    assert normalise(decorated) == number
    assert parse(decorated).number == number


@given(valid_ids(births=st.dates(min_value=datetime.date(1900, 1, 1),
                                 max_value=datetime.date(1999, 12, 31))))
def test_15_digit_numbers_widen_back_to_the_18_digit_number(number):
    old = idnumber.narrow(number)
    assert len(old) == 15 and old.isdigit()
    assert widen(old) == number
    assert parse(old).number == number


@given(valid_ids(), st.integers(0, 16), st.integers(1, 9))
def test_changing_one_digit_is_always_caught(number, position, delta):
    digit = str((int(number[position]) + delta) % 10)
    assert not idnumber.is_valid(number[:position] + digit + number[position + 1:])


@given(valid_ids())
def test_generated_numbers_carry_sex_and_birth_date(number):
    ident = parse(number)
    assert ident.male == (int(number[16]) % 2 == 1)
    assert ident.birth_date.strftime("%Y%m%d") == number[6:14]

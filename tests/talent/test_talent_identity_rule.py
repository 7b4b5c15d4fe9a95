"""The person-identity rule (talent.identity), table-driven, without a database."""

import datetime

import pytest

from xiezuo.talent.identity import (
    DOUBTFUL,
    NEW,
    NO_BIRTH_DATE,
    SAME,
    UNIT_DIFFERS,
    Key,
    compare,
    fold,
    identify,
)

D1 = datetime.date(1980, 5, 6)
D2 = datetime.date(1981, 1, 2)


def k(ref=None, name="张伟", unit="洮阳镇政府", birth=D1, h=""):
    return Key(ref=ref, name=name, unit=unit, birth_date=birth, id_hash=h)


@pytest.mark.parametrize(("new", "known", "verdict"), [
    # an ID number settles it, whatever the names say
    (k(h="A"), k(h="A", name="张 伟", unit="别处", birth=D2), SAME),
    (k(h="A"), k(h="B"), None),
    # one side without a number: name, unit and birth date
    (k(h="A"), k(), SAME),
    (k(), k(h="A"), SAME),
    (k(), k(), SAME),
    (k(name="张伟 "), k(name="张　伟"), SAME),  # spaces and full-width forms folded
    (k(unit="洮阳镇人民政府"), k(), UNIT_DIFFERS),  # same name and birth date, another unit
    (k(birth=None), k(), NO_BIRTH_DATE),  # same name and unit, a birth date missing
    (k(), k(birth=None), NO_BIRTH_DATE),
    (k(birth=None, unit="别处"), k(), None),  # a missing birth date at another unit: different
    (k(birth=D2), k(), None),  # another birth date: different
    (k(name="李娜"), k(), None),
])
def test_compare(new, known, verdict):
    assert compare(new, known) == verdict


def test_identify_prefers_the_id_number_over_a_name_match():
    r = identify(k(h="A"), [k(ref=1), k(ref=2, h="A", unit="别处")])
    assert (r.kind, r.match) == (SAME, 2)


def test_identify_same_name_unit_birth_is_the_same_person():
    r = identify(k(), [k(ref=7)])
    assert (r.kind, r.match) == (SAME, 7)


def test_identify_two_equal_fits_are_doubtful_not_guessed():
    r = identify(k(), [k(ref=1), k(ref=2)])
    assert r.kind == DOUBTFUL
    assert sorted(ref for ref, _reason in r.doubts) == [1, 2]


def test_identify_doubtful_pairs_name_their_reason():
    r = identify(k(unit="县教育局"), [k(ref=3), k(ref=4, birth=D2)])
    assert r.kind == DOUBTFUL
    assert r.doubts == ((3, UNIT_DIFFERS),)


def test_identify_nothing_alike_is_new():
    assert identify(k(), [k(ref=1, name="王芳")]).kind == NEW
    assert identify(k(), []).kind == NEW


def test_different_id_numbers_are_never_doubtful():
    assert identify(k(h="A", unit="x"), [k(ref=1, h="B")]).kind == NEW


def test_fold():
    assert fold(" 张　伟 ") == "张伟"
    assert fold("ＡＢＣ单位") == "abc单位"

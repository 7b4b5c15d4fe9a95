"""The hash chain, as pure functions: each kind of tampering is named at the right entry."""

import datetime
from decimal import Decimal

from xiezuo.funds import chain

AT = datetime.datetime(2018, 6, 1, 8, 0, tzinfo=datetime.UTC)


def _rows(n: int) -> list[tuple]:
    drafts = [(AT, "disbursement", 2018, "621124100000", None, i, None, Decimal(f"{i}.50"),
               chain.canonical_json({"i": i})) for i in range(1, n + 1)]
    hashes = chain.build_chain(chain.GENESIS, drafts)
    return [(i + 1, *d, p, h) for i, (d, (p, h)) in enumerate(zip(drafts, hashes, strict=True))]


def _forge(rows, seq: int, prev: str) -> tuple:
    """An entry an attacker makes with a correct hash, linked to `prev`."""
    content = (AT, "disbursement", 2018, "621124100000", None, 99, None, Decimal("1.00"), "{}")
    return (seq, *content, prev, chain.entry_hash(prev, chain.content(*content)))


def test_intact_chain_verifies():
    rows = _rows(10)
    result = chain.verify(rows, head=(10, rows[-1][11]))
    assert result.ok and result.entries == 10 and result.head_hash == rows[-1][11]


def test_empty_chain_verifies():
    assert chain.verify([], head=(0, chain.GENESIS)).ok


def test_changed_amount_is_named():
    rows = _rows(10)
    rows[4] = (*rows[4][:8], Decimal("999.00"), *rows[4][9:])
    bad = chain.verify(rows).first_bad
    assert (bad.seq, bad.problem) == (5, "changed")


def test_changed_hash_and_content_together_is_named():
    rows = _rows(10)
    content = (*rows[4][1:8], Decimal("999.00"), rows[4][9])
    rows[4] = (5, *content, rows[4][10], chain.entry_hash(rows[4][10], chain.content(*content)))
    bad = chain.verify(rows).first_bad
    assert (bad.seq, bad.problem) == (5, "changed")  # #6 links to the hash #5 had


def test_removed_entry_is_named():
    rows = _rows(10)
    del rows[3]  # seq 4
    bad = chain.verify(rows).first_bad
    assert (bad.seq, bad.problem) == (4, "removed")


def test_removed_tail_is_found_against_the_head():
    rows = _rows(10)
    head = (10, rows[-1][11])
    bad = chain.verify(rows[:8], head=head).first_bad
    assert (bad.seq, bad.problem) == (9, "removed")


def test_inserted_entry_with_good_hash_is_named():
    rows = _rows(10)
    forged = _forge(rows, 6, rows[4][11])
    renumbered = [(r[0] + 1, *r[1:]) for r in rows[5:]]
    bad = chain.verify([*rows[:5], forged, *renumbered]).first_bad
    assert (bad.seq, bad.problem) == (6, "inserted")


def test_inserted_entry_with_bad_hash_is_named():
    rows = _rows(10)
    forged = (*_forge(rows, 6, rows[4][11])[:11], "f" * 64)
    renumbered = [(r[0] + 1, *r[1:]) for r in rows[5:]]
    bad = chain.verify([*rows[:5], forged, *renumbered]).first_bad
    assert (bad.seq, bad.problem) == (6, "inserted")


def test_appended_entry_beyond_head_is_named():
    rows = _rows(5)
    head = (5, rows[-1][11])
    bad = chain.verify([*rows, _forge(rows, 6, rows[-1][11])], head=head).first_bad
    assert (bad.seq, bad.problem) == (6, "inserted")


def test_renumbered_entry_is_named():
    rows = _rows(5)
    rows[2] = (7, *rows[2][1:])
    bad = chain.verify(rows).first_bad
    assert bad.seq == 7 and bad.problem == "changed"


def test_payload_is_canonical():
    assert chain.canonical_json({"b": 1, "a": "临洮"}) == '{"a":"临洮","b":1}'
    assert chain.canonical_json({"x": Decimal("5")}) == '{"x":"5.00"}'


def test_time_is_hashed_in_utc():
    shanghai = datetime.timezone(datetime.timedelta(hours=8))
    assert chain.at_text(AT) == chain.at_text(AT.astimezone(shanghai))

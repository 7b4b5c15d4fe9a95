"""The ledger in the database: triggers refuse UPDATE/DELETE, verify_ledger finds tampering."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from xiezuo.funds import triggers
from xiezuo.funds.models import LedgerEntry, LedgerHead


@pytest.fixture
def f(areas, users, build, pay):
    f = build(areas, users)
    for i in range(5):
        pay(f["p1"], f"{1000 + i}.25", actor=f["officer"], voucher=f"PZ-{i}")
    return f


def _verify(*args) -> tuple[int, dict]:
    try:
        from io import StringIO

        out = StringIO()
        call_command("verify_ledger", "--json", *args, stdout=out)
        return 0, json.loads(out.getvalue())
    except SystemExit as exc:
        return exc.code, json.loads(out.getvalue())


def test_every_money_event_is_chained(f):
    code, result = _verify()
    assert code == 0 and result["ok"]
    assert result["entries"] == 1 + 3 + 5  # allocation, three budgets, five disbursements
    head = LedgerHead.objects.get()
    assert (head.seq, head.hash) == (result["head_seq"], result["head_hash"])
    entries = list(LedgerEntry.objects.order_by("seq"))
    assert [e.seq for e in entries] == list(range(1, 10))
    assert all(b.prev_hash == a.hash for a, b in zip(entries, entries[1:], strict=False))


def test_triggers_are_installed(db):
    assert triggers.installed(connection)


def test_update_is_refused_by_the_database(f):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LedgerEntry.objects.filter(seq=3).update(amount=1)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
            connection.cursor() as c:
        c.execute("UPDATE funds_ledgerentry SET payload = '{}' WHERE seq = 2")


def test_delete_is_refused_by_the_database(f):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LedgerEntry.objects.filter(seq=3).delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
            connection.cursor() as c:
        c.execute("DELETE FROM funds_ledgerentry")
    assert LedgerEntry.objects.count() == 9


def _behind_the_back(*sql):
    """Change the table as someone with database access would: drop the guard, then write."""
    triggers.drop(connection)
    with connection.cursor() as c:
        for statement in sql:
            c.execute(statement)


def test_verify_names_a_changed_amount(f):
    _behind_the_back("UPDATE funds_ledgerentry SET amount = 1000000 WHERE seq = 6")
    code, result = _verify()
    assert code == 1 and not result["ok"]
    assert result["first_bad"]["seq"] == 6 and result["first_bad"]["problem"] == "changed"


def test_verify_names_a_removed_entry(f):
    _behind_the_back("DELETE FROM funds_ledgerentry WHERE seq = 5")
    code, result = _verify()
    assert code == 1
    assert result["first_bad"]["seq"] == 5 and result["first_bad"]["problem"] == "removed"


def test_verify_names_an_inserted_entry(f):
    # Make room after #6 and slip in an entry with the right link and a well-made hash.
    from xiezuo.funds import chain

    six = LedgerEntry.objects.get(seq=6)
    fake = (six.at, "disbursement", 2018, six.area_code, None, six.project_id, None,
            Decimal("88888.00"), "{}")
    digest = chain.entry_hash(six.hash, chain.content(*fake))
    at_db = connection.ops.adapt_datetimefield_value(six.at)
    _behind_the_back(
        "UPDATE funds_ledgerentry SET seq = seq + 1000 WHERE seq > 6",
        "UPDATE funds_ledgerentry SET seq = seq - 999 WHERE seq > 1000",
    )
    with connection.cursor() as c:
        c.execute("INSERT INTO funds_ledgerentry (seq, at, kind, year, area_code, allocation_id, "
                  "project_id, disbursement_id, amount, payload, prev_hash, hash) VALUES "
                  "(7, %s, 'disbursement', 2018, %s, NULL, %s, NULL, 88888.00, '{}', %s, %s)",
                  [at_db, six.area_code, six.project_id, six.hash, digest])
    code, result = _verify()
    assert code == 1
    assert result["first_bad"]["seq"] == 7 and result["first_bad"]["problem"] == "inserted"


def test_verify_names_a_removed_tail(f):
    _behind_the_back("DELETE FROM funds_ledgerentry WHERE seq = 9")
    code, result = _verify()
    assert code == 1 and result["first_bad"] == {
        "seq": 9, "problem": "removed", "detail": result["first_bad"]["detail"]}


def test_expect_head_finds_a_cut_off_tail_whose_head_row_was_rewritten(f):
    """Someone with database access removes the last entry and sets the head row back to the one
    before: the chain and the head agree again, so only the head hash recorded earlier (printed
    by an earlier run) shows the loss."""
    recorded = LedgerHead.objects.get().hash
    eight = LedgerEntry.objects.get(seq=8)
    _behind_the_back("DELETE FROM funds_ledgerentry WHERE seq = 9",
                     f"UPDATE funds_ledgerhead SET seq = 8, hash = '{eight.hash}'")
    code, result = _verify()  # without the recorded head: intact, as far as it can tell
    assert code == 0 and (result["ok"], result["entries"]) == (True, 8)
    code, result = _verify("--expect-head", recorded)
    assert code == 1 and not result["ok"]
    assert (result["first_bad"]["seq"], result["first_bad"]["problem"]) == (8, "removed")
    assert _verify("--expect-head", eight.hash)[0] == 0  # the current head, recorded: intact


def test_verify_text_output(f, capsys):
    call_command("verify_ledger")
    assert "Ledger intact: 9 entries" in capsys.readouterr().out


def test_unlocked_lets_a_flush_empty_the_ledger_and_restores_the_guard(f):
    with triggers.unlocked(connection):
        LedgerEntry.objects.all().delete()
    assert not LedgerEntry.objects.exists()
    assert triggers.installed(connection)

"""The funds' hash-chained ledger: every entry appended in bulk under the head's lock, and the
whole chain re-computed by `verify_ledger`."""

import datetime
import hashlib
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from xiezuo.funds import chain
from xiezuo.funds.models import LedgerHead

LEDGER_BATCH = 20_000
_INSERT = ("INSERT INTO funds_ledgerentry (seq, at, kind, year, area_code, allocation_id, "
           "project_id, disbursement_id, amount, payload, prev_hash, hash) "
           "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)")


@dataclass(frozen=True)
class Draft:
    """A ledger entry before it has its number and hashes."""

    kind: str
    year: int
    area_code: str
    amount: Decimal
    payload: dict = field(default_factory=dict)
    allocation_id: int | None = None
    project_id: int | None = None
    disbursement_id: int | None = None


def ledger_append(drafts: Sequence[Draft], *, at: datetime.datetime | None = None) -> int:
    """Append `drafts` to the chain in order; returns the last number. Call inside a transaction.

    The bulk path: locks the head once, computes the chain in Python in one pass and inserts
    with executemany in large batches, close to the raw insert (1,000,000 entries: bench).
    """
    if not drafts:
        return 0
    at = at or timezone.now()
    head = _lock_head()
    seq, prev = head.seq, head.hash
    at_db = connection.ops.adapt_datetimefield_value(at)
    canonical, content, sha256 = chain.canonical_json, chain.content, hashlib.sha256
    rows = []
    with connection.cursor() as cursor:
        for d in drafts:
            seq += 1
            amount = d.amount if isinstance(d.amount, Decimal) else Decimal(d.amount)
            payload = canonical(d.payload)
            digest = sha256((prev + content(
                at, d.kind, d.year, d.area_code, d.allocation_id, d.project_id,
                d.disbursement_id, amount, payload)).encode()).hexdigest()
            rows.append((seq, at_db, d.kind, d.year, d.area_code, d.allocation_id, d.project_id,
                         d.disbursement_id, amount, payload, prev, digest))
            prev = digest
            if len(rows) >= LEDGER_BATCH:
                cursor.executemany(_INSERT, rows)
                rows = []
        if rows:
            cursor.executemany(_INSERT, rows)
    LedgerHead.objects.filter(pk=1).update(seq=seq, hash=prev)
    return seq


def _lock_head() -> LedgerHead:
    head, _created = LedgerHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"seq": 0, "hash": chain.GENESIS})
    return head


def verify_ledger(*, chunk_size: int = 20_000) -> chain.Result:
    """Re-compute the whole chain from the table, streaming it in number order.

    A raw cursor rather than model objects: 1,000,000 entries in well under 20 s (bench).
    On SQLite the time is read as its stored text, which chain.at_text understands.
    """
    head = LedgerHead.objects.filter(pk=1).values_list("seq", "hash").first()
    at = "CAST(at AS TEXT)" if connection.vendor == "sqlite" else "at"
    sql = (f"SELECT seq, {at}, kind, year, area_code, allocation_id, project_id, "
           "disbursement_id, amount, payload, prev_hash, hash FROM funds_ledgerentry "
           "ORDER BY seq")
    return chain.verify(_stream(sql, chunk_size), head=tuple(head) if head else (0, chain.GENESIS))


def _stream(sql: str, chunk_size: int):
    # PostgreSQL streams through a server-side cursor inside a transaction; on SQLite a
    # transaction would be IMMEDIATE and hold off writers for the whole walk, so none.
    context = transaction.atomic() if connection.vendor == "postgresql" else nullcontext()
    with context, connection.chunked_cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(chunk_size):
            yield from rows

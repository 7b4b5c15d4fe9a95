"""The ledger's hash chain: canonical content, SHA-256, and the check that walks it.

Pure functions over plain values, so the chain is tested without a database and the verifier
streams millions of rows without building model objects.

An entry's hash is SHA-256 over `prev_hash + content`, where content is the entry's fields in a
fixed order joined by NUL (time in UTC with microseconds, amount with 2 places, payload as the
canonical JSON text stored). The number `seq` is not hashed: the position in the
chain is given by `prev_hash`, and the verifier checks separately that the numbers run without
gaps.
"""

import datetime
import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal

GENESIS = "0" * 64
CENT = Decimal("0.01")


def _default(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not allowed in a ledger payload")


# One encoder, built once: json.dumps with options builds a new one per call.
_canonical = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                              default=_default).encode


def canonical_json(data: dict) -> str:
    """The one text a payload is stored and hashed as: sorted keys, no spaces, UTF-8."""
    return _canonical(data)


def at_text(at) -> str:
    """The time in UTC with microseconds: "2018-06-01T08:00:00.000000+00:00".

    Also takes SQLite's stored text ("2018-06-01 08:00:00[.ffffff]", naive UTC), so the verifier
    need not parse a datetime per row; a naive datetime is UTC (how SQLite hands it back).
    """
    if isinstance(at, str):
        text = at.replace(" ", "T", 1)
        if "+" in text[10:] or text.endswith("Z"):
            return at_text(datetime.datetime.fromisoformat(text))
        return text + ("" if "." in text else ".000000") + "+00:00"
    if at.tzinfo is None:
        at = at.replace(tzinfo=datetime.UTC)
    return at.astimezone(datetime.UTC).isoformat(timespec="microseconds")


# Entries posted together share their time: format it once (thread-safe, unlike a global).
_at_cached = functools.lru_cache(maxsize=256)(at_text)


def money_text(amount) -> str:
    # Decimal, or a float (how SQLite returns a NUMERIC column: 2 places of 14 digits survive).
    return f"{amount:.2f}"


def content(at, kind, year, area_code, allocation_id, project_id, disbursement_id, amount,
            payload) -> str:
    """The entry's fields joined by NUL. No field of an entry the application wrote holds a NUL
    (the payload is JSON, which escapes it), so each text belongs to exactly one entry."""
    return "\x00".join((
        _at_cached(at), kind, str(year), area_code,
        "" if allocation_id is None else str(allocation_id),
        "" if project_id is None else str(project_id),
        "" if disbursement_id is None else str(disbursement_id),
        f"{amount:.2f}", payload))


def entry_hash(prev_hash: str, content_text: str) -> str:
    return hashlib.sha256((prev_hash + content_text).encode()).hexdigest()


#: the columns, in this order, that `verify` reads for each entry
COLUMNS = ("seq", "at", "kind", "year", "area_code", "allocation_id", "project_id",
           "disbursement_id", "amount", "payload", "prev_hash", "hash")


@dataclass(frozen=True)
class Problem:
    seq: int  # the first entry found changed, removed (its position) or inserted
    problem: str  # "changed" | "removed" | "inserted"
    detail: str


@dataclass(frozen=True)
class Result:
    ok: bool
    entries: int
    head_seq: int
    head_hash: str
    first_bad: Problem | None = None

    def as_dict(self) -> dict:
        out = asdict(self)
        return out


def verify(rows: Iterable[tuple], *, head: tuple[int, str] | None = None) -> Result:
    """Walk `rows` (tuples of COLUMNS, in seq order) and return the first break in the chain.

    - changed: the entry's stored hash is not the hash of its content (amount, payload, … edited),
      or its number was edited;
    - removed: the entry links to a hash no earlier entry has (something between was deleted),
      or the chain ends before the recorded head;
    - inserted: an entry the next one skips over (the next links to the entry before it), or
      entries beyond the recorded head.
    `head` is the (seq, hash) the application recorded last (LedgerHead).
    """
    sha256 = hashlib.sha256
    tip, before_tip, tip_seq, count = GENESIS, None, 0, 0
    pending = None  # (seq, tip before it): a row whose hash did not recompute
    for row in rows:
        count += 1
        seq, prev, stored = row[0], row[10], row[11]
        if pending is not None:
            bad_seq, tip_before_bad, bad_hash = pending
            if prev == tip_before_bad and prev != bad_hash:
                return _fail(count, tip_seq, tip, Problem(
                    bad_seq, "inserted",
                    f"entry #{bad_seq} is not part of the chain: #{seq} links past it"))
            return _fail(count, tip_seq, tip, Problem(
                bad_seq, "changed", f"entry #{bad_seq}'s content does not match its hash"))
        if sha256((prev + content(*row[1:10])).encode()).hexdigest() != stored:
            pending = (seq, tip, stored)
            continue
        if prev != tip:
            if before_tip is not None and prev == before_tip:
                return _fail(count, tip_seq, tip, Problem(
                    tip_seq, "inserted",
                    f"entry #{tip_seq} is not part of the chain: #{seq} links past it"))
            if seq == tip_seq + 1 and tip_seq > 0:
                # No number is missing: the entry before was replaced, hash and all.
                return _fail(count, tip_seq, tip, Problem(
                    tip_seq, "changed", f"entry #{tip_seq} was replaced: #{seq} links to a "
                    "hash it no longer has"))
            return _fail(count, tip_seq, tip, Problem(
                tip_seq + 1, "removed",
                f"entries between #{tip_seq} and #{seq} are missing: #{seq} links to a hash "
                "no remaining entry has"))
        if seq != tip_seq + 1:
            return _fail(count, tip_seq, tip, Problem(
                seq, "changed", f"entry #{seq} follows #{tip_seq} in the chain but its number "
                "was changed"))
        before_tip, tip, tip_seq = tip, stored, seq
    if pending is not None:
        bad_seq = pending[0]
        return _fail(count, tip_seq, tip, Problem(
            bad_seq, "changed", f"entry #{bad_seq}'s content does not match its hash"))
    if head is not None and (head[0], head[1]) != (tip_seq, tip):
        head_seq = head[0]
        if head_seq > tip_seq:
            problem = Problem(tip_seq + 1, "removed",
                              f"the chain ends at #{tip_seq} but the head records #{head_seq}")
        elif head_seq < tip_seq:
            problem = Problem(head_seq + 1, "inserted",
                              f"entries after the recorded head #{head_seq} were added")
        else:
            problem = Problem(tip_seq, "changed",
                              f"entry #{tip_seq}'s hash differs from the recorded head")
        return _fail(count, tip_seq, tip, problem)
    return Result(ok=True, entries=count, head_seq=tip_seq, head_hash=tip)


def _fail(count: int, tip_seq: int, tip: str, problem: Problem) -> Result:
    return Result(ok=False, entries=count, head_seq=tip_seq, head_hash=tip, first_bad=problem)


def build_chain(prev_hash: str, drafts: Iterable[tuple]) -> list[tuple[str, str]]:
    """(prev_hash, hash) for each draft (the content fields of COLUMNS[1:10]), chained in order."""
    out = []
    for draft in drafts:
        h = entry_hash(prev_hash, content(*draft))
        out.append((prev_hash, h))
        prev_hash = h
    return out

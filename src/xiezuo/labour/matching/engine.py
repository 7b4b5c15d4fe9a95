"""Matching engine: eligibility, fit, optimal assignment (min-cost flow), greedy and bounds.

Plain data in, plain data out: no Django, no files (see ``files.py``). Seekers and openings are
held column-wise in numpy arrays; skill and certificate tags are interned to bit positions so
that set tests become bitwise operations.

Eligibility of a pair (seeker, opening):
    * the seeker holds every certificate the opening requires,
    * ``age >= 16`` and ``min_age <= age <= max_age``,
    * ``wage >= min_wage``,
    * the opening's ``region_code`` starts with one of the seeker's prefixes (or they gave none).

Fit, in integers (``Weights`` defaults shown):
    ``70 * |skills & required| // |required|`` (70 when nothing is required)
    ``+ 30 * min(wage - min_wage, min_wage) // min_wage`` (30 when ``min_wage`` is 0).

The engine maximises ``sum(priority * (100 + fit))`` over placed pairs, each seeker placed at
most once and each opening filled at most ``positions`` times.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

MIN_WORK_AGE = 16
DEFAULT_PAIR_LIMIT = 5_000_000
DEFAULT_MAX_ROUNDS = 100
# Column generation (see solve): the first pool holds each seeker's best _FIRST_ADD pairs and a
# sample of _FIRST_SAMPLE spread over its openings; after the first solve each seeker keeps its
# placement and _KEEP best pairs; each round adds up to _ROUND_ADD pairs per violating seeker.
# Measured on the dense 10,000 x 2,000 instance (6M pairs): 10 solves, against 13-15 with
# (6, 8, -, 3) or without the sample.
_FIRST_ADD = 4
_FIRST_SAMPLE = 16
_KEEP = 3
_ROUND_ADD = 5
# ... and up to _SPREAD more openings of each of those groups with positive reduced profit.
_SPREAD = 3
# Between solves, up to _REPAIRS attempts to re-price the same assignment over the pool plus
# the new pairs (see solve), when at most 1 seeker in _REPAIR_SHARE violates; the longest-path
# search for the prices gives up after _REPAIR_STEPS steps.
_REPAIRS = 8
_REPAIR_SHARE = 50
_REPAIR_STEPS = 2000

PLACED, NO_ELIGIBLE_OPENING, OUTCOMPETED = 0, 1, 2
STATUS_NAMES = ("placed", "no_eligible_opening", "outcompeted")

# Pairs are expanded in pieces of about this many: small enough to stay in cache.
_CHUNK_PAIRS = 1 << 17

IntArray = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]
BitArray = npt.NDArray[np.uint64]


@dataclass(frozen=True)
class Weights:
    """Score weights: ``weight = priority * (base + fit)``, ``fit <= skill + wage``."""

    skill: int = 70
    wage: int = 30
    base: int = 100

    def __post_init__(self) -> None:
        for name in ("skill", "wage", "base"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"Weights.{name} must be a non-negative integer, got {value!r}")

    @property
    def max_fit(self) -> int:
        return self.skill + self.wage


DEFAULT_WEIGHTS = Weights()


# --------------------------------------------------------------------------- plain records


@dataclass(frozen=True)
class Seeker:
    """One job seeker, for callers that hold plain records (tests, small batches)."""

    seeker_id: str
    age: int
    skills: tuple[str, ...] = ()
    certificates: tuple[str, ...] = ()
    min_wage: int = 0
    regions: tuple[str, ...] = ()
    priority: int = 1


@dataclass(frozen=True)
class Opening:
    """One job opening, for callers that hold plain records."""

    opening_id: str
    region_code: str
    positions: int = 1
    skills: tuple[str, ...] = ()
    certificates: tuple[str, ...] = ()
    min_age: int = MIN_WORK_AGE
    max_age: int = 60
    wage: int = 0


def is_eligible(seeker: Seeker, opening: Opening) -> bool:
    """Readable statement of the eligibility rules; the vectorised code must agree with it."""
    return (
        set(opening.certificates) <= set(seeker.certificates)
        and seeker.age >= MIN_WORK_AGE
        and opening.min_age <= seeker.age <= opening.max_age
        and opening.wage >= seeker.min_wage
        and (not seeker.regions or any(opening.region_code.startswith(p) for p in seeker.regions))
        and opening.positions > 0
    )


def fit_points(
    seeker: Seeker, opening: Opening, weights: Weights = DEFAULT_WEIGHTS
) -> tuple[int, int]:
    """Readable statement of the fit formula: ``(skill_points, wage_points)``."""
    required = set(opening.skills)
    if required:
        skill = weights.skill * len(required & set(seeker.skills)) // len(required)
    else:
        skill = weights.skill
    if seeker.min_wage == 0:
        wage = weights.wage
    else:
        gap = min(opening.wage - seeker.min_wage, seeker.min_wage)
        wage = weights.wage * gap // seeker.min_wage
    return skill, wage


# --------------------------------------------------------------------------- tables


def _popcount(x: BitArray) -> npt.NDArray[np.int64]:
    if hasattr(np, "bitwise_count"):  # numpy >= 2.0
        return np.bitwise_count(x).astype(np.int64)
    as_bytes = x.view(np.uint8).reshape(*x.shape, 8)
    table = np.array([bin(i).count("1") for i in range(256)], dtype=np.int64)
    return table[as_bytes].sum(axis=-1)


def _clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    if isinstance(tags, str):
        raise TypeError("tags must be a sequence of strings, not one string")
    return tuple(sorted({t.strip() for t in tags if t and t.strip()}))


class _Interner:
    """Tag -> bit position. Openings grow it; seekers only look up (unknown tags never matter)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def bitsets(self, rows: Iterable[Iterable[str]], *, grow: bool) -> tuple[BitArray, int]:
        cache: dict[tuple[str, ...], int] = {}
        masks: list[int] = []
        row_mask: list[int] = []
        for tags in rows:
            key = tags if isinstance(tags, tuple) else tuple(tags)
            slot = cache.get(key)
            if slot is None:
                mask = 0
                for tag in _clean_tags(key):
                    bit = self.ids.get(tag)
                    if bit is None:
                        if not grow:
                            continue
                        bit = self.ids[tag] = len(self.ids)
                    mask |= 1 << bit
                slot = cache[key] = len(masks)
                masks.append(mask)
            row_mask.append(slot)
        return self.words_of(masks)[np.asarray(row_mask, dtype=np.intp)], len(masks)

    @property
    def words(self) -> int:
        return max(1, (len(self.ids) + 63) // 64)

    def words_of(self, masks: list[int]) -> BitArray:
        out = np.zeros((len(masks), self.words), dtype=np.uint64)
        for w in range(self.words):
            out[:, w] = [(m >> (64 * w)) & 0xFFFF_FFFF_FFFF_FFFF for m in masks]
        return out

    def names(self) -> tuple[str, ...]:
        return tuple(sorted(self.ids, key=self.ids.__getitem__))


def _int_column(values: Iterable[int], name: str, n: int) -> IntArray:
    arr = np.asarray(list(values) if not isinstance(values, np.ndarray) else values)
    if arr.shape != (n,):
        raise ValueError(
            f"column {name!r} has {arr.shape[0] if arr.ndim else 0} values, expected {n}"
        )
    if n and not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(f"column {name!r} must hold integers")
    return arr.astype(np.int64)


@dataclass(frozen=True, eq=False)
class OpeningTable:
    """Openings, column-wise. Bit ``i`` of ``skills`` means ``skill_tags[i]`` is required."""

    ids: tuple[str, ...]
    region: Int32Array  # index into region_codes
    region_codes: tuple[str, ...]
    positions: IntArray
    skills: BitArray  # (m, words)
    skill_count: IntArray  # |required skills|, precomputed for the fit formula
    certificates: BitArray  # (m, words)
    min_age: IntArray
    max_age: IntArray
    wage: IntArray
    skill_tags: tuple[str, ...]
    certificate_tags: tuple[str, ...]
    _skill_ids: _Interner = field(repr=False)
    _certificate_ids: _Interner = field(repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def build(
        cls,
        ids: Sequence[str],
        region_codes: Sequence[str],
        positions: Iterable[int],
        skills: Sequence[Iterable[str]],
        certificates: Sequence[Iterable[str]],
        min_age: Iterable[int],
        max_age: Iterable[int],
        wage: Iterable[int],
    ) -> OpeningTable:
        m = len(ids)
        skill_ids, cert_ids = _Interner(), _Interner()
        skill_bits, _ = skill_ids.bitsets(skills, grow=True)
        cert_bits, _ = cert_ids.bitsets(certificates, grow=True)
        codes: dict[str, int] = {}
        region = np.fromiter(
            (codes.setdefault(c.strip(), len(codes)) for c in region_codes), np.int32, count=m
        )
        pos = _int_column(positions, "positions", m)
        if (pos < 0).any():
            raise ValueError("positions must be >= 0")
        return cls(
            ids=tuple(ids),
            region=region,
            region_codes=tuple(codes),
            positions=pos,
            skills=skill_bits,
            skill_count=_popcount(skill_bits).sum(axis=1),
            certificates=cert_bits,
            min_age=_int_column(min_age, "min_age", m),
            max_age=_int_column(max_age, "max_age", m),
            wage=_int_column(wage, "wage", m),
            skill_tags=skill_ids.names(),
            certificate_tags=cert_ids.names(),
            _skill_ids=skill_ids,
            _certificate_ids=cert_ids,
        )


@dataclass(frozen=True, eq=False)
class SeekerTable:
    """Seekers, column-wise, with tags as bitsets over the *openings'* vocabulary.

    Tags no opening mentions are dropped: they can neither satisfy a requirement nor add skill
    points, and dropping them keeps the bitsets one word wide in practice. There are no
    attributes for sex or ethnicity on purpose: they are not inputs to matching.
    """

    ids: tuple[str, ...]
    age: IntArray
    min_wage: IntArray
    priority: IntArray
    skills: BitArray  # (n, words), same bit meaning as openings.skills
    certificates: BitArray
    region_set: Int32Array  # index into region_sets
    region_sets: tuple[tuple[str, ...], ...]  # () means "any region"
    skill_tags: tuple[str, ...]
    certificate_tags: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def build(
        cls,
        ids: Sequence[str],
        age: Iterable[int],
        skills: Sequence[Iterable[str]],
        certificates: Sequence[Iterable[str]],
        min_wage: Iterable[int],
        regions: Sequence[Iterable[str]],
        priority: Iterable[int],
        *,
        openings: OpeningTable,
    ) -> SeekerTable:
        n = len(ids)
        skill_bits, _ = openings._skill_ids.bitsets(skills, grow=False)
        cert_bits, _ = openings._certificate_ids.bitsets(certificates, grow=False)
        sets: dict[tuple[str, ...], int] = {}
        cache: dict[object, int] = {}
        region_set = np.empty(n, dtype=np.int32)
        for i, prefixes in enumerate(regions):
            key = prefixes if isinstance(prefixes, tuple) else tuple(prefixes)
            slot = cache.get(key)
            if slot is None:
                clean = _clean_tags(key)
                slot = cache[key] = sets.setdefault(clean, len(sets))
            region_set[i] = slot
        prio = _int_column(priority, "priority", n)
        if (prio < 1).any():
            raise ValueError("priority must be >= 1")
        mw = _int_column(min_wage, "min_wage", n)
        if (mw < 0).any():
            raise ValueError("min_wage must be >= 0")
        return cls(
            ids=tuple(ids),
            age=_int_column(age, "age", n),
            min_wage=mw,
            priority=prio,
            skills=skill_bits,
            certificates=cert_bits,
            region_set=region_set,
            region_sets=tuple(sets),
            skill_tags=openings.skill_tags,
            certificate_tags=openings.certificate_tags,
        )


def build_tables(
    seekers: Sequence[Seeker], openings: Sequence[Opening]
) -> tuple[SeekerTable, OpeningTable]:
    """Tables from plain records (openings first: they define the tag vocabulary)."""
    o_table = OpeningTable.build(
        [o.opening_id for o in openings],
        [o.region_code for o in openings],
        [o.positions for o in openings],
        [tuple(o.skills) for o in openings],
        [tuple(o.certificates) for o in openings],
        [o.min_age for o in openings],
        [o.max_age for o in openings],
        [o.wage for o in openings],
    )
    s_table = SeekerTable.build(
        [s.seeker_id for s in seekers],
        [s.age for s in seekers],
        [tuple(s.skills) for s in seekers],
        [tuple(s.certificates) for s in seekers],
        [s.min_wage for s in seekers],
        [tuple(s.regions) for s in seekers],
        [s.priority for s in seekers],
        openings=o_table,
    )
    return s_table, o_table


# --------------------------------------------------------------------------- enumeration


class Pairs(NamedTuple):
    """Eligible pairs as parallel arrays (unpacks as the 5-tuple of the contract)."""

    seeker: Int32Array
    opening: Int32Array
    fit: IntArray
    skill_points: IntArray
    wage_points: IntArray


@dataclass
class _Chunk:
    """Pairs of a few seekers, complete for each of them, seeker-major.

    Within a seeker the openings come by wage descending, then index ascending.
    """

    seekers: Int32Array  # seekers present, ascending
    counts: IntArray  # pairs per seeker (all > 0)
    offsets: IntArray  # first pair of each seeker
    seeker: Int32Array  # per pair
    opening: Int32Array
    skill_points: IntArray
    wage_points: IntArray
    priority: IntArray  # of the pair's seeker

    @property
    def fit(self) -> IntArray:
        return self.skill_points + self.wage_points

    def weight(self, weights: Weights) -> IntArray:
        return self.priority * (weights.base + self.skill_points + self.wage_points)


def _unique_rows(bits: BitArray) -> tuple[BitArray, npt.NDArray[np.intp]]:
    if bits.shape[1] == 1:  # the usual case; 1-D unique is much faster than axis=0
        uniq, inv = np.unique(bits[:, 0], return_inverse=True)
        return uniq[:, None], inv.ravel()
    uniq, inv = np.unique(bits, axis=0, return_inverse=True)
    return uniq, inv.ravel()


class _Blocks:
    """Partition of the seeker x opening grid into blocks decided without looking at pairs.

    Region and certificate tests depend only on (seeker prefix set, seeker certificates) and
    (opening region code, required certificates), which take few distinct values, so they are
    evaluated once per *class*. Seekers whose classes accept the same opening classes are merged,
    then split by age bucket (ages between consecutive age bounds behave alike). Inside a block
    only the wage test is left; with the block's openings sorted by wage it is a suffix per
    seeker, so enumeration costs O(eligible pairs), not O(seekers x openings).
    """

    def __init__(self, seekers: SeekerTable, openings: OpeningTable) -> None:
        if seekers.skill_tags is not openings.skill_tags or (
            seekers.certificate_tags is not openings.certificate_tags
        ):
            raise ValueError("seekers were built against a different OpeningTable")
        self.seekers, self.openings = seekers, openings
        n, m = len(seekers), len(openings)
        s_act = np.flatnonzero(seekers.age >= MIN_WORK_AGE).astype(np.int32)
        o_live = (openings.positions > 0) & (
            openings.max_age >= np.maximum(openings.min_age, MIN_WORK_AGE)
        )
        o_act = np.flatnonzero(o_live).astype(np.int32)
        # (wage asc, index desc): a reversed suffix then lists (wage desc, index asc).
        self.by_wage = o_act[np.lexsort((-o_act, openings.wage[o_act]))]
        # Rank of each opening in the tie-break order used everywhere: wage desc, index asc.
        self.opening_rank = np.zeros(m, dtype=np.int64)
        self.opening_rank[self.by_wage[::-1]] = np.arange(len(self.by_wage))
        self.seeker_skill_sets, self.seeker_skill_id = _unique_rows(seekers.skills)
        self.opening_skill_sets, self.opening_skill_id = _unique_rows(openings.skills)
        self.rows: list[npt.NDArray[np.bool_]] = []
        self.row_seekers: list[Int32Array] = []
        self.opening_class = np.full(m, -1, dtype=np.int64)
        if len(s_act) == 0 or len(o_act) == 0 or n == 0:
            return

        # Region classes: codes matched by the same set of seeker prefixes behave alike.
        prefixes = sorted({p for rs in seekers.region_sets for p in rs})
        pid = {p: i for i, p in enumerate(prefixes)}
        used_codes = np.unique(openings.region[o_act])
        signature_id: dict[tuple[int, ...], int] = {}
        code_class = np.full(len(openings.region_codes), -1, dtype=np.int64)
        for c in used_codes.tolist():
            code = openings.region_codes[c]
            sig = tuple(pid[code[:k]] for k in range(len(code) + 1) if code[:k] in pid)
            code_class[c] = signature_id.setdefault(sig, len(signature_id))
        incidence = np.zeros((len(prefixes), len(signature_id)), dtype=bool)
        for sig, r in signature_id.items():
            incidence[list(sig), r] = True
        accept = np.ones((len(seekers.region_sets), len(signature_id)), dtype=bool)
        for ps, rs in enumerate(seekers.region_sets):
            if rs:
                accept[ps] = incidence[[pid[p] for p in rs]].any(axis=0)

        # Certificate groups: distinct required sets x distinct held sets.
        req, o_cert = _unique_rows(openings.certificates[o_act])
        held, s_cert = _unique_rows(seekers.certificates[s_act])
        cert_ok = ((req[None, :, :] & ~held[:, None, :]) == 0).all(axis=2)  # (held, req)

        n_req = len(req)
        o_key = code_class[openings.region[o_act]] * n_req + o_cert
        o_classes, o_inv = np.unique(o_key, return_inverse=True)
        self.opening_class[o_act] = o_inv.ravel()
        cls_region, cls_cert = o_classes // n_req, o_classes % n_req
        self.class_by_wage = self.opening_class[self.by_wage]

        n_held = len(held)
        s_key = seekers.region_set[s_act].astype(np.int64) * n_held + s_cert
        s_classes, s_inv = np.unique(s_key, return_inverse=True)
        row_ids: dict[bytes, int] = {}
        class_row = np.empty(len(s_classes), dtype=np.int64)
        for i, key in enumerate(s_classes.tolist()):
            ps, hg = divmod(key, n_held)
            row = accept[ps, cls_region] & cert_ok[hg, cls_cert]
            rid = row_ids.setdefault(np.packbits(row).tobytes(), len(row_ids))
            if rid == len(self.rows):
                self.rows.append(row)
            class_row[i] = rid
        seeker_row = class_row[s_inv.ravel()]
        order = np.argsort(seeker_row, kind="stable")  # keeps seeker indices ascending per row
        bounds = np.searchsorted(seeker_row[order], np.arange(len(self.rows) + 1))
        self.row_seekers = [s_act[order[a:b]] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]

    def blocks(
        self, by: Int32Array | None = None
    ) -> Iterator[tuple[Int32Array, Int32Array, IntArray]]:
        """Yield ``(seekers, openings_by_wage_asc, start)``; seeker i gets openings[start[i]:].

        ``by``: another order of the live openings, wage ascending (ties in its own order).
        """
        s, o = self.seekers, self.openings
        if not self.rows:
            return
        by = self.by_wage if by is None else by
        class_by = self.class_by_wage if by is self.by_wage else self.opening_class[by]
        for row, members in zip(self.rows, self.row_seekers, strict=True):
            if not row.any() or len(members) == 0:
                continue
            cand = by[row[class_by]]
            lo, hi = o.min_age[cand], o.max_age[cand]
            edges = np.unique(np.concatenate((lo, hi + 1)))
            bucket = np.searchsorted(edges, s.age[members], side="right")
            order = np.argsort(bucket, kind="stable")
            b_sorted = bucket[order]
            cuts = np.flatnonzero(np.diff(b_sorted)) + 1
            for part in np.split(order, cuts):
                b = int(bucket[part[0]])
                if b == 0 or b == len(edges):  # younger / older than every bound
                    continue
                age = edges[b - 1]
                block_openings = cand[(lo <= age) & (hi >= age)]
                if len(block_openings) == 0:
                    continue
                block_seekers = members[part]
                start = np.searchsorted(
                    o.wage[block_openings], s.min_wage[block_seekers], side="left"
                )
                yield block_seekers, block_openings, start

    def counts(self) -> IntArray:
        """Eligible pairs per seeker, without expanding the pairs."""
        counts = np.zeros(len(self.seekers), dtype=np.int64)
        for members, block_openings, start in self.blocks():
            counts[members] = len(block_openings) - start
        return counts

    def _skill_table(self, weights: Weights) -> npt.NDArray[np.int64] | None:
        """Skill points for every (distinct seeker skill set, distinct required set), or None
        when that table would be too big (then points are computed per pair)."""
        s_sets, o_sets = self.seeker_skill_sets, self.opening_skill_sets
        if len(s_sets) * len(o_sets) > 1 << 24:
            return None
        common = _popcount(s_sets[:, None, :] & o_sets[None, :, :]).sum(axis=2)
        required = _popcount(o_sets).sum(axis=1)[None, :]
        points = weights.skill * common // np.maximum(required, 1)
        return np.where(required > 0, points, weights.skill).astype(np.int64)

    def chunks(self, weights: Weights, max_pairs: int = _CHUNK_PAIRS) -> Iterator[_Chunk]:
        """Every eligible pair, in seeker-complete chunks of about `max_pairs`."""
        table = self._skill_table(weights)
        for members, block_openings, start in self.blocks():
            cnt = len(block_openings) - start
            has = cnt > 0
            if not has.any():
                continue
            members, start, cnt = members[has], start[has], cnt[has]
            piece = (np.cumsum(cnt) - 1) // max_pairs
            cuts = np.flatnonzero(np.diff(piece)) + 1
            for sl in np.split(np.arange(len(members)), cuts):
                c = cnt[sl]
                offsets = np.cumsum(c) - c
                # Reversed suffix: position m-1, m-2, ..., start  -> wage descending.
                pos = np.repeat(offsets + (len(block_openings) - 1), c) - np.arange(int(c.sum()))
                yield self._expand(members[sl], c, pos, block_openings, weights, table)

    def sample(self, weights: Weights, k: int) -> Iterator[_Chunk]:
        """About `k` eligible pairs per seeker, spread evenly over its openings (by wage) from a
        pseudo-random offset; costs O(seekers * k), not O(pairs)."""
        table = self._skill_table(weights)
        for members, block_openings, start in self.blocks():
            cnt = len(block_openings) - start
            has = cnt > 0
            if not has.any():
                continue
            members, start, cnt = members[has], start[has], cnt[has]
            take = np.minimum(cnt, k)
            offsets = np.cumsum(take) - take
            j = np.arange(int(take.sum())) - np.repeat(offsets, take)
            phase = _jitter(members, members, 1 << 20) / float(1 << 20)
            step = np.repeat(np.maximum(cnt / k, 1.0), take)
            spread = np.floor((j + np.repeat(phase, take) * (step > 1)) * step).astype(np.int64)
            pos = np.repeat(start, take) + np.minimum(spread, np.repeat(cnt - 1, take))
            yield self._expand(members, take, pos, block_openings, weights, table)

    def _expand(
        self,
        members: Int32Array,
        cnt: IntArray,
        pos: IntArray,
        block_openings: Int32Array,
        weights: Weights,
        table: npt.NDArray[np.int64] | None,
    ) -> _Chunk:
        """Pairs (members[i], block_openings[pos]) with cnt[i] consecutive entries per member."""
        s, o = self.seekers, self.openings
        offsets = np.cumsum(cnt) - cnt
        opening = block_openings[pos]
        seeker = np.repeat(members, cnt)

        if table is not None:
            n_sets = table.shape[1]
            cell = np.repeat(self.seeker_skill_id[members] * n_sets, cnt)
            skill = table.ravel()[cell + self.opening_skill_id[block_openings][pos]]
        else:
            common = _popcount(s.skills[seeker] & o.skills[opening]).sum(axis=1)
            required = o.skill_count[opening]
            skill = np.where(
                required > 0, weights.skill * common // np.maximum(required, 1), weights.skill
            )
        min_wage = np.repeat(s.min_wage[members], cnt)
        gap = np.minimum(o.wage[block_openings][pos] - min_wage, min_wage)
        # Float division is exact here: operands are far below 2**53 and a quotient can only be
        # within 1/min_wage of an integer, much more than the rounding error; and it is SIMD.
        wage = np.floor(weights.wage * gap / np.maximum(min_wage, 1)).astype(np.int64)
        wage[min_wage == 0] = weights.wage
        return _Chunk(
            seekers=members,
            counts=cnt,
            offsets=offsets,
            seeker=seeker,
            opening=opening,
            skill_points=skill,
            wage_points=wage,
            priority=np.repeat(s.priority[members], cnt),
        )

    def order_key(
        self, seeker: npt.ArrayLike, fit: IntArray, opening: npt.ArrayLike, max_fit: int
    ) -> IntArray:
        """Unique int64 sort key: seeker asc, fit desc, wage desc, opening index asc."""
        m = max(1, len(self.by_wage))
        span = (len(self.seekers) + 1) * (max_fit + 1) * m
        if span >= 2**62:
            raise OverflowError("instance too large for a single int64 ordering key")
        seeker = np.asarray(seeker, dtype=np.int64)
        return (seeker * (max_fit + 1) + (max_fit - fit)) * m + self.opening_rank[opening]


def eligible_pairs(
    seekers: SeekerTable, openings: OpeningTable, weights: Weights = DEFAULT_WEIGHTS
) -> Pairs:
    """All eligible pairs, ordered by seeker, then fit desc, wage desc, opening index.

    Materialises everything: for very large instances use ``solve``, which streams.
    """
    blocks = _Blocks(seekers, openings)
    scan = _scan(blocks, weights, keep=None)
    seeker, opening, skill, wage = _canonical(blocks, weights, [scan.pairs])
    return Pairs(seeker, opening, skill + wage, skill, wage)


def _top_per_seeker(score: IntArray, counts: IntArray, keep: int) -> npt.NDArray[np.intp]:
    """Indices of each seeker's `keep` best pairs (score desc, ties in input order), sorted.

    Pairs are seeker-major. Scores span a few hundred values, so a per-seeker histogram finds
    each seeker's threshold in O(pairs); sorting (the fallback for wide ranges) costs ~5x more.
    """
    total, n_seekers = len(score), len(counts)
    low = int(score.min())
    span = int(score.max()) - low + 1
    starts = np.cumsum(counts) - counts
    if n_seekers * span > 4 * total + (1 << 16):
        local = np.repeat(np.arange(n_seekers), counts)
        order = np.lexsort((np.arange(total), -score, local))
        return np.sort(order[np.arange(total) - np.repeat(starts, counts) < keep])
    shifted = score - low
    cell = shifted + np.repeat(np.arange(0, n_seekers * span, span), counts)
    hist = np.bincount(cell, minlength=n_seekers * span).reshape(n_seekers, span)
    at_least = np.cumsum(hist[:, ::-1], axis=1)  # pairs >= each value, from the top
    steps = (at_least < keep).sum(axis=1)  # top values kept whole; == span: keep everything
    cut = (span - 1) - steps  # the value kept only partly, in input order
    room = keep - at_least[np.arange(n_seekers), np.maximum(steps - 1, 0)] * (steps > 0)
    cut_of = np.repeat(cut, counts)
    tie = shifted == cut_of
    before = np.cumsum(tie) - tie
    before -= np.repeat(before[starts], counts)  # ties earlier in the same seeker
    take = (shifted > cut_of) | (tie & (before < np.repeat(room, counts)))
    return np.flatnonzero(take)


@dataclass
class _ScanResult:
    pairs: tuple[Int32Array, Int32Array, IntArray, IntArray]  # seeker, opening, skill, wage
    best_fit: IntArray  # per seeker, -1 without pairs
    best_reduced: IntArray  # per seeker max(0, max weight - price), with prices only
    reachable: npt.NDArray[np.bool_]  # openings with an eligible seeker


def _jitter(seeker: Int32Array, opening: Int32Array, spread: int) -> IntArray:
    """Deterministic pseudo-random integers in [0, spread) per (seeker, opening): a mixing
    hash, so results never depend on a random state."""
    with np.errstate(over="ignore"):
        h = seeker.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        h ^= opening.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)
        h ^= h >> np.uint64(31)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(29)
    return (h % np.uint64(spread)).astype(np.int64)


def _scan(
    blocks: _Blocks,
    weights: Weights,
    *,
    keep: int | None,
    prices: IntArray | None = None,
    top_fit: int = 0,
    collect: bool = True,
    summary: bool = True,
) -> _ScanResult:
    """One streaming pass over every eligible pair.

    Keeps each seeker's `keep` best pairs (all if None; none unless `collect`) ranked by fit,
    or by reduced weight ``weight - prices[opening]`` when prices are given; plus, if
    `top_fit`, the `top_fit` best by plain fit. With `summary`, records each seeker's best fit
    and the openings anybody can take; with prices, each seeker's best reduced weight.
    """
    n, m = len(blocks.seekers), len(blocks.openings)
    best_fit = np.full(n, -1, dtype=np.int64)
    best_reduced = np.zeros(n, dtype=np.int64)
    reachable = np.zeros(m, dtype=bool)
    parts: list[tuple[np.ndarray, ...]] = []
    for ch in blocks.chunks(weights):
        fit = ch.fit
        if summary:
            best_fit[ch.seekers] = np.maximum.reduceat(fit, ch.offsets)
            reachable[ch.opening] = True
        score = fit
        if prices is not None:
            score = ch.weight(weights) - prices[ch.opening]
            best_reduced[ch.seekers] = np.maximum(np.maximum.reduceat(score, ch.offsets), 0)
        if not collect:
            continue
        if keep is None or int(ch.counts.max()) <= max(keep, top_fit):
            parts.append((ch.seeker, ch.opening, ch.skill_points, ch.wage_points))
            continue
        idx = _top_per_seeker(score, ch.counts, keep)
        if top_fit and score is not fit:
            idx = np.union1d(idx, _top_per_seeker(fit, ch.counts, top_fit))
        parts.append((ch.seeker[idx], ch.opening[idx], ch.skill_points[idx], ch.wage_points[idx]))
    if parts:
        pairs = tuple(np.concatenate([p[i] for p in parts]) for i in range(4))
    else:
        pairs = (
            np.zeros(0, np.int32),
            np.zeros(0, np.int32),
            np.zeros(0, np.int64),
            np.zeros(0, np.int64),
        )
    return _ScanResult(pairs, best_fit, best_reduced, reachable)  # type: ignore[arg-type]


def _canonical(
    blocks: _Blocks, weights: Weights, pair_sets: list[tuple[np.ndarray, ...]]
) -> tuple[Int32Array, Int32Array, IntArray, IntArray]:
    """Union of pair sets without duplicates, in canonical order (see ``order_key``)."""
    seeker, opening, skill, wage = (np.concatenate([p[i] for p in pair_sets]) for i in range(4))
    key = blocks.order_key(seeker, skill + wage, opening, weights.max_fit)
    if len(pair_sets) > 1:
        _, order = np.unique(key, return_index=True)
    else:
        order = np.argsort(key)
    return (
        seeker[order].astype(np.int32),
        opening[order].astype(np.int32),
        skill[order],
        wage[order],
    )


# --------------------------------------------------------------------------- pricing


# Cells (seeker types x opening groups) evaluated at a time by the pricer: ~32 MB of int64.
_PRICE_CELLS = 1 << 22
_NO_PAIR = np.iinfo(np.int64).min // 4  # "no eligible opening": far below any reduced profit


@dataclass
class _PriceBlock:
    """One block of ``_Blocks.blocks()`` prepared for repeated pricing.

    Inside a block, the weight of a pair depends on the seeker only through its *type*
    (skill set, minimum wage, priority) and on the opening only through its *group* (required
    skill set, wage): eligibility is settled by the block except for ``wage >= min_wage``, which
    is a property of (type, group) too. So ``max_o (w(s, o) - v[o])`` over the block equals
    ``max_g (w(type(s), g) - min_{o in g} v[o])``: pricing costs types x groups plus one
    gather of the block's openings, not one evaluation per eligible pair.
    """

    members: Int32Array  # seekers of the block
    member_type: Int32Array  # index into the rows of `weight`, per member
    weight: IntArray  # (types, groups) pair weight, _NO_PAIR where the wage is too low
    openings: Int32Array  # block's openings, grouped (wage asc, skill set, index)
    group_starts: IntArray  # first entry of each group in `openings`


class _Pricer:
    """Prices every eligible pair against dual prices, block by block (see ``_PriceBlock``).

    Built once per solve (one pass over the blocks, which also counts the pairs per seeker);
    each ``price`` call is then a gather of the prices over the blocks' openings, a minimum per
    group and a (types x groups) matrix per block: on the dense 100,000 x 20,000 instance,
    600 million eligible pairs are priced through about 30 million cells.
    """

    def __init__(self, blocks: _Blocks, weights: Weights) -> None:
        s, o = blocks.seekers, blocks.openings
        self.n = len(s)
        self.counts = np.zeros(self.n, dtype=np.int64)
        self.blocks: list[_PriceBlock] = []
        n_sets = len(blocks.opening_skill_sets)
        # Live openings by (wage, skill set, index): a block's openings come out grouped.
        live = blocks.by_wage
        by_group = live[np.lexsort((live, blocks.opening_skill_id[live], o.wage[live]))]
        group_key = o.wage.astype(np.int64) * (n_sets + 1) + blocks.opening_skill_id
        skill_table = blocks._skill_table(weights)
        # Wage points depend on (minimum wage, wage) only: one small table when they take few
        # values (the usual case), else the formula per cell.
        mw_values, mw_id = np.unique(s.min_wage, return_inverse=True)
        wage_values, wage_id = np.unique(o.wage, return_inverse=True)
        wage_table = None
        if len(mw_values) * len(wage_values) <= 1 << 22:
            mw_col = mw_values[:, None]
            gap = np.minimum(wage_values[None, :] - mw_col, mw_col)
            wage_table = np.where(
                mw_col > 0, weights.wage * gap // np.maximum(mw_col, 1), weights.wage
            )
            wage_table = np.where(wage_values[None, :] >= mw_col, wage_table, -1)
        for members, block_openings, start in blocks.blocks(by_group):
            count = len(block_openings) - start
            self.counts[members] = count
            has = count > 0
            if not has.any():
                continue
            members = members[has]
            keys = group_key[block_openings]
            starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
            g_open = block_openings[starts]
            t_key = (
                blocks.seeker_skill_id[members].astype(np.int64) * (len(mw_values) * 8)
                + mw_id[members] * 8
                + np.minimum(s.priority[members], 7)
            )
            _, first, t_inv = np.unique(t_key, return_index=True, return_inverse=True)
            t_seeker = members[first]
            if (s.priority[members] >= 8).any():  # no merging for unusual priorities
                t_seeker, t_inv = members, np.arange(len(members))
            if skill_table is not None:
                skill = skill_table[blocks.seeker_skill_id[t_seeker]][
                    :, blocks.opening_skill_id[g_open]
                ]
            else:
                common = _popcount(
                    s.skills[t_seeker][:, None, :] & o.skills[g_open][None, :, :]
                ).sum(axis=2)
                required = o.skill_count[g_open][None, :]
                skill = np.where(
                    required > 0, weights.skill * common // np.maximum(required, 1), weights.skill
                )
            if wage_table is not None:
                wage = wage_table[mw_id[t_seeker]][:, wage_id[g_open]]
                eligible = wage >= 0
            else:
                mw = s.min_wage[t_seeker][:, None]
                gap = np.minimum(o.wage[g_open][None, :] - mw, mw)
                wage = np.where(mw > 0, weights.wage * gap // np.maximum(mw, 1), weights.wage)
                eligible = o.wage[g_open][None, :] >= mw
            weight = s.priority[t_seeker][:, None] * (weights.base + skill + wage)
            self.blocks.append(
                _PriceBlock(
                    members=members,
                    member_type=np.asarray(t_inv).ravel().astype(np.int32),
                    weight=np.where(eligible, weight, _NO_PAIR).astype(np.int64),
                    openings=block_openings,
                    group_starts=starts,
                )
            )

    def cells(self) -> int:
        return sum(b.weight.size for b in self.blocks)

    def price(
        self, u: IntArray, v: IntArray, *, add: int, salt: int, spread: int = 0
    ) -> tuple[IntArray, Int32Array, Int32Array]:
        """``(best, seekers, openings)``.

        ``best[s] = max over s's eligible openings of (w(s, o) - v[o])`` (``_NO_PAIR`` without
        any), exact over every eligible pair. For each seeker with ``best[s] > u[s]`` (a pair
        of positive reduced profit ``w - u - v``) up to ``add`` such pairs are returned, from
        different opening groups, best first: in each group the cheapest opening, ties spread
        over seekers by a hash (so a type's seekers do not all pile on one opening); plus, per
        such group, up to ``spread`` openings of the group drawn by a hash, where the reduced
        profit is positive as well. Duplicates are possible; the caller removes them.
        """
        best = np.full(self.n, _NO_PAIR, dtype=np.int64)
        new_s: list[Int32Array] = []
        new_o: list[Int32Array] = []
        for b in self.blocks:
            vals = v[b.openings]
            minv = np.minimum.reduceat(vals, b.group_starts)
            reduced = b.weight - minv[None, :]
            best_m = reduced.max(axis=1)[b.member_type]
            best[b.members] = best_m
            if not add:
                continue
            viol = np.flatnonzero(best_m > u[b.members])
            if len(viol) == 0:
                continue
            groups = len(b.group_starts)
            k = min(add, groups)
            # A type's groups rank the same for all its seekers (u shifts a row): top-k per type.
            types, pos = np.unique(b.member_type[viol], return_inverse=True)
            rt = reduced[types]
            top = np.argpartition(-rt, k - 1, axis=1)[:, :k] if k < groups else (
                np.broadcast_to(np.arange(groups), rt.shape)
            )
            top_val = np.take_along_axis(rt, top, axis=1)
            seekers = b.members[viol]
            ok = top_val[pos] > u[seekers][:, None]
            grp = top[pos][ok]
            who = np.repeat(seekers, k).reshape(len(seekers), k)[ok]
            sizes = np.diff(np.append(b.group_starts, len(b.openings)))
            tie = vals == np.repeat(minv, sizes)
            tie_pos = np.flatnonzero(tie)
            tie_count = np.add.reduceat(tie, b.group_starts)
            tie_start = np.cumsum(tie_count) - tie_count
            j = _jitter(who, grp.astype(np.int64) + salt * 1_000_003, 1 << 30) % tie_count[grp]
            new_s.append(who)
            new_o.append(b.openings[tie_pos[tie_start[grp] + j]])
            # A few more openings of the same group, drawn at random, where the pair's reduced
            # profit is positive too: a type's violating seekers then spread over the group's
            # openings instead of all meeting at its cheapest one, and the next solve sees
            # the competition at once (measured: rounds to a 1 % gap halved).
            w_grp = np.take_along_axis(b.weight[types], top, axis=1)[pos][ok]
            u_who = u[who]
            for r in range(spread):
                pick = b.group_starts[grp] + _jitter(
                    who, grp.astype(np.int64) * 7 + (salt * 13 + r + 1) * 1_000_003, 1 << 30
                ) % sizes[grp]
                good = w_grp - u_who - vals[pick] > 0
                new_s.append(who[good])
                new_o.append(b.openings[pick[good]])
        if new_s:
            return best, np.concatenate(new_s), np.concatenate(new_o)
        return best, np.zeros(0, np.int32), np.zeros(0, np.int32)


def _points(
    blocks: _Blocks, weights: Weights, seeker: Int32Array, opening: Int32Array
) -> tuple[IntArray, IntArray]:
    """(skill_points, wage_points) of arbitrary eligible pairs, by the fit formula."""
    s, o = blocks.seekers, blocks.openings
    table = blocks._skill_table(weights)
    if table is not None:
        skill = table[blocks.seeker_skill_id[seeker], blocks.opening_skill_id[opening]]
    else:
        common = _popcount(s.skills[seeker] & o.skills[opening]).sum(axis=1)
        required = o.skill_count[opening]
        skill = np.where(
            required > 0, weights.skill * common // np.maximum(required, 1), weights.skill
        )
    mw = s.min_wage[seeker]
    gap = np.minimum(o.wage[opening] - mw, mw)
    wage = np.where(mw > 0, weights.wage * gap // np.maximum(mw, 1), weights.wage)
    return skill.astype(np.int64), wage.astype(np.int64)


# --------------------------------------------------------------------------- solvers


def max_weight_assignment(
    seeker: Int32Array,
    opening: Int32Array,
    weight: IntArray,
    capacity: IntArray,
    n_seekers: int,
) -> Int32Array:
    """Exact maximum-weight b-matching by min-cost flow; returns opening per seeker or -1.

    Network: each seeker node supplies 1 unit; arcs seeker -> opening (cap 1, cost -weight),
    opening -> sink (cap positions), and a bypass seeker -> sink (cost 0) for staying out.
    The bypass matters: a *maximum* flow of minimum cost would be maximum-cardinality first,
    and placing more people can lower the objective (a priority-3 seeker worth 600 on X versus
    a priority-1 seeker on X (100) plus the first on Y (300)). With the bypass every supply can
    always be routed, so the min-cost flow is the max-weight matching with free cardinality.

    All costs of one seeker are shifted by the same constant (its lowest weight), which leaves
    the optimum unchanged (every seeker sends exactly one unit) but halves the cost range the
    cost-scaling solver works through; in measurements that was ~10% faster.
    """
    from ortools.graph.python import min_cost_flow  # imported lazily: heavy, and optional

    assignment = np.full(n_seekers, -1, dtype=np.int32)
    if len(seeker) == 0:
        return assignment
    weight = np.asarray(weight, dtype=np.int64)
    if (weight < 0).any():
        raise ValueError("weights must be >= 0")
    s_nodes, s_node = np.unique(seeker, return_inverse=True)
    o_nodes, o_node = np.unique(opening, return_inverse=True)
    ns, no = len(s_nodes), len(o_nodes)
    sink = ns + no
    shift = np.full(ns, np.iinfo(np.int64).max)
    np.minimum.at(shift, s_node, weight)
    # The solver scales costs by (nodes + 1); refuse inputs that would overflow int64.
    if int(weight.max()) * (sink + 2) >= 2**62:
        raise OverflowError("pair weights too large for the min-cost flow solver")
    n_pairs = len(seeker)
    tails = np.concatenate((s_node, ns + np.arange(no), np.arange(ns))).astype(np.int32)
    heads = np.concatenate((ns + o_node, np.full(no, sink), np.full(ns, sink))).astype(np.int32)
    caps = np.concatenate((np.ones(n_pairs), capacity[o_nodes], np.ones(ns))).astype(np.int64)
    costs = np.concatenate((shift[s_node] - weight, np.zeros(no), shift)).astype(np.int64)
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_nodes_supplies(
        np.append(np.arange(ns), sink).astype(np.int32),
        np.append(np.ones(ns), -ns).astype(np.int64),
    )
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status!r}")
    used = flow.flows(np.asarray(arcs[:n_pairs], dtype=np.int32)) > 0
    assignment[seeker[used]] = opening[used]
    return assignment


def greedy(
    seeker: Int32Array,
    opening: Int32Array,
    weight: IntArray,
    capacity: IntArray,
    n_seekers: int,
) -> Int32Array:
    """Take pairs by weight descending (ties: input order) while both sides are free."""
    assignment = np.full(n_seekers, -1, dtype=np.int32)
    if len(seeker) == 0:
        return assignment
    weight = np.asarray(weight, dtype=np.int64)
    if int(weight.max() - weight.min()) < 2**16:  # radix sort on uint16: linear and stable
        order = np.argsort((weight.max() - weight).astype(np.uint16), kind="stable")
    else:
        order = np.argsort(-weight, kind="stable")
    left = np.asarray(capacity, dtype=np.int64).copy()
    # The sequential rule needs a Python loop; blocks of pairs are first filtered with numpy
    # against the current state, so the loop mostly sees pairs that can still be taken.
    for start in range(0, len(order), 1 << 16):
        idx = order[start : start + (1 << 16)]
        s_blk, o_blk = seeker[idx], opening[idx]
        alive = (assignment[s_blk] < 0) & (left[o_blk] > 0)
        if not alive.any():
            continue
        taken_s: list[int] = []
        taken_o: list[int] = []
        done: set[int] = set()
        room: dict[int, int] = {}
        for s, o in zip(s_blk[alive].tolist(), o_blk[alive].tolist(), strict=True):
            if s in done:
                continue
            r = room.get(o)
            if r is None:
                r = int(left[o])
            if r > 0:
                room[o] = r - 1
                done.add(s)
                taken_s.append(s)
                taken_o.append(o)
        if taken_s:
            assignment[taken_s] = taken_o
            np.subtract.at(left, taken_o, 1)
    return assignment


def dual_prices(
    seeker: Int32Array,
    opening: Int32Array,
    weight: IntArray,
    assignment: Int32Array,
    n_openings: int,
    max_rounds: int = 10_000,
) -> IntArray:
    """Opening prices v >= 0 from an (optimal) assignment, for the LP dual bound.

    v is the least solution of ``v[o] >= w(s,o) - w(s,a(s)) + v[a(s)]`` (``v[none] = 0``,
    ``w(s,none) = 0``): longest alternating paths, found Bellman-Ford style by re-scanning only
    arcs leaving openings whose price rose. For an optimal assignment this is an optimal dual, so
    ``dual_bound`` equals the objective (a certificate). Any v >= 0 gives a valid bound, so
    stopping at ``max_rounds`` only loosens it.
    """
    v = np.zeros(n_openings + 1, dtype=np.int64)  # last slot: "unplaced", price 0
    if len(seeker) == 0:
        return v[:-1]
    w = np.asarray(weight, dtype=np.int64)
    own = assignment[seeker]
    placed_w = np.zeros(len(assignment), dtype=np.int64)
    chosen = own == opening
    placed_w[seeker[chosen]] = w[chosen]
    gain = w - placed_w[seeker]
    source = np.where(own >= 0, own, n_openings).astype(np.int64)
    by_source = np.argsort(source, kind="stable")
    starts = np.searchsorted(source[by_source], np.arange(n_openings + 2))
    frontier = np.arange(n_openings + 1)
    for _ in range(max_rounds):
        lens = starts[frontier + 1] - starts[frontier]
        if lens.sum() == 0:
            break
        idx = by_source[
            np.repeat(starts[frontier] - np.cumsum(lens) + lens, lens) + np.arange(lens.sum())
        ]
        new = v.copy()
        np.maximum.at(new, opening[idx], gain[idx] + v[source[idx]])
        frontier = np.flatnonzero(new > v)
        v = new
        if len(frontier) == 0:
            break
    return v[:-1]


def _complementary(
    seeker: Int32Array,
    opening: Int32Array,
    weight: IntArray,
    assignment: Int32Array,
    prices: IntArray,
    capacity: IntArray,
) -> bool:
    """Whether ``assignment`` and ``prices`` are optimal together over these pairs: with
    ``u[s] = w(s, a(s)) - v[a(s)]`` (0 unplaced), ``u >= 0``, ``w - u - v <= 0`` on every pair
    and ``v = 0`` on openings with room left (LP complementary slackness)."""
    n = len(assignment)
    chosen = assignment[seeker] == opening
    u = np.zeros(n, dtype=np.int64)
    u[seeker[chosen]] = weight[chosen] - prices[opening[chosen]]
    if (u < 0).any() or (weight - u[seeker] - prices[opening] > 0).any():
        return False
    used = np.bincount(assignment[assignment >= 0], minlength=len(capacity))
    return not (prices[used < capacity] > 0).any()


def dual_bound_terms(
    seeker: Int32Array, opening: Int32Array, weight: IntArray, prices: IntArray, n_seekers: int
) -> IntArray:
    """Per-seeker ``u[s] = max(0, max_o w(s,o) - v[o])`` over the given pairs."""
    u = np.zeros(n_seekers, dtype=np.int64)
    if len(seeker):
        np.maximum.at(u, seeker, np.asarray(weight, dtype=np.int64) - prices[opening])
    return u


def seeker_bound(best_weight: IntArray, total_positions: int) -> int:
    """Sum of the ``total_positions`` largest per-seeker best weights (at most that many placed)."""
    best = best_weight[best_weight > 0]
    if total_positions <= 0 or len(best) == 0:
        return 0
    if len(best) > total_positions:
        best = np.partition(best, len(best) - total_positions)[len(best) - total_positions :]
    return int(best.sum())


# --------------------------------------------------------------------------- result


class Proposals(NamedTuple):
    """Rows of proposals.csv: rank 0 is the placement, ranks 1..K the next-best alternatives."""

    seeker: Int32Array
    opening: Int32Array
    fit: IntArray
    skill_points: IntArray
    wage_points: IntArray
    priority: IntArray
    rank: Int32Array


@dataclass(frozen=True, eq=False)
class MatchResult:
    """Outcome of ``solve``. Indices refer to rows of the SeekerTable / OpeningTable."""

    seekers: int
    openings: int
    positions: int
    eligible_pairs: int
    solver_pairs: int  # arcs of the last min-cost flow (== eligible_pairs when solved whole)
    column_generation: bool  # True above the pair limit: a restricted pool grown by pricing
    rounds: int  # min-cost flow solves (1 when solved whole)
    assignment: Int32Array  # opening index per seeker, -1 when unplaced
    status: npt.NDArray[np.int8]  # PLACED / NO_ELIGIBLE_OPENING / OUTCOMPETED
    placed: int
    objective: int
    # Baseline: greedy by weight over the pairs the last solve saw.
    greedy_placed: int
    greedy_objective: int
    # LP dual bound ``sum(positions * v) + sum(max(0, max_o w(s, o) - v[o]))`` with the final
    # prices v, the max taken over *every* eligible pair: valid for the whole problem, so
    # ``gap`` is proven. 0 means the assignment is optimal (the certificate).
    upper_bound: int
    proposals: Proposals
    timings: dict[str, float]

    @property
    def gap(self) -> int:
        return self.upper_bound - self.objective

    @property
    def proven_optimal(self) -> bool:
        return self.upper_bound == self.objective

    def status_of(self, seeker: int) -> str:
        return STATUS_NAMES[int(self.status[seeker])]

    def statuses(self) -> list[str]:
        return [STATUS_NAMES[c] for c in self.status.tolist()]


def solve(
    seekers: SeekerTable,
    openings: OpeningTable,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    pair_limit: int = DEFAULT_PAIR_LIMIT,
    alternatives: int = 0,
    max_rounds: int = DEFAULT_MAX_ROUNDS,
    time_limit: float | None = None,
) -> MatchResult:
    """Place seekers to maximise ``sum(priority * (base + fit))``, proven optimal.

    At most ``pair_limit`` eligible pairs: one exact min-cost flow over all of them, certified
    by an LP dual bound equal to the objective. Above it, column generation:

    1. the pool starts with each seeker's best few pairs (by weight, spread over equal
       openings), priced with every price 0;
    2. the pool is solved exactly (min-cost flow) and its dual prices derived: ``v`` per
       opening (``dual_prices``), ``u[s] = max(0, max over pool pairs of w - v)`` per seeker;
    3. every eligible pair, in or out of the pool, is priced (``_Pricer``): a pair with
       positive reduced profit ``w - u[s] - v[o]`` could improve the solution, so the best
       few of each such seeker join the pool and step 2 runs again;
    4. when no pair has positive reduced profit, (u, v) is feasible for the dual of the whole
       problem and its value equals the objective: the assignment is optimal, proven.

    Each round's prices also give a valid bound over all pairs (``MatchResult.upper_bound``),
    so if ``max_rounds`` or ``time_limit`` stops the loop first, the reported gap is still a
    proven one. ``time_limit`` (seconds since the call) is checked between rounds: no new solve
    starts once the last round's length would take the run past it (at least one solve runs).
    """
    if alternatives < 0:
        raise ValueError("alternatives must be >= 0")
    if pair_limit < 1:
        raise ValueError("pair_limit must be >= 1")
    if max_rounds < 1:
        raise ValueError("max_rounds must be >= 1")
    if time_limit is not None and not time_limit > 0:
        raise ValueError("time_limit must be > 0 seconds")
    timings: dict[str, float] = {}
    clock = started = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(timings.get(name, 0.0) + now - clock, 3)
        clock = now

    n, m = len(seekers), len(openings)
    capacity = openings.positions
    blocks = _Blocks(seekers, openings)
    counts = blocks.counts()
    total = int(counts.sum())
    generate = total > pair_limit
    lap("plan")

    def exact(pool: tuple[np.ndarray, ...]) -> tuple[Int32Array, IntArray, IntArray]:
        s_, o_, sk_, wg_ = pool
        w_ = seekers.priority[s_] * (weights.base + sk_ + wg_)
        a_ = max_weight_assignment(s_, o_, w_, capacity, n)
        lap("solve")
        v_ = dual_prices(s_, o_, w_, a_, m)
        lap("prices")
        return a_, v_, w_

    def priced(v_: IntArray) -> int:
        return int((capacity * v_).sum())

    rounds = 1
    if not generate:
        first = _scan(blocks, weights, keep=None)
        lap("pairs")
        pool = _canonical(blocks, weights, [first.pairs])
        lap("order")
        assignment, prices, weight = exact(pool)
        u = dual_bound_terms(pool[0], pool[1], weight, prices, n)
        upper = priced(prices) + int(u.sum())
        best_weight = np.where(
            first.best_fit >= 0, seekers.priority * (weights.base + first.best_fit), 0
        )
        upper = min(upper, seeker_bound(best_weight, int(capacity[first.reachable].sum())))
    else:
        pricer = _Pricer(blocks, weights)
        lap("plan")
        prices = np.zeros(m, dtype=np.int64)
        u = np.zeros(n, dtype=np.int64)
        best, add_s, add_o = pricer.price(u, prices, add=_FIRST_ADD, salt=0, spread=_SPREAD)
        upper = int(np.maximum(best, 0).sum())  # prices 0: every seeker at its best weight
        lap("price")
        parts = [(add_s, add_o)]
        # Each seeker's best pairs alone would send everybody to the same best-paid openings;
        # a sample spread over each seeker's openings by wage gives the first solve prices
        # that already tell where competition is (far fewer rounds).
        for c in blocks.sample(weights, _FIRST_SAMPLE) if _FIRST_SAMPLE else ():
            parts.append((c.seeker, c.opening))
        s_all = np.concatenate([p[0] for p in parts])
        o_all = np.concatenate([p[1] for p in parts])
        key = np.unique(s_all.astype(np.int64) * m + o_all)
        parts = [((key // m).astype(np.int32), (key % m).astype(np.int32))]
        lap("pairs")
        rounds = 0
        round_start = time.perf_counter()
        while True:
            s_all = np.concatenate([p[0] for p in parts])
            o_all = np.concatenate([p[1] for p in parts])
            parts = [(s_all, o_all)]
            sk, wg = _points(blocks, weights, s_all, o_all)
            pool = (s_all, o_all, sk, wg)
            assignment, prices, weight = exact(pool)
            rounds += 1
            u = dual_bound_terms(s_all, o_all, weight, prices, n)
            now = time.perf_counter()
            last = rounds >= max_rounds or (
                time_limit is not None and now + (now - round_start) - started > time_limit
            )
            round_start = now
            best, add_s, add_o = pricer.price(
                u, prices, add=0 if last else _ROUND_ADD, salt=rounds, spread=_SPREAD
            )
            upper = min(upper, priced(prices) + int(np.maximum(best, 0).sum()))
            lap("price")
            # Late rounds: few seekers violate, often by a unit, and the assignment is already
            # optimal for the pool plus their pairs. Then new prices, computed for the same
            # assignment over the enlarged pool, show it (complementary slackness holds) and
            # pricing runs again without a solve; only when they do not is the pool re-solved.
            repaired, failed = 0, False
            while (
                not last
                and rounds > 1
                and len(add_s)
                and repaired < _REPAIRS
                and len(np.unique(add_s)) * _REPAIR_SHARE <= n
            ):
                key = np.unique(add_s.astype(np.int64) * m + add_o)
                s_new, o_new = (key // m).astype(np.int32), (key % m).astype(np.int32)
                sk_new, wg_new = _points(blocks, weights, s_new, o_new)
                s_all, o_all = np.concatenate((s_all, s_new)), np.concatenate((o_all, o_new))
                sk, wg = np.concatenate((sk, sk_new)), np.concatenate((wg, wg_new))
                pool = (s_all, o_all, sk, wg)
                weight = seekers.priority[s_all] * (weights.base + sk + wg)
                add_s, add_o = add_s[:0], add_o[:0]
                trial = dual_prices(s_all, o_all, weight, assignment, m, max_rounds=_REPAIR_STEPS)
                if not _complementary(s_all, o_all, weight, assignment, trial, capacity):
                    failed = True
                    break
                repaired += 1
                prices = trial
                u = dual_bound_terms(s_all, o_all, weight, prices, n)
                best, add_s, add_o = pricer.price(
                    u, prices, add=_ROUND_ADD, salt=rounds * 1009 + repaired, spread=_SPREAD
                )
                upper = min(upper, priced(prices) + int(np.maximum(best, 0).sum()))
                lap("repair")
            parts = [(s_all, o_all)]
            if last or (len(add_s) == 0 and not failed):
                break
            if rounds == 1:
                # Column deletion, once: most of the first pool (the spread sample) lies far
                # below its seeker's price and only slows every later solve down. Keep each
                # seeker's placement and its best few pairs by reduced profit; pricing brings
                # back any dropped pair that becomes profitable again. Only once: deleting in
                # every round let pairs leave and return forever (measured: no convergence in
                # 100 rounds on 10,000 x 2,000), while one deletion keeps the loop finite.
                reduced = weight - u[s_all] - prices[o_all]
                order = np.lexsort((-reduced, s_all))
                ss = s_all[order]
                rank = np.arange(len(ss)) - np.searchsorted(ss, ss, side="left")
                held = assignment[s_all] == o_all
                keep = np.zeros(len(s_all), dtype=bool)
                keep[order[rank < _KEEP]] = True
                keep |= held
                parts = [(s_all[keep], o_all[keep])]
            # New pairs have positive reduced profit, so none is in the pool already (every
            # pool pair has w - u - v <= 0); only the spread picks can repeat among themselves.
            key = np.unique(add_s.astype(np.int64) * m + add_o)
            parts.append(((key // m).astype(np.int32), (key % m).astype(np.int32)))
        del pricer
        pool_sets: list[tuple[np.ndarray, ...]] = [pool]
        if alternatives:
            # Alternatives are each seeker's next-best openings by fit over *all* its pairs:
            # one streaming pass keeps each seeker's top (K + 1) by fit.
            pool_sets.append(_scan(blocks, weights, keep=alternatives + 1, summary=False).pairs)
            lap("pairs")
        pool = _canonical(blocks, weights, pool_sets)
        lap("order")

    seeker, opening, skill, wage = pool
    fit = skill + wage
    weight = seekers.priority[seeker] * (weights.base + fit)
    chosen = assignment[seeker] == opening
    objective = int(weight[chosen].sum())
    # The bound can only be below the objective through a bug: never report a gap unproven.
    if upper < objective:
        raise AssertionError(f"dual bound {upper} below objective {objective}")

    g_assign = greedy(seeker, opening, weight, capacity, n)
    g_sel = g_assign[seeker] == opening
    lap("greedy")

    status = np.where(
        assignment >= 0, PLACED, np.where(counts > 0, OUTCOMPETED, NO_ELIGIBLE_OPENING)
    ).astype(np.int8)

    # Proposals: the placement as rank 0, then the next-best eligible openings by fit.
    rank = np.arange(len(seeker)) - np.searchsorted(seeker, seeker, side="left")
    chosen_rank = np.full(n, -1, dtype=np.int64)
    chosen_rank[seeker[chosen]] = rank[chosen]
    cr = chosen_rank[seeker]
    out_rank = np.where(chosen, 0, np.where(rank < cr, rank + 1, rank))
    sel = np.flatnonzero((cr >= 0) & (out_rank <= alternatives))
    sel = sel[np.lexsort((out_rank[sel], seeker[sel]))]
    proposals = Proposals(
        seeker=seeker[sel],
        opening=opening[sel],
        fit=fit[sel],
        skill_points=skill[sel],
        wage_points=wage[sel],
        priority=seekers.priority[seeker[sel]],
        rank=out_rank[sel].astype(np.int32),
    )
    lap("proposals")

    return MatchResult(
        seekers=n,
        openings=m,
        positions=int(capacity.sum()),
        eligible_pairs=total,
        solver_pairs=int(len(parts[0][0])) if generate else len(seeker),
        column_generation=generate,
        rounds=rounds,
        assignment=assignment,
        status=status,
        placed=int(chosen.sum()),
        objective=objective,
        greedy_placed=int(g_sel.sum()),
        greedy_objective=int(weight[g_sel].sum()),
        upper_bound=upper,
        proposals=proposals,
        timings=timings,
    )

"""CSV in, CSV + JSON summary out, around the matching engine.

Only the contract's columns are read; anything else in the files (sex, ethnicity, notes...) is
dropped at the reader and never reaches the engine. ``township_code`` and ``employer`` are
required by the contract but are not matching inputs either. Errors name file, row, column and value;
rows are numbered like a spreadsheet: the header is row 1, the first record row 2.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from xiezuo.tabular.safe import safe_row

from .engine import (
    DEFAULT_MAX_ROUNDS,
    DEFAULT_PAIR_LIMIT,
    DEFAULT_WEIGHTS,
    MatchResult,
    OpeningTable,
    SeekerTable,
    Weights,
    solve,
)

SEEKER_COLUMNS = (
    "seeker_id",
    "township_code",
    "age",
    "skills",
    "certificates",
    "min_wage",
    "regions",
    "priority",
)
OPENING_COLUMNS = (
    "opening_id",
    "employer",
    "region_code",
    "positions",
    "skills",
    "certificates",
    "min_age",
    "max_age",
    "wage",
)
PROPOSAL_COLUMNS = ("seeker_id", "opening_id", "fit", "priority", "skill_points", "wage_points")
SUMMARY_KEYS = (
    "seekers",
    "openings",
    "positions",
    "eligible_pairs",
    "placed",
    "objective",
    "greedy_placed",
    "greedy_objective",
    "upper_bound",
    "gap",
    "proven_optimal",
    "rounds",
    "seconds",
)

_BATCH = 65_536  # rows converted at a time, so 1M-row files never hold all raw strings


class MatchingInputError(ValueError):
    """Bad input file; ``row`` follows the spreadsheet convention (header = row 1)."""

    def __init__(
        self,
        path: str | Path,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        self.path, self.row, self.column, self.value = str(path), row, column, value
        where = Path(path).name
        if row is not None:
            where += f" row {row}"
        if column is not None:
            where += f", column {column!r}"
        if value is not None:
            where += f", value {value!r}"
        super().__init__(f"{where}: {message}")


def split_tags(text: str) -> tuple[str, ...]:
    """``"电工;焊工"`` -> ``("焊工", "电工")``; full-width ``；`` is accepted too."""
    return tuple(sorted({t.strip() for t in text.replace("；", ";").split(";") if t.strip()}))


def _read_columns(
    path: Path, required: tuple[str, ...]
) -> Iterator[tuple[list[int], list[list[str]]]]:
    """Yield (row numbers, columns) batches holding only the `required` columns."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            raise MatchingInputError(path, f"empty file, expected columns {', '.join(required)}")
        header = [h.strip() for h in header]
        missing = [c for c in required if c not in header]
        if missing:
            raise MatchingInputError(
                path, f"missing required column(s): {', '.join(missing)}", column=missing[0]
            )
        where = [header.index(c) for c in required]
        width = len(header)
        rows: list[int] = []
        columns: list[list[str]] = [[] for _ in required]
        for row_no, row in enumerate(reader, start=2):
            if len(row) != width:
                if not any(cell.strip() for cell in row):
                    continue  # blank lines (spreadsheet exports end with some)
                raise MatchingInputError(
                    path, f"has {len(row)} fields, the header has {width}", row=row_no
                )
            rows.append(row_no)
            for col, i in zip(columns, where, strict=True):
                col.append(row[i])
            if len(rows) == _BATCH:
                yield rows, columns
                rows, columns = [], [[] for _ in required]
        if rows:
            yield rows, columns


def _ints(path: Path, name: str, rows: list[int], values: list[str]) -> np.ndarray:
    try:
        return np.array([int(v) for v in values], dtype=np.int64)
    except (ValueError, OverflowError):
        for row, v in zip(rows, values, strict=True):
            try:
                ok = -(2**63) <= int(v) < 2**63
                problem = "integer out of range"
            except ValueError:
                ok, problem = False, "not an integer"
            if not ok:
                raise MatchingInputError(path, problem, row=row, column=name, value=v) from None
        raise


def _check(
    path: Path, name: str, arr: np.ndarray, bad: np.ndarray, message: str, rows: list[int]
) -> None:
    if bad.any():
        i = int(np.argmax(bad))
        raise MatchingInputError(path, message, row=rows[i], column=name, value=str(arr[i]))


def _codes(path: Path, name: str, rows: list[int], values: list[str], *, allow_empty: bool) -> None:
    for row, v in zip(rows, values, strict=True):
        parts = split_tags(v) if allow_empty else (v.strip(),)
        if not allow_empty and not parts[0]:
            raise MatchingInputError(path, "empty area code", row=row, column=name, value=v)
        if not all(p.isascii() and p.isdigit() for p in parts):
            raise MatchingInputError(
                path, "area codes must be digits", row=row, column=name, value=v
            )


def _ids(path: Path, name: str, rows: list[int], values: list[str], seen: dict[str, int]) -> None:
    for row, v in zip(rows, values, strict=True):
        key = v.strip()
        if not key:
            raise MatchingInputError(path, "empty id", row=row, column=name, value=v)
        if key in seen:
            raise MatchingInputError(
                path, f"duplicate id (first at row {seen[key]})", row=row, column=name, value=v
            )
        seen[key] = row


def _cached(parse: Callable[[str], tuple[str, ...]]) -> Callable[[str], tuple[str, ...]]:
    cache: dict[str, tuple[str, ...]] = {}

    def get(text: str) -> tuple[str, ...]:
        hit = cache.get(text)
        if hit is None:
            hit = cache[text] = parse(text)
        return hit

    return get


def read_openings(path: str | Path) -> OpeningTable:
    path = Path(path)
    seen: dict[str, int] = {}
    tags = _cached(split_tags)
    ids: list[str] = []
    region: list[str] = []
    skills: list[tuple[str, ...]] = []
    certs: list[tuple[str, ...]] = []
    nums: dict[str, list[np.ndarray]] = {k: [] for k in ("positions", "min_age", "max_age", "wage")}
    for rows, cols in _read_columns(path, OPENING_COLUMNS):
        c = dict(zip(OPENING_COLUMNS, cols, strict=True))
        _ids(path, "opening_id", rows, c["opening_id"], seen)
        _codes(path, "region_code", rows, c["region_code"], allow_empty=False)
        batch = {k: _ints(path, k, rows, c[k]) for k in nums}
        for k in ("positions", "min_age", "wage"):
            _check(path, k, batch[k], batch[k] < 0, "must be >= 0", rows)
        _check(
            path,
            "max_age",
            batch["max_age"],
            batch["max_age"] < batch["min_age"],
            "must be >= min_age",
            rows,
        )
        for k in nums:
            nums[k].append(batch[k])
        ids += [v.strip() for v in c["opening_id"]]
        region += [v.strip() for v in c["region_code"]]
        skills += map(tags, c["skills"])
        certs += map(tags, c["certificates"])
    n = {k: np.concatenate(v) if v else np.zeros(0, np.int64) for k, v in nums.items()}
    return OpeningTable.build(
        ids, region, n["positions"], skills, certs, n["min_age"], n["max_age"], n["wage"]
    )


def read_seekers(path: str | Path, openings: OpeningTable) -> SeekerTable:
    """Read seekers; tags are interpreted against the openings' vocabulary."""
    path = Path(path)
    seen: dict[str, int] = {}
    tags = _cached(split_tags)
    ids: list[str] = []
    skills: list[tuple[str, ...]] = []
    certs: list[tuple[str, ...]] = []
    regions: list[tuple[str, ...]] = []
    nums: dict[str, list[np.ndarray]] = {k: [] for k in ("age", "min_wage", "priority")}
    for rows, cols in _read_columns(path, SEEKER_COLUMNS):
        c = dict(zip(SEEKER_COLUMNS, cols, strict=True))
        _ids(path, "seeker_id", rows, c["seeker_id"], seen)
        _codes(path, "regions", rows, c["regions"], allow_empty=True)
        batch = {k: _ints(path, k, rows, c[k]) for k in nums}
        _check(path, "age", batch["age"], batch["age"] < 0, "must be >= 0", rows)
        _check(path, "min_wage", batch["min_wage"], batch["min_wage"] < 0, "must be >= 0", rows)
        _check(path, "priority", batch["priority"], batch["priority"] < 1, "must be >= 1", rows)
        for k in nums:
            nums[k].append(batch[k])
        ids += [v.strip() for v in c["seeker_id"]]
        skills += map(tags, c["skills"])
        certs += map(tags, c["certificates"])
        regions += map(tags, c["regions"])
    n = {k: np.concatenate(v) if v else np.zeros(0, np.int64) for k, v in nums.items()}
    return SeekerTable.build(
        ids, n["age"], skills, certs, n["min_wage"], regions, n["priority"], openings=openings
    )


def write_proposals(
    path: str | Path,
    result: MatchResult,
    seekers: SeekerTable,
    openings: OpeningTable,
    *,
    with_rank: bool = False,
) -> int:
    """Write proposals.csv; the ``rank`` column only when alternatives were asked for."""
    p = result.proposals
    header = list(PROPOSAL_COLUMNS) + (["rank"] if with_rank else [])
    s_ids, o_ids = seekers.ids, openings.ids
    columns = [
        [s_ids[i] for i in p.seeker.tolist()],
        [o_ids[j] for j in p.opening.tolist()],
        p.fit.tolist(),
        p.priority.tolist(),
        p.skill_points.tolist(),
        p.wage_points.tolist(),
    ]
    if with_rank:
        columns.append(p.rank.tolist())
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        # Ids come from the input files: none may reach a spreadsheet as a formula.
        writer.writerows(safe_row(r) for r in zip(*columns, strict=True))
    return len(p.seeker)


def summary(result: MatchResult, seconds: float) -> dict[str, int | float | bool]:
    return {
        "seekers": result.seekers,
        "openings": result.openings,
        "positions": result.positions,
        "eligible_pairs": result.eligible_pairs,
        "placed": result.placed,
        "objective": result.objective,
        "greedy_placed": result.greedy_placed,
        "greedy_objective": result.greedy_objective,
        "upper_bound": result.upper_bound,
        "gap": result.gap,
        "proven_optimal": result.proven_optimal,
        "rounds": result.rounds,
        "seconds": round(seconds, 3),
    }


def match_files(
    seekers_path: str | Path,
    openings_path: str | Path,
    out_path: str | Path,
    *,
    alternatives: int = 0,
    weights: Weights = DEFAULT_WEIGHTS,
    pair_limit: int = DEFAULT_PAIR_LIMIT,
    max_rounds: int = DEFAULT_MAX_ROUNDS,
    time_limit: float | None = None,
) -> tuple[dict[str, int | float | bool], MatchResult, SeekerTable]:
    """Like ``run_files`` but also returns the result (per-seeker status) and the seekers."""
    start = time.perf_counter()
    openings = read_openings(openings_path)  # first: openings define the tag vocabulary
    seekers = read_seekers(seekers_path, openings)
    result = solve(
        seekers,
        openings,
        weights=weights,
        pair_limit=pair_limit,
        alternatives=alternatives,
        max_rounds=max_rounds,
        time_limit=_left(time_limit, start),
    )
    write_proposals(out_path, result, seekers, openings, with_rank=alternatives > 0)
    return summary(result, time.perf_counter() - start), result, seekers


def _left(time_limit: float | None, start: float) -> float | None:
    """What remains of ``time_limit`` after reading the files (a little, at least)."""
    if time_limit is None:
        return None
    return max(time_limit - (time.perf_counter() - start), 1e-3)


def run_files(
    seekers_path: str | Path,
    openings_path: str | Path,
    out_path: str | Path,
    *,
    alternatives: int = 0,
    weights: Weights = DEFAULT_WEIGHTS,
    pair_limit: int = DEFAULT_PAIR_LIMIT,
    max_rounds: int = DEFAULT_MAX_ROUNDS,
    time_limit: float | None = None,
) -> dict[str, int | float | bool]:
    """Read both CSVs, match, write proposals.csv; return the JSON summary (SUMMARY_KEYS).

    Above ``pair_limit`` eligible pairs the engine uses column generation (see
    ``engine.solve``); ``max_rounds`` caps its solves and ``time_limit`` (seconds, reading the
    files included) its time, and the summary's ``gap`` is then the proven distance to the
    optimum (0 and ``proven_optimal`` when it converged).
    """
    return match_files(
        seekers_path,
        openings_path,
        out_path,
        alternatives=alternatives,
        weights=weights,
        pair_limit=pair_limit,
        max_rounds=max_rounds,
        time_limit=time_limit,
    )[0]

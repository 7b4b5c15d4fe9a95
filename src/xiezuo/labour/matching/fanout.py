"""Matching across partnerships on Dask distributed: one independent problem per county pair.

Labour markets are per partnership (a county pair's seekers are matched to its openings), so
a national run is a few hundred problems that share nothing. Each becomes one Dask task on a
``dask.distributed`` cluster: a ``LocalCluster`` on this machine by default, or the running
cluster whose scheduler ``XIEZUO_DASK_SCHEDULER`` names (``tcp://host:8786``).

A partnership on disk is a directory holding ``seekers.csv`` and ``openings.csv`` (the names
``generate.write_instance`` writes, the contract of ``files.py``); its proposals go to
``proposals.csv`` beside them, or into ``out_dir/<name>/``. The client reads the files and ships
their bytes, and the worker returns the proposals' bytes: workers of a remote cluster need no
shared disk. A task is ``files.run_files`` on a private temporary directory, so a pair matched
here is matched exactly as ``xiezuo match --seekers --openings`` matches it alone (tested).
``time_limit`` is each task's own (seconds from the start of its ``run_files`` on the worker,
reading the files included), as for one pair of files: a partnership stopped by it reports the
gap its last prices prove.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .engine import DEFAULT_MAX_ROUNDS, DEFAULT_PAIR_LIMIT, DEFAULT_WEIGHTS, Weights
from .files import MatchingInputError, run_files

SEEKERS_FILE, OPENINGS_FILE, PROPOSALS_FILE = "seekers.csv", "openings.csv", "proposals.csv"
SCHEDULER_ENV = "XIEZUO_DASK_SCHEDULER"


@dataclass(frozen=True)
class Partnership:
    """One independent matching problem: a name and its three files."""

    name: str
    seekers: Path
    openings: Path
    out: Path


def partnerships_in(root: str | Path, out_dir: str | Path | None = None) -> list[Partnership]:
    """The partnerships under ``root``: itself if it holds both files, and every subdirectory
    (any depth, sorted by path) that does. Names are the paths relative to ``root``."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: not a directory")
    found: list[Partnership] = []
    for seekers in sorted(root.rglob(SEEKERS_FILE)):
        folder = seekers.parent
        if not (folder / OPENINGS_FILE).is_file():
            continue
        rel = folder.relative_to(root).as_posix()
        name = root.resolve().name if rel == "." else rel
        out = (Path(out_dir) / name if out_dir else folder) / PROPOSALS_FILE
        found.append(Partnership(name, seekers, folder / OPENINGS_FILE, out))
    return found


def match_bytes(
    name: str,
    seekers_csv: bytes,
    openings_csv: bytes,
    options: dict[str, Any],
) -> dict[str, Any]:
    """Runs on a worker: one partnership, files in and out as bytes.

    Returns ``{"name", "summary", "proposals"}`` or, for a refused input file,
    ``{"name", "error"}`` (the message names file, row, column and value like ``run_files``).
    """
    with tempfile.TemporaryDirectory(prefix="xiezuo-match-") as tmp:
        folder = Path(tmp)
        (folder / SEEKERS_FILE).write_bytes(seekers_csv)
        (folder / OPENINGS_FILE).write_bytes(openings_csv)
        out = folder / PROPOSALS_FILE
        try:
            summary = run_files(folder / SEEKERS_FILE, folder / OPENINGS_FILE, out, **options)
        except MatchingInputError as exc:
            return {"name": name, "error": str(exc)}
        return {"name": name, "summary": summary, "proposals": out.read_bytes()}


def _options(
    alternatives: int,
    weights: Weights,
    pair_limit: int,
    max_rounds: int,
    time_limit: float | None,
) -> dict[str, Any]:
    if time_limit is not None and not time_limit > 0:
        raise ValueError("time_limit must be > 0 seconds")
    return {
        "alternatives": alternatives,
        "weights": weights,
        "pair_limit": pair_limit,
        "max_rounds": max_rounds,
        "time_limit": time_limit,
    }


def match_alone(
    partnerships: Sequence[Partnership],
    *,
    alternatives: int = 0,
    weights: Weights = DEFAULT_WEIGHTS,
    pair_limit: int = DEFAULT_PAIR_LIMIT,
    max_rounds: int = DEFAULT_MAX_ROUNDS,
    time_limit: float | None = None,
) -> list[dict[str, Any]]:
    """The same work one after the other in this process (the baseline; no Dask)."""
    options = _options(alternatives, weights, pair_limit, max_rounds, time_limit)
    results = [
        match_bytes(p.name, p.seekers.read_bytes(), p.openings.read_bytes(), options)
        for p in partnerships
    ]
    return _write(partnerships, results)


def match_many(
    partnerships: Sequence[Partnership],
    *,
    alternatives: int = 0,
    weights: Weights = DEFAULT_WEIGHTS,
    pair_limit: int = DEFAULT_PAIR_LIMIT,
    max_rounds: int = DEFAULT_MAX_ROUNDS,
    time_limit: float | None = None,
    scheduler: str | None = None,
    n_workers: int | None = None,
    processes: bool = True,
    client: Any = None,
) -> list[dict[str, Any]]:
    """Match every partnership as its own Dask task; write each proposals.csv; return, in the
    order given, ``{"name", "summary"}`` or ``{"name", "error"}`` per partnership.
    ``time_limit`` (seconds) applies to each partnership's task on its own.

    The cluster: ``client`` if given (tests), else the scheduler ``scheduler`` or
    ``$XIEZUO_DASK_SCHEDULER`` names, else a LocalCluster of ``n_workers`` (default: the CPU
    count) single-threaded worker processes. One thread per worker: the engine holds the GIL
    for much of its numpy and Python work, so processes, not threads, give parallelism.
    """
    import dask
    from dask.distributed import Client, LocalCluster  # lazy: heavy, and only needed here

    if not partnerships:
        return []
    names = [p.name for p in partnerships]
    if len(set(names)) != len(names):
        raise ValueError("partnership names must be unique")
    options = _options(alternatives, weights, pair_limit, max_rounds, time_limit)
    address = scheduler or os.environ.get(SCHEDULER_ENV) or None
    cluster = None
    own = client is None
    if own:
        if address:
            client = Client(address)
        else:
            # The workers' statistical profiler wakes a thread every 10 ms that takes the GIL
            # from the task; on a busy machine that convoy cost more than the profile is worth.
            dask.config.set({"distributed.worker.profile.enabled": False})
            cluster = LocalCluster(
                n_workers=n_workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=processes,
                dashboard_address=None,
            )
            client = Client(cluster)
    try:
        # Biggest first, so a large pair does not start last and hold up the end of the run.
        order = sorted(
            range(len(partnerships)),
            key=lambda i: -(partnerships[i].seekers.stat().st_size),
        )
        futures = {
            i: client.submit(
                match_bytes,
                partnerships[i].name,
                partnerships[i].seekers.read_bytes(),
                partnerships[i].openings.read_bytes(),
                options,
                key=f"xiezuo-match-{i}-{time.time_ns()}",
                pure=False,
            )
            for i in order
        }
        results = [futures[i].result() for i in range(len(partnerships))]
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    return _write(partnerships, results)


def _write(
    partnerships: Sequence[Partnership], results: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for p, r in zip(partnerships, results, strict=True):
        if "error" in r:
            out.append({"name": p.name, "error": r["error"]})
            continue
        p.out.parent.mkdir(parents=True, exist_ok=True)
        p.out.write_bytes(r["proposals"])
        out.append({"name": p.name, "summary": r["summary"]})
    return out

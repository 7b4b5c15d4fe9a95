"""The matching is feasible and optimal: checked against an independent exact solver.

The reference is scipy's sparse assignment solver (LAPJVsp), not a flow: one column per
position, plus one "unplaced" column per seeker so that leaving someone out is allowed.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from xiezuo.labour.matching import (
    DEFAULT_WEIGHTS,
    NO_ELIGIBLE_OPENING,
    OUTCOMPETED,
    PLACED,
    MatchResult,
    OpeningTable,
    Pairs,
    SeekerTable,
    Weights,
    eligible_pairs,
    greedy,
    max_weight_assignment,
    read_openings,
    read_seekers,
    solve,
)
from xiezuo.labour.matching.generate import write_instance


def reference_optimum(
    seeker: np.ndarray, opening: np.ndarray, weight: np.ndarray, capacity: np.ndarray, n: int
) -> int:
    """Maximum total weight of a b-matching, by min-weight full bipartite matching."""
    if n == 0:
        return 0
    capacity = np.asarray(capacity, dtype=np.int64)
    col_start = np.cumsum(capacity) - capacity
    positions = int(capacity.sum())
    big = int(weight.max(initial=0)) + 1  # all entries positive: scipy drops explicit zeros
    reps = capacity[opening]
    rows = np.repeat(seeker, reps)
    cols = np.repeat(col_start[opening], reps) + (
        np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
    )
    data = np.repeat(big - weight, reps)
    rows = np.concatenate((rows, np.arange(n)))
    cols = np.concatenate((cols, positions + np.arange(n)))
    data = np.concatenate((data, np.full(n, big)))
    matrix = sp.csr_array((data, (rows, cols)), shape=(n, positions + n))
    r, c = min_weight_full_bipartite_matching(matrix)
    assert len(r) == n
    return n * big - int(matrix[r, c].sum())


def pair_weights(
    pairs: Pairs, seekers: SeekerTable, weights: Weights = DEFAULT_WEIGHTS
) -> np.ndarray:
    return seekers.priority[pairs.seeker] * (weights.base + pairs.fit)


def check_feasible(
    result: MatchResult,
    seekers: SeekerTable,
    openings: OpeningTable,
    pairs: Pairs,
    weights: Weights = DEFAULT_WEIGHTS,
) -> None:
    a = result.assignment
    placed = np.flatnonzero(a >= 0)
    # Capacities respected; one placement per seeker is implied by one opening per seeker.
    filled = np.bincount(a[placed], minlength=len(openings))
    assert (filled <= openings.positions).all()
    # Every placement is an eligible pair, and the objective is its weight sum.
    weight_of = dict(
        zip(
            zip(pairs.seeker.tolist(), pairs.opening.tolist(), strict=True),
            pair_weights(pairs, seekers, weights).tolist(),
            strict=True,
        )
    )
    total = 0
    for s in placed.tolist():
        assert (s, int(a[s])) in weight_of
        total += weight_of[(s, int(a[s]))]
    assert total == result.objective
    assert result.placed == len(placed)
    # Statuses: placed / outcompeted (had a pair) / no eligible opening.
    has_pair = np.zeros(len(seekers), dtype=bool)
    has_pair[pairs.seeker] = True
    expected = np.where(a >= 0, PLACED, np.where(has_pair, OUTCOMPETED, NO_ELIGIBLE_OPENING))
    assert (result.status == expected).all()
    assert (seekers.age[placed] >= 16).all()
    # The proposals file content: one rank-0 row per placed seeker, matching the assignment.
    p = result.proposals
    chosen = p.rank == 0
    assert sorted(p.seeker[chosen].tolist()) == placed.tolist()
    assert (a[p.seeker[chosen]] == p.opening[chosen]).all()
    assert (p.fit == p.skill_points + p.wage_points).all()


def generated(tmp_path, n: int, m: int, seed: int) -> tuple[SeekerTable, OpeningTable]:
    s_path, o_path = write_instance(tmp_path / f"i{n}_{m}_{seed}", n, m, seed)
    openings = read_openings(o_path)
    return read_seekers(s_path, openings), openings


@pytest.mark.parametrize(
    ("n", "m", "seed"),
    [(40, 10, 1), (300, 60, 2), (1000, 200, 3), (2000, 500, 4), (5000, 1000, 5)],
)
def test_optimal_on_generated_instances(tmp_path, n: int, m: int, seed: int) -> None:
    seekers, openings = generated(tmp_path, n, m, seed)
    pairs = eligible_pairs(seekers, openings)
    result = solve(seekers, openings)
    assert not result.column_generation and result.rounds == 1
    assert result.eligible_pairs == result.solver_pairs == len(pairs.seeker)
    check_feasible(result, seekers, openings, pairs)
    best = reference_optimum(
        pairs.seeker, pairs.opening, pair_weights(pairs, seekers), openings.positions, n
    )
    assert result.objective == best
    # Solved whole: the LP dual bound closes on the objective (a certificate of optimality).
    assert result.upper_bound == result.objective and result.proven_optimal
    assert result.greedy_objective <= result.objective
    assert 0 < result.placed <= openings.positions.sum()


def test_generated_instance_is_realistic(tmp_path) -> None:
    seekers, openings = generated(tmp_path, 3000, 600, 7)
    result = solve(seekers, openings)
    density = result.eligible_pairs / (3000 * 600)
    assert 0.01 < density < 0.10  # "a few percent" of openings per seeker
    assert (seekers.age < 16).any() and (seekers.age > 60).any()
    assert result.status.tolist().count(NO_ELIGIBLE_OPENING) > 0
    assert result.status.tolist().count(OUTCOMPETED) > 0


def test_solution_is_deterministic(tmp_path) -> None:
    seekers, openings = generated(tmp_path, 800, 150, 11)
    a, b = solve(seekers, openings, alternatives=2), solve(seekers, openings, alternatives=2)
    assert (a.assignment == b.assignment).all()
    assert all((x == y).all() for x, y in zip(a.proposals, b.proposals, strict=True))


# --------------------------------------------------------------------------- column generation
# A pair limit below the instance's pairs switches the engine to column generation; on these
# sizes the whole problem is also solved exactly, so both answers can be compared.

CG_CASES = [
    # (seekers, openings, seed, dense generator)
    (60, 12, 1, False),
    (400, 80, 2, False),
    (1500, 300, 3, False),
    (3000, 600, 4, False),
    (200, 40, 5, True),
    (1000, 200, 6, True),
    (2500, 500, 7, True),
]


def generated_dense(tmp_path, n: int, m: int, seed: int) -> tuple[SeekerTable, OpeningTable]:
    s_path, o_path = write_instance(tmp_path / f"d{n}_{m}_{seed}", n, m, seed, dense=True)
    openings = read_openings(o_path)
    return read_seekers(s_path, openings), openings


@pytest.mark.parametrize(("n", "m", "seed", "dense"), CG_CASES)
def test_column_generation_reaches_the_exact_optimum(tmp_path, n, m, seed, dense) -> None:
    seekers, openings = (generated_dense if dense else generated)(tmp_path, n, m, seed)
    pairs = eligible_pairs(seekers, openings)
    exact = solve(seekers, openings)
    assert not exact.column_generation and exact.proven_optimal
    result = solve(seekers, openings, pair_limit=max(1, len(pairs.seeker) // 10), alternatives=1)
    assert result.column_generation
    assert result.eligible_pairs == len(pairs.seeker)
    check_feasible(result, seekers, openings, pairs)
    assert result.objective == exact.objective
    assert result.gap == 0 and result.proven_optimal and result.upper_bound == exact.objective
    assert result.greedy_objective <= result.objective
    # Statuses agree with the exact run (who has a pair at all does not depend on the solver).
    assert ((result.status == NO_ELIGIBLE_OPENING) == (exact.status == NO_ELIGIBLE_OPENING)).all()
    # Alternatives are each seeker's best other opening by fit, over all its pairs.
    best_other: dict[int, int] = {}
    for s, o, f in zip(
        pairs.seeker.tolist(), pairs.opening.tolist(), pairs.fit.tolist(), strict=True
    ):
        if result.assignment[s] != o and s not in best_other:
            best_other[s] = f  # pairs come fit-descending per seeker
    p = result.proposals
    for s, f, r in zip(p.seeker.tolist(), p.fit.tolist(), p.rank.tolist(), strict=True):
        if r == 1:
            assert f == best_other[s]


def test_dense_instance_density(tmp_path) -> None:
    seekers, openings = generated_dense(tmp_path, 3000, 600, 1)
    density = len(eligible_pairs(seekers, openings).seeker) / (3000 * 600)
    assert 0.2 < density < 0.4  # "a quarter of all pairs eligible", issue 15


@pytest.mark.parametrize("rounds", [1, 2, 3])
def test_column_generation_never_reports_an_unproven_gap(tmp_path, rounds: int) -> None:
    """Stopped early, the engine reports the bound of its last prices: never below the optimum,
    and a gap of 0 only when the objective is the optimum."""
    seekers, openings = generated_dense(tmp_path, 1500, 300, 8)
    exact = solve(seekers, openings)
    cut = solve(seekers, openings, pair_limit=1000, max_rounds=rounds)
    assert cut.column_generation and cut.rounds <= rounds
    assert cut.objective <= exact.objective <= cut.upper_bound
    assert cut.gap == cut.upper_bound - cut.objective >= 0
    assert cut.proven_optimal == (cut.gap == 0)
    if cut.gap == 0:
        assert cut.objective == exact.objective
    full = solve(seekers, openings, pair_limit=1000)
    assert full.proven_optimal and full.objective == exact.objective
    assert full.rounds >= cut.rounds


@pytest.mark.parametrize(("n", "m", "seed"), [(600, 120, 11), (1200, 240, 12), (2000, 400, 13)])
def test_every_round_reports_a_gap_no_smaller_than_the_true_gap(tmp_path, n, m, seed) -> None:
    """Whatever round stops the loop, upper bound minus objective is at least the distance from
    the objective to the true optimum (the exact flow's), and 0 only at the optimum."""
    seekers, openings = generated_dense(tmp_path, n, m, seed)
    exact = solve(seekers, openings)
    assert exact.proven_optimal
    full = solve(seekers, openings, pair_limit=500)
    assert full.column_generation and full.proven_optimal and full.objective == exact.objective
    for rounds in range(1, full.rounds + 1):
        cut = solve(seekers, openings, pair_limit=500, max_rounds=rounds)
        assert cut.rounds == rounds
        assert cut.gap >= exact.objective - cut.objective >= 0
        assert cut.upper_bound >= exact.objective
        assert cut.proven_optimal == (cut.gap == 0)
        if cut.proven_optimal:
            assert cut.objective == exact.objective


def test_time_limit_stops_after_one_solve_with_a_proven_gap(tmp_path) -> None:
    seekers, openings = generated_dense(tmp_path, 1500, 300, 8)
    exact = solve(seekers, openings)
    cut = solve(seekers, openings, pair_limit=1000, time_limit=1e-6)
    assert cut.column_generation and cut.rounds == 1
    assert cut.gap >= exact.objective - cut.objective >= 0
    assert cut.proven_optimal == (cut.gap == 0)
    roomy = solve(seekers, openings, pair_limit=1000, time_limit=3600)
    assert roomy.proven_optimal and roomy.objective == exact.objective
    with pytest.raises(ValueError, match="time_limit"):
        solve(seekers, openings, time_limit=0)


def test_column_generation_is_deterministic(tmp_path) -> None:
    seekers, openings = generated_dense(tmp_path, 800, 160, 9)
    a = solve(seekers, openings, pair_limit=100, alternatives=2)
    b = solve(seekers, openings, pair_limit=100, alternatives=2)
    assert (a.assignment == b.assignment).all() and a.rounds == b.rounds
    assert all((x == y).all() for x, y in zip(a.proposals, b.proposals, strict=True))


def test_exact_size_instance_is_solved_to_the_optimum() -> None:
    """The largest test instance (its time is measured by bench/bench_match.py, not here)."""
    rng = np.random.default_rng(0)
    n, m, per = 5000, 1000, 50
    seeker = np.repeat(np.arange(n), per).astype(np.int32)
    opening = rng.integers(0, m, n * per).astype(np.int32)
    keep = np.unique(seeker.astype(np.int64) * m + opening, return_index=True)[1]
    seeker, opening = seeker[keep], opening[keep]
    weight = rng.integers(100, 601, len(seeker))
    capacity = rng.integers(1, 4, m)
    assignment = max_weight_assignment(seeker, opening, weight, capacity, n)
    got = int(weight[assignment[seeker] == opening].sum())
    assert got == reference_optimum(seeker, opening, weight, capacity, n)


# --------------------------------------------------------------------------- property


@st.composite
def weighted_graphs(draw):
    n = draw(st.integers(0, 9))
    m = draw(st.integers(1, 6))
    capacity = np.array(draw(st.lists(st.integers(0, 3), min_size=m, max_size=m)))
    cells = draw(
        st.sets(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, m - 1)), max_size=n * m)
    )
    cells = sorted(cells) if n else []
    weight = np.array(
        draw(st.lists(st.integers(1, 700), min_size=len(cells), max_size=len(cells))),
        dtype=np.int64,
    )
    seeker = np.array([c[0] for c in cells], dtype=np.int32)
    opening = np.array([c[1] for c in cells], dtype=np.int32)
    return seeker, opening, weight, capacity, n


@settings(max_examples=200, deadline=None)
@given(weighted_graphs())
def test_flow_matches_reference_on_random_graphs(graph) -> None:
    seeker, opening, weight, capacity, n = graph
    assignment = max_weight_assignment(seeker, opening, weight, capacity, n)
    chosen = assignment[seeker] == opening if len(seeker) else np.zeros(0, dtype=bool)
    assert (np.bincount(assignment[assignment >= 0], minlength=len(capacity)) <= capacity).all()
    assert chosen.sum() == (assignment >= 0).sum()  # every placement is an arc
    best = reference_optimum(seeker, opening, weight, capacity, n)
    assert int(weight[chosen].sum()) == best
    g = greedy(seeker, opening, weight, capacity, n)
    g_chosen = g[seeker] == opening if len(seeker) else np.zeros(0, dtype=bool)
    assert (np.bincount(g[g >= 0], minlength=len(capacity)) <= capacity).all()
    assert int(weight[g_chosen].sum()) <= best
    # Greedy is at least half the optimum (a classical guarantee for weighted b-matching).
    assert 2 * int(weight[g_chosen].sum()) >= best


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.integers(3, 40), st.integers(1, 12))
def test_engine_matches_reference_on_small_generated_instances(tmp_path_factory, seed, n, m):
    seekers, openings = generated(tmp_path_factory.mktemp("h"), n, m, seed)
    pairs = eligible_pairs(seekers, openings)
    result = solve(seekers, openings)
    check_feasible(result, seekers, openings, pairs)
    assert result.objective == reference_optimum(
        pairs.seeker, pairs.opening, pair_weights(pairs, seekers), openings.positions, n
    )
    assert result.upper_bound == result.objective
    generated_cg = solve(seekers, openings, pair_limit=1)
    assert generated_cg.objective == result.objective and generated_cg.proven_optimal

"""Eligibility rules and the fit formula, one rule per table row; no database."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xiezuo.labour.matching import (
    DEFAULT_WEIGHTS,
    NO_ELIGIBLE_OPENING,
    OUTCOMPETED,
    PLACED,
    Opening,
    Seeker,
    Weights,
    build_tables,
    eligible_pairs,
    fit_points,
    is_eligible,
    solve,
)

BASE_SEEKER = Seeker(
    seeker_id="S1",
    age=30,
    skills=("电工",),
    certificates=("电工证", "健康证"),
    min_wage=4000,
    regions=("3501",),
    priority=1,
)
BASE_OPENING = Opening(
    opening_id="J1",
    region_code="350104001000",
    positions=1,
    skills=("电工",),
    certificates=("电工证",),
    min_age=18,
    max_age=50,
    wage=6000,
)


def vectorised(seeker: Seeker, opening: Opening, weights: Weights = DEFAULT_WEIGHTS) -> list[tuple]:
    """(fit, skill_points, wage_points) for the pair if the engine finds it eligible."""
    seekers, openings = build_tables([seeker], [opening])
    pairs = eligible_pairs(seekers, openings, weights)
    return [
        (int(f), int(s), int(w))
        for f, s, w in zip(pairs.fit, pairs.skill_points, pairs.wage_points, strict=True)
    ]


# Each row changes one thing in the base pair and says whether the pair stays eligible.
ELIGIBILITY = [
    ("base pair", {}, {}, True),
    ("missing the one required certificate", {"certificates": ("健康证",)}, {}, False),
    ("holds every one of several required", {}, {"certificates": ("电工证", "健康证")}, True),
    (
        "misses one of several required",
        {"certificates": ("电工证",)},
        {"certificates": ("电工证", "焊工证")},
        False,
    ),
    ("nothing required, holds nothing", {"certificates": ()}, {"certificates": ()}, True),
    ("age exactly 16, opening from 16", {"age": 16}, {"min_age": 16}, True),
    ("age 15, opening from 14: under 16 never", {"age": 15}, {"min_age": 14}, False),
    ("age 0, opening from 0", {"age": 0}, {"min_age": 0}, False),
    ("age == min_age", {"age": 18}, {}, True),
    ("age == min_age - 1", {"age": 17}, {}, False),
    ("age == max_age", {"age": 50}, {}, True),
    ("age == max_age + 1", {"age": 51}, {}, False),
    ("over 60 but within the range", {"age": 63}, {"max_age": 65}, True),
    ("wage == min_wage", {"min_wage": 6000}, {}, True),
    ("wage == min_wage - 1", {"min_wage": 6001}, {}, False),
    ("min_wage 0", {"min_wage": 0}, {"wage": 0}, True),
    ("prefix matches", {"regions": ("3501",)}, {}, True),
    ("district prefix matches", {"regions": ("350104",)}, {}, True),
    ("full code as prefix", {"regions": ("350104001000",)}, {}, True),
    ("prefix does not match", {"regions": ("3502",)}, {}, False),
    ("prefix longer than the code", {"regions": ("3501040010001",)}, {}, False),
    ("prefix is a suffix, not a prefix", {"regions": ("001000",)}, {}, False),
    ("one of several prefixes matches", {"regions": ("6211", "350104")}, {}, True),
    ("none of several prefixes matches", {"regions": ("6211", "4403")}, {}, False),
    ("empty regions accept anywhere", {"regions": ()}, {"region_code": "440306001000"}, True),
    ("skills never decide eligibility", {"skills": ()}, {"skills": ("焊工",)}, True),
    ("an opening with no positions left", {}, {"positions": 0}, False),
]


@pytest.mark.parametrize(
    ("seeker_change", "opening_change", "eligible"),
    [row[1:] for row in ELIGIBILITY],
    ids=[row[0] for row in ELIGIBILITY],
)
def test_eligibility_rule(seeker_change: dict, opening_change: dict, eligible: bool) -> None:
    seeker = dataclasses.replace(BASE_SEEKER, **seeker_change)
    opening = dataclasses.replace(BASE_OPENING, **opening_change)
    assert is_eligible(seeker, opening) is eligible
    assert bool(vectorised(seeker, opening)) is eligible


# (seeker skills, required skills, min_wage, wage) -> (skill_points, wage_points)
FIT = [
    ("nothing required: full skill points", (), (), 4000, 4000, 70, 0),
    ("all required skills held", ("电工", "焊工"), ("电工", "焊工"), 4000, 4000, 70, 0),
    ("one of two held", ("电工",), ("电工", "焊工"), 4000, 4000, 35, 0),
    (
        "two of three held, rounded down",
        ("电工", "焊工"),
        ("电工", "焊工", "装配"),
        4000,
        4000,
        46,
        0,
    ),
    ("none of one held", ("厨师",), ("电工",), 4000, 4000, 0, 0),
    ("extra skills do not count", ("电工", "厨师", "保洁"), ("电工",), 4000, 4000, 70, 0),
    ("wage == min_wage", ("电工",), ("电工",), 4000, 4000, 70, 0),
    ("wage 1.5 x min_wage", ("电工",), ("电工",), 4000, 6000, 70, 15),
    ("wage 2 x min_wage: capped", ("电工",), ("电工",), 3000, 6000, 70, 30),
    ("wage 3 x min_wage: still capped", ("电工",), ("电工",), 2000, 6000, 70, 30),
    ("small raise rounds down", ("电工",), ("电工",), 4000, 4999, 70, 7),
    ("min_wage 0: full wage points", ("电工",), ("电工",), 0, 2500, 70, 30),
    ("min_wage 0 and wage 0", ("电工",), ("电工",), 0, 0, 70, 30),
]


@pytest.mark.parametrize(
    ("skills", "required", "min_wage", "wage", "skill_points", "wage_points"),
    [row[1:] for row in FIT],
    ids=[row[0] for row in FIT],
)
def test_fit_formula(
    skills: tuple, required: tuple, min_wage: int, wage: int, skill_points: int, wage_points: int
) -> None:
    seeker = dataclasses.replace(BASE_SEEKER, skills=skills, min_wage=min_wage)
    opening = dataclasses.replace(BASE_OPENING, skills=required, wage=wage)
    assert fit_points(seeker, opening) == (skill_points, wage_points)
    assert vectorised(seeker, opening) == [(skill_points + wage_points, skill_points, wage_points)]


def test_weights_are_parameters() -> None:
    assert Weights() == Weights(skill=70, wage=30, base=100)
    with pytest.raises(dataclasses.FrozenInstanceError):
        Weights().skill = 1  # type: ignore[misc]
    with pytest.raises(ValueError):
        Weights(skill=-1)
    weights = Weights(skill=50, wage=10, base=7)
    seeker = dataclasses.replace(BASE_SEEKER, skills=("电工",), min_wage=4000)
    opening = dataclasses.replace(BASE_OPENING, skills=("电工", "焊工"), wage=6000)
    assert fit_points(seeker, opening, weights) == (25, 5)
    assert vectorised(seeker, opening, weights) == [(30, 25, 5)]
    s, o = build_tables([seeker], [opening])
    result = solve(s, o, weights=weights)
    assert result.objective == seeker.priority * (7 + 30)


def test_tags_are_sets_and_unknown_tags_do_not_matter() -> None:
    seeker = dataclasses.replace(
        BASE_SEEKER, skills=(" 电工 ", "电工", "火箭", ""), certificates=("电工证", "潜水证")
    )
    assert vectorised(seeker, BASE_OPENING) == [(70 + 15, 70, 15)]


def test_a_seeker_under_16_is_never_placed() -> None:
    child = dataclasses.replace(BASE_SEEKER, seeker_id="child", age=15, priority=3)
    adult = dataclasses.replace(BASE_SEEKER, seeker_id="adult", age=16)
    lax = dataclasses.replace(BASE_OPENING, min_age=0, positions=5)
    seekers, openings = build_tables([child, adult], [lax])
    result = solve(seekers, openings)
    assert result.assignment.tolist() == [-1, 0]
    assert result.statuses() == ["no_eligible_opening", "placed"]


def test_unplaced_seekers_are_told_apart() -> None:
    # Two seekers want the single position; a third is eligible for nothing.
    strong = dataclasses.replace(BASE_SEEKER, seeker_id="strong", priority=2)
    weak = dataclasses.replace(BASE_SEEKER, seeker_id="weak", priority=1)
    nowhere = dataclasses.replace(BASE_SEEKER, seeker_id="nowhere", regions=("4403",))
    seekers, openings = build_tables([weak, strong, nowhere], [BASE_OPENING])
    result = solve(seekers, openings)
    assert result.status.tolist() == [OUTCOMPETED, PLACED, NO_ELIGIBLE_OPENING]
    assert [result.status_of(i) for i in range(3)] == [
        "outcompeted",
        "placed",
        "no_eligible_opening",
    ]


def test_objective_is_not_traded_for_head_count() -> None:
    """Placing more people can lower the objective; the engine must not do it.

    A (priority 3) fits X perfectly (600) and Y poorly (300); B (priority 1) can only take X
    (100). Two placements give 400, one gives 600: a max-flow-first solver would pick 400.
    """
    a = Seeker("A", 30, skills=("电工",), min_wage=3000, regions=(), priority=3)
    b = Seeker("B", 30, skills=(), min_wage=6000, regions=(), priority=1)
    x = Opening("X", "350104001000", 1, skills=("电工",), min_age=18, max_age=60, wage=6000)
    y = Opening("Y", "350104001000", 1, skills=("焊工",), min_age=18, max_age=60, wage=3000)
    assert fit_points(a, x) == (70, 30) and fit_points(a, y) == (0, 0)
    assert fit_points(b, x) == (0, 0)
    seekers, openings = build_tables([a, b], [x, y])
    result = solve(seekers, openings)
    assert result.objective == 600
    assert result.assignment.tolist() == [0, -1]
    assert result.statuses() == ["placed", "outcompeted"]


# --------------------------------------------------------------------------- property

TAGS = ["电工", "焊工", "厨师", "保洁"]
CERTS = ["电工证", "健康证", "驾驶证"]
CODES = ["350104001000", "350104002000", "350102001000", "621124100000", "440306001000"]
PREFIXES = ["35", "3501", "350104", "350104001000", "621124", "6211", "4403", "9"]

seekers_st = st.builds(
    Seeker,
    seeker_id=st.just(""),
    age=st.integers(10, 70),
    skills=st.lists(st.sampled_from(TAGS), max_size=3).map(tuple),
    certificates=st.lists(st.sampled_from(CERTS), max_size=3).map(tuple),
    min_wage=st.sampled_from([0, 1000, 2500, 3000, 4000, 4001, 6000]),
    regions=st.lists(st.sampled_from(PREFIXES), max_size=3).map(tuple),
    priority=st.integers(1, 3),
)
openings_st = st.builds(
    Opening,
    opening_id=st.just(""),
    region_code=st.sampled_from(CODES),
    positions=st.integers(0, 3),
    skills=st.lists(st.sampled_from(TAGS), max_size=3).map(tuple),
    certificates=st.lists(st.sampled_from(CERTS), max_size=2).map(tuple),
    min_age=st.integers(10, 40),
    max_age=st.integers(15, 70),
    wage=st.sampled_from([0, 2500, 3000, 4000, 4001, 5000, 6000, 8000]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(seekers_st, max_size=12), st.lists(openings_st, max_size=8))
def test_vectorised_pairs_equal_the_readable_rules(
    seekers: list[Seeker], openings: list[Opening]
) -> None:
    expected = set()
    for i, s in enumerate(seekers):
        for j, o in enumerate(openings):
            if is_eligible(s, o):
                sk, wg = fit_points(s, o)
                expected.add((i, j, sk + wg, sk, wg))
    s_table, o_table = build_tables(seekers, openings)
    pairs = eligible_pairs(s_table, o_table)
    got = set(zip(*(a.tolist() for a in pairs), strict=True))
    assert got == expected
    assert len(pairs.seeker) == len(expected)  # no duplicates
    # Canonical order: seeker ascending, then fit descending.
    same = np.diff(pairs.seeker) == 0
    assert (np.diff(pairs.seeker) >= 0).all()
    assert (np.diff(pairs.fit)[same] <= 0).all()

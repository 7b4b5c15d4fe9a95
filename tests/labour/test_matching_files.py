"""CSV in, proposals.csv + JSON summary out: the file contract of the matching engine."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from xiezuo.labour.matching import (
    OPENING_COLUMNS,
    PROPOSAL_COLUMNS,
    SEEKER_COLUMNS,
    SUMMARY_KEYS,
    MatchingInputError,
    Opening,
    Seeker,
    fit_points,
    is_eligible,
    match_files,
    read_openings,
    read_seekers,
    run_files,
)
from xiezuo.labour.matching.generate import opening_rows, seeker_rows, write_instance

SRC = Path(__file__).resolve().parents[2] / "src"


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def tags(text: str) -> tuple[str, ...]:
    return tuple(t for t in text.split(";") if t)


def records(seekers_csv: Path, openings_csv: Path) -> tuple[dict[str, Seeker], dict[str, Opening]]:
    """The raw files as plain records, parsed independently of the engine's reader."""
    _, s_rows = read_csv(seekers_csv)
    _, o_rows = read_csv(openings_csv)
    seekers = {
        r["seeker_id"]: Seeker(
            r["seeker_id"],
            int(r["age"]),
            tags(r["skills"]),
            tags(r["certificates"]),
            int(r["min_wage"]),
            tags(r["regions"]),
            int(r["priority"]),
        )
        for r in s_rows
    }
    openings = {
        r["opening_id"]: Opening(
            r["opening_id"],
            r["region_code"],
            int(r["positions"]),
            tags(r["skills"]),
            tags(r["certificates"]),
            int(r["min_age"]),
            int(r["max_age"]),
            int(r["wage"]),
        )
        for r in o_rows
    }
    return seekers, openings


@pytest.fixture
def instance(tmp_path: Path) -> tuple[Path, Path]:
    return write_instance(tmp_path / "in", 600, 120, seed=3)


def test_round_trip(tmp_path: Path, instance: tuple[Path, Path]) -> None:
    s_path, o_path = instance
    out = tmp_path / "proposals.csv"
    summary = run_files(s_path, o_path, out)
    header, rows = read_csv(out)
    assert header == list(PROPOSAL_COLUMNS)  # exactly the six columns, no rank
    seekers, openings = records(s_path, o_path)
    assert len(rows) == summary["placed"] > 0
    assert len({r["seeker_id"] for r in rows}) == len(rows)  # each seeker at most once
    filled: dict[str, int] = {}
    objective = 0
    for r in rows:
        s, o = seekers[r["seeker_id"]], openings[r["opening_id"]]
        assert is_eligible(s, o)
        skill, wage = fit_points(s, o)
        assert (int(r["skill_points"]), int(r["wage_points"])) == (skill, wage)
        assert int(r["fit"]) == skill + wage
        assert int(r["priority"]) == s.priority
        filled[o.opening_id] = filled.get(o.opening_id, 0) + 1
        objective += s.priority * (100 + skill + wage)
    assert all(filled[j] <= openings[j].positions for j in filled)
    assert objective == summary["objective"]
    assert summary["seekers"] == len(seekers) and summary["openings"] == len(openings)
    assert summary["positions"] == sum(o.positions for o in openings.values())
    assert summary["eligible_pairs"] == sum(
        is_eligible(s, o) for s in seekers.values() for o in openings.values()
    )


def test_summary_has_exactly_the_contract_keys(tmp_path: Path, instance) -> None:
    summary = run_files(*instance, tmp_path / "p.csv")
    assert list(summary) == list(SUMMARY_KEYS)
    assert set(summary) == {
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
    }
    assert json.loads(json.dumps(summary)) == summary
    assert all(isinstance(summary[k], int) for k in SUMMARY_KEYS if k != "seconds")
    assert isinstance(summary["seconds"], float) and summary["seconds"] >= 0
    assert summary["greedy_objective"] <= summary["objective"] <= summary["upper_bound"]
    assert summary["gap"] == summary["upper_bound"] - summary["objective"] == 0
    assert summary["proven_optimal"] is True and summary["rounds"] == 1


def test_alternatives_add_a_rank_column(tmp_path: Path, instance) -> None:
    s_path, o_path = instance
    plain = run_files(s_path, o_path, tmp_path / "plain.csv")
    summary = run_files(s_path, o_path, tmp_path / "alt.csv", alternatives=2)
    assert summary["objective"] == plain["objective"]
    header, rows = read_csv(tmp_path / "alt.csv")
    assert header == [*PROPOSAL_COLUMNS, "rank"]
    _, plain_rows = read_csv(tmp_path / "plain.csv")
    chosen = [{k: r[k] for k in PROPOSAL_COLUMNS} for r in rows if r["rank"] == "0"]
    assert chosen == plain_rows  # rank 0 is the placement, same as without alternatives
    seekers, openings = records(s_path, o_path)
    by_seeker: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_seeker.setdefault(r["seeker_id"], []).append(r)
    assert len(by_seeker) == summary["placed"]
    for sid, group in by_seeker.items():
        assert [int(r["rank"]) for r in group] == list(range(len(group)))
        assert len(group) <= 3
        s = seekers[sid]
        others = sorted(
            (
                sum(fit_points(s, o))
                for o in openings.values()
                if is_eligible(s, o) and o.opening_id != group[0]["opening_id"]
            ),
            reverse=True,
        )
        assert len(group) - 1 == min(2, len(others))
        # The alternatives are the next-best eligible openings by fit, best first.
        assert [int(r["fit"]) for r in group[1:]] == others[: len(group) - 1]
        assert len({r["opening_id"] for r in group}) == len(group)


def test_sex_and_ethnicity_columns_are_ignored(tmp_path: Path) -> None:
    plain_dir, demo_dir = tmp_path / "plain", tmp_path / "demo"
    write_instance(plain_dir, 400, 80, seed=5)
    s_demo, o_demo = write_instance(demo_dir, 400, 80, seed=5, demographics=True)
    header, _ = read_csv(s_demo)
    assert header[-2:] == ["sex", "ethnicity"]
    a = run_files(plain_dir / "seekers.csv", plain_dir / "openings.csv", tmp_path / "a.csv")
    b = run_files(s_demo, o_demo, tmp_path / "b.csv")
    a.pop("seconds"), b.pop("seconds")
    assert a == b
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()

    # Flip every value in those columns: nothing changes in the result.
    _, rows = read_csv(s_demo)
    flipped = [
        [r[c] for c in SEEKER_COLUMNS]
        + [{"男": "女", "女": "男"}[r["sex"]], "ZZ-ETHNICITY-" + r["ethnicity"]]
        for r in rows
    ]
    write_csv(demo_dir / "flipped.csv", [*SEEKER_COLUMNS, "sex", "ethnicity"], flipped)
    run_files(demo_dir / "flipped.csv", o_demo, tmp_path / "c.csv")
    assert (tmp_path / "c.csv").read_bytes() == (tmp_path / "a.csv").read_bytes()

    # ... and those values never reach the engine's tables.
    openings = read_openings(o_demo)
    seekers = read_seekers(demo_dir / "flipped.csv", openings)
    assert not {"sex", "ethnicity"} & {f for f in vars(seekers)}
    text = repr(vars(seekers)) + repr(vars(openings))
    assert "ZZ-ETHNICITY" not in text and "ethnicity" not in text


def test_extra_columns_in_any_order_are_fine(tmp_path: Path) -> None:
    header = ["note", *reversed(SEEKER_COLUMNS)]
    rows = [["x", *reversed(r)] for r in seeker_rows(50, 1)]
    s_path = write_csv(tmp_path / "s.csv", header, rows)
    o_path = write_csv(
        tmp_path / "o.csv", [*OPENING_COLUMNS, "memo"], [[*r, "m"] for r in opening_rows(10, 1)]
    )
    ref_s = write_csv(tmp_path / "rs.csv", list(SEEKER_COLUMNS), list(seeker_rows(50, 1)))
    ref_o = write_csv(tmp_path / "ro.csv", list(OPENING_COLUMNS), list(opening_rows(10, 1)))
    run_files(s_path, o_path, tmp_path / "a.csv")
    run_files(ref_s, ref_o, tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


GOOD_SEEKER = ["S1", "621124100000", "30", "电工", "电工证", "4000", "3501", "1"]
GOOD_OPENING = ["J1", "E1", "350104001000", "2", "电工", "电工证", "18", "50", "6000"]


def seeker_with(column: str, value: str) -> list[str]:
    row = list(GOOD_SEEKER)
    row[SEEKER_COLUMNS.index(column)] = value
    return row


def opening_with(column: str, value: str) -> list[str]:
    row = list(GOOD_OPENING)
    row[OPENING_COLUMNS.index(column)] = value
    return row


SEEKER_ERRORS = [
    ("age", "abc", "not an integer"),
    ("age", "30.5", "not an integer"),
    ("age", "", "not an integer"),
    ("age", "-1", ">= 0"),
    ("priority", "0", ">= 1"),
    ("priority", "-2", ">= 1"),
    ("priority", "high", "not an integer"),
    ("min_wage", "-100", ">= 0"),
    ("min_wage", "4k", "not an integer"),
    ("regions", "福州", "digits"),
    ("seeker_id", "", "empty id"),
]


@pytest.mark.parametrize(("column", "value", "problem"), SEEKER_ERRORS)
def test_bad_seeker_value_is_named(tmp_path: Path, column: str, value: str, problem: str) -> None:
    o_path = write_csv(tmp_path / "o.csv", list(OPENING_COLUMNS), [GOOD_OPENING])
    rows = [GOOD_SEEKER, seeker_with("seeker_id", "S2"), seeker_with(column, value)]
    rows[2][0] = rows[2][0] if column == "seeker_id" else "S3"
    s_path = write_csv(tmp_path / "s.csv", list(SEEKER_COLUMNS), rows)
    with pytest.raises(MatchingInputError) as err:
        run_files(s_path, o_path, tmp_path / "p.csv")
    e = err.value
    assert (e.row, e.column, e.value) == (4, column, value)  # header is row 1
    assert "row 4" in str(e) and repr(column) in str(e) and repr(value) in str(e)
    assert problem in str(e)


OPENING_ERRORS = [
    ("positions", "two", "not an integer"),
    ("positions", "-1", ">= 0"),
    ("wage", "6000元", "not an integer"),
    ("min_age", "x", "not an integer"),
    ("max_age", "17", ">= min_age"),
    ("region_code", "", "empty area code"),
    ("region_code", "3501-04", "digits"),
]


@pytest.mark.parametrize(("column", "value", "problem"), OPENING_ERRORS)
def test_bad_opening_value_is_named(tmp_path: Path, column: str, value: str, problem: str) -> None:
    rows = [GOOD_OPENING, opening_with(column, value)]
    rows[1][0] = "J2"
    o_path = write_csv(tmp_path / "o.csv", list(OPENING_COLUMNS), rows)
    s_path = write_csv(tmp_path / "s.csv", list(SEEKER_COLUMNS), [GOOD_SEEKER])
    with pytest.raises(MatchingInputError) as err:
        run_files(s_path, o_path, tmp_path / "p.csv")
    e = err.value
    assert (e.row, e.column) == (3, column)
    assert e.value == (value if column != "max_age" else "17")
    assert problem in str(e)


def test_duplicate_id_is_named(tmp_path: Path) -> None:
    o_path = write_csv(tmp_path / "o.csv", list(OPENING_COLUMNS), [GOOD_OPENING])
    s_path = write_csv(tmp_path / "s.csv", list(SEEKER_COLUMNS), [GOOD_SEEKER, GOOD_SEEKER])
    with pytest.raises(MatchingInputError, match=r"row 3, column 'seeker_id'.*duplicate"):
        run_files(s_path, o_path, tmp_path / "p.csv")


@pytest.mark.parametrize("missing", ["age", "priority", "regions", "township_code"])
def test_missing_seeker_column_is_named(tmp_path: Path, missing: str) -> None:
    header = [c for c in SEEKER_COLUMNS if c != missing]
    rows = [[v for c, v in zip(SEEKER_COLUMNS, GOOD_SEEKER, strict=True) if c != missing]]
    s_path = write_csv(tmp_path / "s.csv", header, rows)
    o_path = write_csv(tmp_path / "o.csv", list(OPENING_COLUMNS), [GOOD_OPENING])
    with pytest.raises(MatchingInputError, match=missing) as err:
        run_files(s_path, o_path, tmp_path / "p.csv")
    assert err.value.column == missing


@pytest.mark.parametrize("missing", ["positions", "wage", "region_code", "employer"])
def test_missing_opening_column_is_named(tmp_path: Path, missing: str) -> None:
    header = [c for c in OPENING_COLUMNS if c != missing]
    rows = [[v for c, v in zip(OPENING_COLUMNS, GOOD_OPENING, strict=True) if c != missing]]
    o_path = write_csv(tmp_path / "o.csv", header, rows)
    with pytest.raises(MatchingInputError, match=missing):
        read_openings(o_path)


def test_ragged_row_and_blank_lines(tmp_path: Path) -> None:
    o_path = write_csv(tmp_path / "o.csv", list(OPENING_COLUMNS), [GOOD_OPENING])
    s_path = tmp_path / "s.csv"
    s_path.write_text(
        ",".join(SEEKER_COLUMNS)
        + "\n"
        + ",".join(GOOD_SEEKER)
        + "\n\n"
        + ",".join(seeker_with("seeker_id", "S2"))
        + "\n\n",
        encoding="utf-8",
    )
    summary = run_files(s_path, o_path, tmp_path / "p.csv")
    assert summary["seekers"] == 2 and summary["placed"] == 2
    s_path.write_text(
        ",".join(SEEKER_COLUMNS) + "\n" + ",".join(GOOD_SEEKER) + "\nS2,621124100000,30\n",
        encoding="utf-8",
    )
    with pytest.raises(MatchingInputError, match="row 3.*3 fields"):
        run_files(s_path, o_path, tmp_path / "p.csv")


def test_bom_full_width_separator_and_whitespace(tmp_path: Path) -> None:
    o_path = write_csv(
        tmp_path / "o.csv", list(OPENING_COLUMNS), [opening_with("skills", "电工；焊工")]
    )
    s_path = tmp_path / "s.csv"
    row = seeker_with("skills", " 焊工 ; 电工 ")
    s_path.write_text(
        "\ufeff" + ",".join(SEEKER_COLUMNS) + "\n" + ",".join(row) + "\n", encoding="utf-8"
    )
    summary, result, _ = match_files(s_path, o_path, tmp_path / "p.csv")
    assert summary["placed"] == 1
    assert int(result.proposals.skill_points[0]) == 70


def test_empty_inputs(tmp_path: Path) -> None:
    o_path = write_csv(tmp_path / "o.csv", list(OPENING_COLUMNS), [])
    s_path = write_csv(tmp_path / "s.csv", list(SEEKER_COLUMNS), [])
    summary = run_files(s_path, o_path, tmp_path / "p.csv")
    assert summary["seekers"] == summary["placed"] == summary["objective"] == 0
    assert read_csv(tmp_path / "p.csv") == (list(PROPOSAL_COLUMNS), [])
    (tmp_path / "none.csv").write_text("", encoding="utf-8")
    with pytest.raises(MatchingInputError, match="empty file"):
        read_openings(tmp_path / "none.csv")


def test_statuses_come_back_per_seeker(tmp_path: Path, instance) -> None:
    summary, result, seekers = match_files(*instance, tmp_path / "p.csv")
    statuses = result.statuses()
    assert len(statuses) == len(seekers.ids) == summary["seekers"]
    assert statuses.count("placed") == summary["placed"]
    assert {"no_eligible_opening", "outcompeted"} <= set(statuses)


def test_generator_is_deterministic(tmp_path: Path) -> None:
    a = write_instance(tmp_path / "a", 300, 50, seed=9)
    b = write_instance(tmp_path / "b", 300, 50, seed=9)
    c = write_instance(tmp_path / "c", 300, 50, seed=10)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert a[0].read_bytes() != c[0].read_bytes()
    _, rows = read_csv(a[0])
    assert {r["township_code"][:6] for r in rows} == {"621124"}
    assert len({r["township_code"] for r in rows}) == 18
    _, jobs = read_csv(a[1])
    assert sum(r["region_code"].startswith("3501") for r in jobs) > len(jobs) / 2


def test_module_entry_point(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    gen = subprocess.run(
        [
            sys.executable,
            "-m",
            "xiezuo.labour.matching",
            "generate",
            str(tmp_path),
            "--seekers",
            "200",
            "--openings",
            "40",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    s_path, o_path = gen.stdout.split()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "xiezuo.labour.matching",
            "match",
            s_path,
            o_path,
            str(tmp_path / "p.csv"),
            "--alternatives",
            "1",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert list(json.loads(run.stdout)) == list(SUMMARY_KEYS)
    # A time limit that leaves room for one solve only: a proven gap, never an unproven 0.
    limited = subprocess.run(
        [
            sys.executable,
            "-m",
            "xiezuo.labour.matching",
            "match",
            s_path,
            o_path,
            str(tmp_path / "p.csv"),
            "--pair-limit",
            "10",
            "--time-limit",
            "0.000001",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    cut = json.loads(limited.stdout)
    whole = json.loads(run.stdout)
    assert cut["rounds"] == 1
    assert cut["upper_bound"] >= whole["objective"] >= cut["objective"]
    assert cut["gap"] == cut["upper_bound"] - cut["objective"]
    assert cut["proven_optimal"] == (cut["gap"] == 0)
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "xiezuo.labour.matching",
            "match",
            s_path,
            str(tmp_path / "x"),
            str(tmp_path / "p.csv"),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert bad.returncode == 2 and "error" in bad.stderr

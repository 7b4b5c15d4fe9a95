"""Matching across partnerships on Dask distributed equals matching each partnership alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from xiezuo.labour.matching.fanout import (
    SCHEDULER_ENV,
    Partnership,
    match_alone,
    match_many,
    partnerships_in,
)
from xiezuo.labour.matching.files import run_files
from xiezuo.labour.matching.generate import write_instance

# (name, seekers, openings, seed, dense): different sizes and both generator profiles.
PAIRS = [
    ("dingxi-lintao", 300, 60, 1, False),
    ("dingxi-anding", 120, 30, 2, False),
    ("fuzhou-gulou/longxi", 250, 40, 3, True),
    ("tiny", 5, 2, 4, False),
    ("empty-market", 40, 0, 5, False),
]


def _build(root: Path) -> list[Partnership]:
    for name, n, m, seed, dense in PAIRS:
        write_instance(root / name, n, m, seed, dense=dense)
    return partnerships_in(root)


def _strip(summary: dict) -> dict:
    return {k: v for k, v in summary.items() if k != "seconds"}


def _alone(pair: Partnership, tmp: Path, **options) -> tuple[dict, bytes]:
    out = tmp / "alone" / pair.name / "proposals.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    summary = run_files(pair.seekers, pair.openings, out, **options)
    return _strip(summary), out.read_bytes()


def test_partnerships_are_the_folders_holding_both_files(tmp_path: Path) -> None:
    pairs = _build(tmp_path / "in")
    assert [p.name for p in pairs] == sorted(name for name, *_ in PAIRS)
    (tmp_path / "in" / "half").mkdir()
    (tmp_path / "in" / "half" / "seekers.csv").write_text("seeker_id\n", encoding="utf-8")
    assert len(partnerships_in(tmp_path / "in")) == len(PAIRS)  # no openings.csv: not a pair
    moved = partnerships_in(tmp_path / "in", tmp_path / "out")
    assert moved[0].out == tmp_path / "out" / moved[0].name / "proposals.csv"
    single = partnerships_in(tmp_path / "in" / "tiny")
    assert [(p.name, p.out.parent.name) for p in single] == [("tiny", "tiny")]
    with pytest.raises(FileNotFoundError):
        partnerships_in(tmp_path / "nowhere")


@pytest.mark.parametrize("options", [{}, {"alternatives": 2}, {"pair_limit": 500}])
def test_fanout_equals_each_partnership_alone(
    tmp_path: Path, dask_scheduler: str, monkeypatch, options: dict
) -> None:
    monkeypatch.setenv(SCHEDULER_ENV, dask_scheduler)
    pairs = _build(tmp_path / "in")
    results = match_many(pairs, **options)
    assert [r["name"] for r in results] == [p.name for p in pairs]
    for pair, result in zip(pairs, results, strict=True):
        summary, proposals = _alone(pair, tmp_path, **options)
        assert _strip(result["summary"]) == summary
        assert pair.out.read_bytes() == proposals
        assert result["summary"]["proven_optimal"]
    if "pair_limit" in options:  # the larger pairs went through column generation
        assert any(r["summary"]["rounds"] > 1 for r in results)
    # The serial baseline of the benchmark gives the same answers too.
    again = match_alone(pairs, **options)
    assert [_strip(r["summary"]) for r in again] == [_strip(r["summary"]) for r in results]


def test_fanout_gives_each_task_the_time_limit(
    tmp_path: Path, dask_scheduler: str, monkeypatch, capsys
) -> None:
    # A limit far below one solve stops column generation after its first solve (at least one
    # always runs), which makes the result deterministic: the tasks must see the limit.
    monkeypatch.setenv(SCHEDULER_ENV, dask_scheduler)
    pairs = _build(tmp_path / "in")
    options = {"pair_limit": 500, "time_limit": 1e-3}
    free = match_many(pairs, pair_limit=500)
    results = match_many(pairs, **options)
    generated = [r["summary"]["eligible_pairs"] > 500 for r in results]
    assert any(r["summary"]["rounds"] > 1 for r, g in zip(free, generated, strict=True) if g)
    for pair, result, g in zip(pairs, results, generated, strict=True):
        summary, proposals = _alone(pair, tmp_path, **options)
        assert _strip(result["summary"]) == summary
        assert pair.out.read_bytes() == proposals
        if g:
            assert result["summary"]["rounds"] == 1
            assert result["summary"]["upper_bound"] >= result["summary"]["objective"]
    again = match_alone(pairs, **options)
    assert [_strip(r["summary"]) for r in again] == [_strip(r["summary"]) for r in results]
    with pytest.raises(ValueError):
        match_alone(pairs, time_limit=0)
    # The command passes --time-limit to every partnership of --dir too.
    monkeypatch.setattr(
        "xiezuo.labour.management.commands.match.match_many",
        lambda pairs, **kw: [{"name": p.name, "error": repr(kw["time_limit"])} for p in pairs],
    )
    with pytest.raises(SystemExit):
        call_command("match", "--dir", str(tmp_path / "in"), "--time-limit", "7.5", "--json")
    report = json.loads(capsys.readouterr().out)
    assert {r["error"] for r in report["partnerships"]} == {"7.5"}


def test_a_refused_file_fails_its_partnership_only(
    tmp_path: Path, dask_scheduler: str, monkeypatch
) -> None:
    monkeypatch.setenv(SCHEDULER_ENV, dask_scheduler)
    pairs = _build(tmp_path / "in")
    bad = pairs[0]
    lines = bad.seekers.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[2] = "三十"  # age, not an integer
    lines[1] = ",".join(cells)
    bad.seekers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = match_many(pairs)
    assert "error" in results[0] and "seekers.csv row 2" in results[0]["error"]
    assert not bad.out.exists()
    assert all("summary" in r for r in results[1:])
    assert all(p.out.exists() for p in pairs[1:])


def test_command_matches_a_directory_of_partnerships(
    tmp_path: Path, dask_scheduler: str, monkeypatch, capsys
) -> None:
    monkeypatch.setenv(SCHEDULER_ENV, dask_scheduler)
    pairs = _build(tmp_path / "in")
    call_command("match", "--dir", str(tmp_path / "in"), "--out-dir", str(tmp_path / "out"),
                 "--json")
    report = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in report["partnerships"]] == [p.name for p in pairs]
    for pair, r in zip(pairs, report["partnerships"], strict=True):
        summary, proposals = _alone(pair, tmp_path)
        assert _strip(r["summary"]) == summary
        assert (tmp_path / "out" / pair.name / "proposals.csv").read_bytes() == proposals
    # The same two partnerships as repeated file pairs.
    outs = [tmp_path / "a.csv", tmp_path / "b.csv"]
    args = []
    for pair, out in zip(pairs[:2], outs, strict=True):
        args += ["--seekers", str(pair.seekers), "--openings", str(pair.openings), "--out",
                 str(out)]
    call_command("match", *args)
    text = capsys.readouterr().out
    assert "2 of 2 partnerships matched" in text and "proven optimal" in text
    for pair, out in zip(pairs[:2], outs, strict=True):
        assert out.read_bytes() == _alone(pair, tmp_path)[1]


def test_command_refuses_uneven_file_lists(tmp_path: Path) -> None:
    write_instance(tmp_path / "x", 10, 3, 1)
    with pytest.raises(Exception, match="same number of times"):
        call_command("match", "--seekers", str(tmp_path / "x" / "seekers.csv"), "--seekers",
                     str(tmp_path / "x" / "seekers.csv"), "--openings",
                     str(tmp_path / "x" / "openings.csv"), "--out", str(tmp_path / "p.csv"))
    shutil.rmtree(tmp_path / "x")

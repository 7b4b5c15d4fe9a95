"""`xiezuo match`: the file contract through the command (the engine itself has its own tests)."""

import csv
import json

import pytest
from django.core.management import CommandError, call_command

from xiezuo.labour.matching.files import PROPOSAL_COLUMNS, SUMMARY_KEYS
from xiezuo.labour.matching.generate import write_instance


def test_json_summary_and_proposals(tmp_path, capsys):
    seekers, openings = write_instance(tmp_path, 300, 60, seed=3, demographics=True)
    out = tmp_path / "proposals.csv"
    call_command(
        "match", "--seekers", str(seekers), "--openings", str(openings), "--out", str(out), "--json"
    )
    summary = json.loads(capsys.readouterr().out)
    assert list(summary) == list(SUMMARY_KEYS)
    assert summary["seekers"] == 300 and summary["openings"] == 60
    assert summary["objective"] == summary["upper_bound"]  # optimal, proven by the bound
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == PROPOSAL_COLUMNS and len(rows) - 1 == summary["placed"]


def test_alternatives_add_a_rank_column(tmp_path, capsys):
    seekers, openings = write_instance(tmp_path, 100, 30, seed=4)
    out = tmp_path / "p.csv"
    call_command(
        "match",
        "--seekers",
        str(seekers),
        "--openings",
        str(openings),
        "--out",
        str(out),
        "--alternatives",
        "2",
    )
    assert "seekers placed" in capsys.readouterr().out
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == [*PROPOSAL_COLUMNS, "rank"]


def test_weights_are_settings(tmp_path, capsys, settings):
    seekers, openings = write_instance(tmp_path, 100, 30, seed=5)
    out = tmp_path / "p.csv"
    args = [
        "match",
        "--seekers",
        str(seekers),
        "--openings",
        str(openings),
        "--out",
        str(out),
        "--json",
    ]
    call_command(*args)
    default = json.loads(capsys.readouterr().out)
    settings.XIEZUO_MATCH_WEIGHTS = {"base": 1000}
    call_command(*args)
    heavier = json.loads(capsys.readouterr().out)
    assert heavier["objective"] > default["objective"]


def test_bad_input_exits_2_naming_row_and_column(tmp_path, capsys):
    seekers, openings = write_instance(tmp_path, 10, 5, seed=6)
    lines = seekers.read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(",")
    cells[2] = "abc"  # age
    lines[3] = ",".join(cells)
    seekers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as e:
        call_command(
            "match",
            "--seekers",
            str(seekers),
            "--openings",
            str(openings),
            "--out",
            str(tmp_path / "p.csv"),
        )
    assert e.value.returncode == 2 and "row 4" in str(e.value) and "age" in str(e.value)
    with pytest.raises(SystemExit) as e:
        call_command(
            "match",
            "--seekers",
            str(tmp_path / "missing.csv"),
            "--openings",
            str(openings),
            "--out",
            str(tmp_path / "p.csv"),
            "--json",
        )
    assert e.value.code == 2
    assert "error" in json.loads(capsys.readouterr().out)


def test_ids_that_look_like_formulas_are_quoted_in_proposals_csv(tmp_path):
    """A seeker or opening id from the input files reaches proposals.csv as text a spreadsheet
    will not run (tabular.safe); numbers (fit, points) stay numbers."""
    seekers, openings = write_instance(tmp_path, 40, 10, seed=3)
    evil = {"=": "=1+2*", "+": "+cmd|' /C calc'!A", "-": "-2+3+", "@": "@SUM(1)+"}

    def rewrite(path, column):
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        i = rows[0].index(column)
        for n, row in enumerate(rows[1:]):
            prefix = list(evil.values())[n % len(evil)]
            row[i] = prefix + row[i]
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)

    rewrite(seekers, "seeker_id")
    rewrite(openings, "opening_id")
    out = tmp_path / "proposals.csv"
    call_command("match", "--seekers", str(seekers), "--openings", str(openings), "--out", str(out))
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[1:]
    assert rows
    for row in rows:
        assert row[0].startswith("'") and row[0][1] in evil, row
        assert row[1].startswith("'") and row[1][1] in evil, row
        assert all(not c.startswith("'") for c in row[2:])


def test_time_limit_is_passed_on_and_checked(tmp_path, capsys, monkeypatch):
    from xiezuo.labour.matching import files

    seekers, openings = write_instance(tmp_path, 200, 40, seed=8)
    out = tmp_path / "p.csv"
    args = ["match", "--seekers", str(seekers), "--openings", str(openings), "--out", str(out)]
    seen = {}
    real = files.solve

    def spy(*a, **kw):
        seen.update(kw)
        return real(*a, **kw)

    monkeypatch.setattr(files, "solve", spy)
    call_command(*args, "--json", "--time-limit", "60")
    summary = json.loads(capsys.readouterr().out)
    assert 0 < seen["time_limit"] <= 60
    assert summary["proven_optimal"] and summary["gap"] == 0
    with pytest.raises(CommandError) as e:
        call_command(*args, "--time-limit", "0")
    assert e.value.returncode == 2

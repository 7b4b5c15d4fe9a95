"""The registry tests' roster-file builders as fixtures, each giving the function of its name:
`person`, `household`, `new_id`, `write_xlsx`, `write_csv` (tests/conftest.py defines them and
offers them together as `roster`, which test_kept_files.py and test_backup_restore.py use)."""

import csv
import io

import pytest
from tests_root_conftest import *  # noqa: F403  (the plain names of tests/conftest.py)


@pytest.fixture
def person(roster):
    """person(hh="H001", n=1, *, relation="户主", seed=None, **over) -> one row {header: value}."""
    return roster.person


@pytest.fixture
def household(roster):
    """household(hh, size=3, *, seed0=0, **over) -> the rows of one household."""
    return roster.household


@pytest.fixture
def new_id(roster):
    """new_id(seed, *, born=..., male=True) -> a valid ID number."""
    return roster.new_id


@pytest.fixture
def write_xlsx(roster):
    """write_xlsx(path, rows, *, header=None, above=(), raw=None) -> path."""
    return roster.write_xlsx


@pytest.fixture
def write_csv(roster):
    """write_csv(path, rows, *, header=None, encoding="utf-8") -> path."""
    return roster.write_csv


@pytest.fixture
def _roster_csv(roster):
    """_roster_csv() -> the CSV roster of the page and privacy tests (two defects in it)."""
    def _roster_csv() -> bytes:
        """Two good rows of one household, a wrong check character, a household without a head."""
        rows = roster.household("H001", 2, seed0=101)
        bad = roster.person("H002", 1, seed=201)
        bad["证件号码"] = bad["证件号码"][:17] + ("0" if bad["证件号码"][17] != "0" else "1")
        rows.append(bad)
        rows.append(roster.person("H003", 1, relation="配偶", seed=301))
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(roster.HEADER)
        for r in rows:
            w.writerow([r.get(h, "") for h in roster.HEADER])
        return buf.getvalue().encode("utf-8")
    return _roster_csv

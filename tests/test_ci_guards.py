"""Under CI=true a check that cannot be made fails instead of skipping, and the PostgreSQL-only
tests fail when CI asked for PostgreSQL but the tests are not on it (tests/conftest.py)."""

import pytest


def test_a_check_that_cannot_be_made_skips_on_a_developers_machine(monkeypatch, skip_or_fail_in_ci):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        skip_or_fail_in_ci("pdftotext is not installed")


def test_a_check_that_cannot_be_made_fails_in_ci(monkeypatch, skip_or_fail_in_ci):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="pdftotext is not installed"):
        skip_or_fail_in_ci("pdftotext is not installed")


@pytest.mark.parametrize(("vendor", "database_url", "ci", "outcome"), [
    ("postgresql", "postgres://postgres@127.0.0.1:5432/x", True, "run"),
    ("postgresql", "postgres://postgres@127.0.0.1:5432/x", False, "run"),
    # CI's SQLite run and a developer's machine: skipped.
    ("sqlite", "", True, "skip"),
    ("sqlite", "", False, "skip"),
    ("sqlite", "sqlite:///x.db", True, "skip"),
    # CI asked for PostgreSQL and the tests are not on it: fail, never a silent skip.
    ("sqlite", "postgres://postgres@127.0.0.1:5432/x", True, "fail"),
    ("sqlite", "postgresql://postgres@127.0.0.1:5432/x", True, "fail"),
    ("sqlite", "postgres://postgres@127.0.0.1:5432/x", False, "skip"),
])
def test_postgres_only_tests_run_on_postgresql_and_fail_in_ci_when_it_was_asked_for(
        vendor, database_url, ci, outcome, postgres_only_outcome):
    assert postgres_only_outcome(vendor=vendor, database_url=database_url, ci=ci) == outcome

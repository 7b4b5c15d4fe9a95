"""The funds tests' set-up as fixtures: `build` (an allocation and three projects) and `pay`
(post one disbursement), each giving the function to call. Both are defined in tests/conftest.py
(as `funds_build` and `funds_pay`, test_backup_restore.py uses them too)."""

import pytest
from tests_root_conftest import *  # noqa: F403  (the plain names of tests/conftest.py)


@pytest.fixture
def build(funds_build):
    """build(areas, users, *, allocation=...) -> {officer, county, allocation, p1, p2, p3}."""
    return funds_build


@pytest.fixture
def pay(funds_pay):
    """pay(project, amount, *, actor, voucher=..., day=...) -> the posted Disbursement."""
    return funds_pay

"""The expert-request lifecycle (talent.status), table-driven, without a database."""

import datetime

import pytest

from xiezuo.talent.status import is_overdue, next_status, transition_error

D = datetime.date
TODAY = D(2019, 6, 30)


@pytest.mark.parametrize(("current", "nxt"), [
    ("filed", "accepted"), ("accepted", "assigned"), ("assigned", "on_site"),
    ("on_site", "done"), ("done", "evaluated"), ("evaluated", None)])
def test_next_status_is_one_step(current, nxt):
    assert next_status(current) == nxt


@pytest.mark.parametrize(("current", "target", "on", "last", "experts", "outcome", "ok"), [
    ("filed", "accepted", D(2019, 3, 2), D(2019, 3, 1), 0, "", True),
    ("filed", "assigned", D(2019, 3, 2), D(2019, 3, 1), 1, "", False),  # skips 受理
    ("accepted", "filed", D(2019, 3, 2), D(2019, 3, 1), 0, "", False),  # backwards
    ("filed", "accepted", D(2019, 2, 28), D(2019, 3, 1), 0, "", False),  # before the last step
    ("filed", "accepted", D(2019, 7, 1), D(2019, 3, 1), 0, "", False),  # in the future
    ("accepted", "assigned", D(2019, 3, 5), D(2019, 3, 2), 0, "", False),  # no expert yet
    ("accepted", "assigned", D(2019, 3, 5), D(2019, 3, 2), 2, "", True),
    ("assigned", "on_site", D(2019, 3, 5), D(2019, 3, 5), 2, "", True),  # same day is fine
    ("on_site", "done", D(2019, 5, 5), D(2019, 3, 5), 2, "", False),  # no outcome
    ("on_site", "done", D(2019, 5, 5), D(2019, 3, 5), 2, "解决了烘干工艺", True),
    ("done", "evaluated", D(2019, 6, 1), D(2019, 5, 5), 2, "x", True),
    ("evaluated", "done", D(2019, 6, 2), D(2019, 6, 1), 2, "x", False),  # the end
    ("filed", "nonsense", D(2019, 3, 2), D(2019, 3, 1), 0, "", False),
])
def test_transition_rules(current, target, on, last, experts, outcome, ok):
    reason = transition_error(current, target, on=on, last=last, today=TODAY, experts=experts,
                              outcome=outcome)
    assert (reason is None) == ok, reason


@pytest.mark.parametrize(("status", "due", "overdue"), [
    ("filed", D(2019, 6, 29), True),
    ("on_site", D(2019, 6, 29), True),
    ("filed", D(2019, 6, 30), False),  # due today: not yet
    ("filed", None, False),
    ("done", D(2019, 1, 1), False),
    ("evaluated", D(2019, 1, 1), False),
])
def test_overdue(status, due, overdue):
    assert is_overdue(status, due, TODAY) is overdue

"""Pure rules of ch.8 over plain data, tested without a database (tests/mechanisms/test_rules.py).

- `members_on`: who was in a group on a date (a member is in from `start` to `end`, both days
  included; no end: still in);
- `venue_warnings`: the plan wants the yearly joint meetings held on each side in turn; a joint
  meeting held on the same side as the joint meeting before it gets a warning;
- `is_overdue`: a decision still owed after its due date.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from xiezuo.mechanisms.choices import OPEN_DECISION, POST_ORDER, MeetingKind


def in_post_on(start: datetime.date, end: datetime.date | None, day: datetime.date) -> bool:
    return start <= day and (end is None or day <= end)


def members_on(members: Iterable[Any], day: datetime.date) -> list[Any]:
    """The members (anything with .start, .end, .post, .person_name) in the group on `day`,
    by post (组长 first) and then by name."""
    return sorted((m for m in members if in_post_on(m.start, m.end, day)),
                  key=lambda m: (POST_ORDER.get(m.post, 99), m.person_name))


def overlaps_year(start: datetime.date, end: datetime.date | None, year: int) -> bool:
    """True when someone from `start` to `end` was in post on some day of `year`."""
    return start <= datetime.date(year, 12, 31) and (end is None or end >= datetime.date(year, 1, 1))


@dataclass(frozen=True)
class VenueWarning:
    meeting: Any  # the meeting's key (its id)
    previous: Any  # the key of the joint meeting before it, held on the same side
    side: str


def venue_warnings(meetings: Sequence[tuple[Any, datetime.date, str, str]]
                   ) -> dict[Any, VenueWarning]:
    """{key: warning} for each joint meeting held on the same side as the joint meeting before it.

    `meetings` are (key, date, kind, venue_side); only joint meetings (联席会议) alternate (a
    mutual visit goes wherever it goes); their order is by date, then key.
    """
    joint = sorted((m for m in meetings if m[2] == MeetingKind.JOINT), key=lambda m: (m[1], m[0]))
    out = {}
    for before, this in zip(joint, joint[1:], strict=False):
        if this[3] == before[3]:
            out[this[0]] = VenueWarning(meeting=this[0], previous=before[0], side=this[3])
    return out


def is_overdue(status: str, due: datetime.date | None, today: datetime.date) -> bool:
    return due is not None and status in OPEN_DECISION and due < today

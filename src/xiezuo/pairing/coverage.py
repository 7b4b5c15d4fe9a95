"""Which townships and deep-poverty villages are paired in a year: plain functions over dates.

The rule (one for both kinds of pairing): a pairing counts in year Y when it was in force on at
least one day of Y, i.e. it started on or before 31 December of Y and had not ended before
1 January of Y. A pairing that ended in an earlier year does not count; one that starts during
Y counts for Y; one that ends during Y still counts for Y (and not for Y+1). A pairing with no
end date is in force from its start onwards.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """One pairing as coverage sees it: the member it covers (an area code) and its dates."""

    member: str
    started_on: datetime.date
    ended_on: datetime.date | None = None


def in_force(started_on: datetime.date, ended_on: datetime.date | None, year: int) -> bool:
    """Was a pairing with these dates in force on at least one day of `year`?"""
    if started_on.year > year:
        return False
    return ended_on is None or ended_on.year >= year


def covered(spans: Iterable[Span], year: int) -> set[str]:
    """The members paired in `year` by at least one of `spans`."""
    return {s.member for s in spans if in_force(s.started_on, s.ended_on, year)}


@dataclass(frozen=True)
class Member:
    code: str
    name: str
    paired: bool
    pairings: tuple[int, ...] = ()  # the ids of the pairings in force that year


def coverage_table(members: Sequence[tuple[str, str]],
                   spans: Iterable[tuple[int, Span]], year: int) -> list[Member]:
    """Every member (code, name) in order, paired or not in `year`, with the pairings that pair
    it. `spans` are (pairing id, Span); spans of codes outside `members` are ignored."""
    by_member: dict[str, list[int]] = {}
    for pk, s in spans:
        if in_force(s.started_on, s.ended_on, year):
            by_member.setdefault(s.member, []).append(pk)
    return [Member(code, name, code in by_member, tuple(sorted(by_member.get(code, ()))))
            for code, name in members]

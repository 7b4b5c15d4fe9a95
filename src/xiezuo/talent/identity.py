"""Is this trainee someone we already know? The person-identity rule, as plain functions.

A trainee is one person across classes and years, so "20 cadres trained a year" counts people
and "人次" counts attendances (plan box 4). The rule, in order:

1. the same ID number (its keyed hash) → the same person;
2. two different ID numbers → never the same person, whatever the names say;
3. otherwise (at least one side without an ID number) the same name, unit and birth date →
   the same person (the one without the number gets it);
4. doubtful, for a clerk to decide on the merge page (a new person is recorded meanwhile):
   the same name and birth date at another unit (people change jobs), or the same name and
   unit where a birth date is missing on either side;
5. anything else → a new person.

Names and units are compared folded (spaces and full-width forms removed, case ignored).
"""

import datetime
import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

SAME = "same"
NEW = "new"
DOUBTFUL = "doubtful"

#: why a pair is doubtful (choices.MergeReason values)
UNIT_DIFFERS = "unit_differs"
NO_BIRTH_DATE = "no_birth_date"


@functools.lru_cache(maxsize=65536)  # a roster compares each name and unit many times
def fold(text: str | None) -> str:
    """A name or unit as compared: NFKC, no whitespace, lower case."""
    t = unicodedata.normalize("NFKC", text or "")
    return "".join(t.split()).lower()


@dataclass(frozen=True)
class Key:
    """What the rule reads of a person: `ref` is whatever identifies them to the caller."""

    ref: object
    name: str
    unit: str = ""
    birth_date: datetime.date | None = None
    id_hash: str = ""

    @property
    def name_key(self) -> str:
        return fold(self.name)

    @property
    def unit_key(self) -> str:
        return fold(self.unit)


@dataclass(frozen=True)
class Identity:
    kind: str  # SAME, NEW or DOUBTFUL
    match: object = None  # SAME: the ref of the known person
    #: DOUBTFUL: (ref, reason) for each known person it may be
    doubts: tuple = field(default_factory=tuple)


def compare(new: Key, known: Key) -> str | None:
    """SAME, a doubt reason (UNIT_DIFFERS, NO_BIRTH_DATE), or None (different people)."""
    if new.id_hash and known.id_hash:
        return SAME if new.id_hash == known.id_hash else None
    if new.name_key != known.name_key or not new.name_key:
        return None
    same_unit = new.unit_key == known.unit_key
    if new.birth_date is not None and known.birth_date is not None:
        if new.birth_date != known.birth_date:
            return None
        return SAME if same_unit else UNIT_DIFFERS
    return NO_BIRTH_DATE if same_unit else None


def identify(new: Key, known: Iterable[Key]) -> Identity:
    """Who `new` is among `known` (the candidates: at least those sharing its ID hash or name)."""
    same, doubts = [], []
    for k in known:
        verdict = compare(new, k)
        if verdict == SAME:
            if new.id_hash and k.id_hash == new.id_hash:
                return Identity(SAME, match=k.ref)  # an ID number settles it
            same.append(k)
        elif verdict is not None:
            doubts.append((k.ref, verdict))
    if len(same) == 1:
        return Identity(SAME, match=same[0].ref)
    if len(same) > 1:  # two known people fit equally: a clerk decides
        doubts = [(k.ref, NO_BIRTH_DATE if k.birth_date is None else UNIT_DIFFERS)
                  for k in same] + doubts
    if doubts:
        return Identity(DOUBTFUL, doubts=tuple(doubts))
    return Identity(NEW)

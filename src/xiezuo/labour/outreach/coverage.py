"""Coverage of a campaign (or a year's campaigns) against the registry: pure functions.

The plan asks outreach to reach every village and every household (到每村每户): villages reached
of all the county's villages (323 in Lintao), households reached of all registered households.
A figure and its list are the same sets: `reached + unreached == total`.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Counts:
    """Reached of all, by their counts only (a home card, the report's sentence)."""

    reached: int
    total: int

    @property
    def share(self) -> Decimal:
        """0..1 to 4 places; 0 when there is nothing to reach."""
        if not self.total:
            return Decimal("0.0000")
        return (Decimal(self.reached) / Decimal(self.total)).quantize(Decimal("0.0001"))

    @property
    def percent(self) -> Decimal:
        return (self.share * 100).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Coverage(Counts):
    unreached: tuple  # the keys not reached, sorted: the follow-up list


def coverage(all_keys: Iterable[Hashable], reached_keys: Iterable[Hashable]) -> Coverage:
    """Reached of all: a reached key that is not among all (another county's village, a
    household no longer registered) counts nowhere."""
    every = set(all_keys)
    reached = every & set(reached_keys)
    return Coverage(reached=len(reached), total=len(every),
                    unreached=tuple(sorted(every - reached)))


def household_reached(results: Iterable[str], reached_results: Iterable[str]) -> bool:
    """A household is reached when any of its contacts in the campaign succeeded (a visit that
    met the family, a delivered text); a failed text beside a successful visit still counts."""
    good = set(reached_results)
    return any(r in good for r in results)

from dataclasses import dataclass


@dataclass(frozen=True)
class Card:
    """One figure on a home page: what it counts, the number, where its records are."""

    title: str
    value: object
    url: str = ""
    note: str = ""

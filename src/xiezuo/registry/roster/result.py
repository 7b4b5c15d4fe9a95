"""The roster import's summary: the shared one with households, people and new villages."""

from dataclasses import dataclass

from xiezuo.tabular.result import ImportResult


@dataclass(kw_only=True)
class RosterImportResult(ImportResult):
    """The roster import's: households and people, and the villages it had to add."""

    households_created: int = 0
    households_updated: int = 0
    persons_created: int = 0
    persons_updated: int = 0
    villages_created: int = 0

    def counts(self) -> dict[str, int]:
        return {"households_created": self.households_created,
                "households_updated": self.households_updated,
                "persons_created": self.persons_created, "persons_updated": self.persons_updated}

    def rows_written(self) -> int:
        """One row is one person; the households are made along the way."""
        return self.persons_created + self.persons_updated

    def details(self) -> dict:
        return {"villages_created": self.villages_created}

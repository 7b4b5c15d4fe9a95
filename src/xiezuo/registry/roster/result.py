"""The roster import's summary: the shared one with households, people and new villages."""

from dataclasses import dataclass, field

from xiezuo.tabular.result import ImportResult


@dataclass(kw_only=True)
class RosterImportResult(ImportResult):
    """The roster import's: households and people, and the villages it had to add."""

    households_created: int = 0
    households_updated: int = 0
    persons_created: int = 0
    persons_updated: int = 0
    villages_created: int = 0
    #: villages the file names that the registry does not know: {"township", "village", "rows",
    #: "created", "suggestions"}; created only when confirmed (--new-villages, or ticked on the page)
    new_villages: list[dict] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"households_created": self.households_created,
                "households_updated": self.households_updated,
                "persons_created": self.persons_created, "persons_updated": self.persons_updated}

    def rows_written(self) -> int:
        """One row is one person; the households are made along the way."""
        return self.persons_created + self.persons_updated

    def details(self) -> dict:
        return {"villages_created": self.villages_created, "new_villages": self.new_villages}

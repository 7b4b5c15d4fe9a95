"""What an import did: the one summary every import (roster, labour, funds) reports.

`rows` counts every non-blank row below the header and always equals the records the rows
created and updated (`counts()`, named by each import for what it holds: people for the roster)
plus `unchanged` plus `rejected`. `as_json()` is the summary's one shape, which the commands
print with `--json` and the web imports keep as their job's result: `rows`, the counts,
`unchanged`, `rejected`, `ignored_columns`, `errors` (`{"row", "column", "value", "reason"}`
each), `report`, then the import's own details (`details()`), then the fields from
`header_row` on.
"""

from dataclasses import dataclass, field

from xiezuo.tabular.errors import RowError
from xiezuo.tabular.safe import mask_ids


@dataclass(kw_only=True)
class ImportResult:
    """What an import did (or, in a dry run or a refused --strict run, would have done)."""

    rows: int = 0
    unchanged: int = 0
    rejected: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    #: rows imported (or, in a dry run, to be imported) that the clerk should look at again: a
    #: voucher number already used, say. Not errors: they count among the rows written
    warnings: list[RowError] = field(default_factory=list)
    report: str | None = None
    #: errors beyond the first MAX_ERRORS, counted but not listed (`keep_errors`)
    errors_omitted: int = 0
    header_row: int = 0  # as Excel numbers rows (1-based)
    dry_run: bool = False
    strict: bool = False
    #: True when the rows were written (not a dry run, not refused by --strict)
    stored: bool = False
    import_id: int | None = None
    file: str = ""
    #: a dry run's look at the file (`pipeline.sample_of`): the header found, the columns read
    #: and the first rows, masked; None on a real run
    sample: dict | None = None

    @property
    def refused(self) -> bool:
        """--strict with rejected rows: nothing stored (the commands exit 3)."""
        return self.strict and self.rejected > 0

    def keep_errors(self) -> None:
        """Keep the first MAX_ERRORS errors; count the rest (a file of a million junk rows must
        not spend minutes writing millions of error lines). `rejected` stays whole."""
        from xiezuo.tabular.guard import limit

        most = limit("MAX_ERRORS")
        if len(self.errors) > most:
            self.errors_omitted += len(self.errors) - most
            del self.errors[most:]

    def counts(self) -> dict[str, int]:
        """What the import created and updated, under the names its summary gives them."""
        return {}

    def rows_written(self) -> int:
        """The rows that created or updated a record: `rows` is these plus `unchanged` plus
        `rejected`. By default every count is one row's; an import whose counts also hold
        records made along the way (the roster's households) names the per-row ones."""
        return sum(self.counts().values())

    def details(self) -> dict:
        """The import's own figures after `report` (other records it created, and the like)."""
        return {}

    def as_json(self) -> dict:
        return {"rows": self.rows, **self.counts(), "unchanged": self.unchanged,
                "rejected": self.rejected, "ignored_columns": list(self.ignored_columns),
                # Full ID numbers stay in the error report (its uploader's only), not here:
                # this summary becomes a job's result and an import's record (tabular.safe).
                "errors": [{**d, "value": mask_ids(d["value"]), "reason": mask_ids(d["reason"])}
                           for d in (e.as_dict() for e in self.errors)],
                **({"errors_omitted": self.errors_omitted} if self.errors_omitted else {}),
                **({"warnings": [{**d, "value": mask_ids(d["value"]),
                                  "reason": mask_ids(d["reason"])}
                                 for d in (w.as_dict() for w in self.warnings[:500])]}
                   if self.warnings else {}),
                "report": self.report,
                **self.details(),
                "header_row": self.header_row, "dry_run": self.dry_run, "strict": self.strict,
                "stored": self.stored, "import_id": self.import_id, "file": self.file,
                **({"sample": self.sample} if self.sample is not None else {})}

"""The two ways an import says no: the whole file (`FileRefused`, raised) or one row
(`RowError`, listed in the summary and the error report)."""

from dataclasses import dataclass


class FileRefused(ValueError):
    """The file cannot be imported at all: unreadable, of the wrong type, too large, hostile, no
    header, a required column missing. The message names the file, row, column or value as
    applicable; the commands exit 2 and a web import's job fails with it. Nothing is stored."""


@dataclass(frozen=True)
class RowError:
    row: int  # as Excel numbers rows (1-based)
    column: str | None  # as the file spells it; None for a reason about the row or household
    value: str
    reason: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "value": self.value,
                "reason": self.reason}

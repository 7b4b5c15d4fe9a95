"""A file's columns: how a header is compared, and the plain column shape every import gives."""

import unicodedata
from dataclasses import dataclass


def header_key(text: object) -> str:
    """Header spellings that differ only in full-/half-width characters or spaces are one column."""
    text = unicodedata.normalize("NFKC", "" if text is None else str(text))
    return "".join(ch for ch in text if not ch.isspace())


@dataclass(frozen=True)
class Col:
    """A column of an imported file: only what the reader needs. Several spellings may share
    one key; mark one of them required (a missing column is named once, as that one spells it).
    Any object with `header`, `key` and `required` serves (the roster's `Column` adds more)."""

    header: str
    key: str
    required: bool = False

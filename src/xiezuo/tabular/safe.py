"""Exported cells a spreadsheet will not execute, and ID numbers kept out of summaries.

Formula (CSV) injection: a cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is read by Excel and LibreOffice as a formula (``=HYPERLINK(...)``,
``=cmd|' /C calc'!A0``). Names, payees and comments come from forms, imports and the API, so
every writer passes its cells through `safe_cell` (OWASP's CSV-injection guidance):

- for CSV the text gets a leading single quote, which spreadsheets show and never evaluate;
- for .xlsx (openpyxl) it becomes an explicit string cell (``data_type 's'``: openpyxl would
  otherwise store a leading ``=`` as a formula) marked ``quotePrefix``, so editing the cell in
  Excel keeps it text too. The text itself is unchanged, so an export reads back as it was.

Numbers stay numbers: int, float, Decimal and dates pass unchanged, and so does text that is a
plain number (``-5.00``), which cannot run anything.

This module sits below every part and imports none of them.
"""

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_TRIGGER_SET = frozenset(TRIGGERS)
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
# An ID number as it may stand in an error value: 15 to 18 characters (digits, the last may be
# X; a mistyped number is as personal as a right one), not part of a longer run.
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{14,17}[\dXx])(?![0-9A-Za-z])")


def risky(value) -> bool:
    """True for text a spreadsheet would take for a formula."""
    return (isinstance(value, str) and value[:1] in TRIGGERS
            and not _PLAIN_NUMBER.fullmatch(value))


def safe_cell(value, *, sheet=None):
    """`value` as a cell that no spreadsheet executes.

    Without `sheet` (CSV): risky text gets a leading ``'``. With `sheet` (an openpyxl worksheet,
    write-only or not): risky text becomes a string cell of that sheet, ``quotePrefix`` set.
    Anything else is returned unchanged."""
    if not risky(value):
        return value
    if sheet is None:
        return "'" + value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl made "=..." a formula ("f") on assignment
    cell.quotePrefix = True
    return cell


def safe_row(values, *, sheet=None) -> list:
    """`safe_cell` over a row. The first-character test is inlined: a county's roster is 57,000
    rows of 29 cells, and most cells are plain (a call per cell would double the CSV's time)."""
    return [safe_cell(v, sheet=sheet) if isinstance(v, str) and v[:1] in _TRIGGER_SET else v
            for v in values]


def mask_id(number: str) -> str:
    """The first 6 and last 4 characters, the rest hidden (as the registry shows them)."""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def masked_error(e: dict) -> dict:
    """An import error as a page shows it: the value of an ID-number column masked (the error
    report keeps it whole)."""
    value = str(e.get("value") or "")
    if e.get("column") and "证件号码" in str(e["column"]).replace(" ", "") and value:
        value = mask_id(value)
    return {**e, "value": value}


_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")


def mask_phones(value):
    """`value` with every mobile number in it shown as 138****5678 (as the outreach pages do)."""
    if not isinstance(value, str):
        return value
    return _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", value)


def mask_ids(value):
    """`value` with every full ID number in it masked (error values in import summaries)."""
    if not isinstance(value, str):
        return value
    return _ID_NUMBER.sub(lambda m: mask_id(m.group(1)), value)


def mask_summary(summary):
    """An import summary or job result with ID numbers masked in its error values, reasons and
    failure text (for summaries kept before masking; new ones are masked as they are made)."""
    if not isinstance(summary, dict):
        return summary
    out = dict(summary)
    if isinstance(out.get("error"), str):
        out["error"] = mask_ids(out["error"])
    if isinstance(out.get("errors"), list):
        out["errors"] = [{**e, "value": mask_ids(e.get("value")),
                          "reason": mask_ids(e.get("reason"))} if isinstance(e, dict) else e
                         for e in out["errors"]]
    return out

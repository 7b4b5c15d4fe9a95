"""Reading a labour spreadsheet (.xlsx, .xls, .csv) whose header row may sit below a title.

The registry's reader does the work (file types, CSV encodings, header detection, header
spellings, blank rows, the `Sheet` shape); this module gives it the labour files' column tables
and header markers, and raises its errors as TableFormatError.
"""

from pathlib import Path

from django.utils.translation import gettext as _

from xiezuo.registry.roster.columns import Col
from xiezuo.registry.roster.read import HEADER_SEARCH_ROWS, RosterFormatError, Sheet, first_sheet


class TableFormatError(RosterFormatError):
    """The file cannot be imported at all (unreadable, no header, a required column missing)."""


def read_table(path: str | Path, *, columns: tuple[Col, ...], markers: tuple[str, ...]) -> Sheet:
    """The first sheet whose first 10 rows hold a header with all `markers`."""
    try:
        # No ";" for the CSV sniffer: the survey's tag lists are separated by it.
        sheet = first_sheet(path, columns=columns, markers=markers, csv_delimiters=",\t")
    except TableFormatError:
        raise
    except RosterFormatError as e:
        raise TableFormatError(*e.args) from e
    if sheet is None:
        raise TableFormatError(_("前 %(n)d 行中没有含“%(m)s”的表头行")
                               % {"n": HEADER_SEARCH_ROWS, "m": "”和“".join(markers)})
    return sheet

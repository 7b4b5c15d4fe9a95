"""The roster's use of the shared reader: its columns and its header markers (姓名, 证件号码)."""

from pathlib import Path

from django.utils.functional import lazy
from django.utils.translation import gettext as _

from xiezuo.registry.roster.columns import COLUMNS, HEADER_MARKERS
from xiezuo.tabular.errors import FileRefused
from xiezuo.tabular.read import HEADER_SEARCH_ROWS, Sheet, read_table

#: the roster's name for the shared refusal (one class: `xiezuo.tabular.errors.FileRefused`)
RosterFormatError = FileRefused


#: why a file without a roster header is refused (lazy: in the language of the request)
NO_HEADER = lazy(lambda: _("前 %(n)d 行中没有同时含“姓名”和“证件号码”的表头行")
                 % {"n": HEADER_SEARCH_ROWS}, str)()


def read_roster(path: str | Path) -> Sheet:
    """The roster in `path` (.xlsx, .xls or .csv), from the first sheet that has a header.

    Raises FileRefused when no sheet has a header in its first 10 rows or a required column is
    missing; the message names what is missing.
    """
    return read_table(path, columns=COLUMNS, markers=HEADER_MARKERS, no_header=str(NO_HEADER))

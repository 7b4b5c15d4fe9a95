"""What a part adds to the annual self-assessment report (plan/report.py), found by discovery.

A part provides `<app>/report_sections.py` with

    def sections(*, user, year) -> list[ReportSection]: ...

each section a chapter of the plan (3 industry, 4 labour, 5 talent, 6 funds, 7 pairing,
8 mechanisms), a title, paragraphs and tables, in Chinese (the report's language), counted over
the part's own selectors with `visible_to(user)`. The report renders them after the chapter's
targets, in chapter order, in its Word, PDF and Excel files. Plain data only: no HTML, no styles
(the report owns the layout), numbers as int/Decimal or text (shown as given).
"""

import datetime
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from xiezuo.core.discovery import app_modules

#: the cells a table keeps as they are; anything else (a translated label, which is lazy, or a
#: record) is written as its text, so that Word, PDF, Excel and the finalised snapshot all take it
PLAIN_CELLS = (type(None), bool, int, float, Decimal, str, datetime.date)


def _plain(value):
    return value if type(value) in PLAIN_CELLS else str(value)


@dataclass(frozen=True)
class ReportTable:
    caption: str
    header: list[str]
    rows: list[list]

    def __post_init__(self):
        object.__setattr__(self, "caption", str(self.caption))
        object.__setattr__(self, "header", [str(h) for h in self.header])
        object.__setattr__(self, "rows", [[_plain(c) for c in row] for row in self.rows])


@dataclass(frozen=True)
class ReportSection:
    chapter: int
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[ReportTable] = field(default_factory=list)


def cell_text(v) -> str:
    """A cell as the report prints it: integers with thousands separators, money with 2
    places, None as —."""
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, Decimal):
        # money (yuan, 万元) is a Decimal: always 2 places, as on every page (80 万元 read
        # "80" beside "12.50" in one column)
        return f"{v:,.2f}"
    if isinstance(v, float):
        d = Decimal(v)
        return f"{d:,.0f}" if d == d.to_integral_value() else f"{d:,.2f}"
    return str(v)


def report_sections(*, user, year: int) -> list[ReportSection]:
    """Every part's sections for `year`, in chapter order (parts in INSTALLED_APPS order within
    a chapter)."""
    found: list[ReportSection] = []
    for module in app_modules("report_sections"):
        found.extend(module.sections(user=user, year=year) or [])
    return sorted(found, key=lambda s: s.chapter)


def as_plain(section: ReportSection) -> dict:
    """A section as JSON holds it (the finalised report's snapshot): cells as printed text."""
    d = asdict(section)
    for t in d["tables"]:
        t["rows"] = [[cell_text(c) for c in row] for row in t["rows"]]
    return d

"""How the annual report prints a table's cells (core.reports.cell_text)."""

from decimal import Decimal

import pytest

from xiezuo.core.reports import cell_text


@pytest.mark.parametrize("value, printed", [
    (None, "—"),
    (True, "是"),
    (12345, "12,345"),
    (Decimal("80"), "80.00"),  # money always with 2 places, whole or not
    (Decimal("1234.5"), "1,234.50"),
    (2.0, "2"),
    (2.5, "2.50"),
    ("洮阳镇", "洮阳镇"),
])
def test_a_report_cell_is_printed_one_way_per_kind(value, printed):
    assert cell_text(value) == printed


def test_a_tables_translated_labels_and_records_are_kept_as_their_text():
    """A part's row may hold a choice's label (a lazy translation) or a record: the table keeps
    their text, which openpyxl can write (the 2018 report's Excel file failed on the full demo
    with 'Cannot convert' a trade event's platform label)."""
    from django.utils.translation import gettext_lazy
    from openpyxl import Workbook

    from xiezuo.core.reports import ReportTable

    class Record:
        def __str__(self):
            return "仓山区临洮特色农产品促销"

    table = ReportTable(caption=gettext_lazy("活动"), header=[gettext_lazy("平台")],
                        rows=[[gettext_lazy("展销会"), Record(), Decimal("1.5"), 3, None]])
    assert [type(c) for c in table.rows[0]] == [str, str, Decimal, int, type(None)]
    assert table.rows[0][:2] == ["展销会", "仓山区临洮特色农产品促销"]
    Workbook().active.append(table.rows[0])

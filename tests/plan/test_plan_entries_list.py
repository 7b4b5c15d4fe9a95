"""The entries list pages with a jump to any page and exports what it lists, values as numbers."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook


@pytest.fixture
def many_entries(plan, approved_entry):
    target = plan.targets.get(key="job-fairs")
    for i in range(53):
        approved_entry(target, 2017 + i % 4, Decimal(i + 1))
    return target


def test_the_entries_list_pages_and_keeps_its_filters_when_jumping(client, users, many_entries):
    client.force_login(users["county_admin"])
    html = client.get(reverse("plan:entry_list"), {"target": "job-fairs"}).content.decode()
    assert "第 1 页，共 2 页" in html
    assert '<input type="hidden" name="target" value="job-fairs">' in html
    assert html.count('data-entry="') == 50
    html = client.get(reverse("plan:entry_list"), {"target": "job-fairs", "page": 2}).content.decode()
    assert html.count('data-entry="') == 3


def test_the_entries_export_holds_every_entry_with_numbers(client, users, many_entries):
    client.force_login(users["county_admin"])
    response = client.get(reverse("plan:entry_list"), {"target": "job-fairs", "format": "xlsx"})
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in ws[3]]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 53
    values = [r[header.index("数值")] for r in rows]
    assert sum(values) == sum(range(1, 54))
    assert {r[header.index("年度")] for r in rows} == {2017, 2018, 2019, 2020}
    assert all(r[header.index("区域")] == "临洮县" for r in rows)

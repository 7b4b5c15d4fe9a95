"""The funds exports a clerk sums in Excel: money and dates are typed cells, names sit beside
codes (the project's name beside its code in disbursements, village names beside codes), and the
files still import back unchanged (test_funds_import covers the round trip)."""

import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook


def _sheet(client, what):
    r = client.get(reverse("funds:export", args=[what]), {"format": "xlsx"})
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    header = [c.value for c in ws[1]]
    return header, [dict(zip(header, row, strict=False)) for row in ws.iter_rows(min_row=2)]


def test_money_and_dates_are_typed_and_names_sit_beside_codes(client, areas, users, build, pay):
    f = build(areas, users)
    pay(f["p1"], "1234.50", actor=f["officer"])
    client.force_login(f["officer"])
    header, rows = _sheet(client, "disbursements")
    row = rows[0]
    assert row["金额（元）"].value == Decimal("1234.50") or row["金额（元）"].value == 1234.5
    assert row["金额（元）"].number_format == "#,##0.00"
    assert row["支付日期"].number_format == "yyyy-mm-dd" and row["支付日期"].value.year == 2018
    assert row["项目名称"].value == f["p1"].name and row["项目编号"].value == f["p1"].code
    header, rows = _sheet(client, "projects")
    p1 = next(r for r in rows if r["项目编号"].value == f["p1"].code)
    assert isinstance(p1["预算（元）"].value, int | float) and p1["预算（元）"].number_format == "#,##0.00"
    expected = "、".join(f["p1"].villages.order_by("code").values_list("name", flat=True))
    assert p1["实施村名称"].value == expected and expected

"""Figures on the newer parts' pages are written through core.numbers (issue 10: "one number
format everywhere"): the sales totals read 共 30,000 笔, not 共 30000 笔, and no template of
those parts hands a count or a sum to a sentence or a figure column unformatted."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "xiezuo"
PARTS = ["industry", "talent", "pairing", "mechanisms", "orgs", "labour/outreach",
         "labour/training"]
#: the names a figure goes by in these templates (a count, a sum of money)
FIGURE = re.compile(r"^(total|count|sales|amount|money|households|persons|people|attendances|"
                    r"completed|shown|hidden_households|n_\w+|\w+_count|\w+_total|\w+_amount)$")


def _templates():
    for part in PARTS:
        yield from sorted((PACKAGE / part / "templates").rglob("*.html"))


def test_no_figure_goes_into_a_sentence_or_a_figure_column_unformatted():
    raw = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"\{% blocktrans(?:late)? [^%]*?with ([^%]*)%\}", text):
            for assign in tag.split():
                key, _eq, value = assign.partition("=")
                if value and "|" not in value and FIGURE.match(value.split(".")[-1]):
                    raw.append(f"{path.name}: {assign}")
        for value in re.findall(r'<td class="num">(?:<a [^>]*>)?\{\{ ([\w.]+) \}\}', text):
            if FIGURE.match(value.split(".")[-1]):
                raw.append(f"{path.name}: {value}")
    assert raw == []


def test_the_sales_totals_write_counts_with_separators(client, users, areas, monkeypatch):
    from xiezuo.industry import selectors

    monkeypatch.setattr(selectors, "sale_summary", lambda **kw: {
        "sales": 30000, "amount": Decimal("12345678.5"), "households": 12345})
    client.force_login(users["county_admin"])
    html = client.get(reverse("industry:totals")).content.decode()
    assert "共 30,000 笔，合计 12,345,678.50 元，带动贫困户 12,345 户" in html


@pytest.mark.parametrize("path", [p for p in _templates()], ids=lambda p: p.name)
def test_the_templates_still_parse(path):
    from django.template import engines

    engines["django"].from_string(path.read_text(encoding="utf-8"))

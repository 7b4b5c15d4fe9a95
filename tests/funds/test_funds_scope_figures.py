"""The supervision page's figures mean the same thing at every scope: a township holds no
allocation (no 拨入, no 结余), and what is spent in it is its villages' share of the money."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from xiezuo.funds import selectors


@pytest.fixture
def f(areas, users, build, pay):
    f = build(areas, users)
    officer = f["officer"]
    pay(f["p1"], "60000", actor=officer)  # 洮阳镇 deep village
    pay(f["p2"], "30000", actor=officer)  # 辛店镇 ordinary village
    pay(f["p3"], "10000", actor=officer)  # 5,000 in 洮阳镇's deep village, 5,000 in 辛店镇's
    return f | {"users": users}


def test_township_supervision_counts_only_the_money_spent_in_its_villages(f):
    s = selectors.supervision(user=f["users"]["other_clerk"], year=2018)  # 辛店镇
    assert s["disbursed"] == Decimal("35000.00")  # 30,000 + half of p3, not the whole 40,000
    assert [r["township"].name for r in s["by_township"]] == ["辛店镇"]


def test_township_deep_poverty_share_ignores_other_townships_villages(f):
    s = selectors.supervision(user=f["users"]["other_clerk"], year=2018)
    assert s["deep_share"] == Decimal("0.1429")  # 5,000 / 35,000; 洮阳镇's half is not its own


def test_township_has_no_allocation_and_no_balance(f):
    s = selectors.supervision(user=f["users"]["township_clerk"], year=2018)
    assert s["below_county"] is True
    assert s["allocated"] is None and s["remaining"] is None and s["disbursed_share"] is None


@pytest.mark.parametrize("role", ["county_admin", "east_officer"])
def test_county_and_eastern_supervision_keep_allocation_and_balance(f, role):
    s = selectors.supervision(user=f["users"][role], year=2018)
    assert s["below_county"] is False
    assert s["allocated"] == Decimal("1000000.00")
    assert s["disbursed"] == Decimal("100000.00")
    assert s["remaining"] == Decimal("900000.00")
    assert s["deep_share"] == Decimal("0.7000")  # 60,000 + 5,000 + 5,000 of 100,000


def _card(html: str, ident: str) -> str | None:
    m = re.search(rf'id="{ident}">([^<]*)<', html)
    return m.group(1).strip() if m else None


def test_township_page_shows_no_negative_balance_and_no_allocation(client, f):
    client.force_login(f["users"]["other_clerk"])
    html = client.get(reverse("funds:supervision") + "?year=2018").content.decode()
    assert _card(html, "total-allocated") is None and _card(html, "total-remaining") is None
    assert _card(html, "total-disbursed") == "35,000.00"
    assert "-" not in (_card(html, "deep-share") or "") and _card(html, "deep-share") == "14.3%"
    assert 'id="plan-county-only"' in html and "在本辖区支出" in html


@pytest.mark.parametrize("role", ["county_admin", "east_officer"])
def test_county_and_eastern_pages_show_allocation_and_balance(client, f, role):
    client.force_login(f["users"][role])
    html = client.get(reverse("funds:supervision") + "?year=2018").content.decode()
    assert _card(html, "total-allocated") == "1,000,000.00"
    assert _card(html, "total-remaining") == "900,000.00"
    assert 'id="plan-county-only"' not in html


def test_township_chart_has_no_allocation_and_its_own_spending(f):
    chart = selectors.yearly_chart(user=f["users"]["other_clerk"])
    assert chart == {"years": [2018], "allocated": [0.0], "disbursed": [35000.0]}


def test_township_api_summary_has_no_allocation_and_its_own_spending(client, f):
    client.force_login(f["users"]["other_clerk"])
    s = client.get("/api/funds/summary?year=2018").json()
    assert s["allocated"] is None and s["remaining"] is None
    assert Decimal(s["disbursed"]) == Decimal("35000.00")

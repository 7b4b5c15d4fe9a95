"""The dashboard: bounded queries, drill-down totals equal to the numbers shown, refusals."""

import datetime
import re
from decimal import Decimal

import pytest

from xiezuo.plan.evaluation import evaluate
from xiezuo.plan.models import Target

FINAL = datetime.date(2021, 1, 1)


@pytest.fixture
def story(plan, approved_entry):
    """A few years of entries on aggregate targets of every kind."""
    t = {x.key: x for x in plan.targets.all()}
    for year, values in ((2017, (30, 3, 2)), (2018, (12, 3, 2)), (2019, (32, 2, 2))):
        teachers, medical, fairs = values
        approved_entry(t["teachers-trained"], year, teachers)
        approved_entry(t["medical-staff-trained"], year, medical)
    approved_entry(t["teachers-trained"], 2018, 6)  # a second batch the same year
    for code in ("621124100000", "621124103000", "621124101000"):
        approved_entry(t["town-township-pairing"], 2017, 1, area_code=code, member=code)
    approved_entry(t["joint-meeting"], 2017, 1, venue_side="west")
    return t


def _shown_total(html: str) -> Decimal:
    return Decimal(re.search(r'id="entries-total">([^<]*)<', html).group(1).replace(",", "")
                   .replace("—", "0"))


def test_drill_down_totals_equal_the_numbers_shown(plan, users, client, story, no_parts):
    client.force_login(users["county_admin"])
    result = evaluate(plan, user=users["county_admin"], as_of=FINAL)
    checked = 0
    # Figures computed from records are held to their lists in test_plan_indicators_real.py.
    for r in result.targets:
        for yr in r.years.values():
            if yr.value is None or not yr.drill_url:
                continue
            html = client.get(yr.drill_url).content.decode()
            if r.target.kind == "coverage":
                assert int(re.search(r'id="entries-members">(\d+)<', html).group(1)) == yr.value
            elif r.target.kind != "milestone":
                assert _shown_total(html) == yr.value, (r.target.key, yr.year)
            checked += 1
            if yr.total_drill_url:
                html = client.get(yr.total_drill_url).content.decode()
                assert _shown_total(html) == yr.total, (r.target.key, yr.year)
    assert checked >= 10
    # and the dashboard links to exactly those pages with those numbers
    page = client.get("/plan/?year=2018").content.decode()
    assert 'href="/plan/entries/?target=teachers-trained&amp;year=2018" data-drill="value">18<' \
        in page


def test_dashboard_query_count_is_bounded(plan, users, client, story,
                                          django_assert_max_num_queries):
    # the parts' plain counts and sums in one query (core.indicators.answer_together), the
    # hand-computed figures (shares, coverage spans, groups in office) one read each
    for role in ("county_admin", "township_clerk", "east_officer", "leadership"):
        client.force_login(users[role])
        # ch.3's five tracked figures come from one query (industry.selectors.plan_figures)
        with django_assert_max_num_queries(25):
            r = client.get("/plan/?year=2018")
        assert r.status_code == 200


def test_dashboard_and_target_pages(plan, users, client, story, no_parts):
    client.force_login(users["leadership"])
    r = client.get("/plan/?year=2018&as_of=2018-07-01")
    html = r.content.decode()
    assert "规划目标进度" in html and "echarts" in html and "状态如何判定" in html
    assert 'id="chart-5"' in html  # a chart per chapter
    r = client.get("/plan/targets/medical-staff-trained/")
    assert r.status_code == 200 and r.context["form"] is None  # leadership reads only
    assert [y.total for y in r.context["years"]] == [3, 6, 8, 8]
    assert client.get("/plan/targets/no-such-target/").status_code == 404
    r = client.get("/plan/targets/town-township-pairing/")
    assert "“2街”尚未配置" in r.content.decode()


def test_township_clerk_sees_only_the_township(plan, users, client, story, no_parts):
    client.force_login(users["township_clerk"])
    r = client.get("/plan/?year=2017")
    assert r.status_code == 200
    res = {x.target.key: x for x in r.context["result"].targets}
    assert res["town-township-pairing"].years[2017].value == 1
    assert res["teachers-trained"].years[2017].value is None
    html = client.get("/plan/entries/?target=town-township-pairing&upto=2017").content.decode()
    assert 'id="entries-members">1<' in html


def test_the_home_page_shows_the_plans_card(plan, users, client, story, no_parts):
    """The card's title with its year, its figure (met / applicable targets) and its note: text
    only the card shows (the menu says 规划目标 too)."""
    from xiezuo.plan.choices import Status
    from xiezuo.plan.evaluation import default_year

    year = default_year(plan)
    counts = evaluate(plan, user=users["county_admin"]).counts(year)
    met, applicable = counts.get(Status.MET, 0), sum(counts.values())
    behind, not_met = counts.get(Status.BEHIND, 0), counts.get(Status.NOT_MET, 0)
    assert applicable > 0
    client.force_login(users["county_admin"])
    html = client.get("/").content.decode()
    assert f'<div class="title">规划目标（{year} 年）</div>' in html
    assert f'<div class="value">{met} / {applicable} <small class="unit">项</small></div>' in html
    assert f"已完成 / 适用目标；进度滞后 {behind} 项，未完成 {not_met} 项" in html


def test_the_home_card_uses_the_dashboards_status_words(plan, users, client, story, no_parts):
    """进度滞后 and 未完成 are the dashboard's two statuses: the home card counts each under its
    own word, never both under 滞后."""
    client.force_login(users["county_admin"])
    home = client.get("/").content.decode()
    dash = client.get("/plan/").content.decode()
    assert "滞后 " not in home.replace("进度滞后 ", "")
    for word in ("进度滞后", "未完成"):
        assert word in home and word in dash


def test_unknown_plan_year_is_404(plan, users, client):
    client.force_login(users["county_admin"])
    assert client.get("/plan/assessment/2016/").status_code == 404
    assert Target.objects.filter(plan=plan).count() >= 28


def test_api_lists_targets_within_scope(plan, users, client, story, no_parts):
    client.force_login(users["county_admin"])
    data = client.get("/api/plan/targets?as_of=2021-01-01").json()
    t = {x["key"]: x for x in data}
    y2018 = {y["year"]: y for y in t["teachers-trained"]["years"]}[2018]
    assert (y2018["value"], y2018["status"]) == (18.0, "not_met")
    client.force_login(users["township_clerk"])
    t = {x["key"]: x for x in client.get("/api/plan/targets").json()}
    assert {y["year"]: y for y in t["teachers-trained"]["years"]}[2018]["value"] is None
    client.logout()
    assert client.get("/api/plan/targets").status_code == 401

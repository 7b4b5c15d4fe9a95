"""Where each year's number comes from: a target with an indicator reads the part's records for
each year that has records, the approved aggregate entries typed before the part existed for a
year without records (labelled so), and never adds the two; coverage from the part's members,
milestones from a count; the dashboard, target page, report and show_plan say which."""

import dataclasses
import datetime
import json
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from xiezuo.core.indicators import Indicator
from xiezuo.plan import indicators
from xiezuo.plan.choices import Status
from xiezuo.plan.evaluation import SOURCE_AGGREGATE, SOURCE_RECORDS, evaluate
from xiezuo.plan.models import Target
from xiezuo.plan.planfile import PlanFileError, parse_plan

FINAL = datetime.date(2021, 1, 1)
TAOYANG, XINDIAN, XINTIAN = "621124100000", "621124103000", "621124101000"


@pytest.fixture
def parts(monkeypatch):
    """Hand-given indicators for three targets switched to records, as the talent, pairing and
    mechanisms parts will switch theirs: `answers[key]` are the figures, `covered[year]` the
    townships the pairing part's records cover."""
    answers = {"talent.teachers": {2018: 25, 2019: 40},
               "mechanisms.annual_reports": {2017: 1, 2019: 2}}
    covered = {2017: set(), 2018: {TAOYANG, XINDIAN}, 2019: {TAOYANG, XINDIAN, XINTIAN,
                                                            "350104000000"}}
    calls = []

    def members(*, user, year):
        calls.append(year)
        return covered.get(year, set())

    fakes = {
        "talent.teachers": Indicator(key="talent.teachers", label="教师", unit="人",
                                     compute=lambda *, user: answers["talent.teachers"]),
        "mechanisms.annual_reports": Indicator(
            key="mechanisms.annual_reports", label="报告", unit="份",
            compute=lambda *, user: answers["mechanisms.annual_reports"]),
        "pairing.townships": Indicator(key="pairing.townships", label="结对乡镇", unit="个",
                                       compute=lambda *, user: {2018: 2, 2019: 3},
                                       members=members),
    }
    real_find = indicators.find
    monkeypatch.setattr(indicators, "find", lambda key: fakes.get(key) or real_find(key))
    return dataclasses.make_dataclass("Parts", ["answers", "covered", "calls"])(
        answers, covered, calls)


@pytest.fixture
def switched(plan, parts):
    """The default plan with three ch.5/7/8 targets read from the (fake) parts."""
    Target.objects.filter(plan=plan, key="teachers-trained").update(indicator="talent.teachers")
    Target.objects.filter(plan=plan, key="annual-report").update(
        indicator="mechanisms.annual_reports")
    Target.objects.filter(plan=plan, key="town-township-pairing").update(
        indicator="pairing.townships")
    return {t.key: t for t in plan.targets.all()}


def _result(plan, user, key):
    return next(r for r in evaluate(plan, user=user, as_of=FINAL).targets if r.target.key == key)


def test_a_year_with_records_uses_the_records_only(plan, users, switched, approved_entry):
    approved_entry(switched["teachers-trained"], 2018, 7)  # typed, and the part has 2018 records
    r = _result(plan, users["county_admin"], "teachers-trained")
    yr = r.years[2018]
    assert (yr.source, yr.value) == (SOURCE_RECORDS, 25)
    assert yr.source_label == "业务记录"
    assert yr.entries == 0


def test_a_year_with_only_entries_uses_them_and_says_so(plan, users, switched, approved_entry):
    approved_entry(switched["teachers-trained"], 2017, 30)
    approved_entry(switched["teachers-trained"], 2017, 4)
    r = _result(plan, users["county_admin"], "teachers-trained")
    yr = r.years[2017]
    assert (yr.source, yr.value, yr.entries) == (SOURCE_AGGREGATE, 34, 2)
    assert yr.source_label == "汇总填报"
    assert yr.drill_url == "/plan/entries/?target=teachers-trained&year=2017"
    assert yr.status == Status.MET  # ≥ 30
    assert r.source == SOURCE_RECORDS and r.entry_years == [2017]
    # a year with neither is the part's (no figure), not the entries'
    assert (r.years[2020].source, r.years[2020].value) == (SOURCE_RECORDS, None)


def test_a_pending_entry_does_not_replace_records_or_count(plan, users, switched):
    from django.core.files.base import ContentFile

    from xiezuo.plan.services import entry_create
    from xiezuo.regions.models import Area

    entry_create(actor=users["county_admin"], target=switched["teachers-trained"], year=2017,
                 area=Area.objects.get(code="621124000000"), value=D(50),
                 evidence=ContentFile(b"x", name="a.txt"))
    yr = _result(plan, users["county_admin"], "teachers-trained").years[2017]
    assert (yr.source, yr.value, yr.pending) == (SOURCE_RECORDS, None, 1)


def test_coverage_is_computed_from_the_parts_members(plan, users, switched, parts):
    r = _result(plan, users["county_admin"], "town-township-pairing")
    assert r.source == SOURCE_RECORDS
    # the eastern code is not one of the 18 townships: not counted
    assert [r.years[y].value for y in (2018, 2019)] == [2, 3]
    assert r.years[2019].source == SOURCE_RECORDS
    assert r.required == 18
    assert r.years[2020].value == 0 and r.years[2020].status == Status.NOT_MET
    covered = {code for code, _name, yes in r.members if yes}
    assert covered == set()  # the due year (2020) has no records: nothing covered that year
    assert sorted(set(parts.calls)) == [2017, 2018, 2019, 2020]


def test_coverage_year_without_records_reads_the_typed_members(
        plan, users, switched, approved_entry):
    t = switched["town-township-pairing"]
    for code in (TAOYANG, XINDIAN, XINTIAN):
        approved_entry(t, 2017, 1, area_code=code, member=code)
    r = _result(plan, users["county_admin"], "town-township-pairing")
    assert (r.years[2017].source, r.years[2017].value) == (SOURCE_AGGREGATE, 3)
    # 2018 has records (2 townships): the typed 2017 members are not added on top
    assert (r.years[2018].source, r.years[2018].value) == (SOURCE_RECORDS, 2)


def test_a_milestone_is_met_by_a_count_of_at_least_one(plan, users, switched, approved_entry):
    approved_entry(switched["annual-report"], 2018, 1)  # typed for a year without records
    r = _result(plan, users["county_admin"], "annual-report")
    got = {y: (r.years[y].source, r.years[y].status) for y in (2017, 2018, 2019, 2020)}
    assert got == {2017: (SOURCE_RECORDS, Status.MET), 2018: (SOURCE_AGGREGATE, Status.MET),
                   2019: (SOURCE_RECORDS, Status.MET), 2020: (SOURCE_RECORDS, Status.NOT_MET)}


def test_a_due_milestone_counts_from_the_first_year_met(plan, users, parts):
    t = Target.objects.get(plan=plan, key="leading-group-east")
    Target.objects.filter(pk=t.pk).update(indicator="mechanisms.annual_reports")
    r = _result(plan, users["county_admin"], "leading-group-east")
    assert r.years[2017].status == Status.MET and r.years[2017].source == SOURCE_RECORDS


def test_the_pages_and_the_report_say_which_source(plan, users, switched, approved_entry, client,
                                                   tmp_path):
    approved_entry(switched["teachers-trained"], 2017, 30)
    client.force_login(users["leadership"])
    page = client.get("/plan/?year=2017").content.decode()
    row = page.split('data-target="teachers-trained"')[1].split("</tr>")[0]
    assert 'data-source="aggregate"' in row and "汇总填报" in row
    page = client.get("/plan/?year=2018").content.decode()
    row = page.split('data-target="teachers-trained"')[1].split("</tr>")[0]
    assert 'data-source="records"' in row and "业务记录" in row
    page = client.get("/plan/targets/teachers-trained/").content.decode()
    assert page.count('data-source="records"') == 3 and page.count('data-source="aggregate"') == 1
    assert "2017 年没有业务记录" in page

    from xiezuo.plan.report import build_report, docx_text, report_data

    data = report_data(plan=plan, year=2017, user=users["leadership"], as_of=FINAL)
    row = next(r for r in data["rows"] if r["key"] == "teachers-trained")
    assert row["source"] == "汇总填报"
    hist = {h["year"]: h["source"] for h in data["history"] if h["key"] == "teachers-trained"}
    assert hist == {2017: "aggregate", 2018: "records", 2019: "records", 2020: "records"}
    out = build_report(data, out_dir=tmp_path, formats=("docx",))
    assert "汇总填报" in docx_text(out["docx"])


def test_show_plan_names_records_and_the_indicator(switched, capsys):
    call_command("show_plan", "--json")
    targets = {t["key"]: t for t in json.loads(capsys.readouterr().out)[0]["targets"]}
    assert (targets["town-township-pairing"]["source"],
            targets["town-township-pairing"]["indicator"]) == ("records", "pairing.townships")


# --- the plan file ------------------------------------------------------------------------
PLAN = """\
plan:
  key: p
  name: {zh: 规划, en: Plan}
  east: "350104000000"
  west: "621124000000"
  years: [2017, 2020]
targets:
  - key: t
    chapter: 7
    text: {zh: 覆盖, en: Coverage}
    kind: KIND
    members: {children_of: "621124000000", level: township}
    source: {indicator: IND}
"""


@pytest.fixture
def known(monkeypatch):
    fakes = {
        "x.count": Indicator(key="x.count", label="", unit="", compute=lambda *, user: {}),
        "x.members": Indicator(key="x.members", label="", unit="", compute=lambda *, user: {},
                               members=lambda *, user, year: set()),
        "x.stock": Indicator(key="x.stock", label="", unit="", compute=lambda *, user: {},
                             shape="stock"),
    }
    monkeypatch.setattr(indicators, "all_indicators", lambda: fakes)


def _parse(kind, ind):
    text = PLAN.replace("KIND", kind).replace("IND", ind)
    if kind != "coverage":
        text = text.replace('    members: {children_of: "621124000000", level: township}\n', "")
    return parse_plan(text)


def test_the_plan_file_takes_indicators_for_coverage_and_milestones(known):
    assert _parse("coverage", "x.members").targets[0].indicator == "x.members"
    assert _parse("milestone", "x.count").targets[0].indicator == "x.count"


def test_a_coverage_indicator_without_members_is_refused_clearly(known):
    with pytest.raises(PlanFileError, match=r"Indicator.members.*'x.count'.*x.members"):
        _parse("coverage", "x.count")
    with pytest.raises(PlanFileError, match="per-year indicator"):
        _parse("milestone", "x.stock")


def test_count_field_counts_distinct_people(db, users, funds_build, areas):
    """count_field: "pk" counts rows (人次), another field its distinct values (人)."""
    from xiezuo.funds import selectors
    from xiezuo.funds.filters import ProjectFilters

    funds_build(areas, users)
    rows = Indicator(key="f.p", label="", unit="", selector=selectors.project_list,
                     filters=lambda year: ProjectFilters(year=year), year_field="year")
    counties = dataclasses.replace(rows, count_field="county")
    assert rows.value(user=users["county_admin"], year=2018) == 3
    assert counties.value(user=users["county_admin"], year=2018) == 1
    assert counties.per_year(user=users["county_admin"]) == {2018: 1}


def test_the_dashboard_keeps_its_query_budget_with_records_sources(
        plan, users, client, monkeypatch, switched, approved_entry, areas, funds_build,
        django_assert_max_num_queries):
    """The coverage target's members come from a real list through
    core.indicators.members_by_year (one query for all years), the milestone and the count
    from hand-given figures (the parts' real counts already in the plan file are counted too);
    the dashboard stays within its 25 queries."""
    from xiezuo.core.indicators import members_by_year
    from xiezuo.funds.filters import ProjectFilters
    from xiezuo.funds.selectors import project_list

    funds_build(areas, users)  # projects in two townships in 2018
    approved_entry(switched["teachers-trained"], 2017, 30)
    real_find = indicators.find
    townships = members_by_year(selector=project_list, filters=lambda y: ProjectFilters(year=y),
                                year_field="year", code_field="villages__parent__code",
                                cumulative=True)

    def find(key):
        ind = real_find(key)
        return dataclasses.replace(ind, members=townships) if key == "pairing.townships" else ind

    monkeypatch.setattr(indicators, "find", find)
    for role in ("county_admin", "township_clerk", "east_officer", "leadership"):
        client.force_login(users[role])
        # ch.3's five tracked figures come from one query (industry.selectors.plan_figures)
        with django_assert_max_num_queries(25):
            r = client.get("/plan/?year=2018")
        assert r.status_code == 200
    r = _result(plan, users["county_admin"], "town-township-pairing")
    assert [r.years[y].value for y in (2017, 2018, 2019)] == [0, 2, 2]  # cumulative from 2018


def test_the_parts_read_the_partnerships_once_per_evaluation(plan, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        evaluate(plan, user=users["county_admin"], as_of=FINAL)
    assert sum('"regions_partnership"' in q["sql"] for q in ctx.captured_queries) <= 1


def test_members_by_year_asks_once_per_evaluation(db, users, areas, funds_build,
                                                  django_assert_num_queries):
    from xiezuo.core.indicators import members_by_year, one_evaluation
    from xiezuo.funds.filters import ProjectFilters
    from xiezuo.funds.selectors import project_list

    funds_build(areas, users)
    members = members_by_year(selector=project_list, filters=lambda y: ProjectFilters(year=y),
                              year_field="year", code_field="villages__parent__code")
    user = users["county_admin"]
    with django_assert_num_queries(1), one_evaluation():
        got = {y: members(user=user, year=y) for y in (2017, 2018, 2019)}
    assert got == {2017: set(), 2018: {TAOYANG, XINDIAN}, 2019: set()}
    with django_assert_num_queries(2):  # outside an evaluation, each call asks again
        members(user=user, year=2018)
        members(user=user, year=2019)

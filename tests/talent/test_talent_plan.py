"""The plan's ch.5 targets are computed from the talent records: `show_plan --json` names the
talent indicators as their source, and the dashboard's status follows the rosters."""

import datetime
import json

import pytest
from django.core.management import call_command

from xiezuo.talent.imports import trainees_import

pytestmark = pytest.mark.django_db

CH5 = {"cadre-training-sessions": "talent.cadre_sessions",
       "cadre-training-people": "talent.cadre_people",
       "expert-lectures": "talent.expert_lectures",
       "expert-lecture-trainees": "talent.expert_lecture_trainees",
       "teachers-trained": "talent.teachers", "medical-staff-trained": "talent.medical_staff",
       "nursing-staff-trained": "talent.nursing_staff", "mch-staff-trained": "talent.mch_staff",
       "cdc-staff-trained": "talent.cdc_staff", "hospital-pairings": "talent.hospital_pairings"}


@pytest.fixture
def real_plan(areas):
    from xiezuo.plan.services import DEFAULT_PLAN_FILE, default_plan_text, plan_load

    return plan_load(text=default_plan_text(), source=DEFAULT_PLAN_FILE)[0]


def test_show_plan_names_the_records_as_the_source(real_plan, capsys):
    from xiezuo.plan import indicators

    call_command("show_plan", "--json")
    targets = {t["key"]: t for t in json.loads(capsys.readouterr().out)[0]["targets"]}
    for key, ind in CH5.items():
        assert (targets[key]["source"], targets[key]["indicator"]) == ("records", ind), key
        assert indicators.find(ind) is not None, ind  # the talent part declares it


def test_the_status_follows_the_roster(real_plan, users, tclass, roster_file, settings):
    settings.PLAN_INDICATOR_CACHE_SECONDS = 0  # the figures are shared for a minute otherwise
    from xiezuo.plan.evaluation import SOURCE_RECORDS, evaluate

    tclass("2018-GB-01", start=datetime.date(2018, 5, 7))
    admin = users["county_admin"]

    def result():
        r = {x.target.key: x for x in evaluate(real_plan, user=admin,
                                              as_of=datetime.date(2018, 12, 31)).targets}
        return r["cadre-training-people"], r["cadre-training-sessions"]

    people, sessions = result()
    assert people.source == SOURCE_RECORDS
    assert sessions.years[2018].value == 1 and sessions.years[2018].status == "met"
    assert people.years[2018].status != "met"
    rows = [["2018-GB-01", f"学员{i:02d}", None, "1980-01-01", None, f"单位{i}", None, "洮阳镇",
             "是"] for i in range(20)]
    trainees_import(path=roster_file(rows))
    people, _ = result()
    assert people.years[2018].value == 20 and people.years[2018].status == "met"


def test_the_dashboard_keeps_its_25_queries_with_the_talent_records(
        real_plan, users, client, tclass, roster_file, hospital, settings):
    """Ten targets, two reads: the nine counts within the plan's one batched query of every
    part's plain figures (core.indicators.answer_together), the hospital pairings' dates. The
    dashboard of the real plan file (ch.5 from records) stays within its 25 queries for the
    county, a township and the eastern side."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xiezuo.talent import services

    settings.PLAN_INDICATOR_CACHE_SECONDS = 0
    tclass("2018-GB-01")
    tclass("2018-YL-01", kind="medical")
    trainees_import(path=roster_file([
        ["2018-GB-01", "张伟", None, "1980-01-01", None, "洮阳镇政府", None, "洮阳镇", "是"],
        ["2018-YL-01", "李医生", None, "1982-01-01", None, "县医院", None, "洮阳镇", "是"]]))
    services.pairing_create(actor=None, west_hospital=hospital("临洮县人民医院"),
                            east_hospital=hospital("仓山区医院", "east"),
                            signed_on=datetime.date(2018, 3, 1))
    for role in ("county_admin", "township_clerk", "east_officer"):
        client.force_login(users[role])
        with CaptureQueriesContext(connection) as ctx:
            r = client.get("/plan/?year=2018")
        assert r.status_code == 200
        assert len(ctx.captured_queries) <= 25, (role, len(ctx.captured_queries))
        talent = [q["sql"] for q in ctx.captured_queries if '"talent_' in q["sql"]]
        assert len(talent) == 2, talent
        assert sum(" UNION ALL " in q for q in talent) == 1
    people = {x.target.key: x for x in r.context["result"].targets}["cadre-training-people"]
    assert people.years[2018].value == 1


def test_the_report_section_counts_the_records(users, tclass, roster_file):
    from xiezuo.core.reports import report_sections

    tclass("2018-GB-01")
    trainees_import(path=roster_file([
        ["2018-GB-01", "张伟", None, "1980-01-01", None, "洮阳镇政府", None, "洮阳镇", "是"],
        ["2018-GB-01", "李娜", None, "1981-01-01", None, "辛店镇政府", None, "辛店镇", "否"]]))
    found = [s for s in report_sections(user=users["county_admin"], year=2018) if s.chapter == 5]
    assert len(found) == 1
    s = found[0]
    assert "培训班、专题讲座1期，参训2人次，结业1人次，合1人" in s.paragraphs[0]
    assert s.tables[0].rows[0][:2] == ["2018-GB-01", "培训班 2018-GB-01"]
    assert s.tables[0].rows[-1][-2:] == [2, 1]

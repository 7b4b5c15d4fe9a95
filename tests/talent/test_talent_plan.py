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
        assert targets[key]["source"] == {"indicator": ind}, key
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

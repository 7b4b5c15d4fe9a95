"""The plan tracks ch.4.2–4.3 year by year from labour's records (the plan sets no number):
villages reached (个村) and households reached (户) by the year's outreach, and the people
trained (人, each person once a year however many courses). Each figure links to the list that
shows the same total."""

import datetime

import pytest

from xiezuo.labour.outreach.models import HouseholdReach, VillageDelivery
from xiezuo.labour.training import services as training
from xiezuo.plan.choices import TargetKind
from xiezuo.plan.evaluation import SOURCE_RECORDS, evaluate
from xiezuo.regions.models import Area

pytestmark = pytest.mark.django_db
V1, V2, V3 = "621124100201", "621124100202", "621124103201"
KEYS = ("outreach-every-village", "outreach-households", "vocational-training")


@pytest.fixture
def year_2019(users, campaign, hh, person, training_base, course):
    c = campaign(year=2019)
    for code in (V1, V3):
        VillageDelivery.objects.create(campaign=c, village=Area.objects.get(code=code),
                                       date=datetime.date(2019, 4, 1), deliverer="王书记",
                                       channel="cadres")
    for home, result in ((hh(V1), "reached"), (hh(V2), "not_home"), (hh(V3), "reached")):
        HouseholdReach.objects.create(campaign=c, household=home, method="visit",
                                      result=result, date=datetime.date(2019, 4, 2))
    a, _n = person(V1, name="小李", age=18)
    b, _n = person(V3, name="小王", age=19)
    first = course(training_base())
    second = course(training_base("福州某企业实训基地"), title="焊工培训班", certificate="焊工证",
                    skill="焊工", starts_on=datetime.date(2019, 9, 1),
                    ends_on=datetime.date(2019, 10, 31))
    for k, p in ((first, a), (second, a), (second, b)):
        training.trainee_enrol(actor=users["case_worker"], course=k, person=p)


def test_the_targets_are_tracked_from_labours_indicators(default_plan):
    targets = {t.key: t for t in default_plan.targets.filter(key__in=KEYS)}
    assert {k: (t.kind, t.indicator, t.unit_zh) for k, t in targets.items()} == {
        "outreach-every-village": (TargetKind.TRACKED, "labour.outreach_villages", "个村"),
        "outreach-households": (TargetKind.TRACKED, "labour.outreach_households", "户"),
        "vocational-training": (TargetKind.TRACKED, "labour.trainees_people", "人"),
    }


def test_the_years_figures_equal_their_lists(default_plan, users, year_2019, client):
    admin = users["county_admin"]
    result = {r.target.key: r for r in evaluate(default_plan, user=admin,
                                                as_of=datetime.date(2020, 3, 1)).targets}
    got = {k: (result[k].source, result[k].years[2019].value) for k in KEYS}
    assert got == {"outreach-every-village": (SOURCE_RECORDS, 2),
                   "outreach-households": (SOURCE_RECORDS, 2),  # the family not met: not
                   "vocational-training": (SOURCE_RECORDS, 2)}  # 3 places, 2 people
    client.force_login(admin)
    pages = {k: client.get(result[k].years[2019].drill_url).content.decode() for k in KEYS}
    assert "共 2 个行政村" in pages["outreach-every-village"]
    assert "共 2 户" in pages["outreach-households"]
    assert '<span id="list-persons">2 人</span>' in pages["vocational-training"]
    # a township clerk's figures are the township's (洮阳镇: V1, V2)
    clerk = {r.target.key: r for r in evaluate(default_plan, user=users["township_clerk"],
                                                as_of=datetime.date(2020, 3, 1)).targets}
    assert [clerk[k].years[2019].value for k in KEYS] == [1, 1, 1]

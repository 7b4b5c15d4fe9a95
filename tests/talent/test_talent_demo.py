"""The demo's talent story: classes, trainees (some coming back), pairings, requests (one
overdue), enrolments; some targets met and others missed; the same every run."""

import io

import pytest

pytestmark = pytest.mark.django_db


def test_the_demo_meets_some_targets_and_misses_others(areas, users):
    from xiezuo.core.synthetic import DemoContext
    from xiezuo.talent import demo
    from xiezuo.talent.filters import RequestFilters
    from xiezuo.talent.indicators import INDICATORS
    from xiezuo.talent.models import Attendance, HospitalPairing, Trainee, TrainingClass
    from xiezuo.talent.selectors import request_list

    demo.build(DemoContext(seed=7, stdout=io.StringIO()))
    assert TrainingClass.objects.count() == len(demo.CLASSES)
    assert Attendance.objects.count() == sum(n for *_x, n in demo.CLASSES)
    assert Trainee.objects.count() < Attendance.objects.count()  # people came back
    assert HospitalPairing.objects.count() == 2
    admin = users["county_admin"]
    ind = {i.key: i.per_year(user=admin) for i in INDICATORS}
    cadres = ind["talent.cadre_people"]
    assert cadres[2017] >= 20 and cadres[2018] < 20  # met, then missed
    assert ind["talent.teachers"][2018] < 30 <= ind["talent.teachers"][2019]
    assert sum(ind["talent.medical_staff"].values()) >= 10
    assert sum(ind["talent.nursing_staff"].values()) < 10
    assert ind["talent.hospital_pairings"][2018] == 2 and ind["talent.hospital_pairings"][2020] == 1
    assert request_list(user=admin, filters=RequestFilters(overdue=True)).count() >= 1
    demo.build(DemoContext(seed=7, stdout=io.StringIO()))  # a second run adds nothing
    assert TrainingClass.objects.count() == len(demo.CLASSES)

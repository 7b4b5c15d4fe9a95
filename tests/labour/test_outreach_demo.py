"""The demo's outreach and training story, run on the test areas: campaigns reaching most but not
all villages, SMS batches with imported delivery reports, courses whose completers hold their
certificates in the labour profile."""

import datetime
import io
import random

import pytest
from faker import Faker

from xiezuo.labour.models import LabourProfile
from xiezuo.labour.outreach import demo as outreach_demo
from xiezuo.labour.outreach import selectors
from xiezuo.labour.outreach.models import HouseholdReach, SmsBatch
from xiezuo.labour.training import demo as training_demo
from xiezuo.labour.training.models import CourseTrainee
from xiezuo.regions.models import Area
from xiezuo.registry.models import Household, Person

VILLAGES = ["621124100201", "621124100202", "621124103201", "621124103202"]


@pytest.mark.django_db
def test_the_demo_story(users, person, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    rng = random.Random(3)
    for i in range(24):
        p, _n = person(VILLAGES[i % 4], age=17 + i % 20)
        Household.objects.filter(pk=p.household_id).update(phone=f"139{i:08d}")
        Person.objects.filter(pk=p.pk).update(education="初中", schooling="非在校生")
    log = io.StringIO()
    county = Area.objects.get(code="621124000000")
    outreach_demo.build(rng=rng, faker=Faker("zh_CN"), log=log.write, county=county)
    training_demo.build(rng=rng, log=log.write, county=county)
    admin = users["county_admin"]
    for year in (2019, 2020):
        v = selectors.village_coverage(user=admin, year=year)
        assert 0 < v.reached < v.total == 4  # most but not all (one of four missed)
    assert SmsBatch.objects.exists()
    results = set(HouseholdReach.objects.filter(method="sms").values_list("result", flat=True))
    assert "delivered" in results
    done = CourseTrainee.objects.filter(status="completed").exclude(course__certificate="")
    assert done.exists()
    for t in done[:5]:
        assert t.course.certificate in LabourProfile.objects.get(person=t.person).certificate_list
    assert "synthetic" in log.getvalue()
    assert datetime.date.today() >= datetime.date(2020, 12, 31)

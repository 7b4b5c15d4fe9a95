"""A certificate earned on a course goes into the person's labour profile, so the next matching
run counts it: a person ineligible for an opening that requires the certificate becomes eligible
after completing the course (end to end, through the real matching run)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xiezuo.accounts.versioned import StaleEditError
from xiezuo.labour.choices import Unmatched
from xiezuo.labour.models import LabourProfile, Proposal, UnmatchedSeeker
from xiezuo.labour.runs import match_run_start
from xiezuo.labour.training import services
from xiezuo.labour.training.choices import TraineeStatus

V1 = "621124100201"


@pytest.fixture
def world(users, person, profile, employer, opening, training_base, course):
    worker, _n = person(V1, name="李电工", age=20)
    prof = profile(worker, skills=["搬运"], wage="3000")
    job = opening(employer("仓山电器厂"), title="电工", positions=1, wage="5000",
                  certificates=["电工证"])
    c = course(training_base())
    return worker, prof, job, c


def _run(user):
    run = match_run_start(actor=user)
    run.refresh_from_db()
    return run


def test_completing_the_course_makes_the_person_eligible(users, world):
    worker, prof, job, c = world
    cw = users["case_worker"]
    before = _run(cw)
    assert not Proposal.objects.filter(run=before, profile=prof, opening=job).exists()
    assert UnmatchedSeeker.objects.get(run=before, profile=prof).reason == Unmatched.NO_ELIGIBLE

    t = services.trainee_enrol(actor=cw, course=c, person=worker)
    services.trainee_complete(actor=cw, trainee=t, version=t.version,
                              completed_on=datetime.date(2019, 5, 31),
                              certificate_number="DG2019-0001")
    prof.refresh_from_db()
    assert prof.certificate_list == ["电工证"] and set(prof.skill_list) == {"搬运", "电工"}

    after = _run(cw)
    assert Proposal.objects.filter(run=after, profile=prof, opening=job, rank=0).exists()
    assert not UnmatchedSeeker.objects.filter(run=after, profile=prof).exists()


def test_a_person_without_a_profile_gets_one_holding_the_certificate(users, person, course,
                                                                     training_base):
    p, _n = person(V1, age=19)
    c = course(training_base())
    t = services.trainee_enrol(actor=users["case_worker"], course=c, person=p)
    services.trainee_complete(actor=users["case_worker"], trainee=t, version=t.version,
                              completed_on=datetime.date(2019, 5, 31), certificate_number="X1")
    prof = LabourProfile.objects.get(person=p)
    assert prof.certificate_list == ["电工证"] and not prof.willing  # willingness: the survey's


def test_completion_rules_and_who_may_record_them(users, world):
    worker, _prof, _job, c = world
    cw = users["case_worker"]
    t = services.trainee_enrol(actor=cw, course=c, person=worker)
    with pytest.raises(ValidationError):  # the course grants a certificate: its number needed
        services.trainee_complete(actor=cw, trainee=t, version=t.version,
                                  completed_on=datetime.date(2019, 5, 31))
    with pytest.raises(ValidationError):  # before the course began
        services.trainee_complete(actor=cw, trainee=t, version=t.version,
                                  completed_on=datetime.date(2019, 1, 1), certificate_number="1")
    for role in ("township_clerk", "fund_officer", "leadership"):
        with pytest.raises(PermissionDenied):
            services.trainee_complete(actor=users[role], trainee=t, version=t.version,
                                      completed_on=datetime.date(2019, 5, 31),
                                      certificate_number="1")
    with pytest.raises(ValidationError):
        services.trainee_enrol(actor=cw, course=c, person=worker)  # once per course


def test_a_stale_completion_is_refused(users, world):
    worker, _prof, _job, c = world
    cw = users["case_worker"]
    t = services.trainee_enrol(actor=cw, course=c, person=worker)
    services.trainee_drop(actor=cw, trainee=t, version=t.version, note="外出务工")
    with pytest.raises(StaleEditError):
        services.trainee_complete(actor=cw, trainee=t, version=t.version,
                                  completed_on=datetime.date(2019, 5, 31),
                                  certificate_number="1")
    t.refresh_from_db()
    assert t.status == TraineeStatus.DROPPED


def test_a_course_needs_a_training_base(users, areas, world):
    from xiezuo.orgs.choices import OrgKind, Side
    from xiezuo.orgs.models import Organisation

    plain = Organisation.objects.create(name="某公司", kind=OrgKind.OTHER, side=Side.EAST,
                                        area=areas["350104000000"])
    with pytest.raises(ValidationError):
        services.course_create(actor=users["case_worker"], county=areas["621124000000"],
                               base=plain, title="x", kind="skills",
                               starts_on=datetime.date(2019, 1, 1),
                               ends_on=datetime.date(2019, 2, 1), place="福州")


def test_training_indicators_and_report(users, world):
    from xiezuo.labour.indicators import INDICATORS
    from xiezuo.labour.report_sections import sections

    worker, _prof, _job, c = world
    cw = users["case_worker"]
    t = services.trainee_enrol(actor=cw, course=c, person=worker)
    services.trainee_complete(actor=cw, trainee=t, version=t.version,
                              completed_on=datetime.date(2019, 5, 31), certificate_number="D1")
    ind = {i.key: i for i in INDICATORS}
    assert ind["labour.trainees"].per_year(user=cw) == {2019: 1}
    assert ind["labour.training_completions"].per_year(user=cw) == {2019: 1}
    assert ind["labour.trainees"].per_year(user=users["other_clerk"]) == {}
    text = {s.title: s for s in sections(user=cw, year=2019)}["劳动力培训"].paragraphs[0]
    assert "培训1人次" in text and "取得职业资格或技能证书1人次" in text


def test_trainees_are_counted_in_places_and_in_people(users, world, course, training_base,
                                                      person, client):
    """labour.trainees counts places (人次), labour.trainees_people the people (人): someone on
    two courses in a year is two places and one person; the list behind both says so."""
    from xiezuo.labour.indicators import INDICATORS

    worker, _prof, _job, c = world
    other, _n = person(V1, name="王焊工", age=19)
    second = course(training_base("福州某企业实训基地"), title="焊工培训班", certificate="焊工证",
                    skill="焊工", starts_on=datetime.date(2019, 9, 1),
                    ends_on=datetime.date(2019, 10, 31))
    cw = users["case_worker"]
    for k, p in ((c, worker), (second, worker), (second, other)):
        services.trainee_enrol(actor=cw, course=k, person=p)
    ind = {i.key: i for i in INDICATORS}
    places, people = ind["labour.trainees"], ind["labour.trainees_people"]
    assert (str(places.unit), str(people.unit)) == ("人次", "人")
    assert places.per_year(user=cw) == {2019: 3} and people.per_year(user=cw) == {2019: 2}
    assert people.value(user=cw, year=2019) == 2
    assert places.url(2019) == people.url(2019)  # the same list, filtered the same way
    client.force_login(cw)
    body = client.get(people.url(2019)).content.decode()
    assert '<span id="list-total">共 3 人次</span>（<span id="list-persons">2 人</span>）' in body

"""The plan's ch.5 figures count over the lists: people once, 人次 as attendances, cumulative
targets each person once in the year of their first class; the figure equals its list's total."""

import datetime

import pytest

from xiezuo.talent.imports import trainees_import
from xiezuo.talent.indicators import INDICATORS

pytestmark = pytest.mark.django_db
IND = {i.key: i for i in INDICATORS}


def row(code, name, unit, birth="1980-01-01", completed="是", township="洮阳镇"):
    return [code, name, None, birth, None, unit, None, township, completed]


@pytest.fixture
def trained(tclass, roster_file):
    tclass("2018-GB-01", kind="party_gov", start=datetime.date(2018, 4, 2))
    tclass("2018-GB-02", kind="rural_talent", start=datetime.date(2018, 10, 8))
    tclass("2019-GB-01", kind="org_dept", start=datetime.date(2019, 4, 1))
    tclass("2018-JZ-01", kind="expert_lecture", held="west", start=datetime.date(2018, 6, 1))
    tclass("2018-JZ-02", kind="expert_lecture", held="west", start=datetime.date(2018, 9, 1))
    tclass("2018-YL-01", kind="medical", start=datetime.date(2018, 3, 1))
    tclass("2019-YL-01", kind="medical", start=datetime.date(2019, 3, 1))
    trainees_import(path=roster_file([
        # 张伟 attends two cadre classes in 2018 and one in 2019: 1 person a year, 3 人次
        row("2018-GB-01", "张伟", "洮阳镇政府"), row("2018-GB-02", "张伟", "洮阳镇政府"),
        row("2019-GB-01", "张伟", "洮阳镇政府"),
        row("2018-GB-01", "李娜", "辛店镇政府", township="辛店镇"),
        row("2018-GB-02", "王五", "县农业局", completed="否"),  # not completed: not trained
        # two lectures, the same two people: 4 人次
        row("2018-JZ-01", "张伟", "洮阳镇政府"), row("2018-JZ-01", "李娜", "辛店镇政府",
                                                 township="辛店镇"),
        row("2018-JZ-02", "张伟", "洮阳镇政府"), row("2018-JZ-02", "李娜", "辛店镇政府",
                                                 township="辛店镇"),
        # a doctor trained in 2018 and again in 2019 counts once, in 2018
        row("2018-YL-01", "赵医生", "县人民医院"), row("2019-YL-01", "赵医生", "县人民医院"),
        row("2019-YL-01", "钱护士", "县人民医院"),
    ]))


def test_people_are_counted_once_across_classes(trained, users):
    admin = users["county_admin"]
    cadres = IND["talent.cadre_people"]
    assert cadres.per_year(user=admin) == {2018: 2, 2019: 1}
    assert cadres.value(user=admin, year=2018) == 2


def test_sessions_and_person_times(trained, users):
    admin = users["county_admin"]
    assert IND["talent.cadre_sessions"].per_year(user=admin) == {2018: 2, 2019: 1}
    assert IND["talent.expert_lectures"].per_year(user=admin) == {2018: 2}
    assert IND["talent.expert_lecture_trainees"].per_year(user=admin) == {2018: 4}


def test_cumulative_targets_count_each_person_once(trained, users):
    admin = users["county_admin"]
    assert IND["talent.medical_staff"].per_year(user=admin) == {2018: 1, 2019: 1}
    total = sum(IND["talent.medical_staff"].per_year(user=admin).values())
    assert total == 2  # 赵医生 once, 钱护士 once


def test_the_figure_equals_its_lists_total(trained, client, users):
    from xiezuo.talent import selectors

    client.force_login(users["east_officer"])
    for key in ("talent.cadre_people", "talent.expert_lecture_trainees",
                "talent.medical_staff"):
        ind = IND[key]
        qs = ind.selector(user=users["east_officer"], filters=ind.filters(2018))
        r = client.get(ind.url(2018))
        assert r.status_code == 200
        people = qs.order_by().values("trainee").distinct().count()
        expected = people if key != "talent.expert_lecture_trainees" else qs.count()
        assert ind.value(user=users["east_officer"], year=2018) == expected
        text = r.content.decode()
        assert f"共 {qs.count()} 人次，{people} 人" in text
    assert selectors


def test_a_township_clerk_counts_their_township_only(trained, users):
    clerk = users["township_clerk"]  # 洮阳镇
    assert IND["talent.cadre_people"].per_year(user=clerk) == {2018: 1, 2019: 1}
    assert IND["talent.expert_lecture_trainees"].per_year(user=clerk) == {2018: 2}


def test_each_years_figure_equals_its_list(trained, users, hospital):
    """The dashboard's figures (one shared read) equal the lists they link to, year by year."""
    from xiezuo.talent import services

    services.pairing_create(actor=None, west_hospital=hospital("临洮县人民医院"),
                            east_hospital=hospital("仓山区医院", "east"),
                            signed_on=datetime.date(2018, 3, 1), end_on=datetime.date(2019, 2, 1))
    for who in ("county_admin", "township_clerk", "east_officer"):
        user = users[who]
        for ind in INDICATORS:
            per = ind.per_year(user=user)
            for year in (2017, 2018, 2019, 2020):
                assert per.get(year, 0) == ind.value(user=user, year=year), (who, ind.key, year)


@pytest.fixture
def hospital_pairing(hospital):
    from xiezuo.talent import services

    return services.pairing_create(actor=None, west_hospital=hospital("临洮县人民医院"),
                                   east_hospital=hospital("仓山区医院", "east"),
                                   signed_on=datetime.date(2018, 3, 1),
                                   end_on=datetime.date(2019, 2, 1))


@pytest.mark.parametrize("who", ["county_admin", "township_clerk", "east_officer"])
def test_the_figures_page_shows_each_indicators_figure(client, trained, users, hospital_pairing,
                                                       who):
    """/talent/figures/ counts every figure in one batch; each equals the figure read alone
    through the list's own selector, year by year."""
    user = users[who]
    client.force_login(user)
    rows = client.get("/talent/figures/").context["rows"]
    assert [r["ind"].key for r in rows] == [ind.key for ind in INDICATORS]
    checked = 0
    for r in rows:
        for year, shown, url in r["cells"]:
            ind = r["ind"]
            alone = (ind.per_year(user=user).get(year, 0) if ind.compute is not None
                     else ind.value(user=user, year=year))
            assert shown == alone, (who, ind.key, year)
            assert url == ind.url(year)
            checked += bool(shown)
    assert checked >= 3


@pytest.mark.parametrize("who", ["county_admin", "township_clerk", "east_officer"])
def test_the_figures_page_takes_a_bounded_number_of_queries(client, trained, users,
                                                             hospital_pairing, who,
                                                             django_assert_max_num_queries):
    """Nine figures over four years: the plain counts in one query, the hospital pairings in one
    read (it took 20 before, one per figure and more). The request's own: the session, the
    user, the OTP device, the user's area and the session's save (3)."""
    client.force_login(users[who])
    with django_assert_max_num_queries(11):
        r = client.get("/talent/figures/")
    assert r.status_code == 200

"""Hospital pairings: counted in every year they were in operation (one that ended before the
year does not count), activities within the pairing's period, scoping and refusals."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from xiezuo.talent import services
from xiezuo.talent.indicators import INDICATORS

pytestmark = pytest.mark.django_db
D = datetime.date
IND = {i.key: i for i in INDICATORS}


@pytest.fixture
def pairings(hospital):
    west1, west2 = hospital("临洮县人民医院"), hospital("临洮县中医院")
    east1, east2 = hospital("仓山区医院", "east"), hospital("仓山区妇幼保健院", "east")
    ended = services.pairing_create(actor=None, west_hospital=west2, east_hospital=east2,
                                    signed_on=D(2017, 7, 1), end_on=D(2018, 6, 30))
    running = services.pairing_create(actor=None, west_hospital=west1, east_hospital=east1,
                                      signed_on=D(2018, 3, 1))
    return ended, running


def test_a_pairing_counts_in_the_years_it_ran(pairings, users):
    per = IND["talent.hospital_pairings"].per_year(user=users["county_admin"])
    assert per[2017] == 1 and per[2018] == 2 and per[2019] == 1 and per[2020] == 1
    ind = IND["talent.hospital_pairings"]
    assert ind.value(user=users["county_admin"], year=2019) == 1  # the ended one is gone
    assert ind.url(2019).endswith("?year=2019")


def test_the_pairing_list_says_the_same(pairings, client, users):
    client.force_login(users["leadership"])
    text = client.get(reverse("talent:pairing_list") + "?year=2019").content.decode()
    assert "共 1 对" in text and "临洮县人民医院" in text and "临洮县中医院" not in text


def test_only_hospitals_of_each_side_pair(hospital):
    west, east = hospital("临洮县人民医院"), hospital("仓山区医院", "east")
    with pytest.raises(ValidationError):
        services.pairing_create(actor=None, west_hospital=east, east_hospital=west,
                                signed_on=D(2018, 1, 1))


def test_activities_lie_within_the_pairing(pairings, users):
    ended, _running = pairings
    a = services.activity_record(actor=users["east_officer"], pairing=ended, kind="rounds",
                                 date=D(2018, 5, 2), title="专家巡诊", east_staff=5, west_staff=12)
    assert a.pk
    with pytest.raises(ValidationError):
        services.activity_record(actor=None, pairing=ended, kind="rounds", date=D(2019, 1, 2),
                                 title="协作结束后")


def test_a_stale_pairing_edit_is_refused(pairings, users):
    ended, _ = pairings
    services.pairing_update(actor=users["county_admin"], pairing=ended, version=1,
                            note="续签中")
    with pytest.raises(services.StaleEditError):
        services.pairing_update(actor=users["county_admin"], pairing=ended, version=1,
                                note="另一个")


def test_pages_refuse_other_roles(pairings, client, users):
    ended, _ = pairings
    for name, args in (("pairing_list", []), ("pairing_detail", [ended.pk]),
                       ("activity_list", [])):
        client.force_login(users["fund_officer"])
        assert client.get(reverse(f"talent:{name}", args=args)).status_code == 403
        client.force_login(users["east_officer"])
        assert client.get(reverse(f"talent:{name}", args=args)).status_code == 200
    client.force_login(users["leadership"])
    r = client.post(reverse("talent:activity_create", args=[ended.pk]),
                    {"kind": "rounds", "date": "2018-05-02", "title": "x"})
    assert r.status_code == 403

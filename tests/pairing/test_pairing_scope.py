"""Scoping of every page and endpoint: the case worker is refused (403), a record of another
township is not found (404) for its clerk, writes outside the writer's areas are refused."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from xiezuo.pairing import services
from xiezuo.pairing.access import ACCESS
from xiezuo.pairing.choices import DonationKind, DonorCategory, Purpose

pytestmark = pytest.mark.django_db
CANGSHAN_TOWN = "350104100000"  # 仓山镇
V_TAOYANG_DEEP = "621124100201"  # a deep-poverty village of 洮阳镇 (tests/conftest.py areas)
V_XINDIAN_DEEP = "621124103201"  # a deep-poverty village of 辛店镇

def area(code: str):
    from xiezuo.regions.models import Area

    return Area.objects.get(code=code)

TAOYANG, XINDIAN = "621124100000", "621124103000"
LISTS = ["coverage", "town_list", "enterprise_list", "activity_list", "donation_list",
         "volunteer_org_list", "volunteer_list", "service_list", "figures"]
API = ["towns", "enterprises", "activities", "donations", "donations/totals", "volunteers",
       "services", "coverage?year=2019"]


@pytest.fixture
def records(town_pairing, enterprise_pairing, org):
    t = town_pairing(west=XINDIAN)
    e = enterprise_pairing(village=V_XINDIAN_DEEP)
    d = services.donation_create(
        actor=None, donor_name="郑先生", donor_category=DonorCategory.OVERSEAS_CHINESE,
        kind=DonationKind.MONEY, amount=Decimal("500.00"), purpose=Purpose.MEDICAL,
        date=datetime.date(2019, 3, 1), area=area(V_XINDIAN_DEEP))
    return t, e, d


def test_every_page_is_in_the_access_table():
    names = {n.split(":")[1] for n in ACCESS}
    assert set(LISTS) <= names
    assert {"town_create", "town_edit", "donation_link"} <= names


def test_the_case_worker_is_refused_every_page_and_endpoint(client, users, records):
    client.force_login(users["case_worker"])
    for name in LISTS:
        assert client.get(reverse(f"pairing:{name}")).status_code == 403, name
    t, e, d = records
    assert client.get(reverse("pairing:town_detail", args=[t.pk])).status_code == 403
    for path in API:
        assert client.get(f"/api/pairing/{path}").status_code == 403, path


def test_a_clerk_sees_their_township_only(client, users, records):
    t, e, d = records
    client.force_login(users["township_clerk"])  # 洮阳镇
    for name, pk in (("town_detail", t.pk), ("enterprise_detail", e.pk),
                     ("donation_detail", d.pk), ("town_edit", t.pk),
                     ("donation_edit", d.pk)):
        assert client.get(reverse(f"pairing:{name}", args=[pk])).status_code == 404, name
    r = client.get(reverse("pairing:town_list"))
    assert r.status_code == 200 and "辛店镇" not in r.content.decode().split("list-total")[1]
    assert client.get(f"/api/pairing/towns/{t.pk}").status_code == 404
    assert client.get(f"/api/pairing/donations/{d.pk}").status_code == 404
    assert client.get("/api/pairing/towns").json()["count"] == 0
    client.force_login(users["other_clerk"])  # 辛店镇
    assert client.get(reverse("pairing:town_detail", args=[t.pk])).status_code == 200
    assert client.get("/api/pairing/towns").json()["count"] == 1
    assert client.get(f"/api/pairing/donations/{d.pk}").json()["amount"] == "500.00"


def test_the_east_officer_sees_both_sides(client, users, records):
    client.force_login(users["east_officer"])
    assert client.get("/api/pairing/towns").json()["count"] == 1
    assert client.get("/api/pairing/donations").json()["count"] == 1


def test_writes_outside_the_writers_areas_are_refused(users, records, org):
    clerk = users["township_clerk"]  # 洮阳镇
    with pytest.raises(PermissionDenied):
        services.town_pairing_create(actor=clerk, east_town=area(CANGSHAN_TOWN),
                                     west_township=area(XINDIAN),
                                     started_on=datetime.date(2019, 1, 1))
    t, e, d = records
    with pytest.raises(PermissionDenied):
        services.activity_create(actor=clerk, town_pairing=t, date=datetime.date(2019, 1, 1),
                                 kind="visit")
    with pytest.raises(PermissionDenied):  # a read-only role
        services.town_pairing_create(actor=users["auditor"], east_town=area(CANGSHAN_TOWN),
                                     west_township=area(TAOYANG),
                                     started_on=datetime.date(2019, 1, 1))
    # the clerk's own township, and the east officer for any Cangshan town
    services.town_pairing_create(actor=clerk, east_town=area(CANGSHAN_TOWN),
                                 west_township=area(TAOYANG),
                                 started_on=datetime.date(2019, 1, 1))
    services.enterprise_pairing_create(actor=users["east_officer"], enterprise=org(),
                                       village=area(V_TAOYANG_DEEP),
                                       started_on=datetime.date(2019, 1, 1))


def test_a_clerk_creates_a_pairing_through_the_page(client, users):
    client.force_login(users["township_clerk"])
    r = client.post(reverse("pairing:town_create"), {
        "east_town": area(CANGSHAN_TOWN).pk, "west_township": area(TAOYANG).pk,
        "started_on": "2018-04-01"})
    assert r.status_code == 302, r.content.decode()[:2000]
    r = client.post(reverse("pairing:town_create"), {
        "east_town": area(CANGSHAN_TOWN).pk, "west_township": area(XINDIAN).pk,
        "started_on": "2018-04-01"})
    assert r.status_code == 403


def test_volunteers_are_seen_on_their_own_side(client, users, org):
    from xiezuo.orgs.choices import OrgKind, OrgRole

    so = org("仓山区阳光社工", kind=OrgKind.SOCIAL_ORG, roles=[OrgRole.SOCIAL_ORG])
    services.volunteer_create(actor=users["east_officer"], name="李四",
                              area=area("350104000000"), organisation=so,
                              registered_on=datetime.date(2018, 1, 1))
    with pytest.raises(PermissionDenied):  # a Lintao clerk records no Cangshan volunteer
        services.volunteer_create(actor=users["township_clerk"], name="王五",
                                  area=area("350104000000"),
                                  registered_on=datetime.date(2018, 1, 1))
    client.force_login(users["east_officer"])
    assert client.get("/api/pairing/volunteers").json()["count"] == 1
    client.force_login(users["township_clerk"])
    assert client.get("/api/pairing/volunteers").json()["count"] == 0

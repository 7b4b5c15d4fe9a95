"""Every talent list exports to Excel through the same selector and filters; the API answers
the same lists and refuses other roles; the household page shows directed enrolment."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xiezuo.talent import services
from xiezuo.talent.imports import trainees_import

pytestmark = pytest.mark.django_db
LISTS = ("class_list", "trainee_list", "attendance_list", "merge_list", "pairing_list",
         "activity_list", "request_list", "enrolment_list")


@pytest.fixture
def data(tclass, roster_file):
    tclass("2018-GB-01")
    trainees_import(path=roster_file([
        ["2018-GB-01", "张伟", None, "1980-01-01", None, "洮阳镇政府", None, "洮阳镇", "是"],
        ["2018-GB-01", "李娜", None, "1985-03-04", None, "辛店镇政府", None, "辛店镇", "是"]]))


@pytest.mark.parametrize("name", LISTS)
def test_every_list_exports(client, users, data, name):
    client.force_login(users["county_admin"])
    r = client.get(reverse(f"talent:{name}") + "?format=xlsx")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(b"".join(r.streaming_content)))
    assert wb.active.max_row >= 3  # title, scope line, header
    client.force_login(users["fund_officer"])
    assert client.get(reverse(f"talent:{name}") + "?format=xlsx").status_code == 403


def test_the_export_holds_the_users_rows(client, users, data):
    client.force_login(users["other_clerk"])  # 辛店镇
    r = client.get(reverse("talent:trainee_list") + "?format=xlsx")
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    names = [c.value for c in ws["A"]]
    assert "李娜" in names and "张伟" not in names


def test_the_api_lists_and_refuses(client, users, data):
    client.force_login(users["east_officer"])
    r = client.get("/api/talent/trainees")
    assert r.status_code == 200 and r.json()["count"] == 2
    r = client.get("/api/talent/classes?group=cadre")
    assert r.json()["items"][0]["n_attendances"] == 2
    client.force_login(users["other_clerk"])
    assert client.get("/api/talent/trainees").json()["count"] == 1
    for path in ("/api/talent/trainees", "/api/talent/classes", "/api/talent/attendances",
                 "/api/talent/hospital-pairings", "/api/talent/expert-requests",
                 "/api/talent/enrolments"):
        client.force_login(users["case_worker"])
        assert client.get(path).status_code == 403, path
    client.logout()
    assert client.get("/api/talent/trainees").status_code in (401, 403)


def test_the_household_page_shows_directed_enrolment(client, users, areas):

    from xiezuo.registry import crypto, idnumber
    from xiezuo.registry.models import Household, Person

    village = areas["621124100201"]
    hh = Household.objects.create(county=village.parent.parent, township=village.parent,
                                  village=village, number="H-T-1")
    import random

    number = idnumber.generate(random.Random(5), birth_date=datetime.date(2000, 2, 2), male=False)
    p = Person.objects.create(household=hh, name="学生甲", id_cipher=crypto.encrypt_id(number),
                              id_hash=crypto.id_hash(number), id_masked=crypto.mask_id(number),
                              sex="女", birth_date=datetime.date(2000, 2, 2), relation="子女")
    e = services.enrolment_record(actor=users["county_admin"], person=p, college="福州大学",
                                  admitted_year=2018, major="计算机")
    services.enrolment_year_record(actor=users["county_admin"], enrolment=e, year=2018,
                                   tuition_waived=Decimal("5000"), subsidy=Decimal("3000"))
    client.force_login(users["township_clerk"])
    text = client.get(reverse("registry:household_detail", args=[hh.pk])).content.decode()
    i = text.find("talent-enrolment-panel")
    assert i > 0 and "福州大学" in text, text[i:i + 1200]
    assert "5000.00" in text, text[i:i + 1200]
    # a role that does not read talent sees no panel
    client.force_login(users["case_worker"])
    text = client.get(reverse("registry:household_detail", args=[hh.pk])).content.decode()
    assert "福州大学" not in text
    # the other township's clerk cannot record it
    with pytest.raises(Exception):  # noqa: B017,PT011  (PermissionDenied from the guard)
        services.enrolment_record(actor=users["other_clerk"], person=p, college="x",
                                  admitted_year=2019)

"""Correcting employers, openings and workstations from the web: saved with optimistic locking
and audited with old and new values; bad input refused on the form; non-editors 403, records
outside the user's partnership 404."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.models import AuditEvent, User
from xiezuo.labour import services
from xiezuo.labour.choices import Housing, Sector
from xiezuo.labour.models import EmploymentBase, Opening, Workstation
from xiezuo.orgs import creditcode as credit_code
from xiezuo.orgs.models import Organisation

CANGSHAN_STREET = "350104001000"
V_TAOYANG = "621124100202"
V_XINDIAN = "621124103202"

D = dt.date
EDITORS = ("county_admin", "case_worker", "east_officer")
NOT_EDITORS = ("township_clerk", "leadership", "auditor", "fund_officer")
LINTAO_TOWNSHIP = "621124100000"
CANGSHAN_TOWN = "350104100000"  # 仓山镇


@pytest.fixture
def world(users, areas, employer, opening, person):
    cw = users["case_worker"]
    emp = employer("仓山电子厂", seed=11)
    job = opening(emp, title="电工", positions=5, wage="4200")
    for village in (V_TAOYANG, V_XINDIAN):  # two active placements on the opening
        p, _ = person(village)
        services.placement_refer(actor=cw, person=p, employer=emp, opening=job,
                                 referred_on=D(2018, 3, 1))
    ws = Workstation.objects.create(name="临洮县驻仓山劳务工作站", area=areas[CANGSHAN_STREET],
                                    opened_on=D(2017, 9, 1), staff=2)
    return {"emp": emp, "job": job, "ws": ws}


@pytest.fixture
def outsider(areas):
    """A case worker of a county in no partnership: none of the partnership's records are theirs."""
    county = areas["621123000000"]  # 渭源县 (reference areas): in no partnership
    return User.objects.create_user("cw-outside", password="pw-test-12345", role="case_worker",
                                    scope=county)


def _base(e: Organisation) -> bool:
    return EmploymentBase.objects.filter(organisation=e).exists()


def _employer_data(e: Organisation, **changes) -> dict:
    data = {"version": e.version, "name": e.name, "credit_code": e.credit_code,
            "area": e.area_id, "sector": e.sector, "contact_name": e.contact_name,
            "contact_phone": e.contact_phone, "address": e.address, "note": e.note}
    if _base(e):
        data["employment_base"] = "on"
    data.update(changes)
    return data


def _opening_data(o: Opening, **changes) -> dict:
    data = {"version": o.version, "title": o.title, "positions": o.positions, "wage": o.wage,
            "area": o.area_id, "skills": "、".join(o.skill_list),
            "certificates": "、".join(o.certificate_list), "min_age": o.min_age,
            "max_age": o.max_age, "housing": o.housing,
            "start_date": o.start_date.isoformat() if o.start_date else "", "note": o.note}
    data.update(changes)
    return data


def _workstation_data(w: Workstation | None = None, **changes) -> dict:
    data = {"name": "临洮县驻福州劳务工作站", "area": "", "address": "", "phone": "",
            "opened_on": "2017-09-01", "closed_on": "", "staff": 0, "note": ""}
    if w is not None:
        data.update({"version": w.version, "name": w.name, "area": w.area_id,
                     "address": w.address, "phone": w.phone,
                     "opened_on": w.opened_on.isoformat(),
                     "closed_on": w.closed_on.isoformat() if w.closed_on else "",
                     "staff": w.staff, "note": w.note})
    data.update(changes)
    return data


def _updates(obj) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type=obj._meta.label_lower,
                                          object_id=str(obj.pk), action=AuditAction.UPDATE)
                .order_by("id"))


# --- employers ------------------------------------------------------------------------------

def test_employer_edit_saves_and_audits_old_and_new(client, users, world, areas):
    e = world["emp"]
    old_code = e.credit_code
    new_code = credit_code.generate(random.Random(99), division="350104")
    client.force_login(users["east_officer"])
    url = reverse("labour:employer_edit", args=[e.pk])
    assert old_code in client.get(url).content.decode()  # the form shows the record
    r = client.post(url, _employer_data(
        e, name="仓山电子科技有限公司", credit_code=new_code.lower(), contact_name="林经理",
        area=areas[CANGSHAN_TOWN].pk, employment_base="on", note="专栏3就业基地"))
    assert r.status_code == 302 and r["Location"] == reverse("labour:employer_detail",
                                                             args=[e.pk])
    e.refresh_from_db()
    assert (e.name, e.credit_code, e.contact_name, e.area.code, _base(e), e.note,
            e.version) == ("仓山电子科技有限公司", new_code, "林经理", CANGSHAN_TOWN, True,
                           "专栏3就业基地", 2)
    # the register's fields in one event, labour's employment base in the next
    event, base = _updates(e)
    assert event.actor == users["east_officer"] and event.area_code == CANGSHAN_TOWN
    assert event.old == {"name": "仓山电子厂", "credit_code": old_code, "area": CANGSHAN_STREET,
                         "contact_name": "", "note": ""}
    assert event.new == {"name": "仓山电子科技有限公司", "credit_code": new_code,
                         "area": CANGSHAN_TOWN, "contact_name": "林经理",
                         "note": "专栏3就业基地"}
    assert (base.old, base.new) == ({"employment_base": False}, {"employment_base": True})
    # The same code typed again for the same employer is not a duplicate of itself.
    assert client.post(url, _employer_data(e, contact_phone="0591-1")).status_code == 302


def test_employer_edit_with_a_stale_version_is_refused_and_changes_nothing(client, users, world):
    e = world["emp"]
    client.force_login(users["case_worker"])
    url = reverse("labour:employer_edit", args=[e.pk])
    read = _employer_data(e)  # two people open the form
    assert client.post(url, {**read, "contact_name": "甲"}).status_code == 302
    r = client.post(url, {**read, "contact_name": "乙", "name": "改名"})
    assert r.status_code == 200 and "已被他人修改" in r.content.decode()
    e.refresh_from_db()
    assert (e.contact_name, e.name, e.version) == ("甲", "仓山电子厂", 2)
    assert len(_updates(e)) == 1
    with pytest.raises(services.StaleEditError):
        services.employer_update(actor=users["case_worker"], employer=e, version=1,
                                 name="x", credit_code_value=e.credit_code, area=e.area,
                                 sector=Sector.OTHER)


def test_employer_edit_refuses_a_bad_or_duplicate_credit_code(client, users, world, employer):
    e, other = world["emp"], employer("另一家公司", seed=12)
    client.force_login(users["case_worker"])
    url = reverse("labour:employer_edit", args=[e.pk])
    bad = e.credit_code[:17] + ("0" if e.credit_code[17] != "0" else "1")
    r = client.post(url, _employer_data(e, credit_code=bad))
    assert r.status_code == 200 and "校验码错误" in r.content.decode()
    r = client.post(url, _employer_data(e, credit_code=other.credit_code))
    assert r.status_code == 200 and "该统一社会信用代码已登记" in r.content.decode()
    e.refresh_from_db()
    assert e.version == 1 and not _updates(e)
    # The service checks the same, for callers other than the form.
    for code in (bad, other.credit_code):
        with pytest.raises(ValidationError) as err:
            services.employer_update(actor=users["case_worker"], employer=e, version=1,
                                     name=e.name, credit_code_value=code, area=e.area,
                                     sector=e.sector)
        assert "credit_code" in err.value.message_dict


def test_an_edit_that_changes_nothing_writes_nothing(users, world):
    e = world["emp"]
    same = services.employer_update(actor=users["case_worker"], employer=e, version=1,
                                    name=e.name, credit_code_value=e.credit_code, area=e.area,
                                    sector=e.sector)
    assert same.version == 1 and not _updates(e)


# --- openings -------------------------------------------------------------------------------

def test_opening_edit_saves_and_audits_old_and_new(client, users, world, areas):
    o = world["job"]
    client.force_login(users["county_admin"])
    url = reverse("labour:opening_edit", args=[o.pk])
    assert client.get(url).status_code == 200
    r = client.post(url, _opening_data(
        o, title="高级电工", positions=3, wage="4500", skills="电工；焊工", certificates="电工证",
        min_age=18, max_age=50, housing=Housing.DORMITORY, start_date="2018-04-01", note="包吃住",
        area=areas[CANGSHAN_TOWN].pk))
    assert r.status_code == 302
    o.refresh_from_db()
    assert (o.title, o.positions, o.wage, o.skill_list, o.certificate_list, o.min_age, o.max_age,
            o.housing, o.start_date, o.note, o.area.code, o.version) == (
        "高级电工", 3, Decimal("4500.00"), ["焊工", "电工"], ["电工证"], 18, 50, Housing.DORMITORY,
        D(2018, 4, 1), "包吃住", CANGSHAN_TOWN, 2)
    assert o.status == "open" and o.employer == world["emp"]  # neither changes here
    [event] = _updates(o)
    assert event.old == {"title": "电工", "positions": 5, "wage": "4200.00", "skills": "",
                         "certificates": "", "min_age": 16, "max_age": 60, "housing": "none",
                         "start_date": None, "note": "", "area": CANGSHAN_STREET}
    assert event.new == {"title": "高级电工", "positions": 3, "wage": "4500.00",
                         "skills": "焊工;电工", "certificates": "电工证", "min_age": 18,
                         "max_age": 50, "housing": "dormitory", "start_date": "2018-04-01",
                         "note": "包吃住", "area": CANGSHAN_TOWN}


def test_opening_edit_with_a_stale_version_is_refused_and_changes_nothing(client, users, world):
    o = world["job"]
    client.force_login(users["case_worker"])
    url = reverse("labour:opening_edit", args=[o.pk])
    read = _opening_data(o)
    assert client.post(url, {**read, "wage": "4300"}).status_code == 302
    r = client.post(url, {**read, "wage": "9999", "title": "改名"})
    assert r.status_code == 200 and "已被他人修改" in r.content.decode()
    o.refresh_from_db()
    assert (o.wage, o.title, o.version) == (Decimal("4300.00"), "电工", 2)
    assert len(_updates(o)) == 1


def test_opening_edit_refuses_ages_out_of_order_and_positions_below_active_placements(
        client, users, world):
    o = world["job"]
    client.force_login(users["case_worker"])
    url = reverse("labour:opening_edit", args=[o.pk])
    r = client.post(url, _opening_data(o, min_age=40, max_age=30))
    assert r.status_code == 200 and "最高年龄不能小于最低年龄" in r.content.decode()
    r = client.post(url, _opening_data(o, positions=1))  # two referred on it
    assert r.status_code == 200 and "招聘人数不能少于 2" in r.content.decode()
    o.refresh_from_db()
    assert (o.positions, o.max_age, o.version) == (5, 60, 1) and not _updates(o)
    assert client.post(url, _opening_data(o, positions=2)).status_code == 302
    with pytest.raises(ValidationError) as err:
        services.opening_update(actor=users["case_worker"], opening=o, version=2, title=o.title,
                                positions=2, wage=o.wage, area=o.area, min_age=50, max_age=20)
    assert set(err.value.message_dict) == {"max_age"}


def test_opening_edit_refuses_a_title_the_employer_already_uses_there(client, users, world, opening):
    o = world["job"]
    opening(world["emp"], title="普工")
    client.force_login(users["case_worker"])
    r = client.post(reverse("labour:opening_edit", args=[o.pk]), _opening_data(o, title="普工"))
    assert r.status_code == 200 and "已有岗位“普工”" in r.content.decode()
    o.refresh_from_db()
    assert o.title == "电工"


# --- workstations ---------------------------------------------------------------------------

def test_workstation_created_in_the_eastern_partner_area_and_audited(client, users, areas):
    client.force_login(users["case_worker"])
    url = reverse("labour:workstation_create")
    assert "仓前街道" in client.get(url).content.decode()
    r = client.post(url, _workstation_data(area=areas[CANGSHAN_STREET].pk, staff=3,
                                           phone="0591-0000000"))
    assert r.status_code == 302
    w = Workstation.objects.get()
    assert (w.area.code, w.staff, w.phone, w.version) == (CANGSHAN_STREET, 3, "0591-0000000", 1)
    event = AuditEvent.objects.get(object_type="labour.workstation", action=AuditAction.CREATE)
    assert event.new["area"] == CANGSHAN_STREET and event.new["opened_on"] == "2017-09-01"


def test_a_workstation_in_the_west_or_closed_before_it_opened_is_refused(client, users, areas):
    client.force_login(users["case_worker"])
    url = reverse("labour:workstation_create")
    r = client.post(url, _workstation_data(area=areas[LINTAO_TOWNSHIP].pk))
    assert r.status_code == 200 and "劳务工作站应设在东部协作地区（仓山区）内" in r.content.decode()
    r = client.post(url, _workstation_data(area=areas[CANGSHAN_STREET].pk,
                                           closed_on="2017-01-01"))
    assert r.status_code == 200 and "撤销日期不能早于设立日期" in r.content.decode()
    assert not Workstation.objects.exists()
    with pytest.raises(ValidationError) as err:  # the service, for other callers
        services.workstation_create(actor=users["case_worker"], name="x",
                                    area=areas[LINTAO_TOWNSHIP], opened_on=D(2018, 1, 1))
    assert "area" in err.value.message_dict and not Workstation.objects.exists()


def test_workstation_edit_saves_audits_and_refuses_a_stale_version(client, users, world, areas):
    w = world["ws"]
    client.force_login(users["east_officer"])
    url = reverse("labour:workstation_edit", args=[w.pk])
    read = _workstation_data(w)
    r = client.post(url, {**read, "staff": 4, "closed_on": "2020-12-31", "note": "撤并"})
    assert r.status_code == 302
    w.refresh_from_db()
    assert (w.staff, w.closed_on, w.note, w.version) == (4, D(2020, 12, 31), "撤并", 2)
    [event] = _updates(w)
    assert event.old == {"staff": 2, "closed_on": None, "note": ""}
    assert event.new == {"staff": 4, "closed_on": "2020-12-31", "note": "撤并"}
    r = client.post(url, {**read, "staff": 9})
    assert r.status_code == 200 and "已被他人修改" in r.content.decode()
    r = client.post(url, {**_workstation_data(w), "area": areas[LINTAO_TOWNSHIP].pk})
    assert r.status_code == 200 and "东部协作地区" in r.content.decode()
    w.refresh_from_db()
    assert (w.staff, w.area.code, w.version) == (4, CANGSHAN_STREET, 2)


# --- who may -------------------------------------------------------------------------------

def _new_urls(world) -> list[str]:
    return [reverse("labour:employer_edit", args=[world["emp"].pk]),
            reverse("labour:opening_edit", args=[world["job"].pk]),
            reverse("labour:workstation_create"),
            reverse("labour:workstation_edit", args=[world["ws"].pk])]


def test_the_new_pages_are_for_editors_only(client, users, world):
    for url in _new_urls(world):
        for role in EDITORS:
            client.force_login(users[role])
            assert client.get(url).status_code == 200, (role, url)
        for role in NOT_EDITORS:
            client.force_login(users[role])
            assert client.get(url).status_code == 403, (role, url)
            assert client.post(url, {"name": "x", "version": 1}).status_code == 403, (role, url)
        client.logout()
        assert client.get(url).status_code == 302, url  # to the log-in page
    e, o, w = (Organisation.objects.get(), Opening.objects.get(), Workstation.objects.get())
    assert (e.version, o.version, w.version) == (1, 1, 1)
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE).exists()


def test_records_outside_the_users_partnership_are_404(client, world, outsider):
    e, o, w = world["emp"], world["job"], world["ws"]
    client.force_login(outsider)
    for url in _new_urls(world):
        if url == reverse("labour:workstation_create"):
            continue  # not a record
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("labour:employer_edit", args=[e.pk]),
                       _employer_data(e, name="改名")).status_code == 404
    assert client.post(reverse("labour:opening_edit", args=[o.pk]),
                       _opening_data(o, positions=9)).status_code == 404
    assert client.post(reverse("labour:workstation_edit", args=[w.pk]),
                       _workstation_data(w, staff=9)).status_code == 404
    # Nor can they set a workstation up in the partnership's eastern area.
    r = client.post(reverse("labour:workstation_create"),
                    _workstation_data(area=w.area_id))
    assert r.status_code == 200
    e.refresh_from_db()
    o.refresh_from_db()
    w.refresh_from_db()
    assert (e.name, o.positions, w.staff) == ("仓山电子厂", 5, 2)
    assert Workstation.objects.count() == 1


def test_the_services_refuse_a_role_that_does_not_edit_labour(users, world, areas):
    e, o, w = world["emp"], world["job"], world["ws"]
    for role in NOT_EDITORS:
        actor = users[role]
        with pytest.raises(PermissionDenied):
            services.employer_update(actor=actor, employer=e, version=1, name="x",
                                     credit_code_value=e.credit_code, area=e.area,
                                     sector=e.sector)
        with pytest.raises(PermissionDenied):
            services.opening_update(actor=actor, opening=o, version=1, title="x", positions=5,
                                    wage=o.wage, area=o.area)
        with pytest.raises(PermissionDenied):
            services.workstation_create(actor=actor, name="x", area=areas[CANGSHAN_STREET],
                                        opened_on=D(2018, 1, 1))
        with pytest.raises(PermissionDenied):
            services.workstation_update(actor=actor, workstation=w, version=1, name="x",
                                        area=w.area,
                                        opened_on=w.opened_on)
    assert Workstation.objects.count() == 1
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE).exists()


def test_edit_links_are_shown_to_editors_only(client, users, world):
    pages = {reverse("labour:employer_detail", args=[world["emp"].pk]):
             reverse("labour:employer_edit", args=[world["emp"].pk]),
             reverse("labour:opening_list"): reverse("labour:opening_edit", args=[world["job"].pk]),
             reverse("labour:workstation_list"):
             reverse("labour:workstation_edit", args=[world["ws"].pk])}
    for role, shown in (("case_worker", True), ("leadership", False)):
        client.force_login(users[role])
        for page, link in pages.items():
            assert (link in client.get(page).content.decode()) is shown, (role, page)
        body = client.get(reverse("labour:workstation_list")).content.decode()
        assert (reverse("labour:workstation_create") in body) is shown

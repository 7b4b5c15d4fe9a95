"""Editing a household and its members: roles (403), scope (404), validation, the exit-status
history, the audit event, and optimistic locking (a stale form is refused, nothing overwritten)."""


import pytest
from django.urls import reverse

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.models import AuditEvent
from xiezuo.registry.choices import ChangeSource, ExitStatus, Relation
from xiezuo.registry.models import Household, Person, StatusChange
from xiezuo.registry.services import MemberChange, StaleEditError, household_edit


@pytest.fixture
def hh(areas, two_households):
    return two_households(areas)


@pytest.fixture
def read_form(form_data):
    """read_form(client, household) -> the edit form's fields as the page gives them."""
    def _read_form(client, household) -> dict:
        response = client.get(reverse("registry:household_edit", args=[household.pk]))
        assert response.status_code == 200
        return form_data(response.content.decode())
    return _read_form


def _post(client, household, data):
    return client.post(reverse("registry:household_edit", args=[household.pk]), data)


# --- who may edit ------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["leadership", "auditor", "case_worker", "fund_officer",
                                  "east_officer"])
def test_roles_that_do_not_edit_the_registry_get_403(client, users, hh, role):
    client.force_login(users[role])
    url = reverse("registry:household_edit", args=[hh["taoyang"].pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"version": 1}).status_code == 403


def test_a_clerk_cannot_edit_another_townships_household(client, users, hh):
    client.force_login(users["township_clerk"])
    url = reverse("registry:household_edit", args=[hh["xindian"].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": 1, "phone": "1"}).status_code == 404
    assert Household.objects.get(pk=hh["xindian"].pk).version == 1


def test_anonymous_edit_is_sent_to_log_in(client, hh):
    response = client.post(reverse("registry:household_edit", args=[hh["taoyang"].pk]), {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- saving ------------------------------------------------------------------------------------

def test_the_form_shows_the_version_and_every_member(client, users, hh, read_form):
    client.force_login(users["township_clerk"])
    data = read_form(client, hh["taoyang"])
    assert data["version"] == "1"
    assert data["m-TOTAL_FORMS"] == "2" and data["m-0-version"] == "1"
    assert {data["m-0-name"], data["m-1-name"]} == {"张三", "李四"}


def test_saving_a_change_bumps_the_version_and_audits_old_and_new(client, users, hh, read_form):
    household = hh["taoyang"]
    client.force_login(users["township_clerk"])
    data = read_form(client, household)
    data.update(phone="13912345678", natural_village="三社")
    response = _post(client, household, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:household_detail", args=[household.pk])
    household.refresh_from_db()
    assert household.phone == "13912345678" and household.natural_village == "三社"
    assert household.version == 2
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="registry.household")
    assert event.actor == users["township_clerk"] and event.area_code == "621124100201"
    assert event.old == {"phone": "", "natural_village": ""}
    assert event.new == {"phone": "13912345678", "natural_village": "三社"}
    assert not StatusChange.objects.exists()  # the exit status did not change


def test_a_change_of_exit_status_enters_the_history_with_the_user_as_source(client, users, hh,
        read_form):
    household = hh["taoyang"]
    client.force_login(users["township_clerk"])
    data = read_form(client, household)
    data.update(exit_status=ExitStatus.EXITED_SUPPORTED, exit_year="2019")
    assert _post(client, household, data).status_code == 302
    change = StatusChange.objects.get(household=household)
    assert (change.old, change.new) == (ExitStatus.NOT_EXITED, ExitStatus.EXITED_SUPPORTED)
    assert change.source == ChangeSource.USER and change.actor == users["township_clerk"]
    assert change.source_import is None
    html = client.get(reverse("registry:household_detail", args=[household.pk])).content.decode()
    assert "用户修改" in html and "已脱贫（享受政策）" in html


def test_editing_a_members_fields(client, users, hh, read_form):
    household = hh["taoyang"]
    spouse = household.members.get(relation=Relation.SPOUSE)
    client.force_login(users["township_clerk"])
    data = read_form(client, household)
    i = "0" if data["m-0-name"] == "李四" else "1"
    data.update({f"m-{i}-name": "李思", f"m-{i}-months_worked": "8",
                 f"m-{i}-employment": "省外务工"})
    assert _post(client, household, data).status_code == 302
    spouse.refresh_from_db()
    assert (spouse.name, spouse.months_worked, spouse.employment) == ("李思", 8, "省外务工")
    assert spouse.version == 2
    event = AuditEvent.objects.get(object_type="registry.person")
    assert event.old["name"] == "李四" and event.new["name"] == "李思"


# --- optimistic locking ------------------------------------------------------------------------

def test_a_form_read_before_someone_elses_save_is_refused_and_overwrites_nothing(
        client, users, hh, read_form):
    household = hh["taoyang"]
    clerk, admin = users["township_clerk"], users["county_admin"]
    client.force_login(clerk)
    first = read_form(client, household)
    client.force_login(admin)
    second = read_form(client, household)
    assert first["version"] == second["version"] == "1"

    client.force_login(clerk)
    first.update(phone="13900000001")
    assert _post(client, household, first).status_code == 302

    client.force_login(admin)
    second.update(phone="13900000002", natural_village="五社")
    response = _post(client, household, second)
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:household_edit", args=[household.pk])
    household.refresh_from_db()
    assert household.phone == "13900000001" and household.natural_village == ""
    assert household.version == 2
    html = client.get(response["Location"]).content.decode()
    assert "已被他人修改" in html
    assert 'name="version" value="2"' in html  # re-opened at the current version
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE).count() == 1


def test_a_stale_member_refuses_the_whole_form(client, users, hh, read_form):
    household = hh["taoyang"]
    head = household.members.get(relation=Relation.HEAD)
    client.force_login(users["township_clerk"])
    data = read_form(client, household)
    # Someone else renames the head in the meantime (the household version stays 1).
    Person.objects.filter(pk=head.pk).update(name="张叁", version=2)
    i = "0" if data["m-0-name"] == "张三" else "1"
    data.update({"phone": "13900000003", f"m-{i}-ethnicity": "回族"})
    response = _post(client, household, data)
    assert response.status_code == 302 and response["Location"].endswith("/edit/")
    household.refresh_from_db()
    head.refresh_from_db()
    assert household.phone == "" and household.version == 1  # rolled back with the member
    assert head.name == "张叁" and head.ethnicity == ""


def test_household_edit_service_is_all_or_nothing(users, hh):
    household = hh["taoyang"]
    head = household.members.get(relation=Relation.HEAD)
    with pytest.raises(StaleEditError):
        household_edit(actor=users["township_clerk"], household=household, version=1,
                       changes={"phone": "1"},
                       members=[MemberChange(person=head, version=5, changes={"name": "X"})])
    household.refresh_from_db()
    assert household.phone == "" and household.version == 1
    assert not AuditEvent.objects.exists()


def test_household_edit_service_refuses_a_member_of_another_household(users, hh):
    other = hh["xindian"].members.get()
    with pytest.raises(ValueError):
        household_edit(actor=users["county_admin"], household=hh["taoyang"], version=1,
                       changes={}, members=[MemberChange(person=other, version=1,
                                                         changes={"name": "X"})])


# --- validation --------------------------------------------------------------------------------

@pytest.mark.parametrize("changes,message", [
    ({"exit_status": ExitStatus.EXITED, "exit_year": ""}, "已脱贫的户须填写脱贫年度"),
    ({"exit_status": ExitStatus.NOT_EXITED, "exit_year": "2018"}, "未脱贫的户不能有脱贫年度"),
    ({"exit_status": ExitStatus.EXITED, "exit_year": "2009"}, "脱贫年度应在"),
    ({"size": "0"}, "人数应在 1 到 99 之间"),
    ({"income_per_capita": "-5"}, "人均纯收入不能为负数"),
    ({"phone": "电话"}, "联系电话只能含数字"),
    ({"first_identified": "2999-01-01"}, "首次识别时间不能晚于今天"),
    ({"other_causes": ["因病", "因残", "因学"]}, "其他致贫原因最多 2 项"),
    ({"main_cause": "因病", "other_causes": ["因病"]}, "不能与主要致贫原因相同"),
    ({"exit_status": "脱贫了"}, "有效"),
])
def test_invalid_household_values_are_refused_with_a_message(client, users, hh, changes,
                                                              message, read_form):
    household = hh["taoyang"]
    client.force_login(users["township_clerk"])
    data = read_form(client, household)
    data.update(changes)
    response = _post(client, household, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "请改正下面标出的错误" in html
    household.refresh_from_db()
    assert household.version == 1 and not AuditEvent.objects.exists()


@pytest.mark.parametrize("field,value,message", [
    ("name", "  ", "必填"),
    ("months_worked", "13", "务工时间应在 0 到 12 个月之间"),
    ("relation", "户主", "每户须恰有 1 个户主，此处有 2 个"),
    ("education", "博士", "有效"),
])
def test_invalid_member_values_are_refused(client, users, hh, field, value, message, read_form):
    household = hh["taoyang"]
    client.force_login(users["township_clerk"])
    data = read_form(client, household)
    i = "0" if data["m-0-name"] == "李四" else "1"
    data[f"m-{i}-{field}"] = value
    response = _post(client, household, data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_the_form_cannot_touch_a_person_outside_the_household(client, users, hh, areas, read_form):
    household = hh["taoyang"]
    stranger = hh["xindian"].members.get()
    client.force_login(users["county_admin"])
    data = read_form(client, household)
    data["m-0-id"] = str(stranger.pk)
    data["m-0-name"] = "改名"
    response = _post(client, household, data)
    assert response.status_code == 200  # the formset refuses an id outside its queryset
    stranger.refresh_from_db()
    assert stranger.name == "王五"


def test_make_household_helper_is_valid(areas, make_household):
    h = make_household(areas, "621124100202", "Z001", [("甲", Relation.HEAD)], seed=99)
    assert h.members.count() == 1

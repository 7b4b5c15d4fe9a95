"""The talent pages: who may use them, what each user sees, edits through the versioned save,
the merge page, the expert-request steps and the audited ID reveal."""

import datetime

import pytest
from django.urls import reverse

from xiezuo.accounts.models import AuditEvent
from xiezuo.talent import services
from xiezuo.talent.imports import trainees_import
from xiezuo.talent.models import Attendance, MergeCandidate, Trainee

pytestmark = pytest.mark.django_db

LISTS = ("class_list", "trainee_list", "attendance_list", "merge_list", "request_list",
         "enrolment_list", "figures")


def _login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def roster(tclass, roster_file, new_trainee_id):
    tclass("2018-GB-01")
    a = new_trainee_id(11)
    trainees_import(path=roster_file([
        ["2018-GB-01", "张伟", None, None, a, "洮阳镇政府", "科员", "洮阳镇", "是"],
        ["2018-GB-01", "李娜", None, "1985-03-04", None, "辛店镇政府", None, "辛店镇", "是"],
        ["2018-GB-01", "王芳", None, "1979-01-02", None, "洮阳镇政府", None, "洮阳镇", "是"],
        ["2018-GB-01", "王芳", None, "1979-01-02", None, "县教育局", None, "洮阳镇", "是"],
    ]))
    return a


@pytest.mark.parametrize("name", LISTS)
def test_readers_see_the_lists_and_others_are_refused(client, users, roster, name):
    for who in ("county_admin", "township_clerk", "east_officer", "leadership", "auditor"):
        assert _login(client, users[who]).get(reverse(f"talent:{name}")).status_code == 200, who
    for who in ("case_worker", "fund_officer"):
        assert _login(client, users[who]).get(reverse(f"talent:{name}")).status_code == 403, who


def test_a_township_clerk_sees_only_the_trainees_of_the_township(client, users, roster):
    r = _login(client, users["other_clerk"]).get(reverse("talent:trainee_list"))  # 辛店镇
    text = r.content.decode()
    assert "李娜" in text and "张伟" not in text and "共 1 人" in text
    zhang = Trainee.objects.get(name="张伟")
    assert client.get(reverse("talent:trainee_detail", args=[zhang.pk])).status_code == 404
    # the class is seen by both sides, with the attendances the clerk may see
    r = client.get(reverse("talent:class_list"))
    assert "2018-GB-01" in r.content.decode() and "参训 1 人次" in r.content.decode()


def test_an_east_officer_sees_both_sides(client, users, roster):
    r = _login(client, users["east_officer"]).get(reverse("talent:trainee_list"))
    assert "共 4 人" in r.content.decode()


def test_a_stale_edit_of_a_trainee_is_refused(client, users, roster):
    t = Trainee.objects.get(name="张伟")
    c = _login(client, users["county_admin"])
    url = reverse("talent:trainee_edit", args=[t.pk])
    data = {"version": t.version, "name": "张伟", "sex": "男", "birth_date": "1980-05-06",
            "unit": "洮阳镇人民政府", "post": "科员", "area": t.area_id}
    assert c.post(url, data).status_code == 302
    t.refresh_from_db()
    assert t.unit == "洮阳镇人民政府" and t.unit_key == "洮阳镇人民政府" and t.version == 2
    r = c.post(url, {**data, "version": 1, "unit": "别处"})
    assert r.status_code == 200 and "已被他人修改" in r.content.decode()
    t.refresh_from_db()
    assert t.unit == "洮阳镇人民政府"


def test_a_stale_edit_of_a_class_is_refused(users, tclass):
    c = tclass("2019-GB-01")
    services.class_update(actor=users["county_admin"], training_class=c, version=1,
                          name="新名称")
    with pytest.raises(services.StaleEditError):
        services.class_update(actor=users["county_admin"], training_class=c, version=1,
                              name="另一个名称")


def test_merge_moves_the_attendances_and_counts_one_person(client, users, roster, tclass,
                                                           roster_file):
    tclass("2019-GB-01", start=datetime.date(2019, 4, 1))
    trainees_import(path=roster_file([
        ["2019-GB-01", "王芳", None, "1979-01-02", None, "县教育局", None, "洮阳镇", "是"]],
        name="2019.xlsx"))
    pair = MergeCandidate.objects.get()
    c = _login(client, users["county_admin"])
    r = c.get(reverse("talent:merge_list"))
    assert "合并，保留甲" in r.content.decode()
    assert c.post(reverse("talent:merge_decide", args=[pair.pk]),
                  {"decision": "first"}).status_code == 302
    pair.refresh_from_db()
    assert pair.state == "merged" and pair.kept_id == pair.first_id and pair.second_id is None
    assert Trainee.objects.filter(name="王芳").count() == 1
    assert Attendance.objects.filter(trainee__name="王芳").count() == 2  # 2018 once, 2019
    assert AuditEvent.objects.filter(note__contains="合并").exists()
    # the merged pair stays on the page under 已合并
    assert "王芳" in c.get(reverse("talent:merge_list") + "?state=merged").content.decode()


def test_keep_apart_keeps_both(client, users, roster):
    pair = MergeCandidate.objects.get()
    c = _login(client, users["county_admin"])
    c.post(reverse("talent:merge_decide", args=[pair.pk]), {"decision": "apart"})
    pair.refresh_from_db()
    assert pair.state == "apart" and Trainee.objects.filter(name="王芳").count() == 2


def test_readers_may_not_merge(client, users, roster):
    pair = MergeCandidate.objects.get()
    for who in ("township_clerk", "leadership"):
        r = _login(client, users[who]).post(reverse("talent:merge_decide", args=[pair.pk]),
                                            {"decision": "apart"})
        assert r.status_code == 403
    assert MergeCandidate.objects.get().state == "open"


def test_the_id_reveal_is_audited_and_refused_to_others(client, users, roster):
    t = Trainee.objects.get(name="张伟")
    r = _login(client, users["township_clerk"]).post(
        reverse("talent:trainee_reveal", args=[t.pk]))
    assert r.status_code == 200 and roster in r.content.decode()
    assert AuditEvent.objects.filter(action="view_id", object_id=str(t.pk)).count() == 1
    assert _login(client, users["other_clerk"]).post(
        reverse("talent:trainee_reveal", args=[t.pk])).status_code == 404
    assert _login(client, users["east_officer"]).post(
        reverse("talent:trainee_reveal", args=[t.pk])).status_code == 403


def test_expert_request_steps_and_the_overdue_card(client, users, areas):
    admin = users["county_admin"]
    r = services.request_file(actor=admin, title="中药材烘干工艺", need_kind="enterprise",
                              subject="临洮某药业公司", area=areas["621124100000"],
                              difficulty="烘干后有效成分损失大", skills_sought="中药材加工专家",
                              filed_on=datetime.date(2019, 3, 1),
                              due_on=datetime.date(2019, 6, 30))
    c = _login(client, users["east_officer"])  # the east sees Lintao's request
    url = reverse("talent:request_advance", args=[r.pk])
    c.post(url, {"version": 1, "status": "accepted", "on": "2019-03-05"})
    r.refresh_from_db()
    assert (r.status, r.accepted_on) == ("accepted", datetime.date(2019, 3, 5))
    # 选派 needs an expert first: refused, nothing written
    c.post(url, {"version": 2, "status": "assigned", "on": "2019-03-10"})
    r.refresh_from_db()
    assert r.status == "accepted"
    c.post(reverse("talent:expert_add", args=[r.pk]), {"name": "陈教授", "unit": "福建农林大学"})
    c.post(url, {"version": 2, "status": "assigned", "on": "2019-03-10"})
    r.refresh_from_db()
    assert r.status == "assigned"
    home = c.get(reverse("core:home")).content.decode()
    assert "逾期的人才需求" in home
    listing = c.get(reverse("talent:request_list") + "?overdue=1").content.decode()
    assert "中药材烘干工艺" in listing and "逾期" in listing
    # the Lintao side sees the same overdue request
    listing = _login(client, users["leadership"]).get(
        reverse("talent:request_list") + "?overdue=1").content.decode()
    assert "共 1 项" in listing


def test_a_class_is_recorded_from_its_page_with_a_registered_organiser(client, users, areas):
    from xiezuo.orgs.services import organisation_create
    from xiezuo.talent.models import TrainingClass

    base = organisation_create(actor=None, name="仓山区干部培训基地", area=areas["350104000000"],
                               kind="public_body", roles=["training_base"])
    c = _login(client, users["east_officer"])
    r = c.post(reverse("talent:class_create"), {
        "code": "2019-GB-09", "name": "乡村振兴专题培训班", "kind": "party_gov", "held": "east",
        "start_date": "2019-05-06", "end_date": "2019-05-10", "hours": "40",
        "organiser": base.pk})
    assert r.status_code == 302, r.content.decode()[-2000:]
    tc = TrainingClass.objects.get(code="2019-GB-09")
    assert tc.organiser == base and tc.organiser_name == "仓山区干部培训基地"
    assert tc.area.code == "350104000000"

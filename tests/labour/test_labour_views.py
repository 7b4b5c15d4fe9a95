"""Every labour page and endpoint: who may read, who may write, and scope (403 / 404)."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from xiezuo.labour import selectors, services
from xiezuo.labour.choices import CaseKind, FairKind, PlacementStatus
from xiezuo.labour.models import (
    FollowUp,
    Graduate,
    Intern,
    Placement,
    Proposal,
    Workstation,
)
from xiezuo.labour.runs import match_run_start
from xiezuo.orgs.models import Organisation
from xiezuo.regions.models import Area

CANGSHAN_STREET = "350104001000"
V_TAOYANG_DEEP = "621124100201"
V_XINDIAN = "621124103202"

D = dt.date
READERS = ["county_admin", "township_clerk", "case_worker", "east_officer", "leadership", "auditor"]


@pytest.fixture
def world(users, areas, employer, opening, person, profile):
    cw = users["case_worker"]
    t, t_id = person(V_TAOYANG_DEEP, name="洮阳人")
    x, x_id = person(V_XINDIAN, name="辛店人")
    profile(t, skills=["电工"])
    profile(x, skills=["电工"])
    emp = employer("仓山电子厂")
    job = opening(emp, positions=5, skills=["电工"])
    pt = services.placement_refer(
        actor=cw, person=t, employer=emp, opening=job, referred_on=D(2018, 3, 1)
    )
    pt = services.placement_hire(actor=cw, placement=pt, hired_on=D(2018, 3, 5), wage=Decimal(4000))
    px = services.placement_refer(actor=cw, person=x, employer=emp, referred_on=D(2018, 3, 1))
    px = services.placement_hire(actor=cw, placement=px, hired_on=D(2018, 3, 5), wage=Decimal(4000))
    ws = Workstation.objects.create(
        name="临洮县驻仓山劳务工作站", area=areas[CANGSHAN_STREET], opened_on=D(2017, 9, 1)
    )
    case_x = services.case_open(
        actor=cw,
        workstation=ws,
        person=x,
        kind=CaseKind.WAGES,
        opened_on=D(2018, 6, 1),
        summary="三月工资未发",
    )
    services.job_fair_record(
        actor=cw,
        name="春风行动",
        kind=FairKind.SPRING,
        date=D(2018, 2, 25),
        place="临洮县体育场",
        area=areas["621124000000"],
        employers=[emp],
        attendance=800,
        offers=200,
        hires=120,
    )
    services.recruitment_record(
        actor=cw, employer=emp, village=areas[V_XINDIAN], started_on=D(2018, 3, 1), planned=20
    )
    grad = services.graduate_record(
        actor=cw,
        name="李毕业",
        home_area=areas[V_XINDIAN],
        university="兰州大学",
        graduation_year=2018,
        employer=emp,
        employer_name=emp.name,
        work_area=areas["350104000000"],
        employed_on=D(2018, 8, 1),
    )
    intern = services.intern_record(
        actor=cw,
        name="王实习",
        home_area=areas[V_XINDIAN],
        school="定西理工中专",
        employer=emp,
        employer_name=emp.name,
        work_area=areas["350104000000"],
        started_on=D(2018, 7, 1),
    )
    return {
        "t": t,
        "x": x,
        "t_id": t_id,
        "x_id": x_id,
        "emp": emp,
        "job": job,
        "pt": pt,
        "px": px,
        "ws": ws,
        "case_x": case_x,
        "grad": grad,
        "intern": intern,
    }


LIST_PAGES = [
    "seeker_list",
    "employer_list",
    "opening_list",
    "workstation_list",
    "job_fair_list",
    "recruitment_list",
    "placement_list",
    "follow_up_list",
    "run_list",
    "graduate_list",
    "intern_list",
    "figures",
]
EDIT_PAGES = [
    "employer_create",
    "opening_create",
    "case_create",
    "job_fair_create",
    "recruitment_create",
    "graduate_create",
    "intern_create",
]


@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_pages_readers_200_others_403(client, users, world, name):
    url = reverse(f"labour:{name}")
    for role in READERS:
        client.force_login(users[role])
        assert client.get(url).status_code == 200, role
    client.force_login(users["fund_officer"])
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the log-in page


@pytest.mark.parametrize("name", EDIT_PAGES)
def test_edit_pages_editors_only(client, users, world, name):
    url = reverse(f"labour:{name}")
    for role in ("county_admin", "case_worker", "east_officer"):
        client.force_login(users[role])
        assert client.get(url).status_code == 200, role
    for role in ("township_clerk", "leadership", "auditor", "fund_officer"):
        client.force_login(users[role])
        assert client.get(url).status_code == 403, role
        assert client.post(url, {}).status_code == 403, role


def test_a_clerk_sees_only_their_townships_seekers(client, users, world):
    client.force_login(users["township_clerk"])
    body = client.get(reverse("labour:seeker_list")).content.decode()
    assert "洮阳人" in body and "辛店人" not in body
    client.force_login(users["case_worker"])
    body = client.get(reverse("labour:seeker_list")).content.decode()
    assert "洮阳人" in body and "辛店人" in body
    body = client.get(reverse("labour:seeker_list"), {"skill": "焊工"}).content.decode()
    assert "洮阳人" not in body


def test_outside_scope_is_404(client, users, world):
    client.force_login(users["township_clerk"])
    x = world["x"]
    for url in (
        reverse("labour:seeker_detail", args=[x.pk]),
        reverse("labour:placement_detail", args=[world["px"].pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("labour:seeker_detail", args=[world["t"].pk])).status_code == 200
    assert client.get(reverse("labour:placement_detail", args=[world["pt"].pk])).status_code == 200
    # A case worker of Xindian writing to a Taoyang placement: 404, nothing changed.
    from xiezuo.accounts.models import User

    cw_x = User.objects.create_user(
        "cw-x",
        password="pw-test-12345",
        role="case_worker",
        scope=Area.objects.get(code="621124103000"),
    )
    client.force_login(cw_x)
    url = reverse("labour:placement_action", args=[world["pt"].pk, "leave"])
    r = client.post(
        url, {"version": world["pt"].version, "left_on": "2018-05-01", "reason": "family"}
    )
    assert r.status_code == 404
    assert Placement.objects.get(pk=world["pt"].pk).status == PlacementStatus.HIRED
    fu = FollowUp.objects.filter(placement=world["pt"]).first()
    assert (
        client.post(
            reverse("labour:follow_up_record", args=[fu.pk]),
            {"done_on": "2018-04-05", "still_working": "1"},
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("labour:case_close", args=[world["case_x"].pk]),
            {"closed_on": "2018-06-02", "action": "x"},
        ).status_code
        == 302
    )


def test_the_case_worker_page_lists_overdue_follow_ups(client, users, world):
    client.force_login(users["township_clerk"])
    body = client.get(reverse("labour:follow_up_list")).content.decode()
    assert "洮阳人" in body and "辛店人" not in body and "已逾期" in body


def test_placement_lifecycle_through_the_pages(client, users, world):
    client.force_login(users["east_officer"])
    p = world["pt"]
    url = reverse("labour:placement_action", args=[p.pk, "leave"])
    r = client.post(url, {"version": p.version, "left_on": "2018-09-01", "reason": "family"})
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.status == PlacementStatus.LEFT
    # A stale form is refused with a message, nothing written.
    r = client.post(
        reverse("labour:placement_action", args=[world["px"].pk, "leave"]),
        {"version": 99, "left_on": "2018-09-01", "reason": "family"},
        follow=True,
    )
    assert "已被他人修改" in r.content.decode()
    # Matched again: a new referral names the one before.
    r = client.post(
        reverse("labour:placement_refer", args=[world["t"].pk]),
        {"opening": world["job"].pk, "referred_on": "2018-10-01"},
    )
    again = Placement.objects.filter(person=world["t"]).order_by("-id").first()
    assert r.status_code == 302 and again.previous == p
    client.force_login(users["leadership"])
    assert client.post(url, {"version": 1}).status_code == 403


def test_follow_up_recorded_from_the_page(client, users, world):
    client.force_login(users["case_worker"])
    fu = FollowUp.objects.filter(placement=world["pt"], months=1).get()
    r = client.post(
        reverse("labour:follow_up_record", args=[fu.pk]),
        {
            "done_on": "2018-04-06",
            "still_working": "0",
            "wage": "3900",
            "problems": ["unpaid_wages", "dispute"],
            "help_given": "已协调",
        },
    )
    assert r.status_code == 302
    fu.refresh_from_db()
    assert (fu.still_working, fu.problem_list, fu.wage) == (
        False,
        ["dispute", "unpaid_wages"],
        Decimal("3900.00"),
    )


def test_employer_form_checks_the_credit_code(client, users, world):
    client.force_login(users["east_officer"])
    url = reverse("labour:employer_create")
    data = {
        "name": "新公司",
        "credit_code": "914403001922038217",
        "area": Area.objects.get(code="350104000000").pk,
        "sector": "manufacturing",
    }
    r = client.post(url, data)
    assert r.status_code == 200 and "校验码错误" in r.content.decode()
    data["credit_code"] = "914403001922038216"
    assert client.post(url, data).status_code == 302
    org = Organisation.objects.get(credit_code="914403001922038216")
    assert org.has_role("employer") and org.kind == "enterprise" and org.side == "east"


def test_matching_pages_and_decisions(client, users, world):
    cw = users["case_worker"]
    for p in Placement.objects.all():
        services.placement_leave(actor=cw, placement=p, left_on=D(2018, 6, 1), reason="other")
    client.force_login(cw)
    r = client.post(reverse("labour:run_start"))
    assert r.status_code == 302 and "/jobs/" in r["Location"]
    run = world["job"].proposals.first().run
    page = client.get(reverse("labour:run_detail", args=[run.pk])).content.decode()
    assert "洮阳人" in page and "辛店人" in page
    # Case workers' words on the page; the solver's terms only inside the <details> note.
    outside = re.sub(r"<details>.*?</details>", "", page, flags=re.S)
    assert "目标值" in page and not any(w in outside for w in ("目标值", "上界", "贪心法"))
    assert "这是得分总和最高的方案（已验证）。" in outside
    client.force_login(users["township_clerk"])
    page = client.get(reverse("labour:run_detail", args=[run.pk])).content.decode()
    assert "洮阳人" in page and "辛店人" not in page
    px = Proposal.objects.get(run=run, profile__person=world["x"], rank=0)
    assert (
        client.post(reverse("labour:proposal_decide", args=[px.pk, "accept"])).status_code == 403
    )  # a clerk reads, does not decide
    client.force_login(users["leadership"])
    assert client.post(reverse("labour:run_start")).status_code == 403
    client.force_login(cw)
    r = client.post(reverse("labour:proposal_decide", args=[px.pk, "reject"]), {"reason": ""})
    px.refresh_from_db()
    assert px.status == "proposed"
    client.post(reverse("labour:proposal_decide", args=[px.pk, "reject"]), {"reason": "已外出"})
    px.refresh_from_db()
    assert (px.status, px.reason) == ("rejected", "已外出")
    pt = Proposal.objects.get(run=run, profile__person=world["t"], rank=0)
    client.post(reverse("labour:proposal_decide", args=[pt.pk, "accept"]))
    pt.refresh_from_db()
    assert pt.status == "accepted" and pt.placement.status == PlacementStatus.REFERRED


def test_figures_page_drills_down(client, users, world):
    client.force_login(users["leadership"])
    body = client.get(reverse("labour:figures")).content.decode()
    assert "?year=2018&amp;east=1" in body
    assert (
        client.get(reverse("labour:placement_list"), {"year": 2018, "east": 1}).status_code == 200
    )


def test_api_scoped(client, users, world):
    client.force_login(users["fund_officer"])
    assert client.get("/api/labour/seekers").status_code == 403
    client.force_login(users["township_clerk"])
    names = {s["name"] for s in client.get("/api/labour/seekers").json()["items"]}
    assert names == {"洮阳人"}
    assert client.get(f"/api/labour/placements/{world['px'].pk}").status_code == 404
    assert client.get(f"/api/labour/placements/{world['pt'].pk}").status_code == 200
    assert {p["person"] for p in client.get("/api/labour/placements").json()["items"]} == {"洮阳人"}
    assert client.get("/api/labour/openings").json()["count"] == 1
    assert client.get("/api/labour/employers").json()["count"] == 1
    figures = client.get("/api/labour/figures").json()
    assert figures["transferred_to_east"] == {"2018": 1} and figures["workstations"] == 1
    client.logout()
    assert client.get("/api/labour/seekers").status_code == 401


def test_records_are_scoped(users, world):
    clerk, other = users["township_clerk"], users["other_clerk"]
    assert not Graduate.objects.visible_to(clerk).exists()
    assert Graduate.objects.visible_to(other).count() == 1
    assert Intern.objects.visible_to(other).count() == 1
    # Employers, openings, the workstation and fairs are the partnership's, not a township's.
    assert selectors.employers(user=clerk).count() == 1
    assert Workstation.objects.visible_to(users["east_officer"]).count() == 1
    assert not selectors.employers(user=users["fund_officer"]).exists()
    # The eastern officer sees the western seekers they place.
    from xiezuo.labour.models import LabourProfile

    assert LabourProfile.objects.visible_to(users["east_officer"]).count() == 2
    assert match_run_start  # imported for the pages' task


def test_a_run_of_another_township_is_404_on_page_and_api(client, users, world):
    from xiezuo.accounts.models import User

    cw_x = User.objects.create_user("cw-x3", password="pw-test-12345", role="case_worker",
                                    scope=Area.objects.get(code="621124103000"))
    for p in Placement.objects.all():
        services.placement_leave(actor=users["case_worker"], placement=p, left_on=D(2018, 6, 1),
                                 reason="other")
    run = match_run_start(actor=cw_x)
    client.force_login(users["township_clerk"])  # Taoyang: not inside Xindian's run
    assert client.get(reverse("labour:run_detail", args=[run.pk])).status_code == 404
    assert client.get(f"/api/labour/runs/{run.pk}/proposals").status_code == 404
    px = Proposal.objects.get(run=run, rank=0)
    client.force_login(users["case_worker"])  # the county sees it, and its proposals
    assert client.get(reverse("labour:run_detail", args=[run.pk])).status_code == 200
    assert client.get(f"/api/labour/runs/{run.pk}/proposals").json()["count"] >= 1
    client.force_login(User.objects.create_user(
        "cw-t", password="pw-test-12345", role="case_worker",
        scope=Area.objects.get(code="621124100000")))
    assert client.post(reverse("labour:proposal_decide", args=[px.pk, "accept"])
                       ).status_code == 404
    px.refresh_from_db()
    assert px.status == "proposed"


def test_pages_render_in_english(client, users, world):
    from django.conf import settings as dj

    client.force_login(users["case_worker"])
    client.cookies[dj.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("labour:figures")).content.decode()
    assert "Labour targets" in body and "Stable employment rate" in body
    body = client.get(reverse("labour:placement_detail", args=[world["pt"].pk])).content.decode()
    translation.activate(dj.LANGUAGE_CODE)  # the middleware leaves English active in this thread
    assert "Record leaving" in body and "Follow-ups" in body


@pytest.mark.parametrize("hostile", ["https://evil.example/x", "//evil.example/x",
                                     "http:\\\\evil.example"])
def test_follow_up_and_proposal_next_never_leaves_the_site(client, users, world, hostile):
    cw = users["case_worker"]
    client.force_login(cw)
    fu = FollowUp.objects.filter(placement=world["pt"], months=1).get()
    r = client.post(reverse("labour:follow_up_record", args=[fu.pk]),
                    {"done_on": "2018-04-06", "still_working": "1", "next": hostile})
    assert r.status_code == 302 and r["Location"] == reverse("labour:follow_up_list")
    r = client.post(reverse("labour:follow_up_record", args=[fu.pk]),
                    {"done_on": "2018-04-06", "still_working": "1", "next": "/labour/?a=1"})
    assert r["Location"] == "/labour/?a=1"  # a path on this site is kept
    for p in Placement.objects.all():
        services.placement_leave(actor=cw, placement=p, left_on=D(2018, 6, 1), reason="other")
    client.post(reverse("labour:run_start"))
    run = world["job"].proposals.first().run
    px = Proposal.objects.get(run=run, profile__person=world["x"], rank=0)
    for decision, data in [("reject", {"reason": ""}), ("reject", {"reason": "已外出"})]:
        r = client.post(reverse("labour:proposal_decide", args=[px.pk, decision]),
                        {**data, "next": hostile})
        assert r.status_code == 302
        assert r["Location"] == reverse("labour:run_detail", args=[run.pk])


def test_the_placement_page_folds_the_leave_form(client, users, world):
    client.force_login(users["east_officer"])
    html = client.get(reverse("labour:placement_detail", args=[world["pt"].pk])).content.decode()
    leave = html.split('<details class="leave">', 1)[1].split("</details>", 1)[0]
    assert "登记离职" in leave
    assert re.search(r'name="left_on"[^>]*value="\d', leave) is None


@pytest.mark.parametrize("name,header,kind_col", [
    ("labour:seeker_list", "姓名", "期望月薪（元）"),
    ("labour:opening_list", "岗位名称", "招聘人数"),
    ("labour:placement_list", "姓名", "推荐日期"),
    ("labour:graduate_list", "姓名", "毕业年份"),
    ("labour:job_fair_list", "名称", "参会人数"),
])
def test_each_labour_list_exports_typed_cells_for_the_users_scope(client, users, world, name,
                                                                  header, kind_col):
    import io

    from openpyxl import load_workbook

    client.force_login(users["township_clerk"])
    page = client.get(reverse(name))
    assert "导出 Excel" in page.content.decode()
    r = client.get(reverse(name), {"format": "xlsx"})
    assert r.status_code == 200 and ".xlsx" in r["Content-Disposition"]
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    heads = [c.value for c in ws[3]]
    assert header in heads and kind_col in heads
    assert "洮阳镇" in ws["A2"].value  # the scope line says whose list it is
    col = heads.index(kind_col)
    for row in ws.iter_rows(min_row=4, values_only=True):
        v = row[col]
        assert v is None or not isinstance(v, str)  # numbers and dates, never text
    if name == "labour:seeker_list":
        names = {row[heads.index("姓名")] for row in ws.iter_rows(min_row=4, values_only=True)}
        assert "洮阳人" in names and "辛店人" not in names


def test_accepting_a_proposal_sets_the_referral_date(client, users, world):
    cw = users["case_worker"]
    for p in Placement.objects.all():
        services.placement_leave(actor=cw, placement=p, left_on=D(2018, 6, 1), reason="other")
    client.force_login(cw)
    client.post(reverse("labour:run_start"))
    run = world["job"].proposals.first().run
    page = client.get(reverse("labour:run_detail", args=[run.pk])).content.decode()
    assert 'name="referred_on"' in page and "推荐日期" in page
    pt = Proposal.objects.get(run=run, profile__person=world["t"], rank=0)
    url = reverse("labour:proposal_decide", args=[pt.pk, "accept"])
    future = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    r = client.post(url, {"referred_on": future}, follow=True)
    pt.refresh_from_db()
    assert pt.status == "proposed" and "推荐日期不能晚于今天" in r.content.decode()
    client.post(url, {"referred_on": "2018-07-02"})
    pt.refresh_from_db()
    assert pt.status == "accepted" and pt.placement.referred_on == D(2018, 7, 2)


def test_an_early_follow_up_warns_and_is_recorded_only_when_confirmed(client, users, world):
    client.force_login(users["case_worker"])
    fu = FollowUp.objects.filter(placement=world["pt"], months=3).get()
    early = D(fu.due_on.year, fu.due_on.month, 1) - dt.timedelta(days=1)
    url = reverse("labour:follow_up_record", args=[fu.pk])
    r = client.post(url, {"done_on": early.isoformat(), "still_working": "1"}, follow=True)
    fu.refresh_from_db()
    assert fu.done_on is None and "早于应访月份" in r.content.decode()
    client.post(url, {"done_on": early.isoformat(), "still_working": "1",
                      "early_confirmed": "on"})
    fu.refresh_from_db()
    assert fu.done_on == early
    # any day of the month it falls due in is on time
    later = FollowUp.objects.filter(placement=world["pt"], months=6).get()
    on_time = D(later.due_on.year, later.due_on.month, 1)
    client.post(reverse("labour:follow_up_record", args=[later.pk]),
                {"done_on": on_time.isoformat(), "still_working": "1"})
    later.refresh_from_db()
    assert later.done_on == on_time


@pytest.mark.parametrize(("due", "done", "early"), [
    (D(2019, 6, 15), D(2019, 6, 1), False), (D(2019, 6, 15), D(2019, 5, 31), True),
    (D(2019, 6, 15), D(2019, 7, 20), False), (D(2020, 1, 10), D(2019, 12, 31), True)])
def test_follow_up_early_is_before_the_month_it_falls_due_in(due, done, early):
    from xiezuo.labour.employment import follow_up_early

    assert follow_up_early(due, done) is early

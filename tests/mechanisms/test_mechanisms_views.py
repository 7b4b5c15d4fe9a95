"""The ch.8 pages: every list and record page answers its readers, exports its rows, refuses
the roles it must and hides the other side's records; a stale edit shows the message."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xiezuo.mechanisms import services
from xiezuo.mechanisms.choices import DecisionStatus, Direction, Level, Side

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def records(groups, meeting, decision, partnership):
    m1 = meeting(D(2018, 6, 1), Side.WEST, title="2018年联席会议")
    m2 = meeting(D(2019, 6, 1), Side.WEST, title="2019年联席会议")  # not alternating
    late = decision(m2, text="逾期的事项", due=D(2019, 9, 30))
    decision(m1, text="按期办结的事项", due=D(2030, 9, 30))
    s = services.secondment_create(
        actor=None, partnership=partnership, batch=1, direction=Direction.EAST_TO_WEST,
        person_name="陈挂职", level=Level.DEPUTY_DIVISION, home_unit="仓山区发改局",
        home_post="副局长", host_unit="临洮县人民政府", host_post="副县长",
        start=D(2017, 7, 1), end=D(2019, 6, 30), working_group=groups["working"])
    services.summary_save(actor=None, secondment=s, year=2018, text="牵头推进产业合作。",
                          assessment="优秀")
    case = services.case_create(actor=None, partnership=partnership, title="东西协作扶贫车间",
                                text="……", year=2018, media="甘肃日报")
    return {"m1": m1, "m2": m2, "late": late, "s": s, "case": case}


def _login(client, user):
    client.force_login(user)
    return client


def test_the_pages_answer_a_reader(client, users, records, groups):
    c = _login(client, users["county_admin"])
    r = records
    for url in [reverse("mechanisms:group_list"),
                reverse("mechanisms:group_detail", args=[groups["west"].pk]),
                reverse("mechanisms:group_detail", args=[groups["working"].pk]),
                reverse("mechanisms:meeting_list"),
                reverse("mechanisms:meeting_detail", args=[r["m2"].pk]),
                reverse("mechanisms:decision_list"),
                reverse("mechanisms:decision_follow_up", args=[r["late"].pk]),
                reverse("mechanisms:secondment_list"),
                reverse("mechanisms:secondment_detail", args=[r["s"].pk]),
                reverse("mechanisms:case_list"),
                reverse("mechanisms:case_detail", args=[r["case"].pk]),
                reverse("mechanisms:group_create"), reverse("mechanisms:meeting_create"),
                reverse("mechanisms:secondment_create"), reverse("mechanisms:case_create")]:
        assert c.get(url).status_code == 200, url


def test_the_venue_warning_shows_on_the_list_and_the_page(client, users, records):
    c = _login(client, users["township_clerk"])
    page = c.get(reverse("mechanisms:meeting_list")).content.decode()
    assert 'id="venue-warnings"' in page and "未轮流" in page
    page = c.get(reverse("mechanisms:meeting_detail", args=[records["m2"].pk])).content.decode()
    assert 'id="venue-warning"' in page
    page = c.get(reverse("mechanisms:meeting_detail", args=[records["m1"].pk])).content.decode()
    assert 'id="venue-warning"' not in page


def test_overdue_filter_and_home_card_on_both_sides(client, users, east_user, records):
    for u in (users["county_admin"], east_user):
        c = _login(client, u)
        page = c.get(reverse("mechanisms:decision_list") + "?overdue=1").content.decode()
        assert "逾期的事项" in page and "按期办结的事项" not in page
        assert "共 1 项" in page
        home = c.get("/").content.decode()
        assert "逾期未办结的议定事项" in home
        assert reverse("mechanisms:decision_list") + "?overdue=1" in home


def test_every_list_exports_its_rows(client, users, records, groups):
    c = _login(client, users["leadership"])
    for name, args, n in [("group_list", [], 3), ("meeting_list", [], 2),
                          ("decision_list", [], 2), ("secondment_list", [], 1),
                          ("case_list", [], 1), ("group_detail", [groups["west"].pk], 1)]:
        r = c.get(reverse(f"mechanisms:{name}", args=args) + "?format=xlsx")
        assert r.status_code == 200, name
        ws = load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
        data = [row for row in ws.iter_rows(min_row=4, values_only=True) if any(row)]
        assert len(data) == n, name
    r = c.get(reverse("mechanisms:decision_list") + "?overdue=1&format=xlsx")
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    assert [row[3] for row in ws.iter_rows(min_row=4, values_only=True) if any(row)] == [
        "逾期的事项"]


def test_refused_roles_and_the_other_side(client, users, east_user, records, groups):
    c = _login(client, users["fund_officer"])
    assert c.get(reverse("mechanisms:decision_list")).status_code == 403
    assert c.get(reverse("mechanisms:meeting_minutes", args=[records["m1"].pk])).status_code == 403
    c = _login(client, users["leadership"])  # reads, never writes
    assert c.get(reverse("mechanisms:meeting_create")).status_code == 403
    assert c.post(reverse("mechanisms:decision_follow_up", args=[records["late"].pk]),
                  {"version": 1, "status": "done", "date": "2019-10-01"}).status_code == 403
    c = _login(client, east_user)  # the west's group is not the east's to see
    assert c.get(reverse("mechanisms:group_detail", args=[groups["west"].pk])).status_code == 404
    assert c.get(reverse("mechanisms:group_detail", args=[groups["east"].pk])).status_code == 200
    assert c.get(reverse("mechanisms:member_create", args=[groups["west"].pk])).status_code == 404
    assert "临洮县东西部扶贫协作领导小组" not in c.get(
        reverse("mechanisms:group_list")).content.decode()


def test_the_api_is_scoped_and_refuses(client, users, east_user, records):
    c = _login(client, users["fund_officer"])
    assert c.get("/api/mechanisms/decisions").status_code == 403
    c = _login(client, east_user)
    r = c.get("/api/mechanisms/decisions?overdue=true").json()
    assert [d["text"] for d in r["items"]] == ["逾期的事项"]
    names = {g["name"] for g in c.get("/api/mechanisms/groups").json()}
    assert "临洮县东西部扶贫协作领导小组" not in names
    assert c.get(f"/api/mechanisms/meetings/{records['m1'].pk}").status_code == 200


def test_follow_up_through_the_page_and_a_stale_form(client, users, records):
    c = _login(client, users["county_admin"])
    d = records["late"]
    url = reverse("mechanisms:decision_follow_up", args=[d.pk])
    r = c.post(url, {"version": d.version, "status": DecisionStatus.DONE, "date": "2019-10-08",
                     "note": "已办结"})
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.status == DecisionStatus.DONE
    r = c.post(url, {"version": 1, "status": DecisionStatus.DOING, "date": "2019-10-09",
                     "note": "旧表单"})
    assert r.status_code == 200 and "已被他人修改" in r.content.decode()
    d.refresh_from_db()
    assert d.status == DecisionStatus.DONE and d.updates.count() == 1


def test_the_minutes_and_the_report_download(client, users, records):
    c = _login(client, users["township_clerk"])
    r = c.get(reverse("mechanisms:meeting_minutes", args=[records["m2"].pk]))
    assert r.status_code == 200 and r["Content-Type"].endswith("wordprocessingml.document")
    assert r.content[:2] == b"PK"
    r = c.get(reverse("mechanisms:secondment_report", args=[records["s"].pk, 2018]))
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert c.get(reverse("mechanisms:secondment_report",
                         args=[records["s"].pk, 2019])).status_code == 404


def test_the_plaques_of_funds_projects_show_in_the_case_list(client, areas, users, records,
                                                             funds_build):
    from xiezuo.funds.models import Project

    Project.objects.filter(pk=funds_build(areas, users)["p1"].pk).update(plaque="仓山区某企业援建")
    c = _login(client, users["county_admin"])
    page = c.get(reverse("mechanisms:case_list")).content.decode()
    assert "东西协作扶贫车间" in page  # the model case
    assert "仓山区某企业援建" in page and "测试村道路硬化" in page  # the plaque
    assert "辛店镇安全饮水" not in page  # no plaque: not a case
    assert "共 1 个项目" in page
    assert "仓山区某企业援建" not in c.get(reverse("mechanisms:case_list") + "?year=2019"
                                    ).content.decode()


def test_signed_minutes_attach_to_the_meeting_and_only_editors_may(client, users, records):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from xiezuo.evidence.models import Attachment

    m = records["m1"]
    url = reverse("evidence:attachment_add", args=["mechanisms.jointmeeting", m.pk])
    page = reverse("mechanisms:meeting_detail", args=[m.pk])
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    c = _login(client, users["leadership"])
    r = c.post(url, {"kind": "minutes", "title": "", "next": page,
                     "file": SimpleUploadedFile("签字纪要.pdf", pdf)})
    assert r.status_code == 403 and not Attachment.objects.exists()
    c = _login(client, users["county_admin"])
    r = c.post(url, {"kind": "minutes", "title": "签字版会议纪要", "next": page,
                     "file": SimpleUploadedFile("签字纪要.pdf", pdf)})
    assert r.status_code == 302
    assert Attachment.objects.get().record == m
    assert "签字版会议纪要" in c.get(page).content.decode()

"""Every funds page and endpoint: scoped (outside scope 404), by role (wrong role 403)."""

import json

import pytest
from django.urls import reverse

from xiezuo.accounts.models import AuditEvent
from xiezuo.funds.models import Disbursement


@pytest.fixture
def f(areas, users, build, pay):
    f = build(areas, users)
    f["d1"] = pay(f["p1"], "1000", actor=f["officer"])
    f["d2"] = pay(f["p2"], "2000", actor=f["officer"], voucher="")
    return f | {"users": users}


def _client(client, user):
    client.force_login(user)
    return client


READ_PAGES = ["funds:supervision", "funds:project_list", "funds:allocation_list", "funds:ledger_list"]


@pytest.mark.parametrize("name", READ_PAGES)
@pytest.mark.parametrize("role", ["county_admin", "fund_officer", "leadership", "auditor",
                                  "township_clerk", "east_officer"])
def test_readers_see_the_pages(client, f, name, role):
    assert _client(client, f["users"][role]).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", [*READ_PAGES, "funds:import", "funds:project_create"])
def test_case_worker_is_refused(client, f, name):
    assert _client(client, f["users"]["case_worker"]).get(reverse(name)).status_code == 403


def test_anonymous_is_sent_to_log_in(client, f):
    assert client.get(reverse("funds:supervision")).status_code == 302


@pytest.mark.parametrize("role", ["leadership", "auditor", "township_clerk", "east_officer"])
def test_read_only_roles_cannot_write(client, f, role):
    c = _client(client, f["users"][role])
    assert c.get(reverse("funds:import")).status_code == 403
    assert c.get(reverse("funds:project_create")).status_code == 403
    r = c.post(reverse("funds:disbursement_create", args=[f["p1"].pk]), {
        "amount": "1", "date": "2018-06-01", "payee": "x"})
    assert r.status_code == 403
    assert c.post(reverse("funds:allocation_list"), {}).status_code == 403
    assert Disbursement.objects.count() == 2


def test_township_clerk_sees_only_own_township(client, f):
    c = _client(client, f["users"]["township_clerk"])  # 洮阳镇
    page = c.get(reverse("funds:project_list")).content.decode()
    assert "LT2018-001" in page and "LT2018-003" in page and "LT2018-002" not in page
    assert c.get(reverse("funds:project_detail", args=[f["p2"].pk])).status_code == 404
    assert c.get(reverse("funds:project_detail", args=[f["p1"].pk])).status_code == 200
    supervision = c.get(reverse("funds:supervision") + "?year=2018").content.decode()
    assert "1,000.00" in supervision and "2,000.00" not in supervision


def test_other_clerk_cannot_reach_a_foreign_project(client, f):
    c = _client(client, f["users"]["other_clerk"])  # 辛店镇
    assert c.get(reverse("funds:project_detail", args=[f["p1"].pk])).status_code == 404
    assert c.get(reverse("funds:ledger_list") + f"?project={f['p1'].pk}").status_code == 200


def test_the_ledger_page_lists_only_the_entries_in_scope(client, f):
    """The 洮阳镇 clerk's ledger page holds the entries of 洮阳镇's project and none of 辛店镇's
    (nor the county's allocation): each entry is recognised on the page by its hash."""
    from xiezuo.funds.models import LedgerEntry

    own = list(LedgerEntry.objects.filter(project=f["p1"]))
    foreign = list(LedgerEntry.objects.filter(project=f["p2"]))
    county = list(LedgerEntry.objects.filter(project=None))
    assert len(own) == 2 and len(foreign) == 2 and county  # budget and payment; the allocation
    page = _client(client, f["users"]["township_clerk"]).get(reverse("funds:ledger_list"))
    html = page.content.decode()
    assert [e.hash[:8] in html for e in own] == [True, True]
    assert [e.hash[:8] in html for e in foreign + county] == [False] * (2 + len(county))
    # and the county officer, whose scope holds all of them, sees them all on the same page
    html = _client(client, f["officer"]).get(reverse("funds:ledger_list")).content.decode()
    assert all(e.hash[:8] in html for e in own + foreign + county)


def test_outside_scope_writer_gets_404(client, f, make_user):
    from xiezuo.accounts.choices import Role
    from xiezuo.regions.reference import XINDIAN

    officer = make_user(Role.FUND_OFFICER, XINDIAN, username="xd-officer")
    c = _client(client, officer)
    r = c.post(reverse("funds:disbursement_create", args=[f["p1"].pk]), {
        "amount": "1", "date": "2018-06-01", "payee": "x"})
    assert r.status_code == 404
    assert c.post(reverse("funds:disbursement_reverse", args=[f["d1"].pk]), {"reason": "x"}).status_code == 404


def test_officer_posts_a_disbursement_in_the_page(client, f):
    c = _client(client, f["officer"])
    r = c.post(reverse("funds:disbursement_create", args=[f["p1"].pk]), {
        "amount": "1,500.50", "date": "2018-07-01", "payee": "施工队", "voucher_no": "PZ-9"})
    assert r.status_code == 302
    f["p1"].refresh_from_db()
    assert str(f["p1"].disbursed) == "2500.50"


def test_a_refused_amount_is_shown_on_the_form(client, f):
    c = _client(client, f["officer"])
    r = c.post(reverse("funds:disbursement_create", args=[f["p1"].pk]), {
        "amount": "999999", "date": "2018-07-01", "payee": "施工队"})
    assert r.status_code == 400 and "超出项目预算" in r.content.decode()
    r = c.post(reverse("funds:disbursement_create", args=[f["p1"].pk]), {
        "amount": "-5", "date": "2018-07-01", "payee": "施工队"})
    assert r.status_code == 400 and "负数" in r.content.decode()


def test_supervision_flags_the_flaws(client, f):
    page = _client(client, f["officer"]).get(reverse("funds:supervision") + "?year=2018")
    s = page.context["s"]
    assert [d.pk for d in s["no_voucher"]] == [f["d2"].pk]
    assert {p.code for p in s["no_beneficiaries"]} == {"LT2018-001", "LT2018-002", "LT2018-003"}
    assert {p.code for p in s["late"]} == {"LT2018-001", "LT2018-002"}  # planned ends in 2018
    assert s["disbursed"] == 3000 and s["allocated"] == 1_000_000


def test_ledger_verify_button(client, f):
    r = _client(client, f["users"]["auditor"]).post(reverse("funds:ledger_verify"), follow=True)
    assert "台账完整" in r.content.decode()


@pytest.mark.parametrize("what", ["projects", "disbursements", "ledger"])
def test_exports_are_scoped_and_audited(client, f, what):
    c = _client(client, f["users"]["other_clerk"])
    r = c.get(reverse("funds:export", args=[what]) + "?format=csv")
    assert r.status_code == 200
    text = b"".join(r.streaming_content).decode("utf-8-sig")
    assert "LT2018-001" not in text
    assert AuditEvent.objects.filter(action="export", object_type=f"funds.{what}").exists()


# --- API -------------------------------------------------------------------------------------
def test_api_projects_scoped(client, f):
    c = _client(client, f["users"]["township_clerk"])
    codes = {p["code"] for p in c.get("/api/funds/projects").json()["items"]}
    assert codes == {"LT2018-001", "LT2018-003"}
    assert c.get(f"/api/funds/projects/{f['p2'].pk}").status_code == 404
    assert c.get(f"/api/funds/projects/{f['p1'].pk}").status_code == 200
    ds = c.get("/api/funds/disbursements").json()["items"]
    assert [d["project_code"] for d in ds] == ["LT2018-001"]


def test_api_refuses_wrong_role_and_anonymous(client, f):
    assert client.get("/api/funds/projects").status_code in (401, 403)
    c = _client(client, f["users"]["case_worker"])
    assert c.get("/api/funds/projects").status_code == 403
    assert c.get("/api/funds/summary?year=2018").status_code == 403


def test_api_posts_a_disbursement(client, f):
    c = _client(client, f["officer"])
    url = f"/api/funds/projects/{f['p1'].pk}/disbursements"
    body = {"amount": "10.00", "date": "2018-06-02", "payee": "x", "voucher_no": "A"}
    r = c.post(url, json.dumps(body), content_type="application/json")
    assert r.status_code == 201, r.content
    r = c.post(url, json.dumps(body | {"amount": "-1", "voucher_no": "B"}),
               content_type="application/json")
    assert r.status_code == 400 and "负数" in r.json()["detail"]
    leader = _client(client, f["users"]["leadership"])
    assert leader.post(url, json.dumps(body), content_type="application/json").status_code == 403
    clerk = _client(client, f["users"]["other_clerk"])
    assert clerk.post(url, json.dumps(body), content_type="application/json").status_code == 403


def test_api_refuses_a_duplicate_voucher_unless_the_request_confirms_it(client, f):
    c = _client(client, f["officer"])
    url = f"/api/funds/projects/{f['p1'].pk}/disbursements"
    body = {"amount": "10.00", "date": "2018-06-02", "payee": "甲", "voucher_no": "JZ-7"}
    assert c.post(url, json.dumps(body), content_type="application/json").status_code == 201
    again = body | {"payee": "乙"}
    r = c.post(url, json.dumps(again), content_type="application/json")
    # refused in words: the earlier payment named, and how to post it all the same
    assert r.status_code == 409 and "凭证号 JZ-7 已用于" in r.json()["detail"]
    assert "收款：甲" in r.json()["detail"] and "confirm_duplicate_voucher" in r.json()["detail"]
    assert Disbursement.objects.filter(voucher_no="JZ-7").count() == 1
    r = c.post(url, json.dumps(again | {"confirm_duplicate_voucher": True}),
               content_type="application/json")
    assert r.status_code == 201 and Disbursement.objects.filter(voucher_no="JZ-7").count() == 2
    # a new number needs no confirmation
    r = c.post(url, json.dumps(body | {"voucher_no": "JZ-8"}), content_type="application/json")
    assert r.status_code == 201


def test_the_api_schema_documents_the_duplicate_voucher_refusal():
    from xiezuo.urls import api

    schema = api.get_openapi_schema()
    post = schema["paths"]["/api/funds/projects/{project_id}/disbursements"]["post"]
    assert 409 in post["responses"] and "confirm_duplicate_voucher" in post["description"]
    body = schema["components"]["schemas"]["DisbursementIn"]["properties"]
    assert body["confirm_duplicate_voucher"]["default"] is False
    assert "409" in body["confirm_duplicate_voucher"]["description"]


def test_api_summary(client, f):
    s = _client(client, f["users"]["auditor"]).get("/api/funds/summary?year=2018").json()
    assert s["disbursed"] == "3000.00" or float(s["disbursed"]) == 3000


def test_officer_edits_a_project_and_the_budget_is_a_ledger_entry(client, f):
    from xiezuo.funds.models import LedgerEntry

    c = _client(client, f["officer"])
    url = reverse("funds:project_edit", args=[f["p1"].pk])
    assert c.get(url).status_code == 200
    r = c.post(url, {"code": "IGNORED", "name": "改名", "category": "road", "year": 1999,
                     "villages": [v.pk for v in f["p1"].villages.all()], "budget": "310000",
                     "status": "completed", "actual_end": "2018-10-01", "version": 1})
    assert r.status_code == 302, r.content.decode()[:2000]
    f["p1"].refresh_from_db()
    assert (f["p1"].code, f["p1"].year, f["p1"].name) == ("LT2018-001", 2018, "改名")
    assert f["p1"].status == "completed" and str(f["p1"].budget) == "310000.00"
    assert LedgerEntry.objects.filter(project=f["p1"], kind="budget").count() == 2
    other = _client(client, f["users"]["leadership"])
    assert other.get(url).status_code == 403


def test_a_stale_project_edit_is_refused_and_changes_nothing(client, f):
    """Two officers open the same project; the second save, read before the first, is refused
    with a message instead of silently overwriting the first."""
    from xiezuo.accounts.models import AuditEvent

    c = _client(client, f["officer"])
    p = f["p1"]
    url = reverse("funds:project_edit", args=[p.pk])
    assert 'name="version" value="1"' in c.get(url).content.decode()
    read = {"name": p.name, "category": p.category,
            "villages": [v.pk for v in p.villages.all()], "budget": str(p.budget),
            "status": p.status, "approval_doc": p.approval_doc, "start_date": p.start_date,
            "planned_end": p.planned_end, "version": 1}
    assert c.post(url, {**read, "name": "第一位的修改"}).status_code == 302
    r = c.post(url, {**read, "name": "第二位的修改", "budget": "320000"})
    assert r.status_code == 400 and "已被他人修改" in r.content.decode()
    p.refresh_from_db()
    assert (p.name, p.version, str(p.budget)) == ("第一位的修改", 2, "300000.00")
    [event] = AuditEvent.objects.filter(action="update", object_type="funds.project")
    assert (event.old, event.new) == ({"name": read["name"]}, {"name": "第一位的修改"})
    assert 'name="version" value="2"' in c.get(url).content.decode()


def test_project_create_page_refuses_a_project_without_village(client, f):
    c = _client(client, f["officer"])
    r = c.post(reverse("funds:project_create"), {"code": "N-1", "name": "x", "category": "road",
                                              "year": 2018, "budget": "10", "status": "planned"})
    assert r.status_code == 400


def test_beneficiaries_page_scoped_and_for_writers_only(client, f, make_user):
    from xiezuo.accounts.choices import Role
    from xiezuo.regions.reference import XINDIAN
    from xiezuo.registry.models import Household

    areas = f["p1"].villages.first()
    h = Household.objects.create(county=f["county"], township=areas.parent, village=areas,
                                 number="B-1")
    url = reverse("funds:project_beneficiaries", args=[f["p1"].pk])
    c = _client(client, f["officer"])
    assert c.get(url).status_code == 200
    assert c.post(url, {"households": [h.pk]}).status_code == 302
    assert list(f["p1"].beneficiaries.all()) == [h]
    assert _client(client, f["users"]["auditor"]).get(url).status_code == 403
    outsider = make_user(Role.FUND_OFFICER, XINDIAN, username="xd-officer-2")
    assert _client(client, outsider).get(url).status_code == 404


@pytest.mark.parametrize(("method", "name", "args"), [
    ("post", "funds:ledger_verify", []),
    ("get", "funds:export", ["ledger"]),
    ("get", "funds:import_report", ["00000000-0000-0000-0000-000000000000"]),
    ("get", "funds:import_result", ["00000000-0000-0000-0000-000000000000"]),
    ("get", "funds:project_edit", [1]),
])
def test_case_worker_refused_everywhere(client, f, method, name, args):
    c = _client(client, f["users"]["case_worker"])
    assert getattr(c, method)(reverse(name, args=args)).status_code == 403


def test_allocation_reversal_in_the_page(client, f):
    import datetime

    from xiezuo.funds import services
    from xiezuo.funds.models import Allocation

    extra = services.allocation_record(actor=f["officer"], county=f["county"], year=2018,
                                       source="donation", amount="500",
                                       date=datetime.date(2018, 5, 1))
    url = reverse("funds:allocation_reverse", args=[extra.pk])
    assert _client(client, f["users"]["auditor"]).post(url, {"reason": "x"}).status_code == 403
    c = _client(client, f["officer"])
    assert c.get(reverse("funds:allocation_list")).status_code == 200
    r = c.post(url, {"reason": "重复录入"}, follow=True)
    assert "已冲销" in r.content.decode()
    assert Allocation.objects.get(reverses=extra).amount == -500
    # The first allocation is partly spent: reversing it is refused with the figures.
    r = c.post(reverse("funds:allocation_reverse", args=[f["allocation"].pk]), {"reason": "x"},
               follow=True)
    assert "不能冲销" in r.content.decode()

"""Aggregate entries: evidence kept, a second user approves, refusals by role and by scope."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from xiezuo.accounts.models import AuditEvent
from xiezuo.plan.choices import EntryState
from xiezuo.plan.models import AggregateEntry, Target
from xiezuo.plan.services import entry_create, entry_decide
from xiezuo.regions.models import Area


@pytest.fixture
def _entry(make_evidence):
    def _entry(plan, user, key="teachers-trained", year=2018, value=30, code="621124000000"):
        return entry_create(actor=user, target=Target.objects.get(plan=plan, key=key), year=year,
                            area=Area.objects.get(code=code), value=value,
                            evidence=make_evidence("名单.txt", "培训名单"))
    return _entry


def test_approval_needs_a_second_user(plan, users, _entry):
    e = _entry(plan, users["county_admin"])
    assert e.state == EntryState.PENDING and len(e.evidence_sha256) == 64
    assert e.evidence.read().decode() == "培训名单"
    with pytest.raises(PermissionDenied):
        entry_decide(actor=users["county_admin"], entry=e, approve=True)
    e.refresh_from_db()
    assert e.state == EntryState.PENDING
    entry_decide(actor=users["east_officer"], entry=e, approve=True, note="核对无误")
    e.refresh_from_db()
    assert (e.state, e.decided_by) == (EntryState.APPROVED, users["east_officer"])
    assert AuditEvent.objects.filter(action="approve", object_id=str(e.pk)).exists()
    with pytest.raises(ValidationError):  # decided once
        entry_decide(actor=users["east_officer"], entry=e, approve=False)


def test_the_database_refuses_self_approval_too(plan, users, _entry):
    e = _entry(plan, users["county_admin"])
    with pytest.raises(IntegrityError), transaction.atomic():
        AggregateEntry.objects.filter(pk=e.pk).update(decided_by=users["county_admin"])


def test_a_second_county_admin_may_approve(plan, users, make_user, _entry):
    other = make_user("county_admin", "621124000000", username="admin2")
    e = _entry(plan, users["county_admin"])
    entry_decide(actor=other, entry=e, approve=False, note="材料不全")
    e.refresh_from_db()
    assert e.state == EntryState.REJECTED


@pytest.mark.parametrize("role", ["township_clerk", "leadership", "auditor", "fund_officer"])
def test_wrong_role_cannot_enter_or_approve(plan, users, role, _entry):
    with pytest.raises(PermissionDenied):
        _entry(plan, users[role])
    e = _entry(plan, users["county_admin"])
    with pytest.raises(PermissionDenied):
        entry_decide(actor=users[role], entry=e, approve=True)


def test_entry_rules(plan, users, _entry):
    with pytest.raises(ValidationError):  # not one of the target's years
        _entry(plan, users["county_admin"], key="cadres-east-to-west", year=2018)
    with pytest.raises(ValidationError):  # coverage needs the member
        _entry(plan, users["county_admin"], key="town-township-pairing", year=2018, value=1)
    with pytest.raises(PermissionDenied):  # the area is outside the user's scope
        _entry(plan, users["county_admin"], code="350104000000")


def test_pages_refuse_by_role_403_and_scope_404(plan, users, client, _entry):
    e = _entry(plan, users["county_admin"])
    client.force_login(users["township_clerk"])
    assert client.post("/plan/targets/teachers-trained/entries/new/", {}).status_code == 403
    assert client.post(f"/plan/entries/{e.pk}/decide/", {"decision": "approve"}).status_code == 403
    assert client.get(f"/plan/entries/{e.pk}/evidence/").status_code == 404  # county entry
    assert client.get("/plan/entries/pending/").status_code == 403
    client.force_login(users["county_admin"])
    r = client.post(f"/plan/entries/{e.pk}/decide/", {"decision": "approve"}, follow=True)
    assert "不能审批自己" in r.content.decode()
    client.force_login(users["east_officer"])
    assert e.pk in [x.pk for x in client.get("/plan/entries/pending/").context["entries"]]
    r = client.get(f"/plan/entries/{e.pk}/evidence/")
    assert r.status_code == 200 and b"".join(r.streaming_content).decode() == "培训名单"
    client.post(f"/plan/entries/{e.pk}/decide/", {"decision": "approve", "note": "好"})
    e.refresh_from_db()
    assert e.state == EntryState.APPROVED


def test_entry_form_on_the_target_page(plan, users, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users["county_admin"])
    page = client.get("/plan/targets/teachers-trained/")
    assert page.status_code == 200 and page.context["form"] is not None
    r = client.post("/plan/targets/teachers-trained/entries/new/", {
        "year": 2019, "area": "621124000000", "value": "31",
        "evidence": SimpleUploadedFile("培训签到表.pdf", b"%PDF-1.4 test")})
    assert r.status_code == 302
    e = AggregateEntry.objects.get(target__key="teachers-trained", year=2019)
    assert (e.value, e.evidence_name, e.entered_by) == (31, "培训签到表.pdf", users["county_admin"])
    r = client.post("/plan/targets/teachers-trained/entries/new/", {
        "year": 2019, "area": "621124000000", "value": "31"}, follow=True)
    assert AggregateEntry.objects.count() == 1 and "填报有误" in r.content.decode()


@pytest.mark.parametrize("hostile", ["https://evil.example/x", "//evil.example/x"])
def test_entry_decide_next_never_leaves_the_site(plan, users, client, hostile, _entry):
    e = _entry(plan, users["county_admin"])
    client.force_login(users["east_officer"])
    r = client.post(f"/plan/entries/{e.pk}/decide/",
                    {"decision": "approve", "note": "好", "next": hostile})
    assert r.status_code == 302 and r["Location"] == "/plan/targets/teachers-trained/"
    e2 = _entry(plan, users["county_admin"], year=2019)
    r = client.post(f"/plan/entries/{e2.pk}/decide/",
                    {"decision": "approve", "next": "/plan/entries/pending/"})
    assert r["Location"] == "/plan/entries/pending/"


def test_an_entrys_evidence_is_typed_from_its_content(plan, users):
    """Aggregate entries take their evidence through xiezuo.evidence's checks: a program renamed
    签到表.pdf, or a photo named as a PDF, is refused naming what it is; a typed list is taken."""
    from django.core.files.base import ContentFile

    t = Target.objects.get(plan=plan, key="teachers-trained")
    county = Area.objects.get(code="621124000000")
    for name, content, what in (("签到表.pdf", b"MZ\x90\x00" + b"\x00" * 64, "可执行程序"),
                                ("签到表.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG")):
        with pytest.raises(ValidationError, match=what):
            entry_create(actor=users["county_admin"], target=t, year=2018, area=county,
                         value=5, evidence=ContentFile(content, name=name))
    e = entry_create(actor=users["county_admin"], target=t, year=2018, area=county, value=5,
                     evidence=ContentFile("培训名单\n张三\n".encode(), name="名单.txt"))
    assert e.evidence_name == "名单.txt"

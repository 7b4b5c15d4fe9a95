"""The outreach and training pages: every list renders for the roles that read it and exports
the same rows as Excel; a township clerk sees the township's figures and lists; records outside
the scope are 404; stale saves are refused; a phone reveal and a batch-file download audited."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.models import AuditEvent
from xiezuo.labour.outreach.models import Campaign, VillageDelivery
from xiezuo.regions.models import Area

V1, V2, V3 = "621124100201", "621124100202", "621124103201"


@pytest.fixture
def world(users, campaign, hh, training_base, course, person):
    c = campaign()
    VillageDelivery.objects.create(campaign=c, village=Area.objects.get(code=V1),
                                   date=datetime.date(2019, 4, 1), deliverer="王书记",
                                   channel="cadres")
    homes = {"a": hh(V1, phone="13800000001"), "b": hh(V3, phone="13900000002")}
    k = course(training_base())
    young, _n = person(V1, name="小李", age=18)
    young.education, young.schooling = "初中", "非在校生"
    young.save()
    return c, homes, k, young


def _login(client, user):
    client.force_login(user)
    return client


LISTS = ["labour:campaign_list", "labour:outreach_villages", "labour:outreach_households",
         "labour:sms_batch_list", "labour:course_list", "labour:trainee_list",
         "labour:youth_list", "labour:training_base_list"]


@pytest.mark.parametrize("name", LISTS)
def test_every_list_renders_and_exports_its_rows(client, users, world, name):
    _login(client, users["case_worker"])
    r = client.get(reverse(name))
    assert r.status_code == 200
    x = client.get(reverse(name) + "?format=xlsx")
    assert x.status_code == 200
    wb = load_workbook(io.BytesIO(b"".join(x.streaming_content)))
    assert wb.active.max_row >= 3  # title, scope line, header


def test_the_fund_officer_is_refused_every_page(client, users, world):
    c, homes, k, _y = world
    _login(client, users["fund_officer"])
    for url in [reverse(n) for n in LISTS] + [
            reverse("labour:campaign_detail", args=[c.pk]),
            reverse("labour:course_detail", args=[k.pk])]:
        assert client.get(url).status_code == 403, url


def test_a_township_clerk_sees_the_townships_figures_and_not_others_households(client, users,
                                                                              world):
    c, homes, _k, _y = world
    _login(client, users["township_clerk"])  # 洮阳镇: V1, V2
    r = client.get(reverse("labour:outreach_villages") + f"?campaign={c.pk}")
    assert "1 / 2" in r.content.decode()
    r = client.get(reverse("labour:outreach_households"))
    body = r.content.decode()
    assert homes["a"].number in body and homes["b"].number not in body
    assert client.get(reverse("labour:contact_edit", args=[homes["b"].pk])).status_code == 404
    assert client.get(reverse("labour:visit_record",
                              args=[c.pk, homes["b"].pk])).status_code == 404
    # may record a visit in the township, not create campaigns
    r = client.post(reverse("labour:visit_record", args=[c.pk, homes["a"].pk]),
                    {"date": "2019-04-02", "result": "reached"})
    assert r.status_code == 302
    assert client.get(reverse("labour:campaign_create")).status_code == 403


def test_masked_on_the_page_and_every_reveal_audited(client, users, world):
    _c, homes, _k, _y = world
    _login(client, users["case_worker"])
    body = client.get(reverse("labour:outreach_households")).content.decode()
    assert "138****0001" in body and "13800000001" not in body
    before = AuditEvent.objects.filter(action=AuditAction.VIEW_ID).count()
    r = client.post(reverse("labour:contact_reveal", args=[homes["a"].pk]))
    assert "13800000001" in r.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.VIEW_ID).count() == before + 1
    _login(client, users["leadership"])
    assert client.post(reverse("labour:contact_reveal",
                               args=[homes["a"].pk])).status_code == 403


def test_a_stale_campaign_save_is_refused(client, users, world):
    c, _h, _k, _y = world
    _login(client, users["case_worker"])
    form = {"version": c.version, "title": "改后的标题", "kind": "policy", "year": 2019,
            "started_on": "2019-03-01", "channels": ["cadres"], "content": "", "sms_text": ""}
    assert client.post(reverse("labour:campaign_edit", args=[c.pk]), form).status_code == 302
    form["title"] = "又一次"
    r = client.post(reverse("labour:campaign_edit", args=[c.pk]), form)  # the old version
    assert r.status_code == 200 and "已被他人修改" in r.content.decode()
    assert Campaign.objects.get(pk=c.pk).title == "改后的标题"


def test_sending_from_the_page_and_the_audited_file_download(client, users, world, settings,
                                                             tmp_path):
    settings.DATA_DIR = tmp_path
    settings.XIEZUO_SMS_SENDER = "xiezuo.labour.outreach.sms.FileBatchSender"
    c, _h, _k, _y = world
    _login(client, users["case_worker"])
    r = client.post(reverse("labour:sms_send", args=[c.pk]), {"content": ""})
    assert r.status_code == 302
    batch = c.sms_batches.get()
    assert batch.messages == 2 and batch.file
    r = client.get(reverse("labour:sms_batch_file", args=[batch.pk]))
    assert r.status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT,
                                     object_type="labour.smsbatch").count() == 1
    # a township clerk sees full numbers of the township only: the county's batch file (with
    # 辛店镇's numbers in it) is not theirs
    _login(client, users["township_clerk"])
    assert client.get(reverse("labour:sms_batch_file", args=[batch.pk])).status_code == 404


def test_training_pages_enrol_from_the_youth_list_and_complete(client, users, world):
    _c, _h, k, young = world
    _login(client, users["case_worker"])
    body = client.get(reverse("labour:youth_list")).content.decode()
    assert young.name in body
    r = client.post(reverse("labour:trainee_enrol"), {"course": k.pk, "person": [young.pk]})
    assert r.status_code == 302
    t = k.trainees.get()
    r = client.post(reverse("labour:trainee_complete", args=[t.pk]), {
        "version": t.version, "completed_on": "2019-05-31", "certificate_number": "DG-9"})
    assert r.status_code == 302
    young.labour_profile.refresh_from_db()
    assert young.labour_profile.certificate_list == ["电工证"]
    r = client.post(reverse("labour:trainee_complete", args=[t.pk]), {  # stale form
        "version": t.version, "completed_on": "2019-05-31", "certificate_number": "DG-9"})
    assert r.status_code == 200 and "已被他人修改" in r.content.decode()
    _login(client, users["other_clerk"])  # 辛店镇: the trainee is not theirs
    assert young.name not in client.get(reverse("labour:youth_list")).content.decode()


def test_the_api_reads_are_scoped_and_refused(client, users, world):
    c, homes, k, young = world
    _login(client, users["township_clerk"])
    r = client.get(f"/api/labour/outreach/coverage?campaign={c.pk}").json()
    assert (r["villages_reached"], r["villages_total"]) == (1, 2)
    assert r["households_total"] == 2 and homes["b"].pk not in r["households_unreached"]
    assert client.get("/api/labour/outreach/campaigns").json()["count"] == 1
    assert young.pk in [p["id"] for p in client.get("/api/labour/training/youth").json()["items"]]
    assert client.get("/api/labour/training/courses").status_code == 200
    _login(client, users["other_clerk"])
    assert young.pk not in [p["id"] for p in
                            client.get("/api/labour/training/youth").json()["items"]]
    _login(client, users["fund_officer"])
    for url in ("/api/labour/outreach/coverage", "/api/labour/outreach/campaigns",
                "/api/labour/training/courses", "/api/labour/training/trainees",
                "/api/labour/training/youth"):
        assert client.get(url).status_code == 403, url

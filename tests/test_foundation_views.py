"""Every foundation page and endpoint: who gets it, and who is refused (403/404, never data)."""

import pytest
from django.urls import reverse

from xiezuo.core.jobs import job_create
from xiezuo.regions.reference import TAOYANG, XINDIAN

PAGES = ["core:home", "regions:area_list", "accounts:audit_list"]


@pytest.mark.parametrize("name", PAGES + ["api-docs"])
def test_anonymous_users_are_sent_to_log_in_or_refused(client, db, name):
    url = reverse(name) if name != "api-docs" else "/api/regions/areas"
    response = client.get(url)
    assert response.status_code in (302, 401)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["county_admin", "township_clerk", "case_worker", "fund_officer",
                                  "east_officer", "leadership", "auditor"])
def test_every_role_has_a_chinese_home_page(client, users, role):
    client.force_login(users[role])
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert users[role].get_role_display() in html
    for chapter in ("概况与建档立卡", "劳务协作", "资金支持", "保障机制"):
        assert chapter in html


def test_home_switches_to_english(client, users):
    client.force_login(users["township_clerk"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("core:home")).content.decode()
    assert '<html lang="en">' in html
    assert "Labour cooperation" in html and "劳务协作" not in html


def test_an_english_browser_still_gets_chinese_until_the_user_switches(client, users):
    client.force_login(users["township_clerk"])
    html = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content
    assert '<html lang="zh-hans">' in html.decode()
    client.cookies["django_language"] = "fr"  # not offered: Chinese again
    html = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="zh-hans">' in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get(reverse("core:home")).content.decode()


def test_area_outside_the_clerks_township_is_404(client, users):
    client.force_login(users["township_clerk"])
    assert client.get(reverse("regions:area_detail", args=[TAOYANG])).status_code == 200
    assert client.get(reverse("regions:area_detail", args=[XINDIAN])).status_code == 404
    assert client.get(reverse("regions:area_detail", args=["621124103201"])).status_code == 404


def test_area_list_shows_only_the_clerks_township(client, users):
    client.force_login(users["township_clerk"])
    html = client.get(reverse("regions:area_list")).content.decode()
    assert "洮阳镇" in html and "辛店镇" not in html


@pytest.mark.parametrize("role", ["county_admin", "township_clerk", "case_worker", "fund_officer",
                                  "east_officer", "leadership"])
def test_the_audit_log_is_refused_to_everyone_but_auditors(client, users, role):
    client.force_login(users[role])
    assert client.get(reverse("accounts:audit_list")).status_code == 403


def test_the_audit_log_is_shown_to_auditors_and_filters(client, users):
    from xiezuo.accounts.services import audit_record

    audit_record(actor=users["county_admin"], action="export", object_repr="花名册导出")
    audit_record(actor=users["county_admin"], action="update", object_repr="某户")
    client.force_login(users["auditor"])
    html = client.get(reverse("accounts:audit_list"), {"action": "export"}).content.decode()
    assert "花名册导出" in html and "某户" not in html


def test_a_job_is_visible_only_to_the_user_who_started_it(client, users):
    job = job_create(kind="test", title="导入", user=users["township_clerk"])
    client.force_login(users["other_clerk"])
    assert client.get(reverse("core:job_detail", args=[job.pk])).status_code == 404
    client.force_login(users["township_clerk"])
    assert client.get(reverse("core:job_detail", args=[job.pk])).status_code == 200


def test_areas_api_is_scoped(client, users):
    client.force_login(users["township_clerk"])
    data = client.get("/api/regions/areas", {"level": "township"}).json()
    assert [a["code"] for a in data["items"]] == [TAOYANG]
    client.force_login(users["east_officer"])
    data = client.get("/api/regions/areas", {"level": "county"}).json()
    assert sorted(a["code"] for a in data["items"]) == ["350104000000", "621124000000"]


def test_openapi_schema_is_published(client, users):
    client.force_login(users["county_admin"])
    schema = client.get("/api/openapi.json").json()
    assert "/api/regions/areas" in schema["paths"]


def test_chapter_pages_exist_for_every_chapter_and_404_otherwise(client, users):
    client.force_login(users["leadership"])
    for n in (2, 3, 4, 5, 6, 7, 8):
        assert client.get(reverse("core:chapter", args=[n])).status_code == 200
    assert client.get(reverse("core:chapter", args=[9])).status_code == 404


def test_healthz_answers_without_login(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}

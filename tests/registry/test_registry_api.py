"""The registry API: scoped lists and details (404 outside the area), masked ID numbers, the
exact-ID person search through the keyed hash, read-only roles reading, and the schema."""

import json

import pytest

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.models import AuditEvent
from xiezuo.regions.reference import TAOYANG, XINDIAN
from xiezuo.registry.choices import ExitStatus, Relation

T_VILLAGE = "621124100201"  # 测试洮阳镇1村 (the `areas` fixture)

API = "/api/registry"


@pytest.fixture
def hh(areas, two_households):
    return two_households(areas)


def _numbers(response) -> list[str]:
    return sorted(item["number"] for item in response.json()["items"])


@pytest.mark.parametrize("url", [f"{API}/households", f"{API}/households/1", f"{API}/persons"])
def test_anonymous_requests_are_refused(client, db, url):
    assert client.get(url).status_code == 401


def test_anonymous_post_search_is_refused(client, db):
    response = client.post(f"{API}/persons/search", json.dumps({"name": "张"}),
                           content_type="application/json")
    assert response.status_code in (401, 403)


def test_households_list_is_scoped(client, users, hh):
    client.force_login(users["township_clerk"])
    assert _numbers(client.get(f"{API}/households")) == ["T001"]
    client.force_login(users["other_clerk"])
    assert _numbers(client.get(f"{API}/households")) == ["X001"]
    client.force_login(users["county_admin"])
    assert _numbers(client.get(f"{API}/households")) == ["T001", "X001"]


@pytest.mark.parametrize("role", ["leadership", "auditor"])
def test_read_only_roles_can_read(client, users, hh, role):
    client.force_login(users[role])
    assert _numbers(client.get(f"{API}/households")) == ["T001", "X001"]
    assert client.get(f"{API}/households/{hh['taoyang'].pk}").status_code == 200


@pytest.mark.parametrize("query,expected", [
    ({"township": TAOYANG}, ["T001"]),
    ({"township": XINDIAN}, ["X001"]),
    ({"village": T_VILLAGE}, ["T001"]),
    ({"exit_status": ExitStatus.EXITED}, ["X001"]),
    ({"exit_year": 2019}, ["X001"]),
    ({"name": "李"}, ["T001"]),
])
def test_households_filters(client, users, hh, query, expected):
    client.force_login(users["county_admin"])
    assert _numbers(client.get(f"{API}/households", query)) == expected


def test_households_list_is_paginated(client, users, areas, make_household):
    for i in range(55):
        make_household(areas, T_VILLAGE, f"P{i:03d}", [(f"户主{i}", Relation.HEAD)],
                       seed=1000 + i)
    client.force_login(users["township_clerk"])
    first = client.get(f"{API}/households").json()
    assert first["count"] == 55 and len(first["items"]) == 50
    second = client.get(f"{API}/households", {"page": 2}).json()
    assert [h["number"] for h in second["items"]] == ["P050", "P051", "P052", "P053", "P054"]


def test_household_detail_has_members_with_masked_ids(client, users, hh, full_id):
    household = hh["taoyang"]
    client.force_login(users["township_clerk"])
    response = client.get(f"{API}/households/{household.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["number"] == "T001" and body["township_code"] == TAOYANG
    assert body["village_code"] == T_VILLAGE and body["other_causes"] == []
    assert {m["name"] for m in body["members"]} == {"张三", "李四"}
    text = response.content.decode()
    for p in household.members.all():
        assert p.id_masked in text and full_id(p) not in text
    assert "id_cipher" not in text and "id_hash" not in text
    assert body["status_changes"] == [] and body["monitoring"] == []


def test_household_outside_the_area_is_404(client, users, hh):
    client.force_login(users["township_clerk"])
    assert client.get(f"{API}/households/{hh['xindian'].pk}").status_code == 404
    assert client.get(f"{API}/households/999999").status_code == 404


def test_persons_search_by_name(client, users, hh):
    client.force_login(users["county_admin"])
    items = client.get(f"{API}/persons", {"name": "王"}).json()["items"]
    assert [(p["name"], p["household_number"]) for p in items] == [("王五", "X001")]
    client.force_login(users["township_clerk"])
    assert client.get(f"{API}/persons", {"name": "王"}).json()["items"] == []


def test_persons_search_by_exact_id_answers_masked(client, users, hh, full_id):
    spouse = hh["taoyang"].members.get(relation=Relation.SPOUSE)
    number = full_id(spouse)
    client.force_login(users["township_clerk"])
    response = _post_search(client, {"id_number": number.lower()})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [p["name"] for p in items] == ["李四"]
    assert items[0]["id_masked"] == spouse.id_masked
    assert number not in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW_ID).exists()


def _post_search(client, body):
    return client.post(f"{API}/persons/search", json.dumps(body),
                       content_type="application/json")


def test_an_id_number_in_the_url_is_refused_and_not_searched(client, users, hh, full_id):
    """GET /persons?id_number= would write the number into access logs: 422, no results."""
    number = full_id(hh["taoyang"].members.get(relation=Relation.SPOUSE))
    client.force_login(users["township_clerk"])
    response = client.get(f"{API}/persons", {"id_number": number})
    assert response.status_code == 422
    assert "POST /api/registry/persons/search" in response.json()["detail"]
    assert number not in response.content.decode()
    # Names (and households by number or name) still search by GET.
    assert [p["name"] for p in client.get(f"{API}/persons", {"name": "李"}).json()["items"]] \
        == ["李四"]
    assert client.get(f"{API}/households", {"name": "张"}).status_code == 200


def test_persons_search_by_an_id_outside_the_area_finds_nothing(client, users, hh, full_id):
    number = full_id(hh["xindian"].members.get())
    client.force_login(users["township_clerk"])
    assert _post_search(client, {"id_number": number}).json()["items"] == []


def test_persons_search_by_an_invalid_id_is_422_with_the_reason(client, users, hh):
    client.force_login(users["county_admin"])
    response = _post_search(client, {"id_number": "62112419800101000"})
    assert response.status_code == 422
    assert "18 位" in response.json()["detail"]


def test_the_openapi_schema_lists_the_registry_endpoints(client, users):
    client.force_login(users["county_admin"])
    schema = client.get("/api/openapi.json").json()
    for path in ("/api/registry/households", "/api/registry/households/{household_id}",
                 "/api/registry/persons", "/api/registry/persons/search"):
        assert path in schema["paths"], path

"""The API's declared limits (xiezuo.core.apikit): out-of-range input is a 422, never a 500, and
the OpenAPI schema says so — every number bounded, every text with a maximum length, every
answer an operation can give declared. The schemathesis run (test_api_schemathesis.py) holds
the API to this schema; these are the cases the attack found, pinned."""

import json

import pytest

from xiezuo.core.apikit import MAX_PAGE

HUGE = 2**63  # the first integer beyond the databases' 64-bit integers


@pytest.fixture
def schema(db):
    from xiezuo.urls import api

    return api.get_openapi_schema()


def _operations(schema):
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            yield path, method, op


def _paginated(schema):
    return [(path, method) for path, method, op in _operations(schema)
            if any(p["name"] == "page" for p in op.get("parameters", []))]


def _call(client, method, path, query):
    if method == "post":
        url = path + "?" + "&".join(f"{k}={v}" for k, v in query.items())
        return client.post(url, json.dumps({}), content_type="application/json")
    return client.get(path, query)


def test_the_paginated_endpoints_are_counted(schema):
    # labour 9, registry 3, funds 2, regions 1, industry 6, talent 6, pairing 6, mechanisms 3,
    # orgs 1
    assert len(_paginated(schema)) == 37


def test_a_page_beyond_2_to_the_63_is_refused_with_422_on_every_paginated_endpoint(
        client, users, schema):
    client.force_login(users["county_admin"])
    for path, method in _paginated(schema):
        path = path.replace("{pk}", "1")
        for page in (HUGE, MAX_PAGE + 1):
            response = _call(client, method, path, {"page": page})
            assert response.status_code == 422, (path, page, response.content)
        assert _call(client, method, path, {"page": MAX_PAGE}).status_code in (200, 404), path


@pytest.mark.parametrize("path,param", [
    ("/api/funds/projects", "year"),
    ("/api/funds/disbursements", "year"),
    ("/api/funds/summary", "year"),
    ("/api/labour/placements", "year"),
    ("/api/registry/households", "exit_year"),
])
@pytest.mark.parametrize("year", [10000, 1999, HUGE])
def test_a_year_outside_2000_to_2100_is_refused_with_422(client, users, path, param, year):
    client.force_login(users["county_admin"])
    assert client.get(path, {param: year}).status_code == 422


@pytest.mark.parametrize("path", ["/api/funds/projects/{}", "/api/labour/placements/{}",
                                  "/api/labour/runs/{}/proposals",
                                  "/api/registry/households/{}"])
def test_an_id_beyond_64_bits_is_refused_with_422_and_a_missing_one_is_404(client, users, path):
    client.force_login(users["county_admin"])
    assert client.get(path.format(HUGE)).status_code == 422
    assert client.get(path.format(2**63 - 1)).status_code == 404


def test_every_number_a_client_sends_is_bounded_and_every_text_has_a_maximum_length(schema):
    unbounded = []
    components = schema["components"]["schemas"]
    for path, method, op in _operations(schema):
        fields = [(p["name"], p["schema"]) for p in op.get("parameters", [])]
        body = op.get("requestBody", {}).get("content", {}).get("application/json")
        if body:
            ref = body["schema"]["$ref"].rsplit("/", 1)[1]
            fields += list(components[ref]["properties"].items())
        for name, field in fields:
            for alt in field.get("anyOf", [field]):
                if alt.get("type") == "integer" and "maximum" not in alt:
                    unbounded.append(f"{method} {path} {name}")
                if (alt.get("type") == "string" and "format" not in alt
                        and "maxLength" not in alt):
                    unbounded.append(f"{method} {path} {name}")
    assert unbounded == []


def test_every_operation_declares_its_error_answers(schema):
    missing = []
    for path, method, op in _operations(schema):
        declared = {str(code) for code in op["responses"]}
        need = {"401", "403", "422"}
        if "{" in path:
            need.add("404")
        if "requestBody" in op:
            need.add("400")
        if need - declared:
            missing.append(f"{method} {path}: {sorted(need - declared)}")
    assert missing == []


def test_the_disbursement_payee_is_limited_to_the_ledgers_column(schema):
    body = schema["components"]["schemas"]["DisbursementIn"]["properties"]
    assert body["payee"]["maxLength"] == 200
    assert body["voucher_no"]["maxLength"] == 60
    assert body["note"]["maxLength"] == 300


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31", "2019-02-29"])
def test_the_plans_targets_answer_any_date_without_a_server_error(client, users, settings,
                                                                   as_of):
    from xiezuo.plan.services import DEFAULT_PLAN_FILE, default_plan_text, plan_load

    settings.PLAN_INDICATOR_CACHE_SECONDS = 0
    plan_load(text=default_plan_text(), source=DEFAULT_PLAN_FILE)
    client.force_login(users["county_admin"])
    assert client.get("/api/plan/targets", {"as_of": as_of}).status_code in (200, 422)


@pytest.mark.parametrize("path, params", [
    ("/api/regions/areas", {"level": "\x00village"}),
    ("/api/regions/areas", {"parent": "62\x00"}),
    ("/api/registry/households", {"name": "王\x00"}),
    ("/api/orgs/organisations", {"q": "\x00"}),
])
def test_a_nul_character_in_a_parameter_is_refused_with_422_not_a_database_error(
        client, users, path, params):
    """PostgreSQL holds no NUL in text: such a filter was a 500 there (schemathesis found it)."""
    client.force_login(users["county_admin"])
    response = client.get(path, params)
    assert response.status_code == 422
    assert "NUL" in response.json()["detail"][0]["msg"]
    assert client.get(path).status_code == 200  # the connection is still usable


def test_a_nul_character_in_a_json_body_is_refused_with_422(client, users):
    client.force_login(users["county_admin"])
    response = client.post("/api/registry/persons/search", data=json.dumps({"name": "王\x00"}),
                           content_type="application/json")
    assert response.status_code == 422

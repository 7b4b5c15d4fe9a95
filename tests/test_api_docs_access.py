"""/api/docs and the OpenAPI schema: signed-in users only, and nothing loaded from another host."""

import re

import pytest


@pytest.mark.parametrize("url", ["/api/docs", "/api/openapi.json"])
def test_the_anonymous_do_not_get_the_api_docs_or_schema(client, db, url):
    response = client.get(url)
    assert response.status_code in (302, 401)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")
    assert b"/api/regions" not in response.content


def test_the_docs_page_loads_nothing_from_another_host(client, users):
    client.force_login(users["township_clerk"])
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    references = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)["\']', html)
    assert any("swagger-ui-bundle" in r for r in references)
    assert all(r.startswith("/") and not r.startswith("//") for r in references), references
    assert "cdn" not in html.lower()
    # ...and the files it names are there.
    for r in references:
        assert client.get(r).status_code == 200, r

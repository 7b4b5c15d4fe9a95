"""List pages bind their filters through a form: a value no query could take is a form error
on the page (200), never a 500 (found by the attack on a served demo: year=10000 and a project
number beyond 2^64)."""

import pytest

BAD = [
    "/labour/placements/?year=10000",
    "/labour/graduates/?year=10000",
    "/labour/interns/?year=10000",
    "/labour/fairs/?year=10000",
    "/funds/ledger/?project=99999999999999999999",
    "/funds/ledger/?year=10000",
    "/funds/projects/?year=10000",
    "/funds/allocations/?year=10000",
    "/registry/?exit_year=10000",
    "/registry/persons/?exit_year=10000",
]


@pytest.mark.parametrize("url", BAD)
def test_an_impossible_filter_value_is_a_form_error_not_a_500(client, users, url):
    client.force_login(users["county_admin"])
    r = client.get(url)
    assert r.status_code == 200, (url, r.status_code)
    assert "errorlist" in r.content.decode(), url


def test_the_filter_object_gives_the_query_string_of_its_list():
    from xiezuo.labour.filters import PlacementFilters
    from xiezuo.registry.filters import PersonFilters

    assert PersonFilters(exit_status="exited", exit_year=2018).query() == (
        "exit_status=exited&exit_year=2018")
    assert PersonFilters().query() == ""
    assert PlacementFilters(year=2019, first=True).query() == "year=2019&first=1"

"""The cascaded area picker (county → township → village, scoped to the user) and column sorting
(kept in the query string, in the pages and the export; only the columns a list allows)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from xiezuo.regions.choices import Level
from xiezuo.regions.picker import AreaPickerField, chain_from

pytestmark = pytest.mark.django_db

LINTAO, TAOYANG, XINDIAN = "621124000000", "621124100000", "621124103000"
T_VILLAGE = "621124100201"


@pytest.mark.parametrize("data, chain", [
    ({"a_county": LINTAO, "a_township": TAOYANG, "a_village": T_VILLAGE}, [LINTAO, TAOYANG, T_VILLAGE]),
    ({"a_county": LINTAO, "a_township": TAOYANG, "a_village": ""}, [LINTAO, TAOYANG]),
    # a village left from another township is dropped when the township changes
    ({"a_county": LINTAO, "a_township": XINDIAN, "a_village": T_VILLAGE}, [LINTAO, XINDIAN]),
    ({"a_county": "350104000000", "a_township": TAOYANG}, ["350104000000"]),
    ({"a_county": "'; drop", "a_township": TAOYANG}, []),
])
def test_the_chain_keeps_only_areas_below_the_one_above(data, chain):
    assert chain_from(data, "a", (Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE)) == chain


def test_the_picker_offers_only_what_the_user_sees(client, users, areas):
    client.force_login(users["township_clerk"])  # 洮阳镇
    r = client.get(reverse("regions:area_picker"), {
        "name": "area", "levels": "county,township,village", "side": "west",
        "area_county": LINTAO, "area_township": TAOYANG})
    html = r.content.decode()
    assert r.status_code == 200 and T_VILLAGE in html
    assert XINDIAN not in html  # another township's clerk's
    client.force_login(users["county_admin"])
    html = client.get(reverse("regions:area_picker"), {
        "name": "area", "levels": "county,township,village", "side": "west",
        "area_county": LINTAO}).content.decode()
    assert TAOYANG in html and XINDIAN in html and T_VILLAGE not in html  # no township yet


def test_the_field_refuses_an_area_outside_the_users_scope(users, areas):
    field = AreaPickerField(levels=(Level.TOWNSHIP, Level.VILLAGE), to_code=True)
    field.bind(users["township_clerk"])
    assert field.clean(T_VILLAGE) == T_VILLAGE
    with pytest.raises(ValidationError):
        field.clean("621124103201")  # 辛店镇's village


def test_the_funds_project_filter_picks_a_township_or_village(client, users, areas, funds_build):
    funds_build(areas, users)
    client.force_login(users["fund_officer"])
    url = reverse("funds:project_list")
    html = client.get(url, {"township_township": TAOYANG, "township_village": ""}).content.decode()
    assert "LT2018-001" in html and "LT2018-003" in html and "LT2018-002" not in html
    assert 'name="township_village"' in html and T_VILLAGE in html  # the villages of 洮阳镇 offered
    # a link with the plain code still filters (the supervision page's township links)
    html = client.get(url, {"township": XINDIAN}).content.decode()
    assert "LT2018-002" in html and "LT2018-001" not in html


def test_a_project_form_folds_villages_under_their_township(client, users, areas):
    client.force_login(users["fund_officer"])
    html = client.get(reverse("funds:project_create")).content.decode()
    assert 'class="villages-by-township"' in html and "<details" in html


def test_sorting_by_a_column_is_kept_in_pages_and_export(client, users, areas, funds_build):
    funds_build(areas, users)
    client.force_login(users["fund_officer"])
    url = reverse("funds:project_list")
    html = client.get(url, {"sort": "-budget"}).content.decode()
    codes = re.findall(r">(LT2018-00\d)</a>", html)
    assert codes == ["LT2018-001", "LT2018-002", "LT2018-003"]  # 300,000 > 200,000 > 100,000
    assert 'aria-sort="descending"' in html and "sort=budget" in html  # a click reverses
    html = client.get(url, {"sort": "budget"}).content.decode()
    assert re.findall(r">(LT2018-00\d)</a>", html) == ["LT2018-003", "LT2018-002", "LT2018-001"]
    # a column the list does not allow is ignored (never passed to order_by)
    assert client.get(url, {"sort": "created_by__password"}).status_code == 200


def test_the_registry_sort_reaches_the_pagination_and_the_export(client, users, areas):
    client.force_login(users["county_admin"])
    html = client.get(reverse("registry:household_list"), {"sort": "-exit_year",
                                                            "exit_status": ""}).content.decode()
    assert 'aria-sort="descending"' in html
    assert "sort=-exit_year" in html  # the export button keeps it


def test_the_recruitment_form_picks_its_village_township_first(client, users, areas):
    client.force_login(users["case_worker"])
    html = client.get(reverse("labour:recruitment_create")).content.decode()
    assert 'class="area-picker"' in html and 'name="village_township"' in html
    assert 'name="village_village"' in html and T_VILLAGE not in html  # no township chosen yet

"""The household and person searches pick their area with the cascaded picker (county →
township → village): a city user's page lists its counties and no village until a township is
chosen, so a city of thousands of villages renders a short form; the results are the same as
filtering by each level's code, and links naming `county=`, `township=` or `village=` still
filter and fill the picker."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from xiezuo.accounts.choices import Role
from xiezuo.regions.choices import Level, Side
from xiezuo.regions.models import Area
from xiezuo.regions.reference import LINTAO, TAOYANG, XINDIAN
from xiezuo.registry.choices import Relation

pytestmark = pytest.mark.django_db

DINGXI, WEIYUAN = "621100000000", "621125000000"
T_VILLAGE, X_VILLAGE, W_VILLAGE = "621124100201", "621124103201", "621125100201"


@pytest.fixture
def city(areas, make_user, make_household):
    """A household in each of 洮阳镇, 辛店镇 (临洮县) and a village of 渭源县, and a read-only
    领导小组 user of the city (定西市)."""
    county = Area.objects.get(code=WEIYUAN)
    township, _ = Area.objects.get_or_create(
        code=W_VILLAGE[:9] + "000", defaults={"name": "测试渭源镇", "level": Level.TOWNSHIP,
                                              "parent": county, "side": Side.WEST})
    areas[W_VILLAGE] = Area.objects.create(code=W_VILLAGE, name="测试渭源1村",
                                           level=Level.VILLAGE, parent=township, side=Side.WEST)
    for i, (code, number) in enumerate(((T_VILLAGE, "T001"), (X_VILLAGE, "X001"),
                                        (W_VILLAGE, "W001"))):
        make_household(areas, code, number, [(f"王{i}", Relation.HEAD)], seed=60 + i)
    return make_user(Role.LEADERSHIP, DINGXI)


def _options(html: str, name: str) -> list[str]:
    """The codes a select of the page offers."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return [c for c in re.findall(r'<option value="(\d*)"', select.group(1)) if c]


def _chosen(html: str, name: str) -> str:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    found = re.search(r'<option value="(\d+)" selected', select)
    return found.group(1) if found else ""


@pytest.mark.parametrize("url", ["registry:household_list", "registry:person_list"])
def test_a_city_users_form_lists_counties_and_no_village_until_a_township(client, city, url):
    client.force_login(city)
    html = client.get(reverse(url)).content.decode()
    counties = _options(html, "area_county")
    assert LINTAO in counties and WEIYUAN in counties
    assert all(c.endswith("000000") for c in counties)
    assert _options(html, "area_township") == [] and _options(html, "area_village") == []
    form = re.search(r'<form class="filters".*?</form>', html, re.S).group(0)
    assert T_VILLAGE not in form and "测试洮阳镇1村" not in form
    # a county chosen: its townships, still no village
    html = client.get(reverse(url), {"county": LINTAO}).content.decode()
    assert _chosen(html, "area_county") == LINTAO
    assert set(_options(html, "area_township")) >= {TAOYANG, XINDIAN}
    assert WEIYUAN[:9] + "000" not in _options(html, "area_township")
    assert _options(html, "area_village") == []
    # a township chosen: its villages only
    html = client.get(reverse(url), {"township": TAOYANG}).content.decode()
    assert _chosen(html, "area_county") == LINTAO and _chosen(html, "area_township") == TAOYANG
    assert set(_options(html, "area_village")) == {T_VILLAGE, "621124100202"}


@pytest.mark.parametrize("query,found", [
    ({}, {"T001", "X001", "W001"}),
    ({"county": LINTAO}, {"T001", "X001"}),
    ({"county": WEIYUAN}, {"W001"}),
    ({"township": XINDIAN}, {"X001"}),
    ({"village": T_VILLAGE}, {"T001"}),
    ({"township": TAOYANG, "village": T_VILLAGE}, {"T001"}),  # the incidence page's links
    ({"county": WEIYUAN, "name": "王"}, {"W001"}),
])
def test_the_search_filters_by_the_area_chosen_at_any_level(client, city, query, found):
    client.force_login(city)
    html = client.get(reverse("registry:household_list"), query).content.decode()
    assert set(re.findall(r">([TXW]001)</a>", html)) == found
    assert f"共 {len(found)} 户" in html


def test_posting_the_picker_redirects_to_the_deepest_level_chosen(client, city):
    client.force_login(city)
    r = client.post(reverse("registry:household_list"), {
        "area_county": LINTAO, "area_township": TAOYANG, "area_village": T_VILLAGE,
        "name": "王"})
    assert r.status_code == 302
    assert parse_qs(urlparse(r["Location"]).query) == {"village": [T_VILLAGE], "name": ["王"]}
    # a village left over from another township is dropped: the township is searched
    r = client.post(reverse("registry:household_list"), {
        "area_county": LINTAO, "area_township": XINDIAN, "area_village": T_VILLAGE})
    assert parse_qs(urlparse(r["Location"]).query) == {"township": [XINDIAN]}
    r = client.post(reverse("registry:household_list"), {"area_county": WEIYUAN,
                                                        "area_township": ""})
    assert parse_qs(urlparse(r["Location"]).query) == {"county": [WEIYUAN]}


def test_an_area_outside_the_users_scope_is_refused_not_searched(client, users, city):
    client.force_login(users["township_clerk"])  # 洮阳镇
    for query in ({"village": X_VILLAGE}, {"township": XINDIAN}, {"county": WEIYUAN}):
        html = client.get(reverse("registry:household_list"), query).content.decode()
        assert "X001" not in html and "W001" not in html and "请从列表中选择" in html
    # the clerk's own form starts at the township, chosen already, with its villages
    html = client.get(reverse("registry:household_list")).content.decode()
    assert 'name="area_county"' not in html and _chosen(html, "area_township") == TAOYANG
    assert set(_options(html, "area_village")) == {T_VILLAGE, "621124100202"}


def test_the_picker_reloads_the_levels_below_a_change(client, city):
    """What htmx fetches when the city user picks a county: that county's townships (here one,
    so chosen already, with its villages)."""
    client.force_login(city)
    html = client.get(reverse("regions:area_picker"), {
        "name": "area", "levels": "county,township,village", "side": "west", "id": "id_area",
        "area_county": WEIYUAN}).content.decode()
    assert _options(html, "area_township") == [W_VILLAGE[:9] + "000"]
    assert _options(html, "area_village") == [W_VILLAGE]
    html = client.get(reverse("regions:area_picker"), {
        "name": "area", "levels": "county,township,village", "side": "west", "id": "id_area",
        "area_county": LINTAO}).content.decode()
    assert set(_options(html, "area_township")) >= {TAOYANG, XINDIAN}
    assert _options(html, "area_village") == []


def test_the_english_page_counts_with_english_punctuation_and_words(client, city):
    """In English the count line and the picker read as English: "3 households, 3 people" (no
    full-width comma between the two translated parts) and "Every township" (the level's
    label not capitalised inside the sentence)."""
    from django.conf import settings

    client.force_login(city)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("registry:household_list"), {"county": LINTAO}).content.decode()
    status = re.search(r'<p role="status">(.*?)</p>', html, re.S).group(1)
    assert "，" not in status and re.search(r"</span>, <span", status)
    assert "Every township" in html and "Every Township" not in html
    assert 'id="list-persons">2 people<' in status
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    status = re.search(r'<p role="status">(.*?)</p>',
                       client.get(reverse("registry:household_list"), {"county": LINTAO})
                       .content.decode(), re.S).group(1)
    assert "</span>，<span" in status

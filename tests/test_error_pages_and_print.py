"""Error pages (404/403/400/500) are Chinese, inside the site layout, with a way back, and work with
DEBUG off (500 without a database); printing: the print stylesheet is served and referenced, and
the 打印 button (handled by a static script, not inline) is on household, list and supervision pages."""

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.urls import reverse


def _assert_chinese_error_page(html: str, heading: str):
    assert '<html lang="zh-hans">' in html
    assert heading in html
    assert 'class="top"' in html and "协作" in html  # the site's layout (base.html)
    assert "返回首页" in html and "返回上一页" in html
    assert "Not Found" not in html and "Forbidden" not in html and "Server Error" not in html


@override_settings(DEBUG=False)
def test_404_page_is_chinese_inside_the_layout_with_a_way_back(client, users):
    client.force_login(users["township_clerk"])
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    _assert_chinese_error_page(response.content.decode(), "页面不存在")


@override_settings(DEBUG=False)
def test_404_page_for_an_anonymous_visitor_is_chinese(client, db):
    response = client.get("/static-nothing/here")
    assert response.status_code == 404
    _assert_chinese_error_page(response.content.decode(), "页面不存在")


@override_settings(DEBUG=False)
def test_403_page_is_chinese_inside_the_layout_with_a_way_back(client, users):
    from django.views.defaults import permission_denied

    request = RequestFactory().get("/")
    request.user = users["township_clerk"]
    request.LANGUAGE_CODE = "zh-hans"
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    _assert_chinese_error_page(response.content.decode(), "无权访问")


@override_settings(DEBUG=False)
def test_a_refused_page_shows_the_chinese_403_page(client, users):
    client.force_login(users["east_officer"])
    response = client.get("/accounts/users/")
    assert response.status_code == 403
    _assert_chinese_error_page(response.content.decode(), "无权访问")


def test_400_page_is_chinese():
    from django.views.defaults import bad_request

    request = RequestFactory().get("/")
    response = bad_request(request, Exception())
    assert response.status_code == 400
    _assert_chinese_error_page(response.content.decode(), "请求有误")


def test_500_page_is_chinese_and_needs_no_database():
    """No `db` fixture: pytest-django refuses any query, so a 500 page that needs the database
    (the session, the user, the menu) fails here."""
    from django.views.defaults import server_error

    request = RequestFactory().get("/")
    response = server_error(request)
    assert response.status_code == 500
    _assert_chinese_error_page(response.content.decode(), "系统出错")


def test_error_templates_render_without_request_context():
    html = render_to_string("500.html")
    assert "系统出错" in html


# --- printing -------------------------------------------------------------------------------
def test_print_stylesheet_hides_controls_sets_a4_and_keeps_rows_whole():
    css = open(finders.find("xiezuo/site.css"), encoding="utf-8").read()
    assert "@media print" in css
    block = css[css.index("@media print"):]
    assert "size: A4" in block and "margin:" in block
    for hidden in ("nav.chapters", "button", "form", "[hx-get]"):
        assert hidden in block.split("display:none")[0]
    assert "page-break-inside:avoid" in block
    assert 'a[href]::after { content:none' in block


def test_print_stylesheet_and_script_are_served_and_referenced(client, users):
    client.force_login(users["county_admin"])
    html = client.get(reverse("core:home")).content.decode()
    assert "/static/xiezuo/site.css" in html and "/static/xiezuo/print.js" in html
    js = open(finders.find("xiezuo/print.js"), encoding="utf-8").read()
    assert "window.print()" in js and "[data-print]" in js
    served = client.get("/static/xiezuo/site.css")
    if served.status_code == 200:
        body = b"".join(served.streaming_content) if served.streaming else served.content
        assert b"@media print" in body


@pytest.mark.parametrize("url", ["/funds/", "/registry/", "/labour/", "/funds/projects/",
                                 "/funds/ledger/", "/accounts/users/", "/accounts/audit/"])
def test_print_button_on_lists_and_supervision(client, users, url):
    client.force_login(users["auditor" if "audit" in url else "county_admin"])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-print" in html and "打印" in html
    assert "onclick" not in html

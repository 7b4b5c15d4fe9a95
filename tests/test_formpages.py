"""core.formpages.form_page: bind the form, save through the service, then redirect with a
message, or show the form again with the service's refusal on it (nothing saved)."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from xiezuo.accounts.versioned import StaleEditError
from xiezuo.core.formpages import form_page

pytestmark = pytest.mark.django_db


class NameForm(forms.Form):
    name = forms.CharField(max_length=10)


class Made:
    pk = 7
    name = "甲"


def _request(users, data=None):
    rf = RequestFactory()
    request = rf.post("/x/", data) if data is not None else rf.get("/x/")
    request.user = users["county_admin"]
    request._messages = CookieStorage(request)
    return request


def _page(request, save, **kw):
    form = NameForm(request.POST or None)
    return form, form_page(request, form, save=save, title="编辑名称", back="/back/", **kw)


def test_a_get_shows_the_form_and_saves_nothing(users):
    calls = []
    _form, r = _page(_request(users), calls.append)
    assert r.status_code == 200 and "编辑名称" in r.content.decode() and calls == []
    assert 'href="/back/"' in r.content.decode()


def test_an_invalid_form_is_shown_again_and_saves_nothing(users):
    calls = []
    form, r = _page(_request(users, {"name": "太长了太长了太长了太长了"}), calls.append)
    assert r.status_code == 200 and form.errors and calls == []


def test_a_valid_form_saves_then_redirects_with_the_message(users):
    seen = []

    def save(d):
        seen.append(d)
        return Made()

    request = _request(users, {"name": "甲"})
    _form, r = _page(request, save, done=lambda m: f"/made/{m.pk}/",
                     message=lambda m: f"已登记 {m.name}")
    assert seen == [{"name": "甲"}]
    assert (r.status_code, r["Location"]) == (302, "/made/7/")
    assert [str(m) for m in get_messages(request)] == ["已登记 甲"]


def test_by_default_it_goes_back_saying_saved(users):
    request = _request(users, {"name": "甲"})
    _form, r = _page(request, lambda d: None)
    assert r["Location"] == "/back/"
    assert [str(m) for m in get_messages(request)] == ["已保存"]


@pytest.mark.parametrize(("refusal", "shown"), [
    (StaleEditError("此记录已被他人修改，请刷新后重试"), ["此记录已被他人修改，请刷新后重试"]),
    (ValidationError(["结束日期早于开始日期", "缺少文号"]), ["结束日期早于开始日期", "缺少文号"]),
    (PermissionDenied("只能修改本方的领导小组"), ["只能修改本方的领导小组"]),
    (PermissionDenied(), ["您没有执行此操作的权限"]),
])
def test_a_refusal_goes_onto_the_form(users, refusal, shown):
    def save(d):
        raise refusal

    request = _request(users, {"name": "甲"})
    form, r = _page(request, save)
    assert r.status_code == 200 and form.non_field_errors() == shown
    assert all(s in r.content.decode() for s in shown)
    assert list(get_messages(request)) == []


def test_another_template_with_more_context(users):
    _form, r = _page(_request(users), lambda d: None, template="core/form.html",
                     context={"title": "另一个标题"})
    assert "另一个标题" in r.content.decode()

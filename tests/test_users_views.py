"""The account pages under /accounts/users/ and the password pages: who gets them, who is refused
(403 for a role without MANAGES_USERS, log-in for anonymous users, 404 for an account outside the
manager's scope), and the rules they keep."""

import pytest
from django.urls import reverse
from django.utils import translation

from xiezuo.accounts.choices import AuditAction, Role
from xiezuo.accounts.models import AuditEvent, User
from xiezuo.regions.reference import CANGSHAN, LINTAO, TAOYANG, XINDIAN

GOOD = "Taoyang-2017-ok"
OTHER_ROLES = ["township_clerk", "case_worker", "fund_officer", "east_officer", "leadership",
               "auditor"]


def _pages(users):
    """Every user-management page, as (method, url, data) about the Taoyang clerk."""
    pk = users["township_clerk"].pk
    return [
        ("get", reverse("accounts:user_list"), None),
        ("get", reverse("accounts:user_create"), None),
        ("post", reverse("accounts:user_create"), {"username": "x"}),
        ("get", reverse("accounts:user_edit", args=[pk]), None),
        ("post", reverse("accounts:user_edit", args=[pk]), {"role": "county_admin"}),
        ("post", reverse("accounts:user_active", args=[pk]), {"active": "0"}),
        ("get", reverse("accounts:user_password", args=[pk]), None),
        ("post", reverse("accounts:user_password", args=[pk]), {"new_password1": GOOD,
                                                                "new_password2": GOOD}),
    ]


def _create(client, **overrides):
    data = {"username": "wangfang", "display_name": "王芳", "organisation": "洮阳镇人民政府",
            "role": Role.TOWNSHIP_CLERK, "scope": "", "password": GOOD, "password2": GOOD}
    data.update(overrides)
    return client.post(reverse("accounts:user_create"), data)


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password},
                       REMOTE_ADDR="198.51.100.20")


# --- who may see the pages ------------------------------------------------------------------------

def test_anonymous_users_are_sent_to_log_in(client, users):
    for method, url, data in _pages(users) + [("get", reverse("accounts:password_change"), None)]:
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_every_other_role_is_refused(client, users, role):
    client.force_login(users[role])
    for method, url, data in _pages(users):
        assert getattr(client, method)(url, data).status_code == 403, url
    clerk = User.objects.get(pk=users["township_clerk"].pk)
    assert (clerk.role, clerk.is_active) == (Role.TOWNSHIP_CLERK, True)
    assert not User.objects.filter(username="x").exists()
    assert not AuditEvent.objects.filter(action__in=["create", "update", "password"]).exists()


@pytest.mark.parametrize("name", ["accounts:user_list", "accounts:user_create"])
def test_a_manager_gets_the_pages(client, users, name):
    client.force_login(users["county_admin"])
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()


def test_the_navigation_and_home_page_link_managers_to_the_accounts(client, users):
    url = reverse("accounts:user_list")
    client.force_login(users["county_admin"])
    html = client.get(reverse("core:home")).content.decode()
    assert html.count(f'href="{url}"') == 2  # the chapter menu and the home-page card
    assert "用户账号" in html
    client.force_login(users["township_clerk"])
    html = client.get(reverse("core:home")).content.decode()
    assert f'href="{url}"' not in html


# --- the list -----------------------------------------------------------------------------------

def test_the_list_shows_the_accounts_of_the_managers_area_only(client, users, make_user):
    make_user(Role.TOWNSHIP_CLERK, TAOYANG, username="taoyang-admin")
    taoyang_admin = make_user(Role.COUNTY_ADMIN, TAOYANG, username="taoyang-manager")
    client.force_login(taoyang_admin)
    html = client.get(reverse("accounts:user_list")).content.decode()
    assert users["township_clerk"].username in html and "taoyang-admin" in html
    assert users["other_clerk"].username not in html  # Xindian
    assert users["case_worker"].username not in html  # the county: wider than the manager's
    assert users["east_officer"].username not in html


def test_the_list_filters_by_role_area_and_state(client, users):
    users["other_clerk"].is_active = False
    users["other_clerk"].save()
    client.force_login(users["county_admin"])
    url = reverse("accounts:user_list")
    html = client.get(url, {"role": Role.TOWNSHIP_CLERK}).content.decode()
    assert users["township_clerk"].username in html and users["case_worker"].username not in html
    area = users["township_clerk"].scope.pk
    html = client.get(url, {"area": area}).content.decode()
    assert users["township_clerk"].username in html and users["other_clerk"].username not in html
    html = client.get(url, {"active": "no"}).content.decode()
    assert users["other_clerk"].username in html and users["township_clerk"].username not in html
    assert "已停用" in html


def test_the_list_shows_the_last_login(client, users):
    _login(client, users["township_clerk"].username, "pw-test-12345")
    client.force_login(users["county_admin"])
    html = client.get(reverse("accounts:user_list")).content.decode()
    last = User.objects.get(pk=users["township_clerk"].pk).last_login
    assert last is not None and "从未登录" in html  # the others never logged in
    from django.utils import timezone

    assert timezone.localtime(last).strftime("%Y-%m-%d %H:%M") in html


def test_accounts_that_see_more_than_the_manager_are_listed_without_an_edit_link(client, users):
    client.force_login(users["county_admin"])
    html = client.get(reverse("accounts:user_list")).content.decode()
    assert users["auditor"].username in html
    assert reverse("accounts:user_edit", args=[users["auditor"].pk]) not in html
    assert reverse("accounts:user_edit", args=[users["case_worker"].pk]) in html


# --- creating an account ------------------------------------------------------------------------

def test_a_manager_creates_an_account_who_then_sets_their_own_password(client, users, areas):
    client.force_login(users["county_admin"])
    response = _create(client, scope=areas[TAOYANG].pk)
    assert response.status_code == 302
    account = User.objects.get(username="wangfang")
    assert (account.role, account.scope.code, account.display_name) == \
        (Role.TOWNSHIP_CLERK, TAOYANG, "王芳")
    assert account.must_change_password
    event = AuditEvent.objects.get(action="create", object_id=str(account.pk))
    assert event.actor == users["county_admin"] and GOOD not in str(event.new)

    client.logout()
    response = _login(client, "wangfang", GOOD)
    assert response["Location"] == reverse("accounts:password_first")
    assert "_auth_user_id" not in client.session  # not logged in with the manager's password
    assert client.get(reverse("core:home")).status_code == 302
    page = client.get(reverse("accounts:password_first"))
    assert page.status_code == 200 and "设置您自己的密码" in page.content.decode()
    # Their own password is checked by the policy too.
    weak = client.post(reverse("accounts:password_first"),
                       {"new_password1": "1234567890123", "new_password2": "1234567890123"})
    assert weak.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post(reverse("accounts:password_first"),
                           {"new_password1": "Wangfang-own-2018", "new_password2": "Wangfang-own-2018"})
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert client.session["_auth_user_id"] == str(account.pk)
    account.refresh_from_db()
    assert account.check_password("Wangfang-own-2018") and not account.must_change_password
    assert AuditEvent.objects.filter(action="login", actor=account).exists()


def test_the_first_password_page_without_a_pending_log_in_goes_to_log_in(client, db):
    response = client.get(reverse("accounts:password_first"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")


def test_a_scope_outside_the_managers_is_a_form_error(client, users, areas):
    client.force_login(users["county_admin"])
    response = _create(client, scope=areas[CANGSHAN].pk)
    assert response.status_code == 200
    assert response.context["form"].errors["scope"]
    assert not User.objects.filter(username="wangfang").exists()


def test_the_scope_choices_are_the_county_and_its_townships(client, users, areas):
    client.force_login(users["county_admin"])
    form = client.get(reverse("accounts:user_create")).context["form"]
    codes = {a.code for a in form.fields["scope"].queryset}
    assert LINTAO in codes and TAOYANG in codes and XINDIAN in codes
    assert all(c.startswith("621124") and c.endswith("000") for c in codes)
    roles = {v for v, _label in form.fields["role"].choices if v}
    assert roles == {Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK, Role.CASE_WORKER, Role.FUND_OFFICER}


def test_a_role_that_sees_more_than_the_manager_is_a_form_error(client, users, areas):
    client.force_login(users["county_admin"])
    response = _create(client, role=Role.AUDITOR, scope=areas[LINTAO].pk)
    assert response.status_code == 200 and response.context["form"].errors["role"]
    assert not User.objects.filter(username="wangfang").exists()


@pytest.mark.parametrize("password", ["short1a", "1234567890123", "letters-only-here",
                                      "wangfang2018"])
def test_the_password_policy_is_enforced_on_the_create_page(client, users, areas, password):
    client.force_login(users["county_admin"])
    response = _create(client, scope=areas[TAOYANG].pk, password=password, password2=password)
    assert response.status_code == 200 and response.context["form"].errors["password"]
    assert not User.objects.filter(username="wangfang").exists()


def test_the_policy_speaks_chinese_on_a_chinese_page(client, users, areas):
    client.force_login(users["county_admin"])
    html = _create(client, scope=areas[TAOYANG].pk, password="short1a",
                   password2="short1a").content.decode()
    assert "密码太短，至少需要 10 个字符。" in html and "too short" not in html


def test_the_two_passwords_must_match(client, users, areas):
    client.force_login(users["county_admin"])
    response = _create(client, scope=areas[TAOYANG].pk, password2=GOOD + "x")
    assert response.context["form"].errors["password2"]


def test_a_taken_username_is_a_form_error(client, users, areas):
    client.force_login(users["county_admin"])
    response = _create(client, scope=areas[TAOYANG].pk,
                       username=users["other_clerk"].username.upper())
    assert response.status_code == 200 and response.context["form"].errors["username"]


# --- editing, deactivating, resetting -----------------------------------------------------------

def test_a_manager_edits_role_and_scope(client, users, areas):
    clerk = users["township_clerk"]
    client.force_login(users["county_admin"])
    assert client.get(reverse("accounts:user_edit", args=[clerk.pk])).status_code == 200
    response = client.post(reverse("accounts:user_edit", args=[clerk.pk]), {
        "display_name": "李明", "organisation": "", "role": Role.CASE_WORKER,
        "scope": areas[LINTAO].pk, "version": clerk.version})
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert (clerk.role, clerk.scope.code, clerk.display_name) == (Role.CASE_WORKER, LINTAO, "李明")
    event = AuditEvent.objects.get(action="update", object_id=str(clerk.pk))
    assert event.old["role"] == "township_clerk" and event.new["scope"] == LINTAO


def test_a_stale_account_edit_is_refused_and_changes_nothing(client, users, areas):
    clerk = users["township_clerk"]
    client.force_login(users["county_admin"])
    read = {"display_name": "", "organisation": "", "role": Role.TOWNSHIP_CLERK,
            "scope": areas[TAOYANG].pk, "version": clerk.version}
    url = reverse("accounts:user_edit", args=[clerk.pk])
    assert client.post(url, {**read, "display_name": "李明"}).status_code == 302
    response = client.post(url, {**read, "organisation": "洮阳镇", "scope": areas[XINDIAN].pk})
    assert response.status_code == 200 and "已被他人修改" in response.content.decode()
    clerk.refresh_from_db()
    assert (clerk.display_name, clerk.organisation, clerk.scope.code, clerk.version) == (
        "李明", "", TAOYANG, 2)
    assert AuditEvent.objects.filter(action="update", object_id=str(clerk.pk)).count() == 1


def test_editing_to_a_scope_outside_the_managers_is_a_form_error(client, users, areas):
    clerk = users["township_clerk"]
    client.force_login(users["county_admin"])
    response = client.post(reverse("accounts:user_edit", args=[clerk.pk]), {
        "display_name": "", "role": Role.TOWNSHIP_CLERK, "scope": areas[CANGSHAN].pk,
        "version": clerk.version})
    assert response.status_code == 200 and response.context["form"].errors["scope"]
    clerk.refresh_from_db()
    assert clerk.scope.code == TAOYANG


def test_an_account_outside_the_managers_scope_is_404(client, users, make_user):
    taoyang_admin = make_user(Role.COUNTY_ADMIN, TAOYANG, username="taoyang-manager")
    client.force_login(taoyang_admin)
    for target in ("other_clerk", "case_worker", "east_officer"):
        pk = users[target].pk
        assert client.get(reverse("accounts:user_edit", args=[pk])).status_code == 404
        assert client.post(reverse("accounts:user_active", args=[pk]),
                           {"active": "0"}).status_code == 404
        assert client.get(reverse("accounts:user_password", args=[pk])).status_code == 404
    assert User.objects.get(pk=users["other_clerk"].pk).is_active


def test_a_manager_cannot_edit_a_superuser_or_an_auditor(client, users, make_user):
    root = make_user(Role.COUNTY_ADMIN, TAOYANG, username="root")
    root.is_superuser = True
    root.save()
    client.force_login(users["county_admin"])
    for account in (root, users["auditor"]):
        assert client.get(reverse("accounts:user_edit", args=[account.pk])).status_code == 403
        assert client.post(reverse("accounts:user_active", args=[account.pk]),
                           {"active": "0"}).status_code == 403
        assert client.post(reverse("accounts:user_password", args=[account.pk]),
                           {"new_password1": GOOD, "new_password2": GOOD}).status_code == 403
    root.refresh_from_db()
    assert root.is_active and root.check_password("pw-test-12345")


def test_a_superuser_manages_every_account(client, users, make_user, areas):
    root = User.objects.create_superuser("root", password="pw-test-12345")
    client.force_login(root)
    html = client.get(reverse("accounts:user_list")).content.decode()
    assert users["east_officer"].username in html and "root" in html
    auditor = users["auditor"]
    assert client.post(reverse("accounts:user_edit", args=[auditor.pk]), {
        "display_name": "", "role": Role.AUDITOR, "scope": areas[CANGSHAN].pk,
        "version": auditor.version}).status_code == 302
    auditor.refresh_from_db()
    assert auditor.scope.code == CANGSHAN


def test_a_manager_cannot_deactivate_themselves_or_change_their_own_role(client, users, areas):
    admin = users["county_admin"]
    client.force_login(admin)
    response = client.post(reverse("accounts:user_active", args=[admin.pk]), {"active": "0"},
                           follow=True)
    assert "不能停用自己的账号" in response.content.decode()
    response = client.post(reverse("accounts:user_edit", args=[admin.pk]), {
        "display_name": "", "role": Role.TOWNSHIP_CLERK, "scope": areas[TAOYANG].pk,
        "version": admin.version})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    admin.refresh_from_db()
    assert admin.is_active and (admin.role, admin.scope.code) == (Role.COUNTY_ADMIN, LINTAO)
    # Their own password: through the page that asks for the old one.
    assert client.get(reverse("accounts:user_password", args=[admin.pk]))["Location"] == \
        reverse("accounts:password_change")


def test_a_deactivated_user_cannot_log_in_and_is_logged_out(client, users):
    clerk = users["township_clerk"]
    clerk_client = client.__class__()
    assert _login(clerk_client, clerk.username, "pw-test-12345").status_code == 302
    client.force_login(users["county_admin"])
    assert client.post(reverse("accounts:user_active", args=[clerk.pk]),
                       {"active": "0"}).status_code == 302
    clerk.refresh_from_db()
    assert not clerk.is_active
    event = AuditEvent.objects.get(action="update", object_id=str(clerk.pk))
    assert (event.old, event.new) == ({"is_active": True}, {"is_active": False})
    # The open session stops working, and a new log-in is refused.
    assert clerk_client.get(reverse("core:home")).status_code == 302
    clerk_client.logout()
    response = _login(clerk_client, clerk.username, "pw-test-12345")
    assert response.status_code == 200 and "_auth_user_id" not in clerk_client.session
    # Reactivated, they may log in again.
    client.post(reverse("accounts:user_active", args=[clerk.pk]), {"active": "1"})
    assert _login(clerk_client, clerk.username, "pw-test-12345").status_code == 302


def test_a_manager_resets_a_password_checked_by_the_policy(client, users):
    clerk = users["township_clerk"]
    client.force_login(users["county_admin"])
    url = reverse("accounts:user_password", args=[clerk.pk])
    assert client.get(url).status_code == 200
    weak = client.post(url, {"new_password1": "letters-only-here",
                             "new_password2": "letters-only-here"})
    assert weak.status_code == 200 and weak.context["form"].errors
    assert client.post(url, {"new_password1": GOOD, "new_password2": GOOD}).status_code == 302
    clerk.refresh_from_db()
    assert clerk.check_password(GOOD) and clerk.must_change_password
    event = AuditEvent.objects.get(action=AuditAction.PASSWORD, object_id=str(clerk.pk))
    assert event.actor == users["county_admin"] and GOOD not in f"{event.old}{event.new}"


# --- one's own password -------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["county_admin", *OTHER_ROLES])
def test_every_user_changes_their_own_password_from_the_header(client, users, role):
    user = users[role]
    client.force_login(user)
    url = reverse("accounts:password_change")
    assert f'href="{url}"' in client.get(reverse("core:home")).content.decode()
    assert client.get(url).status_code == 200
    wrong_old = client.post(url, {"old_password": "nope", "new_password1": GOOD,
                                  "new_password2": GOOD})
    assert wrong_old.status_code == 200 and wrong_old.context["form"].errors["old_password"]
    weak = client.post(url, {"old_password": "pw-test-12345", "new_password1": "1234567890123",
                             "new_password2": "1234567890123"})
    assert weak.status_code == 200 and weak.context["form"].errors["new_password2"]
    response = client.post(url, {"old_password": "pw-test-12345", "new_password1": GOOD,
                                 "new_password2": GOOD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(GOOD) and not user.must_change_password
    assert client.get(reverse("core:home")).status_code == 200  # still logged in here
    event = AuditEvent.objects.get(action=AuditAction.PASSWORD, object_id=str(user.pk))
    assert event.actor == user


@pytest.fixture
def english(client):
    """The client asks for English; the thread's language is restored afterwards (the locale
    middleware leaves it active, and later tests without requests would read English)."""
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    yield client
    translation.deactivate()


def test_the_pages_are_complete_in_english(english, users):
    client = english
    client.force_login(users["county_admin"])
    html = client.get(reverse("accounts:user_list")).content.decode()
    assert "<h1>User accounts</h1>" in html and "用户管理" not in html
    html = client.get(reverse("accounts:user_edit", args=[users["township_clerk"].pk])).content.decode()
    assert "Deactivate" in html and "停用" not in html


# --- log-in lock-outs -------------------------------------------------------------------------------

def test_a_manager_lifts_a_lock_out_and_the_user_logs_in_again(client, users, settings):
    clerk = users["township_clerk"]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, clerk.username, "wrong-password-1")
    assert _login(client, clerk.username, "pw-test-12345").status_code == 429
    client.force_login(users["county_admin"])
    page = client.get(reverse("accounts:user_edit", args=[clerk.pk])).content.decode()
    assert "登录已锁定" in page and reverse("accounts:user_unlock", args=[clerk.pk]) in page
    response = client.post(reverse("accounts:user_unlock", args=[clerk.pk]))
    assert response.status_code == 302
    event = AuditEvent.objects.filter(object_id=str(clerk.pk), note="解除登录锁定").get()
    assert event.actor == users["county_admin"] and event.new == {"failed_logins_recorded": 0}
    page = client.get(reverse("accounts:user_edit", args=[clerk.pk])).content.decode()
    assert "登录已锁定" not in page
    client.logout()
    assert _login(client, clerk.username, "pw-test-12345").status_code == 302


def test_only_managers_of_the_account_may_lift_a_lock_out(client, users, make_user):
    clerk = users["township_clerk"]
    for role in ("township_clerk", "case_worker", "leadership", "auditor"):
        client.force_login(users[role])
        assert client.post(reverse("accounts:user_unlock", args=[clerk.pk])).status_code == 403
    client.logout()
    response = client.post(reverse("accounts:user_unlock", args=[clerk.pk]))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_the_first_password_change_refuses_the_password_the_administrator_set(client, users,
                                                                              areas):
    client.force_login(users["county_admin"])
    _create(client, scope=areas[TAOYANG].pk)
    client.logout()
    _login(client, "wangfang", GOOD)
    response = client.post(reverse("accounts:password_first"),
                           {"new_password1": GOOD, "new_password2": GOOD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "不能与当前密码" in response.content.decode()
    assert User.objects.get(username="wangfang").must_change_password


def test_a_password_change_refuses_the_current_password(client, users):
    client.force_login(users["township_clerk"])
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "pw-test-12345", "new_password1": "pw-test-12345",
        "new_password2": "pw-test-12345"})
    assert response.status_code == 200 and response.context["form"].errors["new_password2"]

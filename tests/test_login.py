"""Log-in, lock-out after repeated failures (django-axes), session expiry."""

import pytest
from django.conf import settings


def _login(client, username, password, addr="198.51.100.9"):
    return client.post("/accounts/login/", {"username": username, "password": password},
                       REMOTE_ADDR=addr)


def test_login_page_is_chinese_and_labelled(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert '<label for="id_username">用户名</label>' in html
    assert '<label for="id_password">密码</label>' in html


def test_a_wrong_password_is_refused_with_a_message(client, users):
    response = _login(client, users["township_clerk"].username, "wrong-password-1")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_account_even_with_the_right_password(client, users):
    """The limit is five (counted here, not read from the setting the test would check)."""
    assert settings.AXES_FAILURE_LIMIT == 5
    username = users["township_clerk"].username
    for _ in range(4):
        assert _login(client, username, "wrong-password-1").status_code == 200  # not yet
    assert _login(client, username, "wrong-password-1").status_code == 429  # the fifth locks
    response = _login(client, username, "pw-test-12345")
    assert response.status_code == 429
    assert "账户已锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_account_and_address(client, users):
    username = users["township_clerk"].username
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, username, "wrong-password-1")
    # The same account from another address, and another account from the same address, may log in.
    assert _login(client, username, "pw-test-12345", addr="203.0.113.5").status_code == 302
    client.logout()
    assert _login(client, users["other_clerk"].username, "pw-test-12345").status_code == 302


def test_sessions_expire_when_idle_and_with_the_browser():
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.mark.parametrize("password,ok", [("short1a", False), ("1234567890123", False),
                                         ("password123", False), ("letters-only-here", False),
                                         ("Taoyang-clerk-2018", True)])
def test_password_policy(password, ok, db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is ok


def test_one_address_trying_many_usernames_is_locked(client, users, settings):
    # Password spraying: never five failures on one account, but twenty from one address.
    for i in range(settings.XIEZUO_ADDRESS_FAILURE_LIMIT):
        _login(client, f"guess-{i}", "Spring-2018-x")
    response = _login(client, users["township_clerk"].username, "pw-test-12345")
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    # Another address is not affected.
    assert _login(client, users["township_clerk"].username, "pw-test-12345",
                  addr="203.0.113.5").status_code == 302


def test_forged_forwarded_for_is_ignored_without_a_trusted_proxy(client, users):
    username = users["township_clerk"].username
    for i in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": username, "password": "wrong-password-1"},
                    REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    response = client.post("/accounts/login/", {"username": username, "password": "pw-test-12345"},
                           REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_client_address_comes_from_forwarded_for(client, users,
                                                                             settings):
    from xiezuo.accounts.models import AuditEvent

    settings.XIEZUO_TRUSTED_PROXIES = ["10.0.0.0/24"]
    username = users["township_clerk"].username

    def via_proxy(password, chain):
        return client.post("/accounts/login/", {"username": username, "password": password},
                           REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=chain)

    # One client behind the proxy fails five times: that client is locked...
    for _ in range(settings.AXES_FAILURE_LIMIT):
        via_proxy("wrong-password-1", "198.51.100.7")
    assert via_proxy("pw-test-12345", "198.51.100.7").status_code == 429
    # ...and a forged left-hand entry does not move it elsewhere (nginx appends the real peer)...
    assert via_proxy("pw-test-12345", "203.0.113.99, 198.51.100.7").status_code == 429
    # ...while the county administrator's colleague at another address still logs in: the lock
    # is not on the proxy's own address.
    assert via_proxy("pw-test-12345", "203.0.113.5").status_code == 302
    event = AuditEvent.objects.filter(action="login").latest("id")
    assert event.client_address == "203.0.113.5"


@pytest.mark.parametrize("remote,forwarded,expected", [
    ("198.51.100.9", "192.0.2.1", "198.51.100.9"),             # not from a proxy: header ignored
    ("10.0.0.2", "192.0.2.1", "192.0.2.1"),                    # from the proxy: its client
    ("10.0.0.2", "192.0.2.66, 192.0.2.1", "192.0.2.1"),        # a forged entry before it
    ("10.0.0.2", "192.0.2.1, 10.0.0.3", "192.0.2.1"),          # two trusted proxies in a row
    ("10.0.0.2", "", "10.0.0.2"),                              # no header: the proxy itself
    ("10.0.0.2", "not-an-address", "10.0.0.2"),
])
def test_client_address_trusts_forwarded_for_only_from_trusted_proxies(
        rf, settings, remote, forwarded, expected):
    from xiezuo.accounts.middleware import client_address_of

    settings.XIEZUO_TRUSTED_PROXIES = ["10.0.0.0/24"]
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address_of(request) == expected


@pytest.mark.parametrize("password", ["a1a1a1a1a1", "Xiezuo2017", "Lintao-2019-ab",
                                      "          1a", "ab12ab12ab12", "仓山abc2018xyz"])
def test_password_policy_refuses_repetition_place_names_and_padding(password, db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as e:
        validate_password(password)
    assert all(any("\u4e00" <= c <= "\u9fff" for c in m) for m in e.value.messages)

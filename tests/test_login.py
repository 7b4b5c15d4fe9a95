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
                                         ("Lintao-clerk-2018", True)])
def test_password_policy(password, ok, db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is ok

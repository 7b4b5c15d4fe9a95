"""Two-factor log-in (TOTP, django-otp): required for the county administrator, the auditor and
superusers, optional for the others; enrolment with a QR code and recovery codes; a lost device
reset by another administrator, audited."""

import base64
import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from xiezuo.accounts import services
from xiezuo.accounts.models import AuditEvent

PASSWORD = "pw-test-12345"
pytestmark = pytest.mark.second_factor_unverified


def _login(client, user, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": user.username,
                                                   "password": password},
                       REMOTE_ADDR="198.51.100.30")


def _enrol(user):
    """A confirmed authenticator for `user`; returns its secret (hex) and the recovery codes."""
    key = "3132333435363738393031323334353637383930"
    _device, codes = services.second_factor_enrol(actor=user, key_hex=key)
    return key, codes


def _logged_in(client):
    return "_auth_user_id" in client.session


# --- log-in with and without the second factor ------------------------------------------------

def test_a_user_with_a_device_is_not_logged_in_on_the_password_alone(client, users, current_code):
    admin = users["county_admin"]
    key, _codes = _enrol(admin)
    response = _login(client, admin)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:otp_verify")
    assert not _logged_in(client)
    assert client.get(reverse("core:home")).status_code == 302  # still the log-in page
    response = client.post(reverse("accounts:otp_verify"), {"code": current_code(key)})
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert _logged_in(client)
    assert client.get(reverse("accounts:user_list")).status_code == 200
    assert AuditEvent.objects.filter(action="login", actor=admin).exists()


def test_a_wrong_code_is_refused_and_audited(client, users):
    admin = users["county_admin"]
    _enrol(admin)
    _login(client, admin)
    response = client.post(reverse("accounts:otp_verify"), {"code": "000000"})
    assert response.status_code == 200 and "验证码不正确" in response.content.decode()
    assert not _logged_in(client)
    assert AuditEvent.objects.filter(action="login_failed", object_id=str(admin.pk)).exists()


def test_five_wrong_codes_send_back_to_the_password(client, users):
    admin = users["county_admin"]
    _enrol(admin)
    _login(client, admin)
    for _ in range(5):
        response = client.post(reverse("accounts:otp_verify"), {"code": "000000"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert client.get(reverse("accounts:otp_verify"))["Location"] == reverse("accounts:login")


def test_an_optional_role_without_a_device_logs_in_with_the_password(client, users):
    clerk = users["township_clerk"]
    response = _login(client, clerk)
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200


def test_an_optional_role_that_turned_it_on_gives_the_code(client, users, current_code):
    clerk = users["township_clerk"]
    key, _codes = _enrol(clerk)
    assert _login(client, clerk)["Location"] == reverse("accounts:otp_verify")
    assert not _logged_in(client)
    client.post(reverse("accounts:otp_verify"), {"code": current_code(key)})
    assert _logged_in(client)


@pytest.mark.parametrize("role", ["county_admin", "auditor"])
def test_a_required_role_without_a_device_is_sent_to_enrolment_first(client, users, role):
    user = users[role]
    assert _login(client, user).status_code == 302
    for url in (reverse("core:home"), reverse("accounts:audit_list"), reverse("accounts:user_list"),
                "/registry/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:otp_setup")), url
    assert client.get("/api/regions/areas").status_code == 403
    assert client.get(reverse("accounts:otp_setup")).status_code == 200


def test_a_superuser_must_use_it_too(client, users, areas):
    from xiezuo.accounts.models import User

    root = User.objects.create_superuser("root", password=PASSWORD)
    _login(client, root)
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("accounts:otp_setup"))


# --- enrolment ----------------------------------------------------------------------------------

def test_enrolment_shows_a_qr_code_and_the_secret_and_needs_a_first_code(client, users,
        current_code):
    admin = users["county_admin"]
    _login(client, admin)
    html = client.get(reverse("accounts:otp_setup")).content.decode()
    secret = re.search(r'id="otp-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()
    qr = client.get(reverse("accounts:otp_qr"))
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert qr.content.lstrip().startswith(b"<svg")
    # A wrong first code turns nothing on.
    response = client.post(reverse("accounts:otp_setup"), {"code": "123456"})
    assert response.status_code == 200 and not TOTPDevice.objects.filter(user=admin).exists()
    response = client.post(reverse("accounts:otp_setup"), {"code": current_code(key)})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=admin, confirmed=True).key == key
    # The session is verified now: the pages open.
    assert client.get(reverse("accounts:user_list")).status_code == 200
    # The codes are shown once: the page now shows the state, not the codes.
    html = client.get(reverse("accounts:otp_setup")).content.decode()
    assert "剩余恢复码：10 个" in html and codes[0] not in html
    event = AuditEvent.objects.get(note="启用两步验证", object_id=str(admin.pk))
    assert key not in str(event.new) and codes[0] not in str(event.new)


def test_the_qr_code_is_only_for_a_secret_being_enrolled(client, users):
    client.force_login(users["township_clerk"])
    assert client.get(reverse("accounts:otp_qr")).status_code == 404
    client.logout()
    assert client.get(reverse("accounts:otp_qr")).status_code == 302  # log in first


def test_a_recovery_code_logs_in_once(client, users):
    admin = users["county_admin"]
    _key, codes = _enrol(admin)
    _login(client, admin)
    response = client.post(reverse("accounts:otp_verify"), {"code": codes[0]}, follow=True)
    assert _logged_in(client) and "还剩 9 个" in response.content.decode()
    client.post(reverse("accounts:logout"))
    _login(client, admin)
    response = client.post(reverse("accounts:otp_verify"), {"code": codes[0]})
    assert response.status_code == 200 and not _logged_in(client)
    assert StaticDevice.objects.get(user=admin).token_set.count() == 9


# --- a lost device ------------------------------------------------------------------------------

def test_another_administrator_resets_a_lost_device_audited(client, users, make_user,
        verify_second_factor):
    from xiezuo.regions.reference import LINTAO

    clerk = users["township_clerk"]
    key, _codes = _enrol(clerk)
    admin = users["county_admin"]
    client.force_login(admin)

    verify_second_factor(client, admin)
    page = client.get(reverse("accounts:user_edit", args=[clerk.pk])).content.decode()
    assert "重置两步验证" in page
    response = client.post(reverse("accounts:user_second_factor_reset", args=[clerk.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=clerk).exists()
    assert not StaticDevice.objects.filter(user=clerk).exists()
    event = AuditEvent.objects.get(note="重置两步验证", object_id=str(clerk.pk))
    assert event.actor == admin and event.new == {"second_factor": False}
    # The clerk logs in on the password again (an optional role) and may enrol anew.
    client.logout()
    assert _login(client, clerk)["Location"] == reverse("core:home")
    # An administrator cannot reset their own (another one must), nor a role outside their reach.
    other_admin = make_user("county_admin", LINTAO, username="admin2")
    _enrol(other_admin)
    client.force_login(admin)
    verify_second_factor(client, admin)
    client.post(reverse("accounts:user_second_factor_reset", args=[admin.pk]))
    assert TOTPDevice.objects.filter(user=admin).exists()
    client.post(reverse("accounts:user_second_factor_reset", args=[other_admin.pk]))
    assert not TOTPDevice.objects.filter(user=other_admin).exists()
    client.force_login(users["case_worker"])
    assert client.post(reverse("accounts:user_second_factor_reset",
                               args=[clerk.pk])).status_code == 403


def test_a_reset_ends_the_verified_sessions_of_a_required_role(client, users, make_user,
        verify_second_factor):
    from xiezuo.regions.reference import LINTAO

    admin, other = users["county_admin"], make_user("county_admin", LINTAO, username="admin2")
    client.force_login(other)
    verify_second_factor(client, other)
    assert client.get(reverse("core:home")).status_code == 200
    services.second_factor_reset(actor=admin, user=other)
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("accounts:otp_setup"))


def test_force_login_in_other_tests_gives_a_verified_session(users, client, verify_second_factor):
    # Without the marker this module sets, force_login verifies (see conftest).

    client.force_login(users["auditor"])
    verify_second_factor(client, users["auditor"])
    assert client.get(reverse("accounts:audit_list")).status_code == 200


def test_the_demo_admin_and_auditor_log_in_with_the_printed_secret(client, areas):
    import io
    from types import SimpleNamespace

    from django.core.management import call_command

    from xiezuo.accounts import demo
    from xiezuo.core.synthetic import DEMO_PASSWORD

    ctx = SimpleNamespace(logins=[], users={}, shared={})
    demo.build(ctx)
    users = ctx.users
    # the county administrators (also the synthetic second pair's, 安定) and the auditor
    assert {u for u, user in users.items() if TOTPDevice.objects.filter(user=user).exists()} == \
        {"admin", "anding", "auditor"}
    out = io.StringIO()
    call_command("demo_code", stdout=out)
    code = out.getvalue().split()[0]
    assert _login(client, users["admin"], DEMO_PASSWORD)["Location"] == \
        reverse("accounts:otp_verify")
    client.post(reverse("accounts:otp_verify"), {"code": code})
    assert client.get(reverse("accounts:user_list")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert _login(client, users["clerk"], DEMO_PASSWORD)["Location"] == reverse("core:home")


def test_a_session_not_verified_cannot_replace_an_existing_device(client, users, current_code):
    # A session opened before the device existed (here: force_login without the code).
    admin = users["county_admin"]
    key, _codes = _enrol(admin)
    client.force_login(admin)
    response = client.post(reverse("accounts:otp_setup"), {"code": "123456"})
    assert response["Location"] == reverse("accounts:otp_verify")
    assert TOTPDevice.objects.get(user=admin).key == key
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("accounts:otp_verify"))
    client.post(reverse("accounts:otp_verify"), {"code": current_code(key)})
    assert client.get(reverse("core:home")).status_code == 200

"""Services write their audit events: who, when, action, object, old and new values, address."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from xiezuo.accounts import services
from xiezuo.accounts.choices import AuditAction, Role
from xiezuo.accounts.models import AuditEvent, User
from xiezuo.regions.reference import LINTAO, TAOYANG


def test_audit_record_keeps_old_and_new_values_as_json(users):
    admin = users["county_admin"]
    event = services.audit_record(actor=admin, action=AuditAction.UPDATE, obj=users["auditor"],
                                  old={"amount": Decimal("10.50")},
                                  new={"amount": Decimal("12.00")}, client_address="10.1.2.3")
    event.refresh_from_db()
    assert (event.actor, event.actor_name, event.action) == (admin, admin.username, "update")
    assert event.object_type == "accounts.user" and event.object_id == str(users["auditor"].pk)
    assert event.old == {"amount": "10.50"} and event.new == {"amount": "12.00"}
    assert event.client_address == "10.1.2.3" and event.at is not None


def test_an_unknown_action_is_refused(db):
    with pytest.raises(ValueError):
        services.audit_record(actor=None, action="teleport")


def test_user_create_validates_the_password_and_is_audited(areas, users):
    with pytest.raises(ValidationError):
        services.user_create(actor=users["county_admin"], username="weak", password="12345678",
                             role=Role.TOWNSHIP_CLERK, scope=areas[TAOYANG])
    with pytest.raises(ValidationError):  # letters only: the character-class rule
        services.user_create(actor=users["county_admin"], username="weak2",
                             password="onlyletterslong", role=Role.TOWNSHIP_CLERK,
                             scope=areas[TAOYANG])
    assert not User.objects.filter(username__in=["weak", "weak2"]).exists()
    assert not AuditEvent.objects.filter(action="create").exists()
    user = services.user_create(actor=users["county_admin"], username="newclerk",
                                password="Taoyang-2017-ok", role=Role.TOWNSHIP_CLERK,
                                scope=areas[TAOYANG])
    event = AuditEvent.objects.get(action="create", object_id=str(user.pk))
    assert event.actor == users["county_admin"]
    assert event.new == {"username": "newclerk", "role": "township_clerk", "scope": TAOYANG,
                         "display_name": "", "organisation": "", "must_change_password": False}
    assert event.area_code == TAOYANG
    assert user.check_password("Taoyang-2017-ok")


def test_login_and_logout_are_audited_with_the_client_address(client, users):
    clerk = users["township_clerk"]
    response = client.post("/accounts/login/", {"username": clerk.username,
                                                "password": "pw-test-12345"},
                           REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302
    login = AuditEvent.objects.get(action="login")
    assert login.actor == clerk and login.client_address == "192.0.2.7"
    client.post("/accounts/logout/", REMOTE_ADDR="192.0.2.7")
    assert AuditEvent.objects.filter(action="logout", actor=clerk).count() == 1


def test_create_user_command_refuses_a_weak_password_and_an_unknown_area(areas, monkeypatch):
    from django.core.management import CommandError, call_command

    monkeypatch.setenv("XIEZUO_NEW_PASSWORD", "Taoyang-admin-2017")
    with pytest.raises(CommandError, match="no such area"):
        call_command("create_user", "a1", role="county_admin", scope="999999000000")
    monkeypatch.setenv("XIEZUO_NEW_PASSWORD", "short")
    with pytest.raises(CommandError, match="密码太短"):
        call_command("create_user", "a1", role="county_admin", scope=LINTAO)
    monkeypatch.setenv("XIEZUO_NEW_PASSWORD", "Taoyang-admin-2017")
    call_command("create_user", "a1", role="county_admin", scope=LINTAO)
    user = User.objects.get(username="a1")
    assert (user.role, user.scope.code) == ("county_admin", LINTAO)
    assert AuditEvent.objects.filter(action="create", object_id=str(user.pk)).exists()

"""The account services: one transaction each, an audit event with old and new values (never a
password), and a manager never raises anyone above their own reach."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xiezuo.accounts import services
from xiezuo.accounts.choices import AuditAction, Role
from xiezuo.accounts.models import AuditEvent, User
from xiezuo.regions.reference import CANGSHAN, LINTAO, TAOYANG, XINDIAN

GOOD = "Taoyang-2017-ok"


def _events(user, action):
    return list(AuditEvent.objects.filter(object_id=str(user.pk), action=action))


def _no_password_in(event):
    text = f"{event.old} {event.new} {event.note} {event.object_repr}"
    assert GOOD not in text and "Xindian-2018-ok" not in text and "pbkdf2" not in text


def test_a_manager_creates_an_account_that_must_set_its_own_password(areas, users):
    admin = users["county_admin"]
    clerk = services.user_create(actor=admin, username="newclerk", password=GOOD,
                                 role=Role.TOWNSHIP_CLERK, scope=areas[TAOYANG],
                                 display_name=" 王芳 ", organisation="洮阳镇人民政府",
                                 must_change_password=True)
    assert clerk.check_password(GOOD) and clerk.must_change_password
    assert clerk.display_name == "王芳"
    [event] = _events(clerk, AuditAction.CREATE)
    assert (event.actor, event.area_code) == (admin, TAOYANG)
    assert event.new["role"] == "township_clerk" and event.new["must_change_password"] is True
    _no_password_in(event)


def test_a_username_is_taken_whatever_its_case(areas, users):
    with pytest.raises(ValidationError) as e:
        services.user_create(actor=users["county_admin"], username="TOWNSHIP_CLERK-621124100000",
                             password=GOOD, role=Role.TOWNSHIP_CLERK, scope=areas[TAOYANG])
    assert "username" in e.value.error_dict


def test_the_password_policy_names_the_password_field(areas, users):
    with pytest.raises(ValidationError) as e:
        services.user_create(actor=users["county_admin"], username="weak", password="onlyletterslong",
                             role=Role.TOWNSHIP_CLERK, scope=areas[TAOYANG])
    assert list(e.value.error_dict) == ["password"]
    assert not User.objects.filter(username="weak").exists()


@pytest.mark.parametrize("role,scope,field", [
    (Role.TOWNSHIP_CLERK, CANGSHAN, "scope"),     # the other side of the partnership
    (Role.COUNTY_ADMIN, "350000000000", "scope"),  # above the manager's county
    (Role.LEADERSHIP, LINTAO, "role"),            # sees the partner side too
    (Role.AUDITOR, LINTAO, "role"),               # and the audited do not appoint their auditor
])
def test_a_manager_cannot_grant_beyond_their_own_reach(areas, users, role, scope, field):
    with pytest.raises(ValidationError) as e:
        services.user_create(actor=users["county_admin"], username="x1", password=GOOD,
                             role=role, scope=areas[scope])
    assert field in e.value.error_dict
    assert not User.objects.filter(username="x1").exists()


def test_a_clerk_cannot_create_accounts(areas, users):
    with pytest.raises(PermissionDenied):
        services.user_create(actor=users["township_clerk"], username="x2", password=GOOD,
                             role=Role.TOWNSHIP_CLERK, scope=areas[TAOYANG])


def test_the_operator_at_the_command_line_may_grant_anything(areas):
    leader = services.user_create(actor=None, username="leader1", password=GOOD,
                                  role=Role.LEADERSHIP, scope=areas[LINTAO])
    assert not leader.must_change_password
    assert AuditEvent.objects.get(action="create", object_id=str(leader.pk)).actor is None


def test_user_update_records_only_what_changed(areas, users):
    clerk = users["township_clerk"]
    services.user_update(actor=users["county_admin"], user=clerk, version=clerk.version,
                         role=Role.TOWNSHIP_CLERK, scope=areas[XINDIAN], display_name="李明")
    [event] = _events(clerk, AuditAction.UPDATE)
    assert event.old == {"scope": TAOYANG, "display_name": ""}
    assert event.new == {"scope": XINDIAN, "display_name": "李明"}
    assert event.area_code == XINDIAN
    assert clerk.area_prefixes == ["621124103"]  # the new scope applies at once


def test_user_update_with_nothing_changed_writes_nothing(areas, users):
    clerk = users["township_clerk"]
    services.user_update(actor=users["county_admin"], user=clerk, version=clerk.version,
                         role=clerk.role, scope=clerk.scope)
    assert _events(clerk, AuditAction.UPDATE) == []


def test_user_update_refuses_a_scope_outside_the_managers(areas, users):
    clerk = users["township_clerk"]
    with pytest.raises(ValidationError):
        services.user_update(actor=users["county_admin"], user=clerk, version=clerk.version,
                         role=Role.TOWNSHIP_CLERK, scope=areas[CANGSHAN])
    clerk.refresh_from_db()
    assert clerk.scope.code == TAOYANG and _events(clerk, AuditAction.UPDATE) == []


def test_a_manager_cannot_change_their_own_role_or_scope(areas, users):
    admin = users["county_admin"]
    with pytest.raises(ValidationError):
        services.user_update(actor=admin, user=admin, version=admin.version,
                         role=Role.TOWNSHIP_CLERK, scope=areas[TAOYANG])
    # Their own name, yes.
    services.user_update(actor=admin, user=admin, version=admin.version,
                         role=admin.role, scope=admin.scope, display_name="县管理员")
    admin.refresh_from_db()
    assert (admin.role, admin.display_name) == (Role.COUNTY_ADMIN, "县管理员")


@pytest.mark.parametrize("target", ["superuser", "auditor", "leadership"])
def test_a_manager_cannot_touch_an_account_that_sees_more_than_they_do(areas, users, make_user,
                                                                       target):
    if target == "superuser":
        account = make_user(Role.COUNTY_ADMIN, TAOYANG, username="root")
        account.is_superuser = True
        account.save()
    else:
        account = users[target]
    admin = users["county_admin"]
    with pytest.raises(PermissionDenied):
        services.user_update(actor=admin, user=account, version=account.version,
                         role=Role.TOWNSHIP_CLERK, scope=areas[TAOYANG])
    with pytest.raises(PermissionDenied):
        services.user_set_active(actor=admin, user=account, active=False)
    with pytest.raises(PermissionDenied):
        services.user_set_password(actor=admin, user=account, password=GOOD)


def test_deactivating_and_reactivating_are_audited(areas, users):
    clerk = users["township_clerk"]
    services.user_set_active(actor=users["county_admin"], user=clerk, active=False)
    clerk.refresh_from_db()
    assert not clerk.is_active
    services.user_set_active(actor=users["county_admin"], user=clerk, active=True)
    events = sorted(_events(clerk, AuditAction.UPDATE), key=lambda e: e.pk)
    assert [(e.old, e.new) for e in events] == [({"is_active": True}, {"is_active": False}),
                                                ({"is_active": False}, {"is_active": True})]


def test_a_manager_cannot_deactivate_themselves(users):
    admin = users["county_admin"]
    with pytest.raises(ValidationError):
        services.user_set_active(actor=admin, user=admin, active=False)
    admin.refresh_from_db()
    assert admin.is_active


def test_a_password_reset_by_a_manager_must_be_replaced_by_its_owner(users):
    clerk = users["other_clerk"]
    services.user_set_password(actor=users["county_admin"], user=clerk, password="Xindian-2018-ok")
    clerk.refresh_from_db()
    assert clerk.check_password("Xindian-2018-ok") and clerk.must_change_password
    services.user_set_password(actor=clerk, user=clerk, password=GOOD)
    clerk.refresh_from_db()
    assert clerk.check_password(GOOD) and not clerk.must_change_password
    events = sorted(_events(clerk, AuditAction.PASSWORD), key=lambda e: e.pk)
    assert [(e.actor, e.new) for e in events] == [
        (users["county_admin"], {"must_change_password": True}),
        (clerk, {"must_change_password": False})]
    for e in events:
        _no_password_in(e)


def test_the_password_policy_applies_to_a_reset(users):
    clerk = users["other_clerk"]
    with pytest.raises(ValidationError):
        services.user_set_password(actor=users["county_admin"], user=clerk, password="12345678901")
    clerk.refresh_from_db()
    assert clerk.check_password("pw-test-12345") and not clerk.must_change_password
    assert _events(clerk, AuditAction.PASSWORD) == []


def test_anyone_may_set_their_own_password_but_not_anothers(users):
    clerk, other = users["township_clerk"], users["other_clerk"]
    services.user_set_password(actor=clerk, user=clerk, password=GOOD)
    with pytest.raises(PermissionDenied):
        services.user_set_password(actor=clerk, user=other, password=GOOD)

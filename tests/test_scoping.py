"""`visible_to(user)` for each role: the one path that scopes people, places and money."""

import pytest

from xiezuo.accounts.choices import AuditAction, Role
from xiezuo.accounts.models import AuditEvent
from xiezuo.accounts.services import audit_record
from xiezuo.regions.models import Area
from xiezuo.regions.reference import CANGSHAN, LINTAO, TAOYANG, XINDIAN

# role, scope, expected prefixes (what the role sees)
CASES = [
    (Role.COUNTY_ADMIN, LINTAO, ["621124"]),
    (Role.TOWNSHIP_CLERK, TAOYANG, ["621124100"]),
    (Role.CASE_WORKER, LINTAO, ["621124"]),
    (Role.FUND_OFFICER, LINTAO, ["621124"]),
    (Role.EAST_OFFICER, CANGSHAN, ["350104", "621124"]),
    (Role.LEADERSHIP, LINTAO, ["350104", "621124"]),
    (Role.AUDITOR, LINTAO, ["350104", "621124"]),
]


@pytest.mark.parametrize("role,scope,prefixes", CASES)
def test_each_role_sees_exactly_the_areas_of_its_scope(make_user, role, scope, prefixes):
    user = make_user(role, scope)
    assert sorted(user.area_prefixes) == prefixes
    visible = set(Area.objects.visible_to(user).values_list("code", flat=True))
    expected = {c for c in Area.objects.values_list("code", flat=True)
                if any(c.startswith(p) for p in prefixes)}
    assert visible == expected and visible


def test_a_township_clerk_sees_no_other_township(make_user):
    clerk = make_user(Role.TOWNSHIP_CLERK, TAOYANG)
    codes = set(Area.objects.visible_to(clerk).values_list("code", flat=True))
    assert TAOYANG in codes and "621124100201" in codes
    assert XINDIAN not in codes and "621124103201" not in codes and LINTAO not in codes


def test_anonymous_inactive_and_scopeless_users_see_nothing(make_user, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not Area.objects.visible_to(AnonymousUser()).exists()
    inactive = make_user(Role.COUNTY_ADMIN, LINTAO)
    inactive.is_active = False
    assert not Area.objects.visible_to(inactive).exists()
    scopeless = django_user_model.objects.create_user("nobody", password="x", role="")
    assert not Area.objects.visible_to(scopeless).exists()


def test_a_county_officer_of_the_east_does_not_see_the_west(make_user):
    # Only the partnership roles (east officer, leadership, auditor) see across the partnership.
    admin = make_user(Role.COUNTY_ADMIN, CANGSHAN)
    assert not Area.objects.visible_to(admin).filter(code__startswith="621124").exists()


def test_audit_events_are_scoped_by_area_and_areafree_events_are_shared(make_user):
    auditor = make_user(Role.AUDITOR, LINTAO)
    clerk_area_auditor = make_user(Role.AUDITOR, TAOYANG, username="taoyang-auditor")
    audit_record(actor=None, action=AuditAction.UPDATE, object_repr="in Xindian",
                 area_code="621124103201")
    audit_record(actor=None, action=AuditAction.LOGIN, object_repr="no area")
    assert set(AuditEvent.objects.visible_to(auditor).values_list("object_repr", flat=True)) \
        == {"in Xindian", "no area"}
    assert set(AuditEvent.objects.visible_to(clerk_area_auditor)
               .values_list("object_repr", flat=True)) == {"no area"}


def _scoped_querysets():
    from django.apps import apps

    from xiezuo.regions.scoping import ScopedQuerySet

    return [m._default_manager.get_queryset() for m in apps.get_models()
            if isinstance(m._default_manager.get_queryset(), ScopedQuerySet)]


def test_no_scoped_queryset_overrides_visible_to_only_its_hooks():
    """The None (everything) and [] (nothing) answers live in ScopedQuerySet.visible_to alone;
    a model with another kind of scope overrides scope_prefixes or scope_q."""
    from xiezuo.regions.scoping import ScopedQuerySet

    querysets = _scoped_querysets()
    assert len(querysets) >= 10
    overriding = [type(qs).__name__ for qs in querysets
                  if type(qs).visible_to is not ScopedQuerySet.visible_to]
    assert overriding == []


def test_every_scoped_model_shows_nothing_to_the_inactive_and_everything_to_a_superuser(
        make_user, django_user_model):
    """Every hook's condition is skipped for [] and None: an inactive user sees no row even
    where the condition alone would match some (area-free audit events), a superuser all."""
    audit_record(actor=None, action=AuditAction.LOGIN, object_repr="no area")
    inactive = make_user(Role.AUDITOR, LINTAO)
    inactive.is_active = False
    root = django_user_model.objects.create_superuser("root-scope", password="x")
    for qs in _scoped_querysets():
        assert not qs.visible_to(inactive).exists(), type(qs).__name__
        assert qs.visible_to(root).count() == qs.count(), type(qs).__name__


@pytest.mark.parametrize("role,scope,prefixes", CASES)
def test_visible_through_a_relation_selects_what_visible_to_selects(make_user, role, scope,
                                                                    prefixes):
    """`visible_through` (a join, for SQLite's planner) and `path__in=visible_to` agree: here
    the areas seen through their parent, for every role."""
    u = make_user(role, scope)
    joined = set(Area.objects.filter(Area.objects.visible_through(u, "parent"))
                 .values_list("code", flat=True))
    nested = set(Area.objects.filter(parent__in=Area.objects.visible_to(u))
                 .values_list("code", flat=True))
    assert joined == nested and joined

"""The write kit every service uses: the guard (may this actor do this here) and the versioned
update (a stale form refused, one UPDATE … WHERE version, only real changes written and audited)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import guard, may, within_scope
from xiezuo.accounts.models import AuditEvent
from xiezuo.accounts.versioned import StaleEditError, versioned_update
from xiezuo.funds.access import EDITS_FUNDS
from xiezuo.regions.reference import LINTAO, TAOYANG, XINDIAN
from xiezuo.registry.access import EDITS_REGISTRY
from xiezuo.registry.models import Household

pytestmark = pytest.mark.django_db


@pytest.fixture
def households(areas):
    def make(township: str, number: str) -> Household:
        village = areas[f"{township[:9]}201"]
        return Household.objects.create(county=areas[LINTAO], township=areas[township],
                                        village=village, number=number,
                                        other_causes="缺资金、因病")
    return {"taoyang": make(TAOYANG, "T-1"), "xindian": make(XINDIAN, "X-1")}


# --- the guard ---------------------------------------------------------------------------------

def test_the_command_line_operator_may_do_anything(areas, households):
    guard(None, EDITS_FUNDS, areas=[areas[XINDIAN]],
          records=Household.objects.filter(pk=households["xindian"].pk))
    assert may(None, EDITS_REGISTRY) and within_scope(None, XINDIAN)


def test_the_guard_refuses_a_role_without_the_capability_with_its_message(users):
    with pytest.raises(PermissionDenied, match="没有修改建档立卡数据的权限"):
        guard(users["case_worker"], EDITS_REGISTRY, message="您没有修改建档立卡数据的权限")
    guard(users["township_clerk"], EDITS_REGISTRY)


def test_the_guard_refuses_an_area_outside_the_scope_and_names_it(users, areas):
    clerk = users["township_clerk"]  # 洮阳镇
    guard(clerk, EDITS_REGISTRY, areas=[areas[TAOYANG]])
    with pytest.raises(PermissionDenied, match=areas[XINDIAN].name):
        guard(clerk, EDITS_REGISTRY, areas=[areas[TAOYANG], areas[XINDIAN]])


def test_the_guard_refuses_records_the_actor_cannot_see(users, households):
    clerk = users["township_clerk"]
    guard(clerk, EDITS_REGISTRY, records=Household.objects.filter(pk=households["taoyang"].pk))
    both = Household.objects.filter(pk__in=[h.pk for h in households.values()])
    with pytest.raises(PermissionDenied, match="不在您负责的区域内"):
        guard(clerk, EDITS_REGISTRY, records=both)


def test_an_inactive_user_is_refused_everything(users):
    clerk = users["township_clerk"]
    clerk.is_active = False
    with pytest.raises(PermissionDenied):
        guard(clerk, EDITS_REGISTRY)


# --- the versioned update ----------------------------------------------------------------------

def _updates():
    return list(AuditEvent.objects.filter(action=AuditAction.UPDATE))


def test_a_stale_version_is_refused_and_nothing_is_written(users, households):
    h = households["taoyang"]
    with pytest.raises(StaleEditError, match="已被他人修改（当前为第 1 版）"):
        versioned_update(actor=users["township_clerk"], obj=h, version=7,
                         changes={"phone": "1"}, area_code=h.village.code)
    h.refresh_from_db()
    assert (h.phone, h.version) == ("", 1) and not _updates()


def test_a_save_between_the_read_and_the_write_is_caught_by_the_where_version(users, households):
    """The record as read says version 1, but another save moved the stored row to 2 after the
    read: the UPDATE … WHERE version = 1 writes nothing and the edit is refused."""
    h = households["taoyang"]
    Household.objects.filter(pk=h.pk).update(phone="13900000000", version=2)
    with pytest.raises(StaleEditError, match="第 2 版"), transaction.atomic():
        versioned_update(actor=users["township_clerk"], obj=h, version=1,
                         changes={"phone": "1"}, area_code=h.village.code)
    h.refresh_from_db()
    assert (h.phone, h.version) == ("13900000000", 2) and not _updates()


def test_only_the_fields_that_changed_are_written_and_audited(users, households):
    h = households["taoyang"]
    changed = versioned_update(actor=users["township_clerk"], obj=h, version=1,
                               changes={"phone": "13911112222", "natural_village": "",
                                        "size": None}, area_code=h.village.code)
    assert changed == {"phone": ("", "13911112222")}
    assert h.version == 2
    stored = Household.objects.get(pk=h.pk)
    assert (stored.phone, stored.version) == ("13911112222", 2)
    [event] = _updates()
    assert (event.old, event.new) == ({"phone": ""}, {"phone": "13911112222"})
    assert event.area_code == h.village.code


def test_a_multi_value_field_in_another_order_is_no_change(users, households):
    h = households["taoyang"]
    changed = versioned_update(actor=users["township_clerk"], obj=h, version=1,
                               changes={"other_causes": "因病、缺资金"}, area_code=h.village.code,
                               multi_value=("other_causes",))
    assert changed == {} and h.version == 1 and not _updates()
    assert Household.objects.get(pk=h.pk).other_causes == "缺资金、因病"
    # A real change of the set is one.
    changed = versioned_update(actor=users["township_clerk"], obj=h, version=1,
                               changes={"other_causes": "因病"}, area_code=h.village.code,
                               multi_value=("other_causes",))
    assert changed == {"other_causes": ("缺资金、因病", "因病")} and h.version == 2


def test_an_unchanged_save_at_a_stale_version_is_still_refused(users, households):
    h = households["taoyang"]
    Household.objects.filter(pk=h.pk).update(version=2)
    h.refresh_from_db()
    with pytest.raises(StaleEditError):
        versioned_update(actor=users["township_clerk"], obj=h, version=1,
                         changes={"phone": h.phone}, area_code=h.village.code)


def test_every_update_service_requires_the_version_the_form_read():
    """Each part's `*_update` service is an edit form's save: it takes `version` as a required
    keyword (no default), so no caller can skip the stale-form check."""
    import importlib
    import inspect

    found = []
    for app in ("accounts", "registry", "labour", "funds", "plan"):
        module = importlib.import_module(f"xiezuo.{app}.services")
        for name in getattr(module, "__all__", dir(module)):
            fn = getattr(module, name)
            if (name.endswith("_update") and inspect.isfunction(fn)
                    and fn.__module__.startswith(f"xiezuo.{app}.")):
                param = inspect.signature(fn).parameters.get("version")
                found.append((app, name, param is not None and param.kind is param.KEYWORD_ONLY
                              and param.default is param.empty))
    assert {(a, n) for a, n, _ok in found} >= {
        ("accounts", "user_update"), ("registry", "household_update"),
        ("registry", "person_update"), ("labour", "employer_update"),
        ("labour", "opening_update"), ("labour", "workstation_update"),
        ("labour", "profile_update"), ("funds", "project_update")}
    assert [f"{a}.{n}" for a, n, ok in found if not ok] == []

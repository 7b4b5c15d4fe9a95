"""`xiezuo demo --rebuild` does not wipe, without being told, a database that has received
accounts or changes since the demo was built: it names what would be lost."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.services import audit_record
from xiezuo.core.management.commands import demo as demo_command
from xiezuo.core.models import DemoBuild


@pytest.fixture
def rebuilt(monkeypatch):
    """The rebuild's flush and build, recorded instead of run (the real demo takes minutes)."""
    calls = []

    class Ctx:
        logins = []

    monkeypatch.setattr(demo_command, "_flush", lambda: calls.append("flush"))
    monkeypatch.setattr(demo_command.demo, "build", lambda **kw: calls.append("build") or Ctx())
    monkeypatch.setattr(demo_command, "_analyze", lambda: None)
    return calls


def _demo_of(users, *names):
    call_command("init", verbosity=0)  # as the demo's build did before it was marked
    return DemoBuild.objects.create(seed=7, logins=[[users[n].username, n, "临洮县"]
                                                    for n in names])


@pytest.mark.django_db
def test_rebuild_refuses_when_real_accounts_were_added_and_names_them(users, rebuilt):
    _demo_of(users, *[n for n in users if n != "fund_officer"])
    with pytest.raises(CommandError) as refused:
        call_command("demo", "--rebuild", "--no-serve", "--seed", "7")
    assert "1 个不属于演示的账号" in str(refused.value)
    assert users["fund_officer"].username in str(refused.value)
    assert "--yes-wipe" in str(refused.value) and rebuilt == []


@pytest.mark.django_db
def test_rebuild_refuses_when_records_were_changed_after_the_build(users, rebuilt):
    _demo_of(users, *users)
    with transaction.atomic():
        audit_record(actor=users["fund_officer"], action=AuditAction.LOGIN)  # a read: no matter
        audit_record(actor=users["fund_officer"], action=AuditAction.POST,
                     object_type="funds.disbursement", object_id="1")
    with pytest.raises(CommandError) as refused:
        call_command("demo", "--rebuild", "--no-serve", "--seed", "7")
    assert "1 次修改" in str(refused.value) and "funds.disbursement 1" in str(refused.value)
    assert rebuilt == []


@pytest.mark.django_db
def test_rebuild_goes_ahead_with_yes_wipe_or_when_only_the_demo_is_there(users, rebuilt):
    _demo_of(users, *users)
    call_command("demo", "--rebuild", "--no-serve", "--seed", "7")
    assert rebuilt == ["flush", "build"]
    DemoBuild.objects.all().delete()
    _demo_of(users, "county_admin")
    call_command("demo", "--rebuild", "--yes-wipe", "--no-serve", "--seed", "7")
    assert rebuilt == ["flush", "build"] * 2

"""Single-record services (optimistic locking) and the background import task."""

import pytest
from django.core.exceptions import PermissionDenied

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.models import AuditEvent
from xiezuo.core.jobs import job_create
from xiezuo.core.models import Job
from xiezuo.registry.models import Household, Person, StatusChange
from xiezuo.registry.roster.columns import COLUMNS
from xiezuo.registry.services import (
    StaleEditError,
    household_import,
    household_update,
    person_update,
)
from xiezuo.registry.tasks import roster_import_task

HEADER = [c.header for c in COLUMNS if c.key != "other_causes"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def hh(areas, tmp_path, household, write_xlsx):
    household_import(path=write_xlsx(tmp_path / "r.xlsx", household("H1", 2)))
    return Household.objects.get(number="H1")


def test_household_update_bumps_the_version_and_records_status_history(hh, users):
    clerk = users["township_clerk"]
    saved = household_update(actor=clerk, household=hh, version=1,
                             changes={"exit_status": "已脱贫（享受政策）", "exit_year": 2019})
    assert (saved.version, saved.exit_status, saved.exit_year) == (2, "已脱贫（享受政策）", 2019)
    change = StatusChange.objects.filter(household=hh).latest("id")
    assert (change.source, change.actor, change.old) == ("user", clerk, "未脱贫")
    event = AuditEvent.objects.get(action=AuditAction.UPDATE)
    assert event.old == {"exit_status": "未脱贫", "exit_year": None}


def test_a_stale_version_is_refused_and_nothing_is_overwritten(hh, users):
    clerk = users["township_clerk"]
    household_update(actor=clerk, household=hh, version=1, changes={"phone": "13911112222"})
    with pytest.raises(StaleEditError):
        household_update(actor=clerk, household=hh, version=1, changes={"phone": "1"})
    assert Household.objects.get(pk=hh.pk).phone == "13911112222"


def test_an_unchanged_form_writes_nothing(hh, users):
    saved = household_update(actor=users["county_admin"], household=hh, version=1,
                             changes={"phone": hh.phone})
    assert saved.version == 1 and not AuditEvent.objects.filter(action="update").exists()


def test_person_update_and_its_lock(hh, users):
    p = Person.objects.filter(household=hh).first()
    clerk = users["township_clerk"]
    saved = person_update(actor=clerk, person=p, version=1, changes={"education": "高中"})
    assert (saved.version, saved.education) == (2, "高中")
    with pytest.raises(StaleEditError):
        person_update(actor=clerk, person=p, version=1, changes={"education": "小学"})


@pytest.mark.parametrize("role", ["other_clerk", "case_worker", "leadership", "auditor",
                                  "fund_officer", "east_officer"])
def test_edits_outside_role_or_scope_are_refused(hh, users, role):
    with pytest.raises(PermissionDenied):
        household_update(actor=users[role], household=hh, version=1, changes={"phone": "1"})


def test_fields_outside_the_form_cannot_be_changed(hh, users):
    with pytest.raises(ValueError):
        household_update(actor=users["county_admin"], household=hh, version=1,
                         changes={"number": "X"})


def test_the_import_task_runs_the_import_and_finishes_the_job(areas, users, tmp_path, household, person, write_xlsx):
    admin = users["county_admin"]
    rows = household("H1", 2) + [person("H2", 1, 证件号码="1")]
    f = write_xlsx(tmp_path / "r.xlsx", rows)
    job = job_create(kind="registry.import", title="r.xlsx", user=admin)
    roster_import_task.enqueue(str(job.pk), str(f), admin.pk, original_name="r.xlsx")
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.percent == 100
    assert (job.result["persons_created"], job.result["rejected"]) == (2, 1)
    assert job.result["errors"][0]["row"] == 4 and job.result["report"]
    assert Person.objects.count() == 2


def test_the_import_task_fails_the_job_for_an_unimportable_file(areas, users, tmp_path, household, write_xlsx):
    admin = users["county_admin"]
    f = write_xlsx(tmp_path / "r.xlsx", household("H1", 1),
                   header=[h for h in HEADER if h != "户编号"])
    job = job_create(kind="registry.import", title="r.xlsx", user=admin)
    roster_import_task.enqueue(str(job.pk), str(f), admin.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "户编号" in job.message


def test_the_same_other_causes_in_another_order_are_no_change(hh, users):
    """其他致贫原因 is a set: saving it reordered writes nothing and audits nothing."""
    Household.objects.filter(pk=hh.pk).update(other_causes="缺资金、因病")
    hh.refresh_from_db()
    saved = household_update(actor=users["township_clerk"], household=hh, version=1,
                             changes={"other_causes": "因病、缺资金", "phone": hh.phone})
    assert saved.version == 1 and saved.other_causes == "缺资金、因病"
    assert not AuditEvent.objects.filter(action="update").exists()
    saved = household_update(actor=users["township_clerk"], household=hh, version=1,
                             changes={"other_causes": "因病、缺技术"})
    event = AuditEvent.objects.get(action="update")
    assert (event.old, event.new) == ({"other_causes": "缺资金、因病"},
                                      {"other_causes": "因病、缺技术"})

"""Audit events are kept: the application never deletes or changes one (MLPS level 3 asks for
at least six months; Xiezuo keeps them all). The model and its queryset refuse on every
database; on PostgreSQL a trigger refuses even raw SQL."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.models import AuditEvent, AuditEventDeleteRefused
from xiezuo.accounts.services import audit_record


@pytest.fixture
def event(users):
    with transaction.atomic():
        return audit_record(actor=users["county_admin"], action=AuditAction.LOGIN)


@pytest.mark.django_db
def test_an_audit_event_cannot_be_deleted_one_by_one_or_in_bulk(event):
    with pytest.raises(AuditEventDeleteRefused):
        event.delete()
    with pytest.raises(AuditEventDeleteRefused):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AuditEventDeleteRefused):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_an_audit_event_cannot_be_changed(event):
    with pytest.raises(AuditEventDeleteRefused):
        AuditEvent.objects.filter(pk=event.pk).update(note="抹掉")
    event.note = "抹掉"
    with pytest.raises(AuditEventDeleteRefused):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).note == ""


@pytest.mark.django_db
def test_deleting_a_user_with_audit_events_is_refused(event, users):
    with pytest.raises(ProtectedError):
        users["county_admin"].delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_the_database_refuses_a_raw_delete_or_update_of_audit_events(event):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's; SQLite relies on the model's refusal")
    for sql in ("DELETE FROM accounts_auditevent", "UPDATE accounts_auditevent SET note = 'x'"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
                connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.filter(pk=event.pk).exists()

"""Audit events are append-only in the database too (PostgreSQL: a trigger refuses UPDATE and
DELETE; TRUNCATE, which Django's flush and the test runner use, is left alone, as for the funds
ledger). On SQLite the model and its queryset refuse (accounts.models.AuditEventQuerySet): a
trigger there would also refuse the DELETEs of Django's flush."""

from django.db import migrations

MESSAGE = "accounts_auditevent is append-only: audit events are never deleted or changed"

INSTALL = [
    "CREATE OR REPLACE FUNCTION accounts_auditevent_refuse() RETURNS trigger LANGUAGE plpgsql "
    f"AS $$ BEGIN RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP; END; $$;",
    "DROP TRIGGER IF EXISTS accounts_auditevent_append_only ON accounts_auditevent;",
    "CREATE TRIGGER accounts_auditevent_append_only BEFORE UPDATE OR DELETE ON "
    "accounts_auditevent FOR EACH ROW EXECUTE FUNCTION accounts_auditevent_refuse();",
]
DROP = ["DROP TRIGGER IF EXISTS accounts_auditevent_append_only ON accounts_auditevent;",
        "DROP FUNCTION IF EXISTS accounts_auditevent_refuse();"]


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in INSTALL:
            schema_editor.execute(sql, None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql, None)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_must_change_password_and_scoped_users"),
    ]

    operations = [migrations.RunPython(install, drop)]

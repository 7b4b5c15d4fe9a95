"""The ledger refuses UPDATE and DELETE at the database (SQLite and PostgreSQL triggers)."""

from django.db import migrations


def install(apps, schema_editor):
    from xiezuo.funds import triggers

    triggers.install(schema_editor.connection)


def drop(apps, schema_editor):
    from xiezuo.funds import triggers

    triggers.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("funds", "0001_initial")]

    operations = [migrations.RunPython(install, drop)]

from django.db import migrations, models


def trigram_index(apps, schema_editor):
    """PostgreSQL: a trigram index on the people's names, so a search for a name of three
    characters or more (吴俊华) finds its few matches among 10 million people without reading
    the scope's people (docs/decisions/0009). SQLite has no such index: nothing to do."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS registry_person_name_trgm ON "
                          "registry_person USING gin (name gin_trgm_ops)")


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS registry_person_name_trgm")


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0006_village_rollup'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='person',
            index=models.Index(fields=['household'], include=('name',),
                               name='registry_person_hh_name'),
        ),
        migrations.RunPython(trigram_index, drop_trigram_index),
    ]

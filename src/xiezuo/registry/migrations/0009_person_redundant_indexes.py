from django.db import migrations

#: PostgreSQL indexes on the people's table that no query reads, each one more index the
#: roster import must write 57,000 random keys into at 10 million people (docs/decisions/0009):
#: the `varchar_pattern_ops` copies Django adds for a CharField with an index (LIKE 'abc%',
#: which no query of the ID hash, the name or the labour capacity uses: a name is searched
#: with the trigram index, the others by equality), and the household key's own index, which
#: `registry_person_hh_name (household_id) INCLUDE (name)` already serves.
REDUNDANT = ("registry_person_id_hash_8e59f9b3_like", "registry_person_name_2a560b73_like",
             "registry_person_labour_capacity_d51000ec_like",
             "registry_person_household_id_6c47d043")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite makes no pattern copies; its household index stays (no INCLUDE there)
    for name in REDUNDANT:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def make_again(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in (
            (REDUNDANT[0], "(id_hash varchar_pattern_ops)"),
            (REDUNDANT[1], "(name varchar_pattern_ops)"),
            (REDUNDANT[2], "(labour_capacity varchar_pattern_ops)"),
            (REDUNDANT[3], "(household_id)")):
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON registry_person {definition}")


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0008_status_change_date"),
    ]

    operations = [migrations.RunPython(drop, make_again)]

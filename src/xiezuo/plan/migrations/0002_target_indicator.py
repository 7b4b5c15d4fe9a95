"""Targets name a part's indicator by key ("registry.exits"), no longer a selector's dotted path."""

from django.db import migrations

#: the dotted paths of the first plan files and the indicator keys that replace them
KEYS = {
    "xiezuo.registry.selectors:registered_total": "registry.registered",
    "xiezuo.registry.selectors:exit_counts": "registry.exits",
    "xiezuo.funds.selectors:deep_poverty_share": "funds.deep_poverty_share",
    "xiezuo.funds.selectors:funds_per_year": "funds.east_fiscal",
    "xiezuo.labour.selectors:workstations": "labour.workstations",
    "xiezuo.labour.selectors:job_fairs": "labour.job_fairs",
    "xiezuo.labour.selectors:transferred_to_east": "labour.transferred_east",
    "xiezuo.labour.selectors:graduates_employed": "labour.graduates_east",
    "xiezuo.labour.selectors:interns_placed": "labour.interns",
}


def to_keys(apps, schema_editor):
    Target = apps.get_model("plan", "Target")
    for t in Target.objects.exclude(indicator="", value_indicator=""):
        t.indicator = KEYS.get(t.indicator, t.indicator)
        t.value_indicator = KEYS.get(t.value_indicator, t.value_indicator)
        t.save(update_fields=["indicator", "value_indicator"])


def to_paths(apps, schema_editor):
    back = {v: k for k, v in KEYS.items()}
    Target = apps.get_model("plan", "Target")
    for t in Target.objects.exclude(indicator="", value_indicator=""):
        t.indicator = back.get(t.indicator, t.indicator)
        t.value_indicator = back.get(t.value_indicator, t.value_indicator)
        t.save(update_fields=["indicator", "value_indicator"])


class Migration(migrations.Migration):
    dependencies = [("plan", "0001_initial")]

    operations = [
        migrations.RenameField("target", "selector", "indicator"),
        migrations.RenameField("target", "value_selector", "value_indicator"),
        migrations.RunPython(to_keys, to_paths),
    ]

"""Mask the full ID numbers that summaries kept before they were masked on the way in
(docs/security.md, 个人信息保护). Data only; nothing to undo."""

from django.db import migrations

from xiezuo.tabular.safe import mask_summary


def mask(apps, schema_editor):
    Model = apps.get_model("labour", "LabourImport")
    changed = []  # read first, then write: no update while a cursor is open on the table
    for pk, value in Model.objects.exclude(summary__isnull=True).values_list(
            "pk", "summary").iterator(chunk_size=500):
        masked = mask_summary(value)
        if masked != value:
            changed.append((pk, masked))
    for pk, masked in changed:
        Model.objects.filter(pk=pk).update(summary=masked)


class Migration(migrations.Migration):
    dependencies = [("labour", "0002_version_on_employer_opening_workstation")]
    operations = [migrations.RunPython(mask, migrations.RunPython.noop, elidable=True)]

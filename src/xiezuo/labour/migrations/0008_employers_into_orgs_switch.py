"""Labour's employers move into the organisations register (decision 0004), step 3 of 3: the old
links and labour.Employer go; the new links take the name `employer`."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("labour", "0007_employers_into_orgs_copy")]

    operations = [
        migrations.RemoveConstraint(model_name="opening", name="labour_opening_key"),
        migrations.RemoveField(model_name="opening", name="employer"),
        migrations.RemoveField(model_name="placement", name="employer"),
        migrations.RemoveField(model_name="targetedrecruitment", name="employer"),
        migrations.RemoveField(model_name="graduate", name="employer"),
        migrations.RemoveField(model_name="intern", name="employer"),
        migrations.RemoveField(model_name="jobfair", name="employers"),
        migrations.DeleteModel(name="Employer"),
        migrations.RenameField(model_name="opening", old_name="organisation", new_name="employer"),
        migrations.RenameField(model_name="placement", old_name="organisation",
                               new_name="employer"),
        migrations.RenameField(model_name="targetedrecruitment", old_name="organisation",
                               new_name="employer"),
        migrations.RenameField(model_name="graduate", old_name="organisation",
                               new_name="employer"),
        migrations.RenameField(model_name="intern", old_name="organisation", new_name="employer"),
        migrations.RenameField(model_name="jobfair", old_name="organisations",
                               new_name="employers"),
        migrations.AlterField(
            model_name="opening", name="employer",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                    related_name="labour_openings", to="orgs.organisation",
                                    verbose_name="用工单位")),
        migrations.AlterField(
            model_name="placement", name="employer",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                    related_name="labour_placements", to="orgs.organisation",
                                    verbose_name="用工单位")),
        migrations.AlterField(
            model_name="targetedrecruitment", name="employer",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                    related_name="labour_recruitments", to="orgs.organisation",
                                    verbose_name="用工单位")),
        migrations.AlterField(
            model_name="jobfair", name="employers",
            field=models.ManyToManyField(blank=True, related_name="labour_job_fairs",
                                         to="orgs.organisation", verbose_name="参会单位")),
        migrations.AddConstraint(
            model_name="opening",
            constraint=models.UniqueConstraint(fields=("employer", "title", "area"),
                                               name="labour_opening_key")),
    ]

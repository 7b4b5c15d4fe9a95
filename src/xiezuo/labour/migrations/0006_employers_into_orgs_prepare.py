"""Labour's employers move into the organisations register (decision 0004), step 1 of 3: the
new links to orgs.Organisation beside the old ones, the employment-base table, and the old links
made nullable (so that the way back can re-add them before the data is copied back)."""

import django.db.models.deletion
from django.db import migrations, models


def _org_fk(verbose, on_delete=django.db.models.deletion.PROTECT):
    return models.ForeignKey(blank=True, null=True, on_delete=on_delete, related_name="+",
                             to="orgs.organisation", verbose_name=verbose)


class Migration(migrations.Migration):
    dependencies = [
        ("labour", "0005_training"),
        ("orgs", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="EmploymentBase",
            fields=[
                ("organisation", models.OneToOneField(
                    on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                    related_name="labour_base", serialize=False, to="orgs.organisation",
                    verbose_name="用工单位")),
                ("since", models.DateTimeField(auto_now_add=True, verbose_name="认定时间")),
            ],
            options={"verbose_name": "就业基地", "verbose_name_plural": "就业基地",
                     "ordering": ["organisation_id"]},
        ),
        migrations.AlterField(
            model_name="opening", name="employer",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="openings", to="labour.employer",
                                    verbose_name="用工单位")),
        migrations.AlterField(
            model_name="placement", name="employer",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="placements", to="labour.employer",
                                    verbose_name="用工单位")),
        migrations.AlterField(
            model_name="targetedrecruitment", name="employer",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="recruitments", to="labour.employer",
                                    verbose_name="用工单位")),
        migrations.AddField(model_name="opening", name="organisation", field=_org_fk("用工单位")),
        migrations.AddField(model_name="placement", name="organisation",
                            field=_org_fk("用工单位")),
        migrations.AddField(model_name="targetedrecruitment", name="organisation",
                            field=_org_fk("用工单位")),
        migrations.AddField(model_name="graduate", name="organisation",
                            field=_org_fk("就业单位", django.db.models.deletion.SET_NULL)),
        migrations.AddField(model_name="intern", name="organisation",
                            field=_org_fk("实习单位", django.db.models.deletion.SET_NULL)),
        migrations.AddField(
            model_name="jobfair", name="organisations",
            field=models.ManyToManyField(blank=True, related_name="+", to="orgs.organisation",
                                         verbose_name="参会单位")),
    ]

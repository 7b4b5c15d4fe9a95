"""Labour's employers move into the organisations register (decision 0004), step 2 of 3: copy.

Every employer becomes an organisation with the employer role, losing nothing: name, credit
code, area (and its side), sector, contacts, address, note, version and created date; its kind
read from the credit code; the employment-base flag becomes a row of labour.EmploymentBase.
When the register is empty (as on every database this migration first meets) the organisation
keeps the employer's id, so old links and audit events still name the same number; otherwise an
employer whose credit code is already registered joins that organisation. Then every opening,
placement, targeted recruitment, graduate, intern and job fair's participant is pointed at it.
The way back copies the employers back (each organisation with the employer role and every
organisation a labour record points at), with the same ids.
"""

from django.core.management.color import no_style
from django.db import migrations
from django.db.models import F

from xiezuo.orgs.creditcode import kind_for_code

LINKS = ("Opening", "Placement", "TargetedRecruitment", "Graduate", "Intern")
FIELDS = ("name", "credit_code", "area_id", "sector", "contact_name", "contact_phone",
          "address", "note", "version")


def _reset_sequence(schema_editor, model) -> None:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


def _by_created_at(rows) -> dict:
    groups: dict = {}
    for pk, at in rows:
        groups.setdefault(at, []).append(pk)
    return groups


def forward(apps, schema_editor):
    Employer = apps.get_model("labour", "Employer")
    Org = apps.get_model("orgs", "Organisation")
    Role = apps.get_model("orgs", "OrganisationRole")
    Base = apps.get_model("labour", "EmploymentBase")
    JobFair = apps.get_model("labour", "JobFair")

    keep_ids = not Org.objects.exists()
    registered = dict(Org.objects.exclude(credit_code="").values_list("credit_code", "pk"))
    employers = list(Employer.objects.select_related("area").order_by("pk"))
    made = [Org(id=e.pk if keep_ids else None, kind=kind_for_code(e.credit_code),
                side=e.area.side, **{f: getattr(e, f) for f in FIELDS})
            for e in employers if e.credit_code not in registered]
    Org.objects.bulk_create(made, batch_size=500)
    if keep_ids:
        _reset_sequence(schema_editor, Org)
    codes = dict(Org.objects.filter(credit_code__in=[e.credit_code for e in employers])
                 .values_list("credit_code", "pk"))
    to_org = {e.pk: codes[e.credit_code] for e in employers}
    new_codes = {o.credit_code for o in made}
    # created_at is auto_now_add (set to now by the insert): the employer's date is kept
    for at, pks in _by_created_at(
            (to_org[e.pk], e.created_at) for e in employers if e.credit_code in new_codes).items():
        for i in range(0, len(pks), 500):
            Org.objects.filter(pk__in=pks[i:i + 500]).update(created_at=at)
    Role.objects.bulk_create([Role(organisation_id=pk, role="employer")
                              for pk in sorted(set(to_org.values()))],
                             batch_size=500, ignore_conflicts=True)
    Base.objects.bulk_create([Base(organisation_id=to_org[e.pk]) for e in employers
                              if e.employment_base], batch_size=500, ignore_conflicts=True)
    same = all(k == v for k, v in to_org.items())
    for name in LINKS:
        Model = apps.get_model("labour", name)
        if same:
            Model.objects.filter(employer__isnull=False).update(organisation_id=F("employer_id"))
        else:
            for eid, oid in to_org.items():
                Model.objects.filter(employer_id=eid).update(organisation_id=oid)
    old = JobFair.employers.through
    new = JobFair.organisations.through
    new.objects.bulk_create(
        [new(jobfair_id=j, organisation_id=to_org[e])
         for j, e in old.objects.values_list("jobfair_id", "employer_id")],
        batch_size=500, ignore_conflicts=True)


def backward(apps, schema_editor):
    Employer = apps.get_model("labour", "Employer")
    Org = apps.get_model("orgs", "Organisation")
    Base = apps.get_model("labour", "EmploymentBase")
    JobFair = apps.get_model("labour", "JobFair")

    used = set(Org.objects.filter(roles__role="employer").values_list("pk", flat=True))
    for name in LINKS:
        used |= set(apps.get_model("labour", name).objects.exclude(organisation=None)
                    .values_list("organisation_id", flat=True))
    used |= set(JobFair.organisations.through.objects.values_list("organisation_id", flat=True))
    bases = set(Base.objects.values_list("organisation_id", flat=True))
    orgs = list(Org.objects.filter(pk__in=used).order_by("pk"))
    missing = [o.name for o in orgs if not o.credit_code]
    if missing:
        raise RuntimeError("labour.Employer needs a credit code; these employers have none: "
                           + "、".join(missing[:20]))
    Employer.objects.bulk_create(
        [Employer(id=o.pk, employment_base=o.pk in bases, created_at=o.created_at,
                  **{f: getattr(o, f) for f in FIELDS}) for o in orgs], batch_size=500)
    _reset_sequence(schema_editor, Employer)
    for o in orgs:  # auto_now_add again
        Employer.objects.filter(pk=o.pk).update(created_at=o.created_at)
    for name in LINKS:
        apps.get_model("labour", name).objects.filter(organisation__isnull=False).update(
            employer_id=F("organisation_id"))
    old = JobFair.employers.through
    old.objects.bulk_create(
        [old(jobfair_id=j, employer_id=o)
         for j, o in JobFair.organisations.through.objects.values_list("jobfair_id",
                                                                        "organisation_id")],
        batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("labour", "0006_employers_into_orgs_prepare")]
    operations = [migrations.RunPython(forward, backward)]

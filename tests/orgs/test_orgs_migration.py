"""Labour's employers move into the organisations register by migration (labour 0006–0008),
losing nothing: run with Django's migration executor on a database holding a few hundred
employers with openings, placements, fairs, targeted recruitment, graduates and interns, then
back again."""

import datetime
import random
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from xiezuo.orgs import creditcode

BEFORE = [("labour", "0005_training"), ("orgs", "0001_initial")]
EMPLOYERS = 300
FIELDS = ("name", "credit_code", "area_id", "sector", "contact_name", "contact_phone",
          "address", "note", "version", "created_at")
LINKS = ("Opening", "Placement", "TargetedRecruitment", "Graduate", "Intern")


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)  # a fresh loader sees the state now applied


def _latest() -> list:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _people(areas, n: int) -> list[int]:
    from xiezuo.registry import crypto, idnumber
    from xiezuo.registry.models import Household, Person

    rng = random.Random(5)
    village = areas["621124100201"]
    out = []
    for i in range(n):
        hh = Household.objects.create(county=areas["621124000000"], township=village.parent,
                                      village=village, number=f"M{i:04d}")
        number = idnumber.generate(rng, birth_date=datetime.date(1990, 1, 1 + i % 28),
                                   male=i % 2 == 0)
        out.append(Person.objects.create(
            household=hh, name=f"迁移{i}", id_cipher=crypto.encrypt_id(number),
            id_hash=crypto.id_hash(number), id_masked=crypto.mask_id(number), sex="1",
            birth_date=datetime.date(1990, 1, 1 + i % 28), relation="01").pk)
    return out


def _fill(apps, areas, people) -> None:
    """The demo's shape at its size: employers on both sides, each with openings; placements,
    recruitment, graduates, interns and fairs pointing at them."""
    Employer = apps.get_model("labour", "Employer")
    rng = random.Random(12)
    places = [areas[c] for c in ("350104000000", "350104001000", "350104100000",
                                 "350100000000", "621124000000", "621124100000")]
    sectors = ["manufacturing", "construction", "logistics", "services", "agriculture", "other"]
    for i in range(EMPLOYERS):
        area = places[i % len(places)]
        category = "93" if i % 17 == 0 else "91"
        e = Employer.objects.create(
            name=f"迁移测试{i:03d}有限公司", area_id=area.pk, sector=sectors[i % len(sectors)],
            credit_code=creditcode.generate(rng, division=area.code[:6], category=category),
            contact_name=f"联系人{i}" if i % 3 else "", contact_phone=f"0591-{i:05d}",
            address=f"某路{i}号" if i % 4 else "", note="专栏3" if i % 5 == 0 else "",
            employment_base=i % 7 == 0, version=1 + i % 4)
        Employer.objects.filter(pk=e.pk).update(
            created_at=datetime.datetime(2017, 1, 1, tzinfo=datetime.UTC)
            + datetime.timedelta(days=i))
    emp = list(Employer.objects.order_by("pk").values_list("pk", "area_id"))
    Opening = apps.get_model("labour", "Opening")
    Opening.objects.bulk_create([
        Opening(employer_id=pk, title=f"岗位{j}", positions=1 + j, wage=Decimal("4000.00"),
                area_id=area) for pk, area in emp for j in range(2)])
    openings = list(Opening.objects.values_list("pk", "employer_id"))
    Placement = apps.get_model("labour", "Placement")
    Placement.objects.bulk_create([
        Placement(person_id=people[i % len(people)], employer_id=eid, opening_id=oid,
                  referred_on=datetime.date(2018, 1, 1)) for i, (oid, eid) in
        enumerate(openings[::3])])
    apps.get_model("labour", "TargetedRecruitment").objects.bulk_create([
        apps.get_model("labour", "TargetedRecruitment")(
            employer_id=pk, village_id=areas["621124100201"].pk, started_on=datetime.date(2018, 5, 1))
        for pk, _a in emp[::10]])
    for name, extra in (("Graduate", {"university": "兰州大学", "graduation_year": 2018,
                                      "employed_on": datetime.date(2018, 7, 1)}),
                        ("Intern", {"school": "临洮职专", "started_on": datetime.date(2019, 3, 1)})):
        Model = apps.get_model("labour", name)
        Model.objects.bulk_create([
            Model(name=f"学生{i}", home_area_id=areas["621124100000"].pk,
                  work_area_id=areas["350104000000"].pk, employer_id=emp[i][0] if i % 4 else None,
                  employer_name="" if i % 4 else "某未登记单位", **extra) for i in range(40)])
    JobFair = apps.get_model("labour", "JobFair")
    for k in range(6):
        fair = JobFair.objects.create(name=f"招聘会{k}", kind="spring", date=datetime.date(2018, 2, 1 + k),
                                      place="临洮县城", area_id=areas["621124000000"].pk)
        fair.employers.set([pk for pk, _a in emp[k::6][:30]])


def _snapshot(apps, name: str) -> dict:
    """Every employer's fields and every labour record's employer, under a model's name."""
    out = {"links": {}}
    for model in LINKS:
        out["links"][model] = sorted(apps.get_model("labour", model).objects
                                     .values_list("pk", "employer_id"))
    JobFair = apps.get_model("labour", "JobFair")
    out["fairs"] = sorted(JobFair.employers.through.objects.values_list(
        "jobfair_id", JobFair.employers.field.m2m_reverse_field_name() + "_id"))
    out["employers"] = {row["id"]: row for row in apps.get_model(*name.split(".")).objects
                        .values("id", *FIELDS)}
    return out


@pytest.mark.django_db(transaction=True)
def test_every_employer_and_every_link_survives_the_move_and_the_way_back(areas):
    try:
        executor = _migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        _fill(old, areas, _people(areas, 30))
        before = _snapshot(old, "labour.Employer")
        bases = set(old.get_model("labour", "Employer").objects.filter(employment_base=True)
                    .values_list("pk", flat=True))
        assert len(before["employers"]) == EMPLOYERS and len(before["links"]["Opening"]) == 600

        _migrate(_latest())
        from xiezuo.labour.models import EmploymentBase
        from xiezuo.orgs.models import Organisation, OrganisationRole

        after = _snapshot(django_apps, "orgs.Organisation")
        assert after == before  # same ids, same fields, every link to the same number
        assert OrganisationRole.objects.filter(role="employer").count() == EMPLOYERS
        assert set(EmploymentBase.objects.values_list("organisation_id", flat=True)) == bases
        orgs = {o.pk: o for o in Organisation.objects.select_related("area")}
        assert all(o.side == o.area.side for o in orgs.values())
        assert {o.kind for o in orgs.values() if o.credit_code.startswith("93")} == \
            {"cooperative"}
        assert {o.kind for o in orgs.values() if o.credit_code.startswith("91")} == \
            {"enterprise"}
        # the ids go on after the copied ones (PostgreSQL's sequence was moved past them)
        new = Organisation.objects.create(name="迁移后新登记", area=areas["350104000000"],
                                          side="east")
        assert new.pk > max(before["employers"])
        new.delete()

        executor = _migrate(BEFORE)
        back = _snapshot(executor.loader.project_state(BEFORE).apps, "labour.Employer")
        assert back == before
        assert set(executor.loader.project_state(BEFORE).apps.get_model("labour", "Employer")
                   .objects.filter(employment_base=True).values_list("pk", flat=True)) == bases
    finally:
        _migrate(_latest())

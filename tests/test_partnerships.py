"""Several partnerships in one system: the record, its migration, the reference areas of the two
cities, and declaring another pair with its own plan file (`xiezuo add_partnership`)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from xiezuo.regions.models import Area, Partnership
from xiezuo.regions.reference import CANGSHAN, DINGXI, FUZHOU, LINTAO

GULOU, ANDING = "350102000000", "621102000000"  # the synthetic demo pair (no plan states it)
SYNTHETIC_PLAN = "synthetic-gulou-anding-2017-2020.yaml"


def _plan_path(name: str) -> str:
    from importlib import resources

    return str(resources.files("xiezuo.plan").joinpath("plans", name))


@pytest.mark.django_db
def test_init_loads_dingxis_seven_counties_and_fuzhous_thirteen_divisions():
    call_command("init", verbosity=0)
    dingxi = Area.objects.filter(parent__code=DINGXI, level="county")
    fuzhou = Area.objects.filter(parent__code=FUZHOU, level="county")
    assert dingxi.count() == 7 and set(dingxi.values_list("side", flat=True)) == {"west"}
    assert fuzhou.count() == 13 and set(fuzhou.values_list("side", flat=True)) == {"east"}
    assert {"安定区", "临洮县", "岷县"} <= set(dingxi.values_list("name", flat=True))
    assert {"鼓楼区", "仓山区", "长乐区", "福清市"} <= set(fuzhou.values_list("name", flat=True))
    # the plan's one stated pair, with its plan file; no other pair is invented by init
    p = Partnership.objects.get()
    assert (p.east.code, p.west.code, p.synthetic) == (CANGSHAN, LINTAO, False)
    assert p.plan_file == "cangshan-lintao-2017-2020.yaml"
    assert p.plans.get().key == "cangshan-lintao-2017-2020"
    out = StringIO()
    call_command("init", stdout=out)
    assert "areas_created=0, areas_updated=0, partnerships_created=0" in out.getvalue()


@pytest.mark.django_db
def test_add_partnership_declares_a_pair_with_its_own_plan_file():
    call_command("init", verbosity=0)
    out = StringIO()
    call_command("add_partnership", "--plan", _plan_path(SYNTHETIC_PLAN), stdout=out)
    assert "(synthetic)" in out.getvalue()
    p = Partnership.objects.get(east__code=GULOU)
    assert (p.west.code, p.start_year, p.end_year, p.synthetic) == (ANDING, 2017, 2020, True)
    assert p.plan_file == SYNTHETIC_PLAN and "合成" in p.name
    plan = p.plans.get()
    assert plan.key == "synthetic-gulou-anding-2017-2020" and plan.targets.count() == 5
    # its targets are its own: the default plan's are untouched
    first = Partnership.objects.get(east__code=CANGSHAN).plans.get()
    assert first.targets.count() > 20
    assert plan.targets.get(key="poor-exit").value == 200
    assert first.targets.get(key="poor-exit").value == 57004
    # idempotent
    before = Partnership.objects.count()
    call_command("add_partnership", "--plan", _plan_path(SYNTHETIC_PLAN), stdout=StringIO())
    assert Partnership.objects.count() == before == 2


@pytest.mark.django_db
def test_add_partnership_refuses_what_is_not_a_county_pair():
    call_command("init", verbosity=0)
    with pytest.raises(CommandError, match="不是东部县级区划"):
        call_command("add_partnership", "--east", ANDING, "--west", LINTAO, "--years",
                     "2017-2020")
    with pytest.raises(CommandError, match="不是西部县级区划"):
        call_command("add_partnership", "--east", GULOU, "--west", DINGXI, "--years",
                     "2017-2020")
    with pytest.raises(CommandError, match="not '350103000000' as given"):
        call_command("add_partnership", "--east", "350103000000", "--plan",
                     _plan_path(SYNTHETIC_PLAN))
    with pytest.raises(CommandError, match="give --plan"):
        call_command("add_partnership", "--east", GULOU)
    assert Partnership.objects.count() == 1
    call_command("add_partnership", "--east", "350111000000", "--west", "621126000000",
                 "--years", "2018-2020", "--synthetic", stdout=StringIO())
    p = Partnership.objects.get(east__code="350111000000")
    assert (p.west.name, p.start_year, p.synthetic, p.plan_file) == ("岷县", 2018, True, "")


# --- the data migration: the pair of the loaded plan becomes its partnership record -----------
BEFORE = [("plan", "0002_target_indicator"), ("regions", "0001_initial")]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("with_partnership", [True, False])
def test_the_migration_makes_the_plans_pair_its_partnership_losing_nothing(with_partnership):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE).loader.project_state(BEFORE).apps
        OldArea = old.get_model("regions", "Area")
        OldPartnership = old.get_model("regions", "Partnership")
        OldPlan = old.get_model("plan", "Plan")
        OldTarget = old.get_model("plan", "Target")
        gs = OldArea.objects.create(code="620000000000", name="甘肃省", level="province",
                                    side="west")
        dx = OldArea.objects.create(code=DINGXI, name="定西市", level="city", side="west",
                                    parent=gs)
        lt = OldArea.objects.create(code=LINTAO, name="临洮县", level="county", side="west",
                                    parent=dx)
        fj = OldArea.objects.create(code="350000000000", name="福建省", level="province",
                                    side="east")
        fz = OldArea.objects.create(code=FUZHOU, name="福州市", level="city", side="east",
                                    parent=fj)
        cs = OldArea.objects.create(code=CANGSHAN, name="仓山区", level="county", side="east",
                                    parent=fz)
        if with_partnership:
            OldPartnership.objects.create(east=cs, west=lt, start_year=2017, end_year=2020,
                                          name="仓山·临洮东西部扶贫协作（2017—2020年）")
        plan = OldPlan.objects.create(
            key="cangshan-lintao-2017-2020", name_zh="规划", east_code=CANGSHAN,
            west_code=LINTAO, start_year=2017, end_year=2020,
            source_name="cangshan-lintao-2017-2020.yaml", source_sha256="0" * 64)
        for i in range(3):
            OldTarget.objects.create(plan=plan, key=f"t{i}", chapter=2, side="west",
                                     text_zh="目标", text_en="target", kind="at_least")
        new = _migrate(latest).loader.project_state(latest).apps
        Plan, Partnership_ = new.get_model("plan", "Plan"), new.get_model("regions", "Partnership")
        p = Partnership_.objects.get()
        assert (p.east.code, p.west.code, p.start_year, p.end_year) == (CANGSHAN, LINTAO, 2017,
                                                                        2020)
        assert p.plan_file == "cangshan-lintao-2017-2020.yaml" and not p.synthetic
        assert p.name.startswith("仓山") and "临洮" in p.name and "2017—2020" in p.name
        migrated = Plan.objects.get()
        assert migrated.partnership_id == p.pk and migrated.targets.count() == 3
        assert (migrated.key, migrated.east_code, migrated.west_code) == (
            "cangshan-lintao-2017-2020", CANGSHAN, LINTAO)
        # and back: the link goes, the plan and its targets stay
        back = _migrate(BEFORE).loader.project_state(BEFORE).apps
        assert back.get_model("plan", "Plan").objects.get().targets.count() == 3
    finally:
        _migrate(latest)

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


@pytest.mark.django_db
def test_a_western_county_is_in_one_pair_at_a_time_so_no_city_sum_counts_it_twice(tmp_path):
    call_command("init", verbosity=0)
    # Gulou, another Fuzhou district, cannot take Lintao while Cangshan helps it (2017-2020)
    with pytest.raises(CommandError, match="临洮县已在结对“仓山·临洮.*同一西部县同一年度只能属于一个结对"):
        call_command("add_partnership", "--east", GULOU, "--west", LINTAO, "--years",
                     "2019-2021")
    plan = tmp_path / "gulou-lintao.yaml"  # nor from a plan file of its own
    with open(_plan_path(SYNTHETIC_PLAN), encoding="utf-8") as f:
        plan.write_text(f.read().replace(ANDING, LINTAO), encoding="utf-8")
    with pytest.raises(CommandError, match="同一西部县"):
        call_command("add_partnership", "--plan", str(plan))
    assert Partnership.objects.filter(west__code=LINTAO).count() == 1
    from xiezuo.plan.models import Plan

    assert Plan.objects.count() == 1  # the refused plan file left nothing behind
    # a later period with another eastern partner is a new pair, not a second count
    call_command("add_partnership", "--east", GULOU, "--west", LINTAO, "--years", "2021-2025",
                 "--synthetic", stdout=StringIO())
    assert Partnership.objects.filter(west__code=LINTAO).count() == 2
    # and the first pair is still declared again (load_plan, init) without refusal
    call_command("init", verbosity=0)


# --- the data migration: the pair of the loaded plan becomes its partnership record -----------
BEFORE = [("plan", "0003_target_kind_tracked"), ("regions", "0001_initial")]


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


# --- no leak between partnerships --------------------------------------------------------------
# Pair A is the plan's Cangshan–Lintao; pair B the synthetic Gulou–Anding, each with records in
# every part, each record's name marked with its pair, so that a page or an export showing a
# record of the other pair is caught by its text.
PAIRS = {
    "A": {"east": CANGSHAN, "west": LINTAO, "street": "350104001000",
          "township": "621124100000", "village": "621124100201"},
    "B": {"east": GULOU, "west": ANDING, "street": "350102001000",
          "township": "621102100000", "village": "621102100201"},
}
ROLES = [("county_admin", "west"), ("township_clerk", "township"), ("case_worker", "west"),
         ("fund_officer", "west"), ("east_officer", "east"), ("leadership", "west"),
         ("auditor", "west"), ("east_admin", "east")]


def _mark(pair: str) -> str:
    return f"结对{pair}记录"


def _pair_b_areas(areas) -> None:
    """Pair B's synthetic street, township and village (the reference lists counties only)."""
    from xiezuo.regions.choices import Level, Side

    b = PAIRS["B"]
    gulou, anding = Area.objects.get(code=GULOU), Area.objects.get(code=ANDING)
    areas[b["street"]] = Area.objects.create(code=b["street"], name="合成鼓楼街道",
                                             level=Level.TOWNSHIP, parent=gulou, side=Side.EAST,
                                             synthetic=True)
    areas[b["township"]] = Area.objects.create(code=b["township"], name="合成安定镇",
                                               level=Level.TOWNSHIP, parent=anding,
                                               side=Side.WEST, synthetic=True)
    areas[b["village"]] = Area.objects.create(code=b["village"], name="合成安定村",
                                              level=Level.VILLAGE, parent=areas[b["township"]],
                                              side=Side.WEST, synthetic=True)


def _records(pair: str, p: Partnership, areas, n: int) -> dict[str, set[int]]:
    """One record in every part, in the pair's own counties; returns model label -> pks."""
    import datetime
    import random
    from decimal import Decimal

    from xiezuo.accounts.choices import AuditAction
    from xiezuo.accounts.services import audit_record
    from xiezuo.funds.models import Allocation
    from xiezuo.industry.models import InvestmentProject
    from xiezuo.labour.models import Opening, Placement, Workstation
    from xiezuo.mechanisms.models import JointMeeting, LeadingGroup
    from xiezuo.orgs.testing import employer_org
    from xiezuo.pairing.models import TownPairing
    from xiezuo.registry import crypto, idnumber
    from xiezuo.registry.models import Household, Person
    from xiezuo.talent.models import TrainingClass

    c = PAIRS[pair]
    west = areas[c["west"]]
    street, township, village = areas[c["street"]], areas[c["township"]], areas[c["village"]]
    mark, d = _mark(pair), datetime.date(2018, 5, 1)
    hh = Household.objects.create(county=west, township=township, village=village,
                                  number=f"{pair}0001")
    number = idnumber.generate(random.Random(n), birth_date=datetime.date(1990, 1, n), male=True)
    person = Person.objects.create(
        household=hh, name=mark, id_cipher=crypto.encrypt_id(number),
        id_hash=crypto.id_hash(number), id_masked=crypto.mask_id(number), sex="1",
        birth_date=datetime.date(1990, 1, n), relation="01")
    employer = employer_org(name=f"{mark}东部企业", credit_code="", area=street)
    west_org = employer_org(name=f"{mark}西部合作社", credit_code="", area=township)
    opening = Opening.objects.create(employer=employer, title=f"{mark}岗位", area=street,
                                     wage=Decimal("4000"))
    placement = Placement.objects.create(person=person, employer=employer, opening=opening,
                                         referred_on=d, hired_on=d, status="hired")
    ws = Workstation.objects.create(name=f"{mark}工作站", area=street, opened_on=d)
    alloc = Allocation.objects.create(county=west, year=2018, source="east_fiscal",
                                      amount=Decimal("1000000.00") * n, date=d,
                                      note=mark)
    tc = TrainingClass.objects.create(code=f"{pair}-2018-01", name=f"{mark}培训班",
                                      kind="party_gov", held="west", area=west, start_date=d,
                                      end_date=d)
    group = LeadingGroup.objects.create(partnership=p, side="west", area=west,
                                        name=f"{mark}领导小组", established=d)
    meeting = JointMeeting.objects.create(partnership=p, title=f"{mark}联席会议", date=d,
                                          venue_side="west", place=west.name)
    tp = TownPairing.objects.create(east_town=street, west_township=township, started_on=d,
                                    note=mark)
    project = InvestmentProject.objects.create(code=f"{pair}-P1", name=f"{mark}投资项目",
                                               investor=employer, sector="tcm", area=township,
                                               stage_on=d)
    event = audit_record(actor=None, action=AuditAction.UPDATE, object_repr=mark,
                         area_code=village.code)
    return {"registry.household": {hh.pk}, "registry.person": {person.pk},
            "orgs.organisation": {employer.pk, west_org.pk}, "labour.opening": {opening.pk},
            "labour.placement": {placement.pk}, "labour.workstation": {ws.pk},
            "funds.allocation": {alloc.pk}, "talent.trainingclass": {tc.pk},
            "mechanisms.leadinggroup": {group.pk}, "mechanisms.jointmeeting": {meeting.pk},
            "pairing.townpairing": {tp.pk}, "industry.investmentproject": {project.pk},
            "accounts.auditevent": {event.pk}}


@pytest.fixture
def two_pairs(areas, django_user_model):
    """Pairs A and B with their plans, a record in every part and a user of every role each,
    and the two city offices (Dingxi's, Fuzhou's)."""
    from xiezuo.accounts.choices import Role
    from xiezuo.plan.services import default_plan_text, plan_load

    plan_load(text=default_plan_text(), source="cangshan-lintao-2017-2020.yaml")
    with open(_plan_path(SYNTHETIC_PLAN), encoding="utf-8") as f:
        plan_load(text=f.read(), source=SYNTHETIC_PLAN)
    areas.update({a.code: a for a in Area.objects.filter(level="county")})
    _pair_b_areas(areas)
    pairs = {k: Partnership.objects.get(east__code=PAIRS[k]["east"]) for k in PAIRS}
    records = {k: _records(k, pairs[k], areas, n) for n, k in enumerate(PAIRS, start=1)}
    users = {}
    for k, c in PAIRS.items():
        for name, where in ROLES:
            role = Role.COUNTY_ADMIN if name == "east_admin" else Role(name)
            users[k, name] = django_user_model.objects.create_user(
                f"{k}-{name}", password="pw-test-12345", role=role, scope=areas[c[where]])
    for city in (DINGXI, FUZHOU):
        users["city", city] = django_user_model.objects.create_user(
            f"city-{city}", password="pw-test-12345", role=Role.CITY_OFFICE, scope=areas[city])
    return {"pairs": pairs, "records": records, "users": users}


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


@pytest.mark.parametrize("role", [r for r, _w in ROLES])
def test_no_role_of_one_pair_sees_a_record_of_the_other(two_pairs, role):
    """Through visible_to(user), in every part: pair A's users see none of pair B's records,
    and pair B's none of pair A's (each user sees some of its own pair's)."""
    for mine, other in (("A", "B"), ("B", "A")):
        user = two_pairs["users"][mine, role]
        seen_own = 0
        for label, pks in two_pairs["records"][other].items():
            leaked = set(_model(label).objects.visible_to(user).filter(pk__in=pks)
                         .values_list("pk", flat=True))
            assert not leaked, f"{mine}'s {role} sees {label} {leaked} of pair {other}"
        for label, pks in two_pairs["records"][mine].items():
            seen_own += _model(label).objects.visible_to(user).filter(pk__in=pks).count()
        assert seen_own, f"{mine}'s {role} sees nothing of its own pair"


def test_no_scope_of_one_pair_reaches_into_the_other_pairs_counties(two_pairs):
    """Every scoped model's prefixes for every role of pair A stay out of pair B's two counties
    (the eastern city's common ground is shared; another pair's district is not)."""
    from django.apps import apps

    from xiezuo.regions.scoping import ScopedQuerySet

    b_sides = ("350102", "621102")
    for (pair, role), user in two_pairs["users"].items():
        if pair != "A":
            continue
        for m in apps.get_models():
            qs = m._default_manager.get_queryset()
            if not isinstance(qs, ScopedQuerySet):
                continue
            prefixes = qs.scope_prefixes(user) or []
            into_b = [p for p in prefixes for s in b_sides if p.startswith(s) or s.startswith(p)]
            assert not into_b, f"{m._meta.label} for A's {role} reaches B through {into_b}"


def test_each_city_office_sees_every_pair_of_its_city(two_pairs):
    users, records = two_pairs["users"], two_pairs["records"]
    dingxi, fuzhou = users["city", DINGXI], users["city", FUZHOU]
    assert sorted(dingxi.area_prefixes) == ["350102", "350104", "6211"]
    assert sorted(fuzhou.area_prefixes) == ["3501", "621102", "621124"]
    for user in (dingxi, fuzhou):
        for pair in ("A", "B"):
            for label in ("registry.household", "labour.placement", "funds.allocation",
                          "talent.trainingclass", "mechanisms.jointmeeting",
                          "pairing.townpairing", "industry.investmentproject",
                          "orgs.organisation"):
                pks = records[pair][label]
                assert _model(label).objects.visible_to(user).filter(pk__in=pks).exists(), \
                    (user.username, pair, label)


PAGES = ["registry:household_list", "registry:person_list", "orgs:organisation_list",
         "labour:opening_list", "labour:placement_list", "labour:workstation_list",
         "funds:allocation_list", "talent:class_list", "mechanisms:meeting_list",
         "mechanisms:group_list", "pairing:town_list", "industry:project_list",
         "accounts:audit_list"]


@pytest.mark.parametrize("role", [r for r, _w in ROLES])
def test_no_page_export_or_api_answer_of_one_pair_shows_the_other(client, two_pairs, role):
    other, own = _mark("B"), _mark("A")
    client.force_login(two_pairs["users"]["A", role])
    checked = own_seen = 0
    for name, query, text in _pages_and_exports(client):
        assert other not in text, f"A's {role} sees pair B on {name}{query}"
        checked += 1
        own_seen += own in text
    for api in ("/api/registry/households", "/api/registry/persons", "/api/plan/targets"):
        r = client.get(api)
        if r.status_code == 200:
            assert other not in r.content.decode(), (role, api)
    assert checked and own_seen, (checked, own_seen)


def _pages_and_exports(client):
    """(name, query, text) of each page of PAGES the signed-in user may open and of its Excel
    export (the workbook's cells as text); a page refused (403/404) is skipped, any other
    answer than 200 fails."""
    from django.urls import NoReverseMatch, reverse

    for name in PAGES:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        for query in ("", "?format=xlsx"):
            r = client.get(url + query)
            if r.status_code in (403, 404):
                continue
            assert r.status_code == 200, (name, query, r.status_code)
            body = b"".join(r.streaming_content) if r.streaming else r.content
            yield name, query, _xlsx_text(body) if query else body.decode()


def _xlsx_text(data: bytes) -> str:
    import io

    from openpyxl import load_workbook

    if not data.startswith(b"PK"):
        return data.decode("utf-8", "replace")
    wb = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                     for v in row if v is not None)


# --- a third pair in two other cities: the city offices see their own cities' pairs only ------
XIAMEN, SIMING, LONGNAN, CHENGXIAN = "350200000000", "350203000000", "621200000000", "621221000000"
PAIR_C = {"east": SIMING, "west": CHENGXIAN, "street": "350203001000",
          "township": "621221100000", "village": "621221100201"}
#: every role of accounts' choices: the pair roles above and the two city offices of each side
ALL_ROLES = [r for r, _w in ROLES if r != "east_admin"] + ["city_office"]


@pytest.fixture
def three_pairs(two_pairs, areas, django_user_model):
    """two_pairs, and pair C (思明区–成县, synthetic) in two other cities, with a record in every
    part, a user of every role and its two city offices (厦门市, 陇南市)."""
    from xiezuo.accounts.choices import Role
    from xiezuo.regions.choices import Level, Side
    from xiezuo.regions.services import partnership_declare

    fujian, gansu = Area.objects.get(code="350000000000"), Area.objects.get(code="620000000000")
    for code, name, level, parent, side in (
            (XIAMEN, "合成厦门市", Level.CITY, fujian, Side.EAST),
            (SIMING, "合成思明区", Level.COUNTY, XIAMEN, Side.EAST),
            (PAIR_C["street"], "合成思明街道", Level.TOWNSHIP, SIMING, Side.EAST),
            (LONGNAN, "合成陇南市", Level.CITY, gansu, Side.WEST),
            (CHENGXIAN, "合成成县", Level.COUNTY, LONGNAN, Side.WEST),
            (PAIR_C["township"], "合成成县镇", Level.TOWNSHIP, CHENGXIAN, Side.WEST),
            (PAIR_C["village"], "合成成县村", Level.VILLAGE, PAIR_C["township"], Side.WEST)):
        parent = areas[parent] if isinstance(parent, str) else parent
        areas[code] = Area.objects.create(code=code, name=name, level=level, parent=parent,
                                          side=side, synthetic=True)
    PAIRS["C"] = PAIR_C
    try:
        pc, _ = partnership_declare(east_code=SIMING, west_code=CHENGXIAN, start_year=2017,
                                    end_year=2020, synthetic=True)
        two_pairs["pairs"]["C"] = pc
        two_pairs["records"]["C"] = _records("C", pc, areas, 3)
        users = two_pairs["users"]
        for name, where in ROLES:
            role = Role.COUNTY_ADMIN if name == "east_admin" else Role(name)
            users["C", name] = django_user_model.objects.create_user(
                f"C-{name}", password="pw-test-12345", role=role, scope=areas[PAIR_C[where]])
        for city in (XIAMEN, LONGNAN):
            users["city", city] = django_user_model.objects.create_user(
                f"city-{city}", password="pw-test-12345", role=Role.CITY_OFFICE,
                scope=areas[city])
        yield two_pairs
    finally:
        PAIRS.pop("C")


def test_the_leak_tests_cover_every_role():
    from xiezuo.accounts.choices import Role

    assert set(ALL_ROLES) == set(Role.values)


def _users_of(users, pair: str, role: str) -> list:
    """The users of `role` working in `pair`: the pair's own, or for city_office the offices of
    the pair's two cities (each side's)."""
    if role != "city_office":
        return [users[pair, role]] + ([users[pair, "east_admin"]] if role == "county_admin"
                                      else [])
    cities = {"A": (DINGXI, FUZHOU), "B": (DINGXI, FUZHOU), "C": (LONGNAN, XIAMEN)}[pair]
    return [users["city", c] for c in cities]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_no_user_of_any_role_sees_a_record_of_a_pair_outside_its_reach(three_pairs, role):
    """Every role, the city offices of each side included: pair C's users (and C's cities'
    offices) see nothing of pairs A and B, and A's and B's users and their cities' offices
    nothing of C; each sees some records of its own pair."""
    users, records = three_pairs["users"], three_pairs["records"]
    for mine, others in (("A", ("C",)), ("B", ("C",)), ("C", ("A", "B"))):
        for user in _users_of(users, mine, role):
            for other in others:
                for label, pks in records[other].items():
                    leaked = set(_model(label).objects.visible_to(user).filter(pk__in=pks)
                                 .values_list("pk", flat=True))
                    assert not leaked, f"{user.username} sees {label} {leaked} of pair {other}"
            seen = sum(_model(label).objects.visible_to(user).filter(pk__in=pks).count()
                       for label, pks in records[mine].items())
            assert seen, f"{user.username} sees nothing of its own pair {mine}"


@pytest.mark.parametrize("city", [DINGXI, FUZHOU, XIAMEN, LONGNAN])
def test_no_page_or_export_of_a_city_office_shows_another_citys_pair(client, three_pairs, city):
    client.force_login(three_pairs["users"]["city", city])
    theirs = (_mark("C"),) if city in (DINGXI, FUZHOU) else (_mark("A"), _mark("B"))
    checked = 0
    for name, query, text in _pages_and_exports(client):
        assert not [m for m in theirs if m in text], (city, name, query)
        checked += 1
    assert checked


# --- the city dashboard: the sum of its pairs ---------------------------------------------------
@pytest.mark.parametrize("city", [DINGXI, FUZHOU])
def test_the_city_figure_is_the_sum_of_its_pairs_figures(two_pairs, city):
    """Each city office's figure of a target and year is the sum of what each pair's own
    leadership group sees for its pair; the pairs' figures differ, so a mix-up shows."""
    from decimal import Decimal

    from xiezuo.plan.city import city_evaluate
    from xiezuo.plan.evaluation import evaluate

    users = two_pairs["users"]
    result = city_evaluate(user=users["city", city])
    assert [plan.partnership for plan, _r in result.pairs] == [two_pairs["pairs"]["A"],
                                                               two_pairs["pairs"]["B"]]
    own = {}
    for pair, (plan, _r) in zip(("A", "B"), result.pairs, strict=True):
        own[plan.pk] = {r.target.key: r for r in evaluate(plan, user=users[pair, "leadership"])
                        .targets}
    rows = {row.key: row for row in result.rows}
    for key in ("poor-exit", "workers-transferred", "funds-minimum", "joint-meeting"):
        row = rows[key]
        for year in (2017, 2018, 2019):
            figures = [own[pk][key].years[year].shown for pk in row.by_pair]
            expected = sum((f for f in figures if f is not None), Decimal(0)) \
                if any(f is not None for f in figures) else None
            assert row.value(year) == expected, (key, year)
    # the records behind them: 1,000,000 yuan for A and 2,000,000 for B in 2018; one transfer
    # and one joint meeting each; one registered person each
    assert rows["funds-minimum"].value(2018) == Decimal("3000000")
    assert rows["workers-transferred"].value(2018) == 2
    assert rows["joint-meeting"].value(2018) == 2
    assert rows["poor-exit"].required(2020) == 2
    a, b = (r for _p, r in result.pairs)
    assert {t.target.key: t for t in a.targets}["funds-minimum"].years[2018].shown == 1000000
    assert {t.target.key: t for t in b.targets}["funds-minimum"].years[2018].shown == 2000000
    assert result.counts(2018) == {s: a.counts(2018).get(s, 0) + b.counts(2018).get(s, 0)
                                   for s in set(a.counts(2018)) | set(b.counts(2018))}


def test_the_city_page_drills_down_to_each_pairs_own_dashboard(client, two_pairs):
    user = two_pairs["users"]["city", DINGXI]
    client.force_login(user)
    r = client.get("/plan/city/?year=2018")
    assert r.status_code == 200
    html = r.content.decode()
    assert "?plan=cangshan-lintao-2017-2020" in html
    assert "?plan=synthetic-gulou-anding-2017-2020" in html and "合成" in html
    r = client.get("/plan/?plan=synthetic-gulou-anding-2017-2020&year=2018")
    assert r.status_code == 200 and r.context["plan"].key == "synthetic-gulou-anding-2017-2020"
    row = next(rr for ch in r.context["chapters"] for rr, _yr in ch["rows_year"]
               if rr.target.key == "funds-minimum")
    assert row.years[2018].shown == 2000000  # pair B's alone, not the city's 3,000,000
    # the choice holds on the plan's other pages
    assert client.get("/plan/targets/funds-minimum/").context["plan"].key.startswith("synthetic")
    # a county user of pair A cannot open pair B's plan, and has its own by default
    client.force_login(two_pairs["users"]["A", "county_admin"])
    assert client.get("/plan/?plan=synthetic-gulou-anding-2017-2020").status_code == 404
    assert client.get("/plan/").context["plan"].key == "cangshan-lintao-2017-2020"
    client.force_login(two_pairs["users"]["B", "county_admin"])
    assert client.get("/plan/").context["plan"].key == "synthetic-gulou-anding-2017-2020"
    assert client.get("/plan/city/").status_code == 200


# --- imports name their pair: never the first pair's county by default --------------------------
def _command(name: str, *args) -> tuple[int, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command(name, *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as e:
        code = e.code
    return code, out.getvalue() + err.getvalue()


def _b_roster(roster, path):
    rows = roster.household("B1", 2, **{"县": "安定区", "乡(镇)": "合成安定镇", "行政村": "合成安定村"})
    return roster.write_xlsx(path, rows)


def _b_trainees(path):
    from xiezuo.tabular.testing.templates import fill_template
    from xiezuo.talent.imports import TraineeImport

    path.write_bytes(fill_template(TraineeImport, [
        {"class_code": "B-2018-01", "name": "合成学员", "sex": "女", "unit": "安定区医院",
         "township": "合成安定镇", "completed": "是"}]))
    return path


def _b_donations(path):
    from xiezuo.pairing.imports import DonationImport
    from xiezuo.tabular.testing.templates import fill_template

    path.write_bytes(fill_template(DonationImport, [
        {"date": "2019-09-01", "donor_name": "合成捐赠人", "category": "个人", "kind": "资金",
         "amount": 300, "purpose": "捐资助学", "township": "合成安定镇"}]))
    return path


def _b_population(path):
    path.write_text("区划代码,地区名称,农业人口,年份\n,合成安定镇,5000,2018\n", encoding="utf-8")
    return path


def _area_of(label: str, field: str = "area"):
    """(records in all, records in pair B's western county)."""
    return lambda: (_model(label).objects.count(),
                    _model(label).objects.filter(**{f"{field}__code__startswith": "621102"})
                    .count())


IMPORTS = {  # command: (file builder, where its records land)
    "import_roster": (lambda roster, p: _b_roster(roster, p / "b.xlsx"),
                      _area_of("registry.household", "county")),
    "import_trainees": (lambda roster, p: _b_trainees(p / "t.xlsx"),
                        _area_of("talent.trainee")),
    "import_donations": (lambda roster, p: _b_donations(p / "d.xlsx"),
                         _area_of("pairing.donation")),
    "import_population": (lambda roster, p: _b_population(p / "p.csv"),
                          _area_of("registry.areapopulation")),
}


@pytest.mark.parametrize("command", list(IMPORTS))
def test_an_import_command_with_two_pairs_takes_the_pair_named_and_never_guesses(
        two_pairs, roster, tmp_path, command):
    build, landed = IMPORTS[command]
    path = str(build(roster, tmp_path))
    before = landed()
    code, text = _command(command, path, "--json")
    # refused (the roster, trainees, donations) or its rows by name rejected (population):
    # either way with both pairs named as the choices, and nothing stored
    assert "仓山区—临洮县（621124）" in text and "鼓楼区—安定区（621102）" in text, text
    assert "--partnership" in text and landed() == before
    assert code == (0 if command == "import_population" else 2)
    # named by the pair (a county's name), its id, or the western county's code
    for option in (("--partnership", "安定区"), ("--partnership", str(two_pairs["pairs"]["B"].pk)),
                   ("--county", "621102")):
        code, text = _command(command, path, "--dry-run", *option)
        assert code == 0 and "0 rejected" in text, (option, text)
    code, text = _command(command, path, "--partnership", "鼓楼区")
    assert code == 0, text
    (total, in_b), (total0, in_b0) = landed(), before
    assert total > total0 and total - total0 == in_b - in_b0, (before, landed())
    code, text = _command(command, path, "--partnership", "没有这个")
    assert code == 2 and "没有“没有这个”这个协作关系" in text and "鼓楼区—安定区" in text


def test_the_import_county_of_every_user_is_its_own_pairs_and_a_city_office_must_choose(
        two_pairs):
    from xiezuo.regions.selectors import import_county
    from xiezuo.tabular.errors import FileRefused

    users = two_pairs["users"]
    for pair, west in (("A", LINTAO), ("B", ANDING)):
        for role, _where in ROLES:
            assert import_county(users[pair, role]).code == west, (pair, role)
    for city in (DINGXI, FUZHOU):
        with pytest.raises(FileRefused, match="2 个协作关系"):
            import_county(users["city", city])
        assert import_county(users["city", city], partnership="临洮县").code == LINTAO
    with pytest.raises(FileRefused, match="--partnership"):
        import_county(None)


@pytest.mark.django_db
def test_with_one_pair_an_import_needs_no_choice(areas):
    from xiezuo.regions.selectors import import_county

    assert import_county(None).code == LINTAO


# --- a list opened from a city figure shows the pairs the figure counts -------------------------
def _unpair(url: str) -> str:
    import re

    return re.sub(r"[?&]pair=[\d,]+$", "", url)


@pytest.mark.parametrize("city", [DINGXI, FUZHOU])
def test_a_list_opened_from_a_city_figure_totals_the_figure_not_the_whole_city(
        client, two_pairs, areas, city):
    import datetime
    from decimal import Decimal

    from xiezuo.funds.models import Allocation

    # money of Min County, a Dingxi county in no pair: Dingxi's office sees it on its lists
    Allocation.objects.create(county=areas["621126000000"], year=2018, source="east_fiscal",
                              amount=Decimal("5000000.00"), date=datetime.date(2018, 5, 1))
    client.force_login(two_pairs["users"]["city", city])
    r = client.get("/plan/city/?year=2018")
    row = next(x for x in r.context["rows"] if x["row"].key == "funds-minimum")
    assert row["value"] == Decimal("3000000") and "pair=" in row["url"]
    opened = client.get(row["url"])
    assert opened.status_code == 200 and opened.context["total"] == row["value"]
    html = opened.content.decode()
    assert "data-pair-narrowed" in html and "仓山·临洮" in html and "合成" in html
    # each pair's own figure opens its own list, whose total is that figure
    for result in row["row"].by_pair.values():
        yr = result.years[2018]
        assert f'href="{yr.drill_url.replace("&", "&amp;")}"' in r.content.decode()
        assert client.get(yr.drill_url).context["total"] == yr.shown
    # the same list without the narrowing is the office's whole reach (Dingxi: Min County too)
    whole = client.get(_unpair(row["url"])).context["total"]
    assert whole == (Decimal("8000000") if city == DINGXI else Decimal("3000000"))


def test_a_pairs_dashboard_opened_by_a_city_office_links_to_that_pairs_list(client, two_pairs):
    client.force_login(two_pairs["users"]["city", DINGXI])
    r = client.get("/plan/?plan=synthetic-gulou-anding-2017-2020&year=2018")
    yr = next(rr for ch in r.context["chapters"] for rr, _yr in ch["rows_year"]
              if rr.target.key == "funds-minimum").years[2018]
    assert yr.drill_url.endswith(f"pair={two_pairs['pairs']['B'].pk}")
    assert client.get(yr.drill_url).context["total"] == yr.shown == 2000000


def test_the_pair_narrowing_never_widens_a_users_reach(client, two_pairs):
    from decimal import Decimal

    a, b = two_pairs["pairs"]["A"], two_pairs["pairs"]["B"]
    client.force_login(two_pairs["users"]["A", "fund_officer"])
    assert client.get(f"/funds/allocations/?pair={a.pk}").context["total"] == Decimal("1000000")
    # another pair's id (or an unknown one) leaves the list empty, never shows pair B
    for query in (f"pair={b.pk}", "pair=99999", f"pair={a.pk},{b.pk}"):
        total = client.get(f"/funds/allocations/?{query}").context["total"]
        assert total == (Decimal("1000000") if str(a.pk) in query.split("=")[1].split(",")
                         else 0), query

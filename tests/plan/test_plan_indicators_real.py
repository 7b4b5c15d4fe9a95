"""The plan against the parts' real selectors on real rows: every figure computed from records
equals the total of the list it links to, and every drill-down link resolves.

No hand-written selector answers here: households, placements, fairs, graduates, interns,
workstations, allocations and disbursements are written to the database and the dashboard
counts them through each part's indicators.py.
"""

import datetime
import json
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import resolve

from xiezuo.plan.evaluation import SOURCE_RECORDS, evaluate
from xiezuo.regions.reference import CANGSHAN, LINTAO, TAOYANG  # noqa: F401
from xiezuo.registry.choices import ExitStatus, Relation

FINAL = datetime.date(2021, 1, 1)
T_VILLAGE = "621124100201"  # 测试洮阳镇1村 (deep poverty)
T_VILLAGE_2 = "621124100202"
CANGSHAN_STREET = "350104001000"


def _household(areas, village, number, n, *, status, year, seed):
    import random

    from xiezuo.registry import crypto, idnumber
    from xiezuo.registry.models import Household, Person

    v = areas[village]
    hh = Household.objects.create(county=v.parent.parent, township=v.parent, village=v,
                                  number=number, size=n, exit_status=status, exit_year=year)
    rng = random.Random(seed)
    for i in range(n):
        born = datetime.date(1960 + rng.randrange(30), 1 + rng.randrange(12), 1 + rng.randrange(28))
        number_ = idnumber.generate(rng, birth_date=born, male=i % 2 == 0)
        Person.objects.create(household=hh, name=f"{number}成员{i}", relation=(
            Relation.HEAD if i == 0 else Relation.SON), sex="男" if i % 2 == 0 else "女",
            birth_date=born, id_cipher=crypto.encrypt_id(number_),
            id_hash=crypto.id_hash(number_), id_masked=crypto.mask_id(number_),
            number=f"{number}-{i + 1:02d}")
    return hh


@pytest.fixture
def exits_2018(areas):
    """The issue's case: three 2018 households, 4 and 3 people 已脱贫 and 2 people 返贫."""
    return [
        _household(areas, T_VILLAGE, "E001", 4, status=ExitStatus.EXITED, year=2018, seed=1),
        _household(areas, T_VILLAGE, "E002", 3, status=ExitStatus.EXITED_SUPPORTED, year=2018,
                   seed=2),
        _household(areas, T_VILLAGE_2, "E003", 2, status=ExitStatus.RETURNED, year=2018, seed=3),
    ]


@pytest.fixture
def records(areas, users, exits_2018, employer_org):
    """A few rows in every part the plan counts."""
    import random

    from xiezuo.funds import services as funds
    from xiezuo.funds.choices import Category, Source
    from xiezuo.labour.choices import FairKind, PlacementStatus
    from xiezuo.labour.models import Graduate, Intern, JobFair, Placement, Workstation
    from xiezuo.orgs import creditcode as credit_code

    _household(areas, T_VILLAGE, "E004", 5, status=ExitStatus.EXITED, year=2019, seed=4)
    _household(areas, T_VILLAGE_2, "N001", 2, status=ExitStatus.NOT_EXITED, year=None, seed=5)
    east = employer_org(name="福州测试制衣", area=areas[CANGSHAN_STREET],
                                   credit_code=credit_code.generate(random.Random(1),
                                                                    division="350104"))
    west = employer_org(name="临洮本地企业", area=areas[T_VILLAGE],
                                   credit_code=credit_code.generate(random.Random(2),
                                                                    division="621124"))
    people = [p for hh in exits_2018 for p in hh.members.all()]
    cw = users["case_worker"]

    def hire(person, employer, day):
        Placement.objects.create(person=person, employer=employer, referred_on=day, hired_on=day,
                                 status=PlacementStatus.HIRED, created_by=cw)

    hire(people[0], east, datetime.date(2018, 3, 1))
    hire(people[0], east, datetime.date(2019, 5, 1))  # the same person again: counted once
    hire(people[1], east, datetime.date(2018, 7, 1))
    hire(people[2], east, datetime.date(2019, 2, 1))
    hire(people[3], west, datetime.date(2018, 4, 1))  # not in the east: not counted
    for day in (datetime.date(2017, 2, 20), datetime.date(2018, 2, 25), datetime.date(2018, 8, 9)):
        JobFair.objects.create(name=f"招聘会{day}", kind=FairKind.SPRING, date=day,
                               place="临洮县城", area=areas[LINTAO])
    Workstation.objects.create(name="临洮驻仓山劳务工作站", area=areas[CANGSHAN],
                               opened_on=datetime.date(2017, 9, 1))
    Workstation.objects.create(name="已撤销的工作站", area=areas[CANGSHAN],
                               opened_on=datetime.date(2017, 1, 1),
                               closed_on=datetime.date(2017, 6, 1))
    for i, (where, day) in enumerate(((CANGSHAN_STREET, datetime.date(2018, 7, 1)),
                                      (CANGSHAN_STREET, datetime.date(2019, 7, 1)),
                                      (T_VILLAGE, datetime.date(2018, 7, 1)))):
        Graduate.objects.create(name=f"毕业生{i}", home_area=areas[T_VILLAGE], university="兰州大学",
                                graduation_year=day.year, work_area=areas[where], employed_on=day)
        Intern.objects.create(name=f"实习生{i}", home_area=areas[T_VILLAGE], school="临洮职校",
                              work_area=areas[CANGSHAN_STREET], started_on=day)
    officer = users["fund_officer"]
    for year, amount, source in ((2018, "5200000.00", Source.EAST_FISCAL),
                                 (2018, "300000.00", Source.DONATION),
                                 (2019, "4000000.00", Source.EAST_FISCAL)):
        funds.allocation_record(actor=officer, county=areas[LINTAO], year=year, source=source,
                                amount=amount, date=datetime.date(year, 3, 1), document_no="文",
                                donor="仓山区")
    wrong = funds.allocation_record(actor=officer, county=areas[LINTAO], year=2018,
                                    source=Source.EAST_FISCAL, amount="100000.00",
                                    date=datetime.date(2018, 4, 1), document_no="错", donor="仓山区")
    funds.allocation_reverse(actor=officer, allocation=wrong, reason="重复录入")
    deep = funds.project_create(actor=officer, code="P-1", name="深度贫困村道路", category=Category.ROAD,
                                year=2018, villages=[areas[T_VILLAGE]], budget="300000")
    other = funds.project_create(actor=officer, code="P-2", name="饮水", category=Category.WATER,
                                 year=2018, villages=[areas[T_VILLAGE_2]], budget="300000")
    for project, amount in ((deep, "100000"), (other, "300000")):
        funds.disbursement_post(actor=officer, project=project, amount=amount,
                                date=datetime.date(2018, 6, 1), payee="某公司", voucher_no="V")
    # ch.4.2–4.3: a campaign reaching two villages and a household (a second family not met),
    # and two courses with one person on both (3 places, 2 people)
    from xiezuo.labour.outreach.models import Campaign, HouseholdReach, VillageDelivery
    from xiezuo.labour.training.models import Course, CourseTrainee
    from xiezuo.orgs.choices import OrgKind, OrgRole
    from xiezuo.orgs.choices import Side as OrgSide
    from xiezuo.orgs.models import Organisation, OrganisationRole

    campaign = Campaign.objects.create(county=areas[LINTAO], title="雨露计划", kind="policy",
                                       year=2019, started_on=datetime.date(2019, 3, 1))
    for code in (T_VILLAGE, T_VILLAGE_2):
        VillageDelivery.objects.create(campaign=campaign, village=areas[code], channel="cadres",
                                       date=datetime.date(2019, 3, 5), deliverer="村支书")
    for hh, result in ((exits_2018[0], "reached"), (exits_2018[1], "not_home")):
        HouseholdReach.objects.create(campaign=campaign, household=hh, method="visit",
                                      result=result, date=datetime.date(2019, 3, 6))
    base = Organisation.objects.create(name="福州职业技术学院", kind=OrgKind.SCHOOL,
                                       side=OrgSide.EAST, area=areas["350100000000"])
    OrganisationRole.objects.create(organisation=base, role=OrgRole.TRAINING_BASE)
    courses = [Course.objects.create(county=areas[LINTAO], base=base, title=t, kind="skills",
                                     starts_on=datetime.date(2019, m, 1),
                                     ends_on=datetime.date(2019, m + 1, 1), place="福州")
               for t, m in (("电工班", 3), ("焊工班", 9))]
    for course, person in ((courses[0], people[0]), (courses[1], people[0]),
                           (courses[1], people[1])):
        CourseTrainee.objects.create(course=course, person=person,
                                     enrolled_on=course.starts_on)
    # ch.8: the cadres seconded each way, counted by the year their batch was sent
    from xiezuo.mechanisms import services as mechanisms
    from xiezuo.regions.reference import default_partnership

    for name, direction, start in (("甲", "east_to_west", datetime.date(2017, 7, 1)),
                                   ("乙", "east_to_west", datetime.date(2017, 7, 1)),
                                   ("丙", "west_to_east", datetime.date(2018, 3, 1))):
        mechanisms.secondment_create(
            actor=None, partnership=default_partnership(), batch=1, direction=direction,
            person_name=name, level="section", home_unit="派出单位", home_post="科长",
            host_unit="挂职单位", host_post="副局长", start=start,
            end=start.replace(year=start.year + 2) - datetime.timedelta(days=1))
    # ch.3: the eastern employer invests (a project signed in 2018, money in 2018 and 2019),
    # linked to the 2018 households E001 (4 persons, two linkages in 2018: once) and E002 (3);
    # a 2019 sale supplied by both
    from xiezuo.industry import services as industry
    from xiezuo.industry.choices import BuyerKind, Channel, LinkageKind, Sector, Stage

    p = industry.project_create(actor=None, code="LT-T1", name="测试马铃薯项目", investor=east,
                                sector=Sector.POTATO, area=areas[TAOYANG], stage=Stage.SIGNED,
                                stage_on=datetime.date(2018, 5, 18),
                                contracted_amount=Decimal("5000000"))
    for year, amount in ((2018, "1200000.00"), (2019, "800000.50")):
        industry.arrival_create(actor=None, project=p, year=year,
                                date=datetime.date(year, 6, 1), amount=Decimal(amount))
    e001, e002 = exits_2018[0], exits_2018[1]
    for hh, kind, year in ((e001, LinkageKind.WAGES, 2018), (e001, LinkageKind.DIVIDEND, 2018),
                           (e002, LinkageKind.WAGES, 2018), (e001, LinkageKind.WAGES, 2019)):
        industry.linkage_create(actor=None, project=p, household=hh, kind=kind, year=year,
                                amount=Decimal("3000"))
    industry.sale_create(actor=None, date=datetime.date(2019, 6, 1), product="马铃薯",
                         township=areas[TAOYANG], buyer=east, buyer_kind=BuyerKind.CANTEEN,
                         channel=Channel.CANTEEN_UNION, quantity=Decimal("100"), unit="公斤",
                         amount=Decimal("1500.00"), supplier=west, households=[e001, e002])


def _list_total(html: str, ind=None) -> Decimal:
    """The total a list page shows: 共 N 人/户/场/个…, 合计 N 元, or the share on the page.
    The people (M 人) of a list of households or of places come first for an indicator that
    counts people (a sum of persons, distinct persons); a plain count reads the rows' total."""
    persons = r'id="list-persons">([\d,]+) 人<'
    rest = (r'id="list-sum">合计 ([\d,.]+) 元<', r'id="list-total">共 ([\d,]+) \S+<',
            r'id="deep-share">([\d.]+)%<')
    people = ind is None or ind.sum_field or ind.count_field == "person"
    for pattern in ((persons, *rest) if people else (*rest, persons)):
        m = re.search(pattern, html)
        if m:
            return Decimal(m.group(1).replace(",", ""))
    raise AssertionError("no total on the page")


def test_exits_count_persons_and_link_to_those_persons(client, users, plan, exits_2018):
    r = {x.target.key: x for x in evaluate(plan, user=users["county_admin"], as_of=FINAL)
         .targets}["poor-exit"]
    assert r.source == SOURCE_RECORDS
    y = r.years[2018]
    assert y.value == 7  # 4 + 3 persons 已脱贫; the 返贫 household's 2 are not exits
    assert y.drill_url == "/registry/?exit_status=exited&exit_year=2018"
    client.force_login(users["county_admin"])
    html = client.get(y.drill_url).content.decode()
    # the two exited households and their 7 persons; not the 返贫 one
    assert 'id="list-total">共 2 户</span>，<span id="list-persons">7 人<' in html
    assert "E001" in html and "E002" in html and "E003" not in html
    # The persons list with the same filter lists the same 7 persons.
    html = client.get("/registry/persons/?exit_status=exited&exit_year=2018").content.decode()
    assert 'id="list-total">共 7 人<' in html
    # The dashboard shows the figure with that link.
    page = client.get("/plan/?year=2018").content.decode()
    assert re.search(r'href="/registry/\?exit_status=exited&amp;exit_year=2018"[^>]*>'
                     r'\s*7\s*<', page), "the dashboard's 7 links to the households of the 7"


def test_every_figure_from_records_equals_the_total_of_its_list(client, users, plan, records):
    """For every role that reads the dashboard, every figure computed from records links to a
    list (through the part's own selector and filters) whose total is that figure."""
    from xiezuo.plan.indicators import find

    checked = set()
    for role in ("county_admin", "township_clerk", "leadership"):
        user = users[role]
        client.force_login(user)
        result = evaluate(plan, user=user, as_of=FINAL)
        for r in result.targets:
            if r.source != SOURCE_RECORDS:
                continue
            for yr in r.years.values():
                if yr.value is None:
                    continue
                assert yr.drill_url, (r.target.key, yr.year)
                resolve(yr.drill_url.split("?")[0])  # raises Resolver404 if the link is dead
                response = client.get(yr.drill_url)
                if response.status_code == 403:  # a list the role may not open: no link
                    continue
                assert response.status_code == 200, (role, yr.drill_url)
                ind = find(r.target.indicator)
                shown = _list_total(response.content.decode(), ind)
                # to the places the page shows (a share: 25.0%; money: 5,200,000.00 元)
                places = Decimal(1).scaleb(shown.as_tuple().exponent)
                assert shown == yr.value.quantize(places), (
                    role, r.target.key, yr.year, yr.drill_url, shown, yr.value)
                checked.add(r.target.indicator)
                if ind.compute is None and ind.shape != "stock":
                    # one year read alone through the list's selector: the same figure
                    assert ind.value(user=user, year=yr.year) == yr.value
    # Every indicator the plan file uses was checked on rows (all nine from three parts).
    from xiezuo.plan.models import Target

    used = set(Target.objects.exclude(indicator="").values_list("indicator", flat=True))
    assert used <= checked, used - checked
    assert {"registry", "labour", "funds", "mechanisms", "industry"} <= {
        k.split(".")[0] for k in checked}


def test_the_figures_are_the_rows_written(users, plan, records):
    r = {x.target.key: x for x in evaluate(plan, user=users["county_admin"], as_of=FINAL)
         .targets}

    def values(key):
        return [r[key].years[y].value for y in (2017, 2018, 2019, 2020)]

    assert values("poor-exit") == [None, 7, 5, None]
    assert r["poor-exit"].required == 16  # every registered person
    assert values("workers-transferred") == [None, 2, 1, None]  # person 0 once, in 2018
    assert values("job-fairs") == [1, 2, None, None]
    assert values("graduates-employed") == [None, 1, 1, None]  # not the one working at home
    assert values("interns-placed") == [None, 2, 1, None]
    assert values("funds-minimum") == [None, Decimal("5200000.00"), Decimal("4000000.00"), None]
    assert r["labour-workstation"].years[2020].value == 1  # the closed one is not counted
    assert values("deep-poverty-lean")[1] == Decimal("25.0000")  # 100,000 of 400,000
    # ch.3, tracked: no status, the trend against the year before
    assert values("industry-enterprises") == [None, 1, None, None]
    assert values("industry-invested") == [None, Decimal("1200000.00"), Decimal("800000.50"),
                                           None]
    assert values("industry-poor-lifted") == [None, 7, 4, None]  # persons, each household once
    assert values("consumption-sales")[2] == Decimal("1500.00")
    assert values("consumption-households")[2] == 2
    lifted = r["industry-poor-lifted"]
    assert lifted.tracked and lifted.required_label == "逐年跟踪（规划未定数）"
    assert [lifted.years[y].trend for y in (2018, 2019)] == ["", "down"]
    assert {lifted.years[y].status for y in (2017, 2018, 2019, 2020)} == {"na"}
    assert not r["consumption-sales"].years[2018].applies  # assessed from 2019


def test_every_drill_down_url_of_every_indicator_resolves(db):
    """Each part's indicators link to a page that exists (reverse() must succeed)."""
    from xiezuo.plan.indicators import all_indicators

    indicators = all_indicators()
    assert len(indicators) >= 9
    for key, ind in indicators.items():
        url = ind.url(2018)
        assert url, key
        assert resolve(url.split("?")[0]).url_name == ind.url_name.split(":")[1], key


def test_without_parts_the_plan_counts_nothing_from_records(users, plan, records, no_parts):
    """The reverse check: with the indicators gone, no target claims to be from records."""
    result = evaluate(plan, user=users["county_admin"], as_of=FINAL)
    assert not [r for r in result.targets if r.source == SOURCE_RECORDS]


def test_the_plain_figures_are_counted_together_in_one_query(users, records,
                                                             django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    """core.indicators.answer_together: every part's plain count or sum (batchable) in one
    UNION ALL query, each answer equal to the indicator's own per_year (its list's grouped
    count), for every role's scope."""
    from xiezuo.core.indicators import answer_together, one_evaluation
    from xiezuo.plan.indicators import all_indicators

    batchable = [i for i in all_indicators().values() if i.batchable]
    assert {i.key.split(".")[0] for i in batchable} >= {
        "registry", "labour", "funds", "talent", "pairing", "mechanisms"}
    for role in ("county_admin", "township_clerk", "east_officer", "leadership"):
        user = users[role]
        alone = {i.key: i.per_year(user=user) for i in batchable}
        with one_evaluation():
            with CaptureQueriesContext(connection) as ctx:
                assert answer_together(batchable, user=user) == len(batchable)
            # one query, and the partnerships and eastern counties the scopes read (once)
            asked = [q["sql"] for q in ctx.captured_queries
                     if not q["sql"].startswith(('SELECT "regions_partnership"',
                                                 'SELECT "regions_area"."code" AS "code", '
                                                 'T2."code" AS "parent__code"'))]
            assert len(asked) == 1 and " UNION ALL " in asked[0], (role, asked)
            with django_assert_num_queries(0):
                together = {i.key: i.per_year(user=user) for i in batchable}
                assert answer_together(batchable, user=user) == 0  # asked once
        assert together == alone, role
    assert alone["funds.east_fiscal"] == {2018: Decimal("5200000.00"),
                                          2019: Decimal("4000000.00")}


def test_the_one_query_is_built_once_per_scope_and_its_figures_counted_afresh(
        users, records, areas, monkeypatch):
    """core.indicators keeps the compiled UNION ALL by the indicators, the reader's scope, the
    day and the partnerships (building it is most of a cold dashboard's Python): a second
    evaluation runs the kept query, whose answers equal a fresh build's and each indicator's own
    per_year for every role; a record added later is counted (only the SQL is kept, never a
    figure); another partnership builds anew; a build that read the database is not kept."""
    import dataclasses

    from xiezuo.core import indicators as core
    from xiezuo.core.indicators import answer_together, one_evaluation
    from xiezuo.labour.choices import FairKind
    from xiezuo.labour.models import JobFair
    from xiezuo.plan.indicators import all_indicators
    from xiezuo.regions.models import Area, Partnership

    batchable = [i for i in all_indicators().values() if i.batchable]
    fairs = all_indicators()["labour.job_fairs"]

    def together(user):
        with one_evaluation():
            answer_together(batchable, user=user)
            return {i.key: i.per_year(user=user) for i in batchable}

    monkeypatch.setattr(core, "_UNIONS", {})
    roles = ("county_admin", "township_clerk", "east_officer", "leadership")
    for n, role in enumerate(roles, start=1):
        user = users[role]
        fresh = together(user)
        assert len(core._UNIONS) == n, role  # built and kept, one per scope
        assert together(user) == fresh == {i.key: i.per_year(user=user) for i in batchable}
        assert len(core._UNIONS) == n, role  # the kept query ran, nothing built anew
    admin = users["county_admin"]
    before = together(admin)["labour.job_fairs"]
    JobFair.objects.create(name="新增招聘会", kind=FairKind.SPRING, date=datetime.date(2018, 10, 1),
                           place="临洮县城", area=areas[LINTAO])
    assert together(admin)["labour.job_fairs"] == {**before, 2018: before[2018] + 1}
    assert len(core._UNIONS) == len(roles)
    # the partnerships every part's scope is computed from: another pair, another query
    east = Area.objects.filter(level="county", side="east").exclude(code=CANGSHAN).first()
    west = Area.objects.filter(level="county", side="west").exclude(code=LINTAO).first()
    Partnership.objects.create(east=east, west=west, start_year=2017, end_year=2020,
                               name="测试协作关系")
    assert together(admin) == {i.key: i.per_year(user=admin) for i in batchable}
    assert len(core._UNIONS) == len(roles) + 1
    # a selector that reads the database while its query is built: that query is not kept
    def reading(*, user, filters):
        Area.objects.count()
        return fairs.selector(user=user, filters=filters)

    reads = dataclasses.replace(fairs, selector=reading)
    with one_evaluation():
        answer_together([reads, *[i for i in batchable if i is not fairs]], user=admin)
    assert len(core._UNIONS) == len(roles) + 1


def test_a_grouped_indicator_joins_the_batch(users, records, django_assert_num_queries):
    """A figure its list cannot group by year (each county once a year) declares `grouped`,
    its own (year, value) query, and is counted in the same one query."""
    import dataclasses

    from django.db.models import Count

    from xiezuo.core.indicators import Indicator, answer_together, one_evaluation
    from xiezuo.funds.filters import ProjectFilters
    from xiezuo.funds.models import Project
    from xiezuo.funds.selectors import project_list
    from xiezuo.plan.indicators import all_indicators

    def counties(*, user):
        return (Project.objects.visible_to(user).values("year")
                .annotate(n=Count("villages__parent__parent", distinct=True))
                .values_list("year", "n"))

    ind = Indicator(key="funds.counties", label="", unit="", selector=project_list,
                    filters=lambda year: ProjectFilters(year=year), grouped=counties)
    assert ind.batchable
    user = users["county_admin"]
    assert ind.per_year(user=user) == {2018: 1}
    fiscal = all_indicators()["funds.east_fiscal"]
    from xiezuo.regions.selectors import reach_fingerprint

    with one_evaluation():
        reach_fingerprint()  # the partnerships every scope reads, once per evaluation
        with django_assert_num_queries(1):
            answer_together([ind, fiscal, dataclasses.replace(fiscal, key="x.y")], user=user)
            assert ind.per_year(user=user) == {2018: 1}
            assert fiscal.per_year(user=user)[2018] == Decimal("5200000.00")


def test_the_dashboard_charts_the_tracked_targets_values(client, users, plan, records):
    """Ch.3's targets are all tracked (no status): its chart is their yearly values, each in
    its unit (yuan in 万元), each bar linking to the list behind the year's figure; the status
    chart is not drawn for a chapter that has no status to count."""
    client.force_login(users["county_admin"])
    html = client.get("/plan/?year=2019&as_of=2021-01-01").content.decode()
    charts = json.loads(re.search(
        r'<script id="plan-charts" type="application/json">(.*?)</script>', html, re.S).group(1))
    tracked = {t["key"]: t for t in charts["3"]["tracked"]}
    assert list(tracked) == ["industry-enterprises", "industry-invested",
                             "industry-poor-lifted", "consumption-sales",
                             "consumption-households"]
    assert tracked["industry-enterprises"]["data"] == [None, 1, None, None]
    assert tracked["industry-enterprises"]["unit"] == "家"
    assert tracked["industry-invested"]["data"] == [None, 120.0, 80.0, None]  # 万元
    assert tracked["industry-invested"]["unit"] == "万元"
    assert tracked["industry-poor-lifted"]["data"] == [None, 7, 4, None]
    assert tracked["consumption-sales"]["data"] == [None, None, 0.15, None]  # from 2019
    assert tracked["consumption-households"]["data"][2] == 2
    result = {r.target.key: r for r in evaluate(plan, user=users["county_admin"],
                                                 as_of=FINAL).targets}
    assert tracked["industry-invested"]["links"][1] == result["industry-invested"].years[
        2018].drill_url == "/industry/arrivals/?year=2018"
    assert 'id="tracked-3-4"' in html and 'id="chart-3"' not in html
    # a chapter with judged and tracked targets (ch.4) keeps its status chart beside them
    assert 'id="chart-4"' in html and charts["4"]["tracked"]
    assert sum(sum(s["data"]) for s in charts["4"]["series"]) > 0


def test_the_ch3_report_section_gives_the_indicators_figures(users, plan, records, tmp_path,
                                                             skip_or_fail_in_ci):
    """The annual report's 产业合作 section: each assessed figure is the plan's indicator (and so
    the total of the list it names); the section renders in the Word report, read back from
    the PDF LibreOffice makes of it."""
    from xiezuo.industry.report_sections import sections
    from xiezuo.plan.report import build_report, docx_text, report_data

    user = users["county_admin"]
    result = {r.target.key: r for r in evaluate(plan, user=user, as_of=FINAL).targets}
    for year in (2018, 2019):
        [section] = sections(user=user, year=year)
        assert section.chapter == 3
        table = {row[0]: row for row in section.tables[0].rows}

        def shown(label, key, table=table, year=year):
            yr = result[key].years[year]
            assert table[label][3] == yr.drill_url or (yr.value is None and table[label][3])
            return table[label][2], yr.value or 0

        for label, key in (("引进企业（东部及东部引进的投资企业）", "industry-enterprises"),
                           ("带贫人数（利益联结带动贫困人口）", "industry-poor-lifted"),
                           ("消费扶贫带动贫困户", "consumption-households")):
            a, b = shown(label, key)
            assert a == b, (year, label)
        a, b = shown("到位资金", "industry-invested")  # in 万元, to the cent of 万元
        assert a == (b / 10000).quantize(Decimal("0.01"))
    # 2019: 800,000.50 yuan arrived, 4 persons of 1 household linked, a 1,500 yuan sale
    # reaching 2 households
    [section] = sections(user=user, year=2019)
    table = {row[0]: row[2] for row in section.tables[0].rows}
    assert table["到位资金"] == Decimal("80.00")
    assert table["带贫人数（利益联结带动贫困人口）"] == 4 and table["利益联结贫困户"] == 1
    assert table["东部购买西部产品（消费扶贫销售额）"] == Decimal("0.15")
    assert table["消费扶贫带动贫困户"] == 2
    text = "".join(section.paragraphs)
    assert "到位资金 80.00 万元" in text and "贫困户 1 户、贫困人口 4 人" in text
    assert "销售额 0.15 万元，共 1 笔，带动建档立卡贫困户 2 户" in text
    [project] = section.tables[1].rows
    assert project[0] == "LT-T1" and project[6] == Decimal("80.00")
    # 2018: sales not yet assessed, said so
    [section] = sections(user=user, year=2018)
    assert "（2019年起纳入考核）" in section.paragraphs[2]
    assert {row[0]: row[2] for row in section.tables[0].rows}["引进企业（东部及东部引进的投资企业）"] == 1

    data = report_data(plan=plan, year=2019, user=user, as_of=FINAL)
    path = build_report(data, out_dir=tmp_path, formats=("docx",))["docx"]
    words = docx_text(path)
    assert words.index("（第3章）") < words.index("产业合作（2019年）") < words.index("（第4章）")
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        skip_or_fail_in_ci("LibreOffice (soffice) or pdftotext is not installed")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    pdf = subprocess.run(["pdftotext", "-raw", str(path.with_suffix(".pdf")), "-"],
                         check=True, capture_output=True, text=True).stdout
    pdf = "".join(pdf.split())
    for piece in ("产业合作（2019年）", "2019年产业合作主要指标", "到位资金80.00万元",
                  "/industry/arrivals/?year=2019", "截至2019年的产业合作项目", "LT-T1"):
        assert piece in pdf, piece

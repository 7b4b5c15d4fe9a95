"""The demo's social participation (ch.7): Cangshan's 5 towns and 2 streets paired with 16 of
Lintao's 18 townships (one more pairing ended in 2018, so 2017 shows 17), enterprises paired
with deep-poverty villages, growing each year, with visits, money, goods and projects;
donations from enterprises, overseas Chinese, Hong Kong, Macao and Taiwan donors and
individuals, some reaching registered households and schools; social organisations, their
volunteers and service activities. Four plan years, drawn from ctx.sub_rng("pairing")."""

import datetime
from decimal import Decimal

from xiezuo.core.synthetic import DemoContext, day_in, pick

YEARS = (2017, 2018, 2019, 2020)
#: the five towns the plan names and two streets (the plan does not say which: demo's choice)
EAST_UNITS = ("350104100000", "350104101000", "350104102000", "350104103000", "350104104000",
              "350104001000", "350104002000")
ENTERPRISES = ("福州闽江食品有限公司", "福建仓山建工集团有限公司", "福州海峡茶业有限公司",
               "福州螺洲电子科技有限公司", "福建盖山机械制造有限公司", "福州城门物流有限公司",
               "福州建新纺织有限公司", "福州金山医药有限公司", "福建榕城农业发展有限公司",
               "福州三叉街商贸有限公司", "福州上渡家居有限公司", "福建闽都文旅有限公司")
SOCIAL_ORGS = ("仓山区志愿者协会", "仓山区阳光社会工作服务中心", "福州市青年志愿者服务队仓山分队",
               "仓山区慈善总会")
PERSON_DONORS = (("陈", "overseas"), ("林", "hmt"), ("黄", "individual"), ("郑", "overseas"),
                 ("王", "hmt"), ("吴", "individual"))


def _money(rng, low: int, high: int, step: int = 1000) -> Decimal:
    return Decimal(rng.randrange(low // step, high // step + 1) * step).quantize(Decimal("0.01"))


def build(ctx: DemoContext) -> None:  # noqa: C901 - one story, told in order
    from xiezuo.orgs import creditcode
    from xiezuo.orgs.choices import OrgKind, OrgRole
    from xiezuo.orgs.models import Organisation
    from xiezuo.orgs.services import organisation_add_role, organisation_create
    from xiezuo.pairing import services
    from xiezuo.pairing.choices import (
        ActivityKind,
        DonationKind,
        DonorCategory,
        EnterpriseForm,
        Purpose,
        VolunteerKind,
    )
    from xiezuo.pairing.models import PairingActivity, ServiceActivity, Volunteer
    from xiezuo.regions.models import Area
    from xiezuo.registry.models import Household

    rng = ctx.sub_rng("pairing")
    faker = ctx.faker
    areas = {a.code: a for a in Area.objects.filter(code__in=EAST_UNITS)}
    east = [areas[c] for c in EAST_UNITS if c in areas]
    townships = list(Area.objects.filter(level="township", code__startswith="621124")
                     .order_by("code"))
    if not east or len(townships) < 18:
        ctx.log("pairing: reference areas missing, skipped")
        return
    cangshan = Area.objects.get(code="350104000000")
    county = Area.objects.get(code="621124000000")

    # --- town–township pairings: 16 of 18 paired; one of the other two paired until mid-2018
    unpaired = set(rng.sample([t.code for t in townships], 2))
    ended_one = sorted(unpaired)[0]
    town_pairings = []
    paired = [t for t in townships if t.code not in unpaired]
    for i, t in enumerate(paired):
        started = (datetime.date(2017, rng.randint(3, 9), rng.randint(1, 28)) if i < 12
                   else datetime.date(2018, rng.randint(2, 6), rng.randint(1, 28)))
        town_pairings.append(services.town_pairing_create(
            actor=None, east_town=east[i % len(east)], west_township=t, started_on=started,
            agreement_no=f"仓临结对〔{started.year}〕{i + 1:02d}号",
            agreement_signed_on=started, note="演示数据"))
    t_end = next(t for t in townships if t.code == ended_one)
    town_pairings.append(services.town_pairing_create(
        actor=None, east_town=east[-1], west_township=t_end,
        started_on=datetime.date(2017, 5, 10), ended_on=datetime.date(2018, 6, 30),
        agreement_no="仓临结对〔2017〕99号", note="演示数据：2018年6月结对调整后结束"))

    # --- organisations: enterprises (the donors among them), social organisations, schools
    def org(name, area, kind, roles, division):
        existing = Organisation.objects.filter(name=name).first()
        if existing is not None:
            for r in roles:
                organisation_add_role(actor=None, organisation=existing, role=r)
            return existing
        code = creditcode.generate(rng, division=division,
                                   category="91" if kind == OrgKind.ENTERPRISE else "52")
        return organisation_create(actor=None, name=name, area=area, kind=kind,
                                   credit_code=code, roles=roles)

    enterprises = [org(n, rng.choice(east), OrgKind.ENTERPRISE, [OrgRole.DONOR], "350104")
                   for n in ENTERPRISES]
    social = [org(n, cangshan, OrgKind.SOCIAL_ORG, [OrgRole.SOCIAL_ORG], "350104")
              for n in SOCIAL_ORGS]
    schools = [org(f"临洮县{t.name}中心小学", t, OrgKind.SCHOOL, [OrgRole.SCHOOL], "621124")
               for t in townships[:6]]

    # --- enterprise–village pairings with deep-poverty villages, more each year
    deep = list(Area.objects.filter(level="village", code__startswith="621124",
                                    deep_poverty=True).order_by("code"))
    rng.shuffle(deep)
    per_year = {2017: 12, 2018: 10, 2019: 10, 2020: 8}
    ent_pairings = []
    pos = 0
    for year, n in per_year.items():
        for village in deep[pos:pos + n]:
            many = rng.random() < 0.2
            firms = rng.sample(enterprises, 2 if many else 1)
            started = day_in(rng, datetime.date(year, 2, 1), datetime.date(year, 10, 31))
            for firm in firms:
                ent_pairings.append(services.enterprise_pairing_create(
                    actor=None, enterprise=firm, village=village, started_on=started,
                    form=EnterpriseForm.MANY if many else EnterpriseForm.ONE,
                    agreement_no=f"村企〔{year}〕{len(ent_pairings) + 1:03d}号",
                    note="演示数据"))
        pos += n

    # --- activities of every pairing, every year it was in force
    acts = []
    for p in town_pairings + ent_pairings:
        for year in YEARS:
            start = max(p.started_on, datetime.date(year, 1, 1))
            end = min(p.ended_on or datetime.date(year, 12, 31), datetime.date(year, 12, 31))
            if start > end:
                continue
            for _i in range(rng.randint(1, 3)):
                kind = pick(rng, [(ActivityKind.VISIT, 4), (ActivityKind.MONEY, 3),
                                  (ActivityKind.GOODS, 2), (ActivityKind.PROJECT, 1)])
                a = PairingActivity(
                    town_pairing=p if hasattr(p, "east_town") else None,
                    enterprise_pairing=None if hasattr(p, "east_town") else p,
                    date=day_in(rng, start, end), kind=kind,
                    participants=rng.randint(3, 20),
                    description={"visit": "走访慰问", "money": "捐资帮扶", "goods": "捐赠物资",
                                 "project": "启动帮扶项目"}[kind])
                if kind == ActivityKind.MONEY:
                    a.money = _money(rng, 10_000, 200_000)
                elif kind == ActivityKind.GOODS:
                    a.goods, a.goods_value = "衣物、学习用品", _money(rng, 5_000, 60_000, 500)
                elif kind == ActivityKind.PROJECT:
                    a.projects_started = rng.randint(1, 2)
                acts.append(a)
    PairingActivity.objects.bulk_create(acts, batch_size=500)

    # --- donations: some reach households, some a school
    villages = list(Area.objects.filter(level="village", code__startswith="621124")
                    .order_by("code"))
    households_by_village: dict[int, list] = {}
    for hh in Household.objects.filter(village__code__startswith="621124").only(
            "id", "village_id", "number").order_by("id").iterator():
        households_by_village.setdefault(hh.village_id, []).append(hh)
    n_donations = 0
    for year in YEARS:
        for i in range(30 + 5 * YEARS.index(year)):
            purpose = pick(rng, [(Purpose.EDUCATION, 4), (Purpose.CHARITY, 3),
                                 (Purpose.MEDICAL, 2), (Purpose.OTHER, 1)])
            kind = DonationKind.GOODS if rng.random() < 0.25 else DonationKind.MONEY
            donor, donor_name, category = None, "", DonorCategory.ENTERPRISE
            if rng.random() < 0.35:
                surname, category = rng.choice(PERSON_DONORS)
                donor_name = surname + faker.first_name()
            elif rng.random() < 0.3:
                donor, category = rng.choice(social), DonorCategory.SOCIAL_ORG
            else:
                donor = rng.choice(enterprises)
            village = rng.choice(villages)
            school = None
            area = village
            if purpose == Purpose.EDUCATION and rng.random() < 0.5:
                school = rng.choice(schools)
                area = school.area
            hh = []
            if purpose in (Purpose.MEDICAL, Purpose.CHARITY) and area is village:
                pool = households_by_village.get(village.pk, [])
                hh = rng.sample(pool, min(len(pool), rng.randint(1, 4)))
            services.donation_create(
                actor=None, donor=donor, donor_name=donor_name, donor_category=category,
                kind=kind, amount=_money(rng, 2_000, 300_000, 500),
                goods="棉被、衣物" if kind == DonationKind.GOODS else "",
                purpose=purpose, receipt_no=f"JZ{year}{i + 1:04d}",
                date=day_in(rng, datetime.date(year, 1, 5), datetime.date(year, 12, 20)),
                area=area, school=school, households=hh,
                project="爱心助学" if purpose == Purpose.EDUCATION else "")
            n_donations += 1

    # --- volunteers and their service activities
    vols = [Volunteer(name=faker.name(), kind=pick(rng, [(VolunteerKind.VOLUNTEER, 4),
                                                         (VolunteerKind.SOCIAL_WORKER, 1)]),
                      organisation=rng.choice(social), area=cangshan, skills=rng.choice(
                          ["教育辅导", "医疗护理", "心理疏导", "农业技术", "电商培训"]),
                      registered_on=day_in(rng, datetime.date(2017, 3, 1),
                                           datetime.date(2020, 6, 30)))
            for _i in range(60)]
    vols += [Volunteer(name=faker.name(), kind=VolunteerKind.VOLUNTEER, area=county,
                       registered_on=day_in(rng, datetime.date(2017, 3, 1),
                                            datetime.date(2020, 6, 30)))
             for _i in range(20)]
    Volunteer.objects.bulk_create(vols)
    n_services = 0
    for year in YEARS:
        for _i in range(8 + 3 * YEARS.index(year)):
            o = rng.choice(social)
            members = [v for v in vols if v.organisation_id == o.pk
                       and v.registered_on.year <= year]
            team = rng.sample(members, min(len(members), rng.randint(2, 6)))
            s = ServiceActivity.objects.create(
                organisation=o, title=rng.choice(["支教助学", "义诊巡诊", "关爱留守儿童",
                                                  "敬老助残", "农技服务"]),
                area=rng.choice(townships),
                date=day_in(rng, datetime.date(year, 3, 1), datetime.date(year, 11, 30)),
                hours=Decimal(max(1, len(team)) * rng.randint(6, 40)),
                people_served=rng.randint(20, 300), description="演示数据")
            s.volunteers.set(team)
            n_services += 1
    ctx.log(f"pairing: {len(town_pairings)} town pairings (16 of 18 townships), "
            f"{len(ent_pairings)} enterprise pairings, {len(acts)} activities, "
            f"{n_donations} donations, {len(vols)} volunteers, {n_services} service activities")

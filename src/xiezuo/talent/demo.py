"""The synthetic talent story of 2017–2020 (runs after the registry's and labour's demos).

Every year: 1–2 cadre classes in Cangshan, 1–2 expert lectures in Lintao, teacher classes and
medical, nursing, maternal-and-child-health and disease-control courses, with trainees drawn
from a pool of synthetic Lintao cadres, teachers and health staff (some come back in later
years: one person, several attendances). Chosen so that some targets are met and others missed:
2018 trains fewer than 20 cadres and fewer than 30 teachers; nursing and disease-control staff
stay under 10 by 2020. Two hospital pairings (one ended in 2019) with their activities; expert
requests in every state, one of them overdue; directed enrolment of some registered students.
Names are synthetic (Faker zh_CN); organisations are labelled 演示.
"""

import datetime
from decimal import Decimal

from xiezuo.core.synthetic import DemoContext, day_in
from xiezuo.talent.choices import ActivityKind, ClassKind, ExpertStatus, Held, NeedKind

D = datetime.date
#: (year, kind, held, trainees) of every class; the figures the plan counts follow from these
CLASSES = [
    (2017, ClassKind.PARTY_GOV, Held.EAST, 14), (2017, ClassKind.RURAL_TALENT, Held.EAST, 9),
    (2017, ClassKind.EXPERT_LECTURE, Held.WEST, 25), (2017, ClassKind.PRIMARY, Held.EAST, 18),
    (2017, ClassKind.SECONDARY, Held.EAST, 14), (2017, ClassKind.MEDICAL, Held.EAST, 4),
    (2017, ClassKind.NURSING, Held.EAST, 3), (2017, ClassKind.MCH, Held.EAST, 3),
    (2018, ClassKind.ORG_DEPT, Held.EAST, 16), (2018, ClassKind.EXPERT_LECTURE, Held.WEST, 12),
    (2018, ClassKind.EXPERT_LECTURE, Held.WEST, 10), (2018, ClassKind.KINDERGARTEN, Held.EAST, 12),
    (2018, ClassKind.PRIMARY, Held.WEST, 14), (2018, ClassKind.MEDICAL, Held.EAST, 4),
    (2018, ClassKind.CDC, Held.EAST, 3), (2018, ClassKind.MCH, Held.EAST, 4),
    (2019, ClassKind.PARTY_GOV, Held.EAST, 13), (2019, ClassKind.RURAL_TALENT, Held.EAST, 10),
    (2019, ClassKind.EXPERT_LECTURE, Held.WEST, 26), (2019, ClassKind.PRIMARY, Held.EAST, 16),
    (2019, ClassKind.SECONDARY, Held.WEST, 19), (2019, ClassKind.MEDICAL, Held.EAST, 3),
    (2019, ClassKind.NURSING, Held.EAST, 3), (2019, ClassKind.MCH, Held.EAST, 3),
    (2020, ClassKind.PARTY_GOV, Held.EAST, 22), (2020, ClassKind.EXPERT_LECTURE, Held.WEST, 22),
    (2020, ClassKind.KINDERGARTEN, Held.WEST, 10), (2020, ClassKind.SECONDARY, Held.EAST, 23),
    (2020, ClassKind.MEDICAL, Held.EAST, 3), (2020, ClassKind.CDC, Held.EAST, 2),
]
CODE = {ClassKind.PARTY_GOV: "GB", ClassKind.ORG_DEPT: "ZG", ClassKind.RURAL_TALENT: "NC",
        ClassKind.EXPERT_LECTURE: "JZ", ClassKind.KINDERGARTEN: "YE", ClassKind.PRIMARY: "XX",
        ClassKind.SECONDARY: "ZX", ClassKind.MEDICAL: "YL", ClassKind.NURSING: "HL",
        ClassKind.MCH: "FY", ClassKind.CDC: "JK"}
UNITS = {
    "cadre": ["{t}党委", "{t}人民政府", "县委组织部", "县农业农村局", "县扶贫办", "{t}{v}村委会"],
    "teacher": ["{t}中心小学", "{t}中学", "{t}中心幼儿园", "县第二中学", "县实验小学"],
    "health": ["县人民医院", "县中医院", "{t}卫生院", "县妇幼保健院", "县疾病预防控制中心"],
}
POSTS = {"cadre": ["科员", "副镇长", "村党支部书记", "村主任", "科长", "致富带头人"],
         "teacher": ["教师", "班主任", "教研组长"], "health": ["医师", "主治医师", "护士", "护师",
                                                         "检验师"]}
POOL_OF = {ClassKind.PARTY_GOV: "cadre", ClassKind.ORG_DEPT: "cadre",
           ClassKind.RURAL_TALENT: "cadre", ClassKind.EXPERT_LECTURE: "cadre",
           ClassKind.KINDERGARTEN: "teacher", ClassKind.PRIMARY: "teacher",
           ClassKind.SECONDARY: "teacher", ClassKind.MEDICAL: "health",
           ClassKind.NURSING: "health", ClassKind.MCH: "health", ClassKind.CDC: "health"}
REQUESTS = [
    ("中药材产地初加工烘干工艺改进", NeedKind.ENTERPRISE, "临洮某中药材加工企业（演示）",
     "烘干后有效成分损失大，能耗高", "中药材加工、干燥工程专家", D(2018, 3, 5), D(2018, 9, 30),
     ExpertStatus.EVALUATED),
    ("马铃薯脱毒种薯繁育技术", NeedKind.PROJECT, "县马铃薯良种繁育项目（演示）",
     "种薯退化，脱毒苗成活率低", "植物组培、种薯繁育专家", D(2018, 6, 1), D(2019, 6, 30),
     ExpertStatus.DONE),
    ("高原夏菜冷链物流方案", NeedKind.ENTERPRISE, "临洮某蔬菜合作社（演示）",
     "采后损耗大，缺少预冷设施", "冷链物流、农产品营销人才", D(2019, 4, 10), D(2019, 12, 31),
     ExpertStatus.ON_SITE),
    ("花卉种苗电商运营", NeedKind.ENTERPRISE, "临洮某花卉公司（演示）",
     "线上销售渠道少，运营人才缺", "电商运营人才", D(2020, 3, 2), D(2020, 8, 31),
     ExpertStatus.ASSIGNED),  # past its due date and not done: overdue
    ("县域医共体信息化", NeedKind.PROJECT, "县医共体建设项目（演示）",
     "各级医疗机构数据不通", "医疗信息化工程师", D(2020, 9, 15), D(2021, 6, 30),
     ExpertStatus.ACCEPTED),
]


def build(ctx: DemoContext) -> None:
    from xiezuo.regions.models import Area
    from xiezuo.registry import crypto, idnumber
    from xiezuo.registry.models import Person
    from xiezuo.tabular.bulk import insert_rows
    from xiezuo.talent import services
    from xiezuo.talent.identity import fold
    from xiezuo.talent.models import Attendance, ExpertRequest, Trainee, TrainingClass

    if TrainingClass.objects.exists():
        ctx.log("  talent: already built")
        return
    rng = ctx.sub_rng("talent")
    faker = ctx.faker
    county = Area.objects.get(code="621124000000")
    townships = list(Area.objects.filter(parent=county, level="township").order_by("code"))

    # --- classes ---------------------------------------------------------------------------
    made: dict[tuple, int] = {}
    classes = []
    for year, kind, held, n in CLASSES:
        seq = made[(year, kind)] = made.get((year, kind), 0) + 1
        start = day_in(rng, D(year, 3, 1), D(year, 11, 15))
        days = 1 if kind == ClassKind.EXPERT_LECTURE else rng.choice((5, 7, 10, 14))
        c = services.class_create(
            actor=None, code=f"{year}-{CODE[kind]}-{seq:02d}",
            name=f"{year}年{ClassKind(kind).label}{'专题讲座' if kind == ClassKind.EXPERT_LECTURE else '培训班'}"
                 + (f"（第{seq}期）" if seq > 1 else ""),
            kind=kind, held=held, start_date=start,
            end_date=start + datetime.timedelta(days=days - 1),
            hours=Decimal(6 if days == 1 else days * 6),
            organiser_name="仓山区委组织部（演示）" if held == Held.EAST else "临洮县委组织部（演示）",
            teachers="仓山区专家团队（演示）", place="福州市仓山区" if held == Held.EAST else "临洮县")
        classes.append((c, kind, n))

    # --- trainees: pools per kind of work, some people return in later years ----------------
    pools: dict[str, list[dict]] = {"cadre": [], "teacher": [], "health": []}
    attendances = []
    today = datetime.date.today()
    for c, kind, n in classes:
        pool = pools[POOL_OF[kind]]
        chosen: list[dict] = []
        returning = [p for p in pool if p["year"] < c.start_date.year]
        rng.shuffle(returning)
        back = min(len(returning), n // 4 if kind != ClassKind.EXPERT_LECTURE else n // 2)
        chosen.extend(returning[:back])
        while len(chosen) < n:
            township = rng.choice(townships)
            born = day_in(rng, D(1965, 1, 1), D(1995, 12, 31))
            male = rng.random() < 0.55
            number = idnumber.generate(rng, birth_date=born, male=male) \
                if rng.random() < 0.6 else ""
            unit = rng.choice(UNITS[POOL_OF[kind]]).format(
                t=township.name, v=faker.last_name() + "家")
            p = {"name": faker.name_male() if male else faker.name_female(), "unit": unit,
                 "post": rng.choice(POSTS[POOL_OF[kind]]), "area": township.pk,
                 "born": born if (number or rng.random() < 0.8) else None,
                 "sex": "男" if male else "女", "number": number, "year": c.start_date.year}
            pool.append(p)
            chosen.append(p)
        for p in chosen:
            # a few lecture-goers leave early; the courses' trainees all complete
            done = kind != ClassKind.EXPERT_LECTURE or rng.random() < 0.9
            attendances.append((c.pk, p, done))
    people = [p for pool in pools.values() for p in pool]
    seen_hash = set()
    rows = []
    for p in people:
        h = crypto.id_hash(p["number"]) if p["number"] else None
        if h in seen_hash:
            h, p["number"] = None, ""
        if h:
            seen_hash.add(h)
        rows.append((p["name"], fold(p["name"]), p["sex"], p["born"], p["unit"], fold(p["unit"]),
                     p["post"], p["area"], crypto.encrypt_id(p["number"]) if h else None, h,
                     crypto.mask_id(p["number"]) if h else "", 1))
    first_new = (Trainee.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)
    insert_rows(Trainee, ("name", "name_key", "sex", "birth_date", "unit", "unit_key", "post",
                          "area", "id_cipher", "id_hash", "id_masked", "version"), rows)
    ids = list(Trainee.objects.filter(pk__gt=first_new).order_by("pk").values_list(
        "pk", flat=True))
    for p, pk in zip(people, ids, strict=True):
        p["pk"] = pk
    insert_rows(Attendance, ("training_class", "trainee", "completed"),
                [(cpk, p["pk"], done) for cpk, p, done in attendances])

    # --- hospital pairings --------------------------------------------------------------------
    from xiezuo.orgs.models import Organisation
    from xiezuo.orgs.services import organisation_create

    cangshan = Area.objects.get(code="350104000000")

    def hospital(name: str, area):
        found = Organisation.objects.filter(name=name).first()
        return found or organisation_create(actor=None, name=name, area=area, kind="hospital",
                                            roles=["hospital"])

    west1, west2 = hospital("临洮县人民医院（演示）", county), hospital("临洮县中医院（演示）", county)
    east1 = hospital("仓山区医院（演示）", cangshan)
    east2 = hospital("仓山区妇幼保健院（演示）", cangshan)
    p1 = services.pairing_create(actor=None, west_hospital=west1, east_hospital=east1,
                                 signed_on=D(2017, 9, 12), agreement_no="临卫协〔2017〕1号（演示）")
    p2 = services.pairing_create(actor=None, west_hospital=west2, east_hospital=east2,
                                 signed_on=D(2018, 4, 20), end_on=D(2019, 12, 31),
                                 agreement_no="临卫协〔2018〕3号（演示）")
    titles = {ActivityKind.EXCHANGE: "学术交流会", ActivityKind.ROUNDS: "专家团队巡诊",
              ActivityKind.GUIDANCE: "手术技术指导", ActivityKind.FURTHER_TRAINING: "医务人员进修"}
    for pairing, start, end in ((p1, D(2017, 10, 1), D(2020, 12, 20)),
                                (p2, D(2018, 5, 1), D(2019, 12, 20))):
        for _ in range(rng.randint(8, 14)):
            kind = rng.choice(list(ActivityKind))
            services.activity_record(actor=None, pairing=pairing, kind=kind,
                                     date=day_in(rng, start, min(end, today)),
                                     title=titles[kind], east_staff=rng.randint(2, 8),
                                     west_staff=rng.randint(5, 30))

    # --- experts on request -------------------------------------------------------------------
    order = list(ExpertStatus.values)
    for title, need, subject, difficulty, skills, filed, due, reach in REQUESTS:
        r = services.request_file(actor=None, title=title, need_kind=need, subject=subject,
                                  area=rng.choice(townships), difficulty=difficulty,
                                  skills_sought=skills, filed_on=filed, due_on=due)
        on = filed
        for status in order[1:order.index(reach) + 1]:
            on = min(on + datetime.timedelta(days=rng.randint(5, 40)), today)
            if status == ExpertStatus.ASSIGNED:
                for _ in range(rng.randint(1, 3)):
                    services.expert_assign(actor=None, request=r, name=faker.name(),
                                           unit=rng.choice(["福建农林大学", "福州大学",
                                                            "仓山区农业农村局", "福建医科大学"])
                                           + "（演示）", speciality=skills, from_date=on)
            r = ExpertRequest.objects.get(pk=r.pk)
            services.request_advance(
                actor=None, request=r, version=r.version, status=status, on=on,
                outcome="问题基本解决，企业（项目）增效明显（演示）"
                if status == ExpertStatus.DONE else "",
                evaluation="满意（演示）" if status == ExpertStatus.EVALUATED else "")

    # --- directed enrolment of registered students ----------------------------------------
    students = list(Person.objects.filter(birth_date__range=(D(1998, 9, 1), D(2001, 8, 31)))
                    .order_by("id").values_list("id", flat=True)[:4000])
    rng.shuffle(students)
    colleges = ["福州大学", "福建师范大学", "福建农林大学", "闽江学院", "福建医科大学",
                "福建工程学院"]
    n_enrolled = 0
    for pid in students[:40]:
        person = Person.objects.select_related("household__village").get(pk=pid)
        year = 2017 + (person.birth_date.year - 1998) + rng.choice((0, 1))
        year = min(max(year, 2017), 2020)
        e = services.enrolment_record(actor=None, person=person, college=rng.choice(colleges),
                                      admitted_year=year, major=rng.choice(
                                          ["计算机科学与技术", "护理学", "农学", "小学教育",
                                           "土木工程", "会计学"]))
        for y in range(year, 2021):
            services.enrolment_year_record(actor=None, enrolment=e, year=y,
                                           tuition_waived=Decimal(rng.choice((4500, 5200,
                                                                              5800))),
                                           subsidy=Decimal(rng.choice((3000, 3600, 4000))))
        n_enrolled += 1
    ctx.log(f"  talent: {len(classes)} classes, {len(people)} trainees, "
            f"{len(attendances)} attendances, 2 hospital pairings, {len(REQUESTS)} expert "
            f"requests, {n_enrolled} students in directed enrolment")

"""The synthetic vocational-training story of 2017–2020 (called from labour.demo, before the
demo's matching run so the certificates earned count in it).

Six training bases (Fuzhou vocational colleges, Cangshan enterprises' practice bases) as
organisations with the training_base role; four to six courses a year; trainees picked from the
两后生 list and from the poor labour force; most complete and receive the course's certificate,
which the completion service writes into their labour profile, as the page would.
"""

import datetime
import random

D = datetime.date
BASES = [
    ("福建船政交通职业学院", "school", "350100000000"),
    ("福州职业技术学院", "school", "350100000000"),
    ("福建信息职业技术学院", "school", "350100000000"),
    ("福州市仓山区职业技术学校", "school", "350104000000"),
    ("福州闽江电子有限公司实训基地", "enterprise", "350104000000"),
    ("福州榕城建设工程有限公司实训基地", "enterprise", "350104000000"),
]
COURSES = [  # title, kind, skill, certificate
    ("电工技能培训班", "skills", "电工", "电工证"),
    ("焊工技能培训班", "skills", "焊工", "焊工证"),
    ("叉车操作培训班", "skills", "仓储物流", "叉车证"),
    ("中式烹调培训班", "skills", "厨师", "厨师证"),
    ("“临洮巧手”缝纫劳务品牌培训", "brand", "缝纫", ""),
    ("养老护理员培训班", "skills", "养老护理", "养老护理员证"),
    ("“洮河保安”劳务品牌培训", "brand", "保安", "保安员证"),
]


def build(*, rng: random.Random, log, county) -> dict:
    from xiezuo.labour.models import LabourProfile
    from xiezuo.labour.training import services, youth
    from xiezuo.labour.training.choices import TraineeSource
    from xiezuo.labour.training.models import Course, CourseTrainee
    from xiezuo.orgs.choices import OrgRole
    from xiezuo.orgs.models import Organisation, OrganisationRole
    from xiezuo.regions.models import Area
    from xiezuo.registry.models import Person

    bases = []
    for name, kind, area in BASES:
        org, _new = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "side": "east",
                                 "area": Area.objects.get(code=area)})
        OrganisationRole.objects.get_or_create(organisation=org, role=OrgRole.TRAINING_BASE)
        bases.append(org)
    courses, places, completed = [], 0, 0
    taken: set[int] = set()
    for year in (2017, 2018, 2019, 2020):
        day = D(year, 9, 1)
        young = list(Person.objects.filter(youth.youth_q(day), household__county=county)
                     .exclude(pk__in=taken).values_list("pk", flat=True))
        workers = list(LabourProfile.objects.filter(
            person__household__county=county, willing=True).exclude(
            person_id__in=taken).values_list("person_id", flat=True)[:4000])
        for title, kind, skill, cert in rng.sample(COURSES, rng.choice([4, 5, 6])):
            start = D(year, rng.choice([3, 4, 5, 6, 9]), rng.randint(1, 20))
            c = Course.objects.create(
                county=county, base=rng.choice(bases), title=f"{year}年{title}", kind=kind,
                skill=skill, certificate=cert, starts_on=start,
                ends_on=start + datetime.timedelta(days=rng.choice([30, 45, 60, 90])),
                place=rng.choice(["福州市仓山区", "福州市闽侯县上街镇", "临洮县职业中专"]),
                planned=rng.choice([30, 40, 50]))
            courses.append(c)
            n = c.planned - rng.randint(0, 8)
            pool = [(p, TraineeSource.YOUTH_LIST) for p in rng.sample(young, min(n // 2,
                                                                                  len(young)))]
            pool += [(p, TraineeSource.REGISTRY) for p in rng.sample(
                workers, min(n - len(pool), len(workers)))]
            for pid, source in pool:
                if pid in taken:
                    continue
                taken.add(pid)
                person = Person.objects.select_related("household__village").get(pk=pid)
                t = CourseTrainee.objects.create(course=c, person=person, source=source,
                                                 enrolled_on=start)
                places += 1
                if c.ends_on > D(2020, 12, 31):
                    continue
                x = rng.random()
                if x < 0.86:
                    services.trainee_complete(
                        actor=None, trainee=t, version=t.version, completed_on=c.ends_on,
                        certificate_number=(f"{year}{c.pk:03d}{places:05d}" if cert else ""))
                    completed += 1
                elif x < 0.94:
                    services.trainee_drop(actor=None, trainee=t, version=t.version,
                                          note="外出务工")
    log(f"  vocational training: {len(bases)} training bases, {len(courses)} courses, "
        f"{places} trainees, {completed} completed with their certificates in the labour "
        f"profiles (synthetic)")
    return {"courses": len(courses), "trainees": places, "completed": completed}

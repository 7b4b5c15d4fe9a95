"""The synthetic labour story of 2017–2020 (runs after the registry's demo).

A labour survey of most of the labour force; about 150 employers (mostly Cangshan, the rest
elsewhere in Fuzhou and a few in Lintao) with valid synthetic credit codes; their openings; the
workstation in Cangshan and its cases; two or three job fairs a year; targeted recruitment;
placements with their follow-ups, people leaving and being matched again; graduates and interns.
The numbers follow the public record: 965 workers transferred to Cangshan by mid-2018, about
1,500 by 2020 (box 3's target). Everything is written in bulk (tabular.bulk.insert_rows).
"""

import datetime
from decimal import Decimal

from xiezuo.core.synthetic import DemoContext
from xiezuo.core.synthetic import day_in as _day_in
from xiezuo.core.synthetic import pick as _pick
from xiezuo.labour.choices import (
    FOLLOW_UP_MONTHS,
    CaseKind,
    CaseStatus,
    FairKind,
    Housing,
    LeaveReason,
    OpeningStatus,
    PlacementStatus,
    Problem,
    Sector,
)
from xiezuo.labour.employment import add_months
from xiezuo.orgs import creditcode as credit_code

D = datetime.date
SURVEY_DAY = D(2017, 7, 20)
STORY_END = D(2020, 12, 31)
SURVEYED = 0.85  # share of the labour force the survey reached
#: people first placed in the eastern district, by quarter: 965 by mid-2018, ~1,520 by 2020
TRANSFERS = {(2017, 3): 150, (2017, 4): 170, (2018, 1): 380, (2018, 2): 265, (2018, 3): 110,
             (2018, 4): 75, (2019, 1): 90, (2019, 2): 60, (2019, 3): 45, (2019, 4): 35,
             (2020, 1): 20, (2020, 2): 60, (2020, 3): 40, (2020, 4): 20}
OTHER_HIRES = 420  # elsewhere in Fuzhou or near home: placements that do not count as transfers
GRADUATES = {2017: 120, 2018: 280, 2019: 330, 2020: 320}
INTERNS = {2017: 300, 2018: 700, 2019: 800, 2020: 750}
SKILLS = ["电工", "焊工", "砌筑", "木工", "缝纫", "厨师", "驾驶", "电子装配", "机械操作", "保洁",
          "家政", "养老护理", "仓储物流", "营业员", "保安", "种植", "养殖", "钢筋工", "油漆工"]
CERTS = ["电工证", "焊工证", "B2驾驶证", "C1驾驶证", "厨师证", "育婴师证", "养老护理员证",
         "叉车证", "保安员证", "健康证"]
_WORDS = ["闽江", "海峡", "榕城", "仓山", "盖山", "金山", "螺洲", "建新", "城门", "三叉", "上渡",
          "鼓岭", "东升", "对湖", "临江", "福耀", "恒丰", "华兴", "永辉", "新榕", "融侨", "宏达",
          "百信", "海联", "富华", "鑫源", "博远", "瑞丰", "安泰", "星辰", "中闽", "嘉禾", "冠城"]
_TRADES = {
    Sector.MANUFACTURING: (["电子", "制衣", "鞋业", "机械", "食品", "包装", "塑胶", "家具"],
                           [("普工", [], []), ("缝纫工", ["缝纫"], []),
                            ("电子装配工", ["电子装配"], []), ("机修工", ["机械操作"], []),
                            ("电工", ["电工"], ["电工证"]), ("叉车工", ["仓储物流"], ["叉车证"])]),
    Sector.CONSTRUCTION: (["建设", "建筑工程", "装饰"],
                          [("钢筋工", ["钢筋工"], []), ("砌筑工", ["砌筑"], []),
                           ("木工", ["木工"], []), ("焊工", ["焊工"], ["焊工证"]),
                           ("油漆工", ["油漆工"], [])]),
    Sector.LOGISTICS: (["物流", "供应链", "运输"],
                       [("分拣员", ["仓储物流"], []), ("货车司机", ["驾驶"], ["B2驾驶证"]),
                        ("配送员", [], ["C1驾驶证"])]),
    Sector.RETAIL: (["超市", "商贸"], [("理货员", [], []), ("营业员", ["营业员"], ["健康证"])]),
    Sector.HOSPITALITY: (["餐饮", "酒店管理"],
                         [("厨师", ["厨师"], ["厨师证", "健康证"]), ("服务员", [], ["健康证"]),
                          ("客房服务员", ["保洁"], ["健康证"])]),
    Sector.SERVICES: (["物业", "家政服务", "保安服务"],
                      [("保洁员", ["保洁"], []), ("家政服务员", ["家政"], ["健康证"]),
                       ("保安员", ["保安"], ["保安员证"])]),
    Sector.HEALTH: (["养老服务", "康复护理"],
                    [("护理员", ["养老护理"], ["养老护理员证", "健康证"])]),
}
_SECTOR_WEIGHTS = [(Sector.MANUFACTURING, 45), (Sector.CONSTRUCTION, 15), (Sector.LOGISTICS, 12),
                   (Sector.RETAIL, 8), (Sector.HOSPITALITY, 9), (Sector.SERVICES, 8),
                   (Sector.HEALTH, 3)]
UNIVERSITIES = ["兰州大学", "西北师范大学", "兰州理工大学", "兰州交通大学", "甘肃农业大学",
                "兰州财经大学", "甘肃中医药大学", "陇东学院", "河西学院", "天水师范学院",
                "定西师范高等专科学校", "福州大学", "福建师范大学", "闽江学院"]
MAJORS = ["计算机科学与技术", "会计学", "机械设计制造及其自动化", "护理学", "土木工程", "市场营销",
          "电气工程及其自动化", "汉语言文学", "物流管理", "药学", "电子商务", "学前教育"]
SCHOOLS = ["临洮县职业中等专业学校", "定西理工中等专业学校", "定西市卫生学校", "甘肃畜牧工程职业技术学院",
           "兰州石化职业技术学院", "甘肃林业职业技术学院"]
VOC_MAJORS = ["数控技术", "电子技术应用", "汽车运用与维修", "护理", "酒店服务与管理", "计算机应用",
              "服装设计与工艺", "电子商务"]


def _quarter(rng, year: int, q: int) -> D:
    start = D(year, 3 * q - 2, 1)
    end = add_months(start, 3) - datetime.timedelta(days=1)
    return _day_in(rng, start, end)


def _age(birth: D, day: D) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def build(ctx: DemoContext) -> None:  # noqa: C901 - one story, told in order
    from xiezuo.labour.models import (
        EmploymentBase,
        FollowUp,
        Graduate,
        Intern,
        JobFair,
        LabourProfile,
        Opening,
        Placement,
        TargetedRecruitment,
        Workstation,
        WorkstationCase,
        join,
    )
    from xiezuo.orgs.choices import OrgRole
    from xiezuo.orgs.models import Organisation, OrganisationRole
    from xiezuo.regions.models import Area
    from xiezuo.registry.choices import LABOUR_FORCE_CAPACITIES
    from xiezuo.registry.models import Person
    from xiezuo.tabular.bulk import insert_rows

    rng = ctx.sub_rng("labour")
    faker = ctx.faker
    areas = dict(Area.objects.values_list("code", "id"))
    cangshan = sorted(c for c in areas if c.startswith("350104") and c.endswith("000")
                      and c[6:9] != "000")
    villages = list(Area.objects.filter(level="village", code__startswith="621124")
                    .order_by("code").values_list("code", flat=True))
    people = list(Person.objects.filter(labour_capacity__in=LABOUR_FORCE_CAPACITIES)
                  .order_by("id").values_list("id", "birth_date", "household__village__code",
                                              "household__village__deep_poverty", "name"))
    force = [p for p in people if 16 <= _age(p[1], SURVEY_DAY) <= 60]

    # --- the survey ----------------------------------------------------------------------------
    surveyed = [p for p in force if rng.random() < SURVEYED]
    profiles = []  # person id, willing, away, skills, certs, wage, dest
    for pid, _birth, _v, _deep, _n in surveyed:
        willing = rng.random() < 0.68
        away = willing and rng.random() < 0.62
        skills = rng.sample(SKILLS, rng.choice([0, 1, 1, 1, 2, 2, 3]))
        certs = rng.sample(CERTS, rng.choice([0, 0, 0, 0, 1, 1, 2]))
        wage = Decimal(rng.choice(range(2400, 5600, 100)))
        r = rng.random()
        dest = ("" if r < 0.45 else "350104000000" if r < 0.7 else
                "350104000000;350100000000" if r < 0.85 else "620000000000")
        employer_now = rng.choice(["", "", "", "", "临洮县某建筑队", "兰州某餐馆", "本村合作社"])
        profiles.append((pid, willing, away, join(skills), join(certs), wage, dest,
                         employer_now))
    insert_rows(LabourProfile, ["person", "willing", "can_work_away", "skills", "certificates",
                                "expected_wage", "destinations", "current_employer",
                                "surveyed_on", "note", "version"],
                ((pid, w, a, s, c, wage, d, e, SURVEY_DAY, "", 1)
                 for pid, w, a, s, c, wage, d, e in profiles))
    profile_of = {p[0]: p for p in profiles}

    # --- employers and openings ----------------------------------------------------------------
    names: set[str] = set()
    employers = []  # name, code, area code, sector
    plan = [("350104", cangshan)] * 110 + [("350100", ["350100000000"])] * 28 + \
        [("621124", ["621124000000"])] * 12
    for division, places in plan:
        sector = _pick(rng, _SECTOR_WEIGHTS)
        kinds, _jobs = _TRADES[sector]
        while True:
            city = "临洮" if division == "621124" else "福州"
            name = f"{city}{rng.choice(_WORDS)}{rng.choice(kinds)}有限公司"
            if name not in names:
                names.add(name)
                break
        employers.append((name, credit_code.generate(rng, division=division),
                          rng.choice(places), sector))
    # the employers are organisations of the shared register with the employer role
    bases = {c for _n, c, _a, _s in employers if rng.random() < 0.2}
    insert_rows(Organisation, ["name", "credit_code", "kind", "side", "area", "sector",
                               "contact_name", "contact_phone", "address", "note", "version"],
                ((n, c, "enterprise", "west" if a.startswith("62") else "east", areas[a], s,
                  faker.name(), faker.phone_number(), "", "", 1) for n, c, a, s in employers))
    emp_ids = dict(Organisation.objects.filter(credit_code__in=[e[1] for e in employers])
                   .values_list("credit_code", "id"))
    insert_rows(OrganisationRole, ["organisation", "role"],
                ((emp_ids[c], OrgRole.EMPLOYER) for _n, c, _a, _s in employers))
    insert_rows(EmploymentBase, ["organisation"], ((emp_ids[c],) for c in sorted(bases)))
    openings = []  # employer id, title, positions, skills, certs, ages, wage, area, start, status
    for _name, code, area, sector in employers:
        _kinds, jobs = _TRADES[sector]
        for title, skills, certs in rng.sample(jobs, min(len(jobs), rng.randint(1, 4))):
            start = _day_in(rng, D(2017, 8, 1), D(2020, 10, 31))
            status = OpeningStatus.OPEN if start > D(2020, 6, 30) or rng.random() < 0.12 else \
                rng.choice([OpeningStatus.FILLED, OpeningStatus.CLOSED])
            lo = rng.choice([16, 18, 18, 20])
            openings.append((emp_ids[code], title, rng.choice([2, 3, 5, 5, 10, 10, 20, 30]),
                             join(skills), join(certs), lo, rng.choice([40, 45, 50, 55]),
                             Decimal(rng.choice(range(3000, 7200, 100))), areas[area],
                             rng.choice(Housing.values), start, status))
    insert_rows(Opening, ["employer", "title", "positions", "skills", "certificates", "min_age",
                          "max_age", "wage", "area", "housing", "start_date", "status", "note"],
                (o + ("",) for o in openings))
    open_by_employer: dict[int, list[tuple[int, Decimal]]] = {}
    for oid, eid, wage in Opening.objects.values_list("id", "employer_id", "wage"):
        open_by_employer.setdefault(eid, []).append((oid, wage))
    east_emp = [emp_ids[c] for _n, c, a, _s in employers if a.startswith("350104")]
    city_emp = [emp_ids[c] for _n, c, a, _s in employers if a == "350100000000"]
    home_emp = [emp_ids[c] for _n, c, a, _s in employers if a.startswith("621124")]

    # --- placements ----------------------------------------------------------------------------
    # Who is placed: willing people who can work away, deep-poverty villages first in line.
    candidates = [p for p in force if profile_of.get(p[0]) and profile_of[p[0]][1]
                  and profile_of[p[0]][2]]
    rng.shuffle(candidates)
    candidates.sort(key=lambda p: not p[3])  # stable: deep-poverty villages' people first
    deep_first = candidates[:len(candidates) // 3]
    rest = candidates[len(candidates) // 3:]
    rng.shuffle(deep_first)
    pool = iter(deep_first[:1100] + rest)
    if len(candidates) < 3000:  # a small registry (tests, partial data): no placements story
        pool = iter(())
    hires = []  # (person id, employer id, opening id, referred, interviewed, hired, wage, left,
    #            reason, status, previous index)

    def one(pid, emp_pool, hired_on, previous=None):
        eid = rng.choice(emp_pool)
        oid, owage = rng.choice(open_by_employer[eid]) if open_by_employer.get(eid) else \
            (None, Decimal(4000))
        referred = hired_on - datetime.timedelta(days=rng.randint(10, 45))
        interviewed = referred + datetime.timedelta(days=rng.randint(2, 8))
        wage = (owage + Decimal(rng.choice(range(-300, 600, 50)))).quantize(Decimal("1.00"))
        r = rng.random()  # about 12 % leave within 3 months, 25 % within a year, 40 % by 2020
        left = None
        if r < 0.12:
            left = hired_on + datetime.timedelta(days=rng.randint(20, 88))
        elif r < 0.25:
            left = hired_on + datetime.timedelta(days=rng.randint(95, 360))
        elif r < 0.40:
            left = hired_on + datetime.timedelta(days=rng.randint(370, 900))
        if left and left > STORY_END:
            left = None
        reason = _pick(rng, [(LeaveReason.FAMILY, 30), (LeaveReason.WAGES, 18),
                             (LeaveReason.HOMESICK, 15), (LeaveReason.HEALTH, 8),
                             (LeaveReason.CONTRACT_END, 12), (LeaveReason.UNPAID, 5),
                             (LeaveReason.DISPUTE, 4), (LeaveReason.OTHER, 8)]) if left else ""
        status = PlacementStatus.LEFT if left else PlacementStatus.HIRED
        hires.append([pid, eid, oid, referred, interviewed, hired_on, wage, left, reason, status,
                      previous])
        return len(hires) - 1

    for (year, q), n in TRANSFERS.items():
        for _ in range(n):
            p = next(pool, None)
            if p is None:
                break
            hired_on = _quarter(rng, year, q)
            if not 16 <= _age(p[1], hired_on) <= 60:
                continue
            i = one(p[0], east_emp, hired_on)
            # A fifth of those who leave are matched again, within three months.
            while hires[i][7] and rng.random() < 0.2:
                again = hires[i][7] + datetime.timedelta(days=rng.randint(15, 90))
                if again > D(2020, 11, 30):
                    break
                i = one(p[0], east_emp if rng.random() < 0.7 else city_emp, again, previous=i)
    for _ in range(OTHER_HIRES):
        p = next(pool, None)
        if p is None:
            break
        hired_on = _day_in(rng, D(2017, 9, 1), D(2020, 11, 30))
        if 16 <= _age(p[1], hired_on) <= 60:
            one(p[0], city_emp if rng.random() < 0.6 else home_emp, hired_on)
    # Referrals that did not lead to a job.
    not_hired = []
    for _ in range(260):
        p = next(pool, None)
        if p is None:
            break
        referred = _day_in(rng, D(2017, 9, 1), D(2020, 11, 30))
        not_hired.append((p[0], rng.choice(east_emp), referred))
    # Referred lately and waiting: the workers the case worker still has in hand.
    waiting = [(p[0], rng.choice(east_emp), _day_in(rng, D(2020, 12, 1), STORY_END))
               for p in [next(pool, None) for _ in range(25)] if p is not None]

    cw = ctx.users.get("caseworker")
    cw_id = cw.pk if cw else None
    rows = [(h[0], h[1], h[2], h[9], h[3], h[4], h[5], h[6], h[7], h[8], cw_id)
            for h in hires]
    rows += [(pid, eid, None, PlacementStatus.NOT_HIRED, d, d + datetime.timedelta(days=5),
              None, None, None, "", cw_id) for pid, eid, d in not_hired]
    rows += [(pid, eid, None, PlacementStatus.REFERRED, d, None, None, None, None, "", cw_id)
             for pid, eid, d in waiting]
    insert_rows(Placement, ["person", "employer", "opening", "status", "referred_on",
                            "interviewed_on", "hired_on", "wage", "left_on", "left_reason",
                            "created_by", "note", "version"],
                (r + ("", 1) for r in rows))
    ids = {(pid, ref): pk for pk, pid, ref in Placement.objects.values_list(
        "id", "person_id", "referred_on")}
    pk_of = [ids[(h[0], h[3])] for h in hires]
    Placement.objects.bulk_update(
        [Placement(pk=pk_of[i], previous_id=pk_of[h[10]])
         for i, h in enumerate(hires) if h[10] is not None], ["previous"], batch_size=1000)

    # --- follow-ups ----------------------------------------------------------------------------
    fu_rows = []
    for i, h in enumerate(hires):
        hired_on, left = h[5], h[7]
        for m in FOLLOW_UP_MONTHS:
            due = add_months(hired_on, m)
            if left and due > left:
                fu_rows.append((pk_of[i], m, due, None, None, None, "", "", True))
                continue
            if due > STORY_END and rng.random() < 0.5:
                fu_rows.append((pk_of[i], m, due, None, None, None, "", "", False))
                continue
            problems = []
            if rng.random() < 0.09:
                problems = rng.sample([Problem.UNPAID_WAGES, Problem.DISPUTE, Problem.HOUSING,
                                       Problem.CHILDREN_SCHOOL, Problem.HEALTH], 1)
            help_given = {Problem.UNPAID_WAGES: "工作站协调企业补发工资",
                          Problem.DISPUTE: "工作站调解，签订书面协议",
                          Problem.HOUSING: "协调企业安排宿舍", Problem.HEALTH: "协助就医",
                          Problem.CHILDREN_SCHOOL: "协调就近入学"}.get(
                problems[0] if problems else None, "")
            done = due + datetime.timedelta(days=rng.randint(0, 12))
            fu_rows.append((pk_of[i], m, due, done, True, h[6], join(problems), help_given,
                            False))
    insert_rows(FollowUp, ["placement", "months", "due_on", "done_on", "still_working", "wage",
                           "problems", "help_given", "cancelled", "recorded_by"],
                (r + (cw_id if r[3] else None,) for r in fu_rows))

    # --- the workstation and its cases ---------------------------------------------------------
    ws = Workstation.objects.create(
        name="临洮县驻福州仓山劳务工作站", area_id=areas["350104001000"],
        address="福州市仓山区仓前街道（合成地址）", phone="0591-0000000",
        opened_on=D(2017, 9, 18), staff=3, note="专栏3：仓山区支持临洮县在仓山区建立 1 个劳务工作站")
    kinds = [(CaseKind.WAGES, 25), (CaseKind.DISPUTE, 12), (CaseKind.JOB_CHANGE, 20),
             (CaseKind.CONSULTATION, 25), (CaseKind.LIVING, 10), (CaseKind.SETTLEMENT, 8)]
    summaries = {CaseKind.WAGES: ("反映企业拖欠两个月工资", "协调企业补发，已到账"),
                 CaseKind.DISPUTE: ("与班组长发生劳动纠纷", "调解后继续上班"),
                 CaseKind.JOB_CHANGE: ("希望调换岗位", "推荐到其他企业"),
                 CaseKind.CONSULTATION: ("咨询社保缴纳", "讲解政策并协助办理"),
                 CaseKind.LIVING: ("子女随迁入学困难", "协调就近入学"),
                 CaseKind.SETTLEMENT: ("咨询落户福州条件", "告知连续就业满2年可申请落户")}
    east_hires = [i for i, h in enumerate(hires) if h[1] in set(east_emp)]
    case_rows = []
    for i in rng.sample(east_hires, min(220, len(east_hires))):
        h = hires[i]
        kind = _pick(rng, kinds)
        opened = _day_in(rng, h[5], min(h[7] or STORY_END, STORY_END))
        closed = opened + datetime.timedelta(days=rng.randint(1, 30))
        still_open = closed > STORY_END or rng.random() < 0.03
        text, action = summaries[kind]
        case_rows.append((ws.pk, h[0], pk_of[i], kind, opened, text,
                          "" if still_open else action,
                          CaseStatus.OPEN if still_open else CaseStatus.CLOSED,
                          None if still_open else closed, cw_id))
    insert_rows(WorkstationCase, ["workstation", "person", "placement", "kind", "opened_on",
                                  "summary", "action", "status", "closed_on", "handled_by"],
                case_rows)

    # --- job fairs and targeted recruitment ----------------------------------------------------
    fairs = [(D(2017, 8, 16), FairKind.GRADUATES), (D(2017, 10, 20), FairKind.OTHER),
             (D(2018, 2, 26), FairKind.SPRING), (D(2018, 8, 14), FairKind.GRADUATES),
             (D(2018, 11, 9), FairKind.OTHER), (D(2019, 2, 18), FairKind.SPRING),
             (D(2019, 8, 13), FairKind.GRADUATES), (D(2020, 3, 5), FairKind.SPRING),
             (D(2020, 8, 18), FairKind.GRADUATES)]
    township_ids = list(Area.objects.filter(level="township", code__startswith="621124")
                        .values_list("id", flat=True))
    for day, kind in fairs:
        attendance = rng.randint(600, 2400)
        offers = int(attendance * rng.uniform(0.15, 0.3))
        name = {FairKind.SPRING: f"{day.year}年“春风行动”仓山·临洮劳务协作专场招聘会",
                FairKind.GRADUATES: f"{day.year}年贫困家庭高校毕业生赴仓山就业专场招聘会",
                FairKind.OTHER: f"{day.year}年仓山重点用工企业临洮招聘洽谈会"}[kind]
        if day.year == 2020 and kind == FairKind.SPRING:
            name += "（网络招聘）"
        fair = JobFair.objects.create(
            name=name, kind=kind, date=day, place="临洮县人力资源市场" if kind != FairKind.OTHER
            else "临洮县文化广场", area_id=rng.choice(township_ids) if kind == FairKind.OTHER
            else areas["621124000000"], positions=rng.randint(800, 3000),
            attendance=attendance, offers=offers, hires=int(offers * rng.uniform(0.4, 0.7)))
        fair.employers.set(rng.sample(east_emp + city_emp, rng.randint(18, 45)))
    recruit = []
    for code in rng.sample(villages, min(45, len(villages))):
        start = _day_in(rng, D(2017, 9, 1), D(2020, 6, 30))
        planned = rng.choice([5, 10, 10, 15, 20, 30])
        recruit.append((rng.choice(east_emp), areas[code], start,
                        add_months(start, rng.choice([3, 6, 12])), planned,
                        rng.randint(planned // 3, planned), ""))
    insert_rows(TargetedRecruitment, ["employer", "village", "started_on", "ended_on", "planned",
                                      "hired", "note"], recruit)

    # --- graduates and interns -----------------------------------------------------------------
    east_area = [areas["350104000000"], areas["350100000000"]]
    emp_name = {emp_ids[c]: n for n, c, _a, _s in employers}
    grad_rows = []
    for year, n in GRADUATES.items():
        for _ in range(n):
            eid = rng.choice(east_emp + city_emp)
            grad_rows.append((faker.name(), areas[rng.choice(villages)],
                              rng.choice(UNIVERSITIES), rng.choice(MAJORS), year, eid,
                              emp_name[eid], rng.choice(east_area),
                              _day_in(rng, D(year, 7, 1), D(year, 12, 20)),
                              Decimal(rng.choice(range(3800, 8000, 100)))))
    insert_rows(Graduate, ["name", "home_area", "university", "major", "graduation_year",
                           "employer", "employer_name", "work_area", "employed_on", "wage"],
                grad_rows)
    intern_rows = []
    for year, n in INTERNS.items():
        for _ in range(n):
            eid = rng.choice(east_emp + city_emp)
            start = _day_in(rng, D(year, 3, 1), D(year, 10, 31))
            intern_rows.append((faker.name(), areas[rng.choice(villages)], rng.choice(SCHOOLS),
                                rng.choice(VOC_MAJORS), eid, emp_name[eid],
                                rng.choice(east_area), start,
                                add_months(start, rng.choice([3, 6, 6, 12])),
                                Decimal(rng.choice(range(1800, 3200, 100)))))
    insert_rows(Intern, ["name", "home_area", "school", "major", "employer", "employer_name",
                         "work_area", "started_on", "ended_on", "allowance"], intern_rows)

    transferred = len({h[0] for h in hires if h[1] in set(east_emp)})
    ctx.log(f"  {len(profiles)} labour-survey profiles of {len(force)} in the labour force, "
            f"{len(employers)} employers, {len(openings)} openings, {len(rows)} placements "
            f"({transferred} people transferred to Cangshan), {len(fu_rows)} follow-ups, "
            f"{len(case_rows)} workstation cases, {len(fairs)} job fairs, "
            f"{len(grad_rows)} graduates, {len(intern_rows)} interns (synthetic)")

    # Outreach (ch.4.2) and vocational training (ch.4.3); training first in time for the run
    # below, so the certificates earned count in it.
    from xiezuo.labour.outreach import demo as outreach_demo
    from xiezuo.labour.training import demo as training_demo

    county = ctx.county or Area.objects.get(code="621124000000")
    outreach_demo.build(rng=ctx.sub_rng("labour.outreach"), faker=faker, log=ctx.log,
                        county=county)
    training_demo.build(rng=ctx.sub_rng("labour.training"), log=ctx.log, county=county)

    # One matching run by the case worker, so the matching page shows proposals to act on.
    caseworker = ctx.users.get("caseworker")
    if caseworker is not None:
        from xiezuo.labour.runs import _create, match_run_execute

        run = match_run_execute(run_id=_create(actor=caseworker).pk)
        ctx.log(f"  one matching run: {run.summary.get('placed')} proposals")

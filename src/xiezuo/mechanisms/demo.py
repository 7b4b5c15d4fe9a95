"""The synthetic ch.8 story of 2017–2020 (names and documents made up; runs after funds).

Both sides' leading groups (set up in May 2017) with their members and the changes of 2018–2020,
Cangshan's working group in Lintao; a joint meeting each year, held in Lintao, Cangshan,
Cangshan again (2019: the venues did not alternate, and the pages say so) and Lintao, with
mutual visits and a high-level meeting between them; their decisions, most done, some still
open past their due date (overdue), one withdrawn; the secondment batches of the plan (two
cadres east→west in 2017 and 2019 for two years; two west→east in each of 2017–2019 for a year)
with their yearly work summaries; model cases and where they were published.
"""

import datetime

from xiezuo.core.synthetic import DemoContext, day_in

D = datetime.date
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "国建明华强文军平志伟德红海东晓春成林宏波永英杰俊丽峰磊涛辉鹏"
EAST_UNITS = ["仓山区委", "仓山区人民政府", "仓山区委组织部", "仓山区发改局", "仓山区财政局",
              "仓山区人社局", "仓山区农业农村局", "仓山区教育局", "仓山区卫健局", "仓山区工商联"]
WEST_UNITS = ["临洮县委", "临洮县人民政府", "临洮县委组织部", "临洮县扶贫办", "临洮县财政局",
              "临洮县人社局", "临洮县农业农村局", "临洮县教育局", "临洮县卫健局", "临洮县商务局"]
DECISION_TEXTS = [
    ("落实{y}年东部财政帮扶资金，年内拨付到位", "财政局", 4),
    ("联合举办{y}年春季劳务招聘会，组织贫困劳动力到仓山就业", "人社局", 3),
    ("推动仓山区企业在临洮设立扶贫车间", "工商联", 8),
    ("选派骨干教师、医生开展支教支医", "教育局", 6),
    ("在仓山区建设临洮农特产品展销中心", "商务局", 9),
    ("组织镇（街）与临洮乡镇开展结对帮扶", "扶贫办", 5),
]
CASES = [
    ("东西协作扶贫车间让留守妇女家门口就业", "临洮县辛店镇", 2017, "甘肃日报"),
    ("仓山企业“一企帮一村”带动深度贫困村产业发展", "临洮县洮阳镇", 2018, "福州日报"),
    ("临洮贫困劳动力在仓山稳定就业的故事", "仓山区", 2018, "人民网"),
    ("“临洮马铃薯”进入福州超市：消费扶贫的临洮样本", "临洮县", 2019, "定西日报"),
    ("挂职干部扎根临洮两年：从项目到民心", "临洮县", 2019, "学习强国"),
    ("仓山医疗专家组驻点临洮县人民医院", "临洮县", 2020, "福建日报"),
]


def _name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def build(ctx: DemoContext) -> None:
    from xiezuo.mechanisms import services
    from xiezuo.mechanisms.choices import (
        DecisionStatus,
        Direction,
        GroupKind,
        Level,
        MeetingKind,
        Post,
        Side,
    )
    from xiezuo.mechanisms.models import LeadingGroup
    from xiezuo.regions.reference import default_partnership

    if LeadingGroup.objects.exists():
        ctx.log("mechanisms: already built")
        return
    rng = ctx.sub_rng("mechanisms")
    p = default_partnership()
    counts = {"members": 0, "meetings": 0, "decisions": 0, "overdue": 0, "secondments": 0}

    # --- the leading groups, their members and the changes over the years ----------------
    groups = {}
    for side, area, units, est, doc in (
            (Side.EAST, p.east, EAST_UNITS, D(2017, 5, 10), "仓委办〔2017〕36号"),
            (Side.WEST, p.west, WEST_UNITS, D(2017, 5, 22), "临办发〔2017〕58号")):
        g = services.group_create(actor=None, partnership=p, side=side, area=area,
                                  name=f"{area.name}东西部扶贫协作领导小组", established=est,
                                  document_no=doc)
        groups[side] = g
        lines = [(Post.LEADER, units[0], "书记"), (Post.EXEC_DEPUTY, units[1], "常务副职"),
                 (Post.DEPUTY, units[2], "部长"), (Post.DEPUTY, units[1], "副职"),
                 *((Post.MEMBER, u, "局长（主任）") for u in units[3:]),
                 (Post.OFFICE_DIRECTOR, units[3], "副主任（兼）"), (Post.OFFICE, units[3], "干部")]
        for post, unit, title in lines:
            start = est
            # about one member in three is replaced once (a new post, a retirement)
            while True:
                change = (day_in(rng, max(start, D(2018, 1, 1)) + datetime.timedelta(days=60),
                                 D(2020, 6, 30))
                          if start < D(2020, 3, 1) and rng.random() < 0.35 else None)
                services.member_add(actor=None, group=g, person_name=_name(rng), post=post,
                                    unit=unit, title=title, start=start,
                                    end=change - datetime.timedelta(days=1) if change else None)
                counts["members"] += 1
                if change is None:
                    break
                start = change
    working = services.group_create(
        actor=None, partnership=p, side=Side.EAST, kind=GroupKind.WORKING, area=p.east,
        name=f"{p.east.name}驻{p.west.name}东西部扶贫协作工作组", established=D(2017, 8, 1),
        document_no="仓委组〔2017〕21号", place=p.west.name)

    # --- the secondment batches ------------------------------------------------------------
    east_to_west = []
    for batch, start in ((1, D(2017, 7, 15)), (2, D(2019, 7, 15))):
        for i, (post, level) in enumerate((("副县长", Level.DEPUTY_DIVISION),
                                           ("扶贫办副主任", Level.SECTION))):
            s = services.secondment_create(
                actor=None, partnership=p, batch=batch, direction=Direction.EAST_TO_WEST,
                person_name=_name(rng), level=level, home_unit=EAST_UNITS[3 + i + batch],
                home_post="副局长" if i == 0 else "科长", host_unit="临洮县人民政府" if i == 0
                else "临洮县扶贫办", host_post=post, start=start,
                end=start.replace(year=start.year + 2) - datetime.timedelta(days=1),
                working_group=working)
            east_to_west.append(s)
    west_to_east = []
    for batch, year in ((1, 2017), (2, 2018), (3, 2019)):
        start = D(year, 9, 1)
        for i in range(2):
            s = services.secondment_create(
                actor=None, partnership=p, batch=batch, direction=Direction.WEST_TO_EAST,
                person_name=_name(rng), level=Level.SECTION,
                home_unit=WEST_UNITS[3 + (batch + i) % 7], home_post="股长",
                host_unit=EAST_UNITS[3 + (batch + i) % 7], host_post="局长助理", start=start,
                end=start.replace(year=year + 1) - datetime.timedelta(days=1))
            west_to_east.append(s)
    for s in east_to_west + west_to_east:
        counts["secondments"] += 1
        for year in range(s.start.year, min(s.end.year, 2020) + 1):
            services.summary_save(
                actor=None, secondment=s, year=year, assessment=rng.choice(("优秀", "称职")),
                text=(f"{year}年，{s.person_name}同志在{s.host_unit}挂职{s.host_post}，"
                      "协调推进两地产业合作、劳务协作和人才交流。\n"
                      f"牵头落实协作项目{rng.randint(2, 8)}个，对接企业{rng.randint(3, 15)}家，"
                      f"深入贫困村调研{rng.randint(10, 40)}次。"))

    # --- joint meetings (2019 on the same side as 2018), visits and their decisions --------
    venues = {2017: Side.WEST, 2018: Side.EAST, 2019: Side.EAST, 2020: Side.WEST}
    places = {Side.EAST: "仓山区行政服务中心会议室", Side.WEST: "临洮县政府三楼会议室"}
    story_end = D(2020, 12, 31)
    for year, side in venues.items():
        meetings = [(MeetingKind.JOINT, f"仓山·临洮{year}年东西部扶贫协作联席会议",
                     day_in(rng, D(year, 3, 1), D(year, 6, 30)), side)]
        other = Side.WEST if side == Side.EAST else Side.EAST
        meetings.append((MeetingKind.VISIT, f"{year}年{'临洮县' if other == Side.EAST else '仓山区'}"
                         "党政代表团考察互访", day_in(rng, D(year, 8, 1), D(year, 10, 31)), other))
        if year in (2018, 2020):
            meetings.append((MeetingKind.HIGH_LEVEL, f"{year}年两地党政主要领导高层对接会",
                             day_in(rng, D(year, 11, 1), D(year, 11, 30)), side))
        for kind, title, day, venue in meetings:
            units = EAST_UNITS if venue == Side.EAST else WEST_UNITS
            m = services.meeting_create(
                actor=None, partnership=p, kind=kind, title=title, date=day, venue_side=venue,
                place=places[venue], chair=f"{units[0]}书记 {_name(rng)}",
                attendees="\n".join(f"{_name(rng)} {u}主要负责同志"
                                    for u in (EAST_UNITS[:3] + WEST_UNITS[:3])),
                agenda=f"通报{year - 1}年协作工作情况\n研究部署{year}年协作重点任务\n签订协作协议",
                summary=f"会议总结了{year - 1}年两地东西部扶贫协作工作，研究确定了{year}年协作重点。",
                minutes_no=f"仓临协〔{year}〕{rng.randint(1, 9)}号" if kind == MeetingKind.JOINT
                else "", copy_to="福州市扶贫办、定西市扶贫办")
            counts["meetings"] += 1
            picks = rng.sample(DECISION_TEXTS, 4 if kind == MeetingKind.JOINT else 2)
            for text, unit, months in picks:
                owner_side = rng.choice((Side.EAST, Side.WEST))
                owner = ("仓山区" if owner_side == Side.EAST else "临洮县") + unit
                due = min(day + datetime.timedelta(days=30 * months), story_end)
                d = services.decision_add(actor=None, meeting=m, text=text.format(y=year),
                                          owner_unit=owner, owner_person=_name(rng), due=due)
                counts["decisions"] += 1
                fate = rng.random()
                mid = day_in(rng, day, min(due, story_end))
                if fate < 0.75:  # done: in progress, then done by the due date
                    services.decision_follow_up(actor=None, decision=d, version=d.version,
                                                status=DecisionStatus.DOING, date=mid,
                                                note="已召开专题会议部署，正在推进。")
                    services.decision_follow_up(
                        actor=None, decision=d, version=d.version, status=DecisionStatus.DONE,
                        date=day_in(rng, mid, due), note="已按期完成。")
                elif fate < 0.9:  # still in progress past its due date: overdue
                    services.decision_follow_up(actor=None, decision=d, version=d.version,
                                                status=DecisionStatus.DOING, date=mid,
                                                note="受项目用地影响，进度滞后。")
                    counts["overdue"] += 1
                elif fate < 0.96:  # never started: overdue
                    counts["overdue"] += 1
                else:
                    services.decision_follow_up(actor=None, decision=d, version=d.version,
                                                status=DecisionStatus.CANCELLED, date=mid,
                                                note="经两地协商，该事项并入下年度计划。")

    # --- model cases ---------------------------------------------------------------------------
    for title, place, year, media in CASES:
        services.case_create(
            actor=None, partnership=p, title=title, place=place, year=year, media=media,
            published_on=day_in(rng, D(year, 4, 1), D(year, 12, 20)),
            text=(f"{year}年，两地围绕“{title}”开展协作。\n"
                  "该做法经总结推广，成为东西部扶贫协作的典型经验。（合成演示数据）"))
    ctx.log(f"mechanisms: 3 groups with {counts['members']} member terms, "
            f"{counts['meetings']} meetings with {counts['decisions']} decisions "
            f"({counts['overdue']} still open past their due date), "
            f"{counts['secondments']} seconded cadres, {len(CASES)} model cases")

"""The mechanisms part's section of the annual self-assessment report (core.reports): the
year's leading groups, joint meetings with the follow-up of their decisions, and the seconded
cadres in post, counted over the lists the ch.8 pages show."""

import datetime

from django.utils import timezone

from xiezuo.core.reports import ReportSection, ReportTable
from xiezuo.mechanisms import selectors
from xiezuo.mechanisms.choices import DecisionStatus, GroupKind, MeetingKind
from xiezuo.mechanisms.documents import cn_date
from xiezuo.mechanisms.filters import (
    DecisionFilters,
    GroupFilters,
    MeetingFilters,
    SecondmentFilters,
)
from xiezuo.mechanisms.rules import members_on


def sections(*, user, year: int) -> list[ReportSection]:
    year_end = min(datetime.date(year, 12, 31), timezone.localdate())
    groups = list(selectors.group_list(user=user, filters=GroupFilters(year=year)))
    group_rows = []
    for g in groups:
        current = members_on(list(g.memberships.all()), year_end)
        leader = "、".join(m.person_name for m in current if m.post == "leader") or "—"
        group_rows.append([g.name, g.get_kind_display(), cn_date(g.established),
                           g.document_no or "—", leader, len(current)])
    meetings = list(selectors.meeting_list(user=user, filters=MeetingFilters(year=year))
                    .order_by("date"))
    warned = selectors.meeting_venue_warnings(user=user)
    meeting_rows = [[cn_date(m.date), m.get_kind_display(), m.title,
                     f"{m.get_venue_side_display()} {m.place}", m.n_decisions,
                     "未轮流" if m.pk in warned else ""] for m in meetings]
    decisions = list(selectors.decision_list(user=user, filters=DecisionFilters(year=year)))
    done = sum(1 for d in decisions if d.status == DecisionStatus.DONE)
    overdue = [d for d in decisions if d.is_overdue(year_end)]
    cadres = list(selectors.secondment_list(user=user, filters=SecondmentFilters(in_post=year)))
    cadre_rows = [[c.get_direction_display(), c.person_name, c.get_level_display(),
                   f"{c.host_unit}{c.host_post}", f"{cn_date(c.start)}至{cn_date(c.end)}"]
                  for c in cadres]
    if not (groups or meetings or cadres):
        return []
    joint = [m for m in meetings if m.kind == MeetingKind.JOINT]
    text = [
        f"{year}年，{'、'.join(g.name for g in groups if g.kind == GroupKind.LEADING) or '两地领导小组'}"
        f"在任运行；召开联席会议{len(joint)}次、互访和高层对接{len(meetings) - len(joint)}次"
        + ("，其中有联席会议与上一次同在一方举办，未按规划两地轮流召开" if any(
            m.pk in warned for m in joint) else "") + "。",
        f"当年会议议定事项{len(decisions)}项，已完成{done}项，"
        f"逾期未办结{len(overdue)}项；在岗挂职干部{len(cadres)}名。",
    ]
    tables = [ReportTable(caption=f"{year}年领导小组和工作组",
                          header=["名称", "类别", "成立日期", "成立文号", "组长", "年末在任人数"],
                          rows=group_rows)] if group_rows else []
    if meeting_rows:
        tables.append(ReportTable(caption=f"{year}年联席会议和互访",
                                  header=["日期", "类别", "会议", "举办地", "议定事项", "提示"],
                                  rows=meeting_rows))
    if overdue:
        tables.append(ReportTable(
            caption=f"{year}年逾期未办结的议定事项",
            header=["会议", "议定事项", "责任单位", "完成时限", "办理状态"],
            rows=[[d.meeting.title, d.text, d.owner_unit, cn_date(d.due),
                   d.get_status_display()] for d in overdue]))
    if cadre_rows:
        tables.append(ReportTable(caption=f"{year}年在岗挂职干部",
                                  header=["方向", "姓名", "职级", "挂职单位及职务", "挂职期间"],
                                  rows=cadre_rows))
    return [ReportSection(chapter=8, title="组织领导、联席会议和干部挂职情况", paragraphs=text,
                          tables=tables)]

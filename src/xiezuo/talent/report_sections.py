"""The talent part's section of the annual self-assessment report (core.reports): the year's
training classes with their trainees, the hospital pairings in operation and the experts sent on
request, counted over the same lists the pages and the dashboard read."""

from django.db.models import Count

from xiezuo.core.reports import ReportSection, ReportTable
from xiezuo.talent import selectors
from xiezuo.talent.filters import (
    ActivityFilters,
    AttendanceFilters,
    ClassFilters,
    PairingFilters,
    RequestFilters,
)


def sections(*, user, year: int) -> list[ReportSection]:
    classes = list(selectors.class_list(user=user, filters=ClassFilters(year=year))
                   .order_by("start_date", "code"))
    all_people = (selectors.attendance_list(user=user, filters=AttendanceFilters(
        year=year, completed=True)).order_by().values("trainee").distinct().count())
    rows = [[c.code, c.name, c.get_kind_display(), c.get_held_display(),
             f"{c.start_date:%m-%d}—{c.end_date:%m-%d}", c.hours, c.n_attendances,
             c.n_completed] for c in classes]
    times = sum(c.n_attendances for c in classes)
    done = sum(c.n_completed for c in classes)
    if rows:
        rows.append(["合计", "", "", "", "", sum(c.hours for c in classes), times, done])
        text = (f"{year}年共举办（参加）培训班、专题讲座{len(classes)}期，参训{times}人次，"
                f"结业{done}人次，合{all_people}人（同一人参加多期只计一人）。")
    else:
        text = f"{year}年尚无培训班记录。"
    pairings = list(selectors.pairing_list(user=user, filters=PairingFilters(year=year)))
    acts = selectors.activity_list(user=user, filters=ActivityFilters(year=year))
    act_by_pairing = {r["pairing"]: r for r in acts.order_by().values("pairing").annotate(
        n=Count("pk"))}
    pairing_rows = [[p.west_hospital.name, p.east_hospital.name, p.signed_on,
                     act_by_pairing.get(p.pk, {}).get("n", 0)] for p in pairings]
    requests = list(selectors.request_list(user=user, filters=RequestFilters(year=year)))
    request_rows = [[r.title, r.subject, r.get_status_display(), r.filed_on, r.due_on,
                     r.n_experts] for r in requests]
    paragraphs = [text,
                  f"{year}年在运行的医院对口协作{len(pairings)}对，开展协作活动{acts.count()}次。",
                  f"{year}年临洮县提出专家人才需求{len(requests)}项，仓山区选派专家"
                  f"{sum(r.n_experts for r in requests)}人次。"]
    tables = []
    if rows:
        tables.append(ReportTable(
            caption=f"{year}年培训班及参训人数",
            header=["班次编号", "名称", "类别", "举办地", "日期", "学时", "参训（人次）",
                    "结业（人次）"], rows=rows))
    if pairing_rows:
        tables.append(ReportTable(caption=f"{year}年医院对口协作",
                                  header=["临洮县医院", "仓山区协作医院", "协议签订日期",
                                          "当年协作活动（次）"], rows=pairing_rows))
    if request_rows:
        tables.append(ReportTable(caption=f"{year}年专家人才需求",
                                  header=["需求", "项目或企业", "状态", "提出日期",
                                          "要求完成日期", "选派专家（人）"], rows=request_rows))
    return [ReportSection(chapter=5, title="人才支援情况", paragraphs=paragraphs,
                          tables=tables)]

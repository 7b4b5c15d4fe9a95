"""The labour part's section of the annual self-assessment report (core.reports): the year's
transfers to the east by township, counted over the placement list the dashboard links to."""

from django.db.models import Count, Q

from xiezuo.core.reports import ReportSection, ReportTable
from xiezuo.labour import selectors
from xiezuo.labour.filters import PlacementFilters

TOWNSHIP = "person__household__village__parent"


def sections(*, user, year: int) -> list[ReportSection]:
    first = (selectors.placement_list(user=user, filters=PlacementFilters(year=year, first=True))
             .order_by().values(f"{TOWNSHIP}__code", f"{TOWNSHIP}__name")
             .annotate(n=Count("person", distinct=True)))
    hires = (selectors.placement_list(user=user, filters=PlacementFilters(year=year))
             .order_by().values(f"{TOWNSHIP}__code", f"{TOWNSHIP}__name")
             .annotate(n=Count("pk", distinct=True),
                       east=Count("pk", distinct=True,
                                  filter=Q(employer__area__code__startswith=selectors.EAST_DISTRICT))))
    by_code: dict[str, list] = {}
    for r in hires:
        by_code[r[f"{TOWNSHIP}__code"]] = [r[f"{TOWNSHIP}__name"], 0, r["east"], r["n"]]
    for r in first:
        row = by_code.setdefault(r[f"{TOWNSHIP}__code"], [r[f"{TOWNSHIP}__name"], 0, 0, 0])
        row[1] = r["n"]
    rows = [by_code[c] for c in sorted(by_code)]
    total = [sum(r[i] for r in rows) for i in (1, 2, 3)]
    if rows:
        text = (f"{year}年，共有{total[0]}名建档立卡贫困劳动力首次到东部协作地区（仓山区）就业，"
                f"来自{sum(1 for r in rows if r[1])}个乡镇；全年上岗{total[2]}人次，"
                f"其中在东部就业{total[1]}人次。各乡镇情况见下表。")
        rows.append(["合计", *total])
    else:
        text = f"{year}年尚无劳务协作上岗记录。"
    table = ReportTable(
        caption=f"{year}年各乡镇劳务协作就业情况",
        header=["乡镇", "首次转移到东部就业（人）", "在东部上岗（人次）", "全部上岗（人次）"],
        rows=rows)
    return [ReportSection(chapter=4, title="劳务协作就业情况（按乡镇）", paragraphs=[text],
                          tables=[table] if rows else [])]

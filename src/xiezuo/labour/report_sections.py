"""The labour part's section of the annual self-assessment report (core.reports): the year's
transfers to the east by township, counted over the placement list the dashboard links to."""

from django.db.models import Count

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
                                  filter=selectors.east_q("employer__area__code"))))
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
                          tables=[table] if rows else []),
            _outreach(user=user, year=year), _training(user=user, year=year)]


def _outreach(*, user, year: int) -> ReportSection:
    """Ch.4.2: the year's campaigns and their coverage against the registry, by township."""
    from xiezuo.labour.outreach import selectors as outreach
    from xiezuo.labour.outreach.filters import CampaignFilters

    campaigns = outreach.campaign_list(user=user, filters=CampaignFilters(year=year)).count()
    v = outreach.village_coverage(user=user, year=year)
    h = outreach.household_coverage_counts(user=user, year=year)
    if not campaigns:
        return ReportSection(chapter=4, title="政策信息宣传", paragraphs=[
            f"{year}年尚无政策宣传活动记录。"])
    text = (f"{year}年共开展政策和岗位信息宣传活动{campaigns}次，宣传覆盖{v.reached}个行政村"
            f"（共{v.total}个，覆盖率{v.percent}%），覆盖建档立卡贫困户{h.reached}户"
            f"（共{h.total}户，覆盖率{h.percent}%；入户宣传见到家庭成员或短信送达计为覆盖）。")
    if v.unreached:
        text += f"尚有{len(v.unreached)}个行政村未覆盖，已列入跟进名单。"
    rows = []
    by_township: dict[str, list] = {}
    for a in outreach.village_coverage_list(user=user, filters=_vfilters(year)):
        row = by_township.setdefault(a.parent.code, [a.parent.name, 0, 0])
        row[1] += 1
        row[2] += 1 if a.reached else 0
    rows = [[name, total, reached, total - reached]
            for _c, (name, total, reached) in sorted(by_township.items())]
    if rows:
        rows.append(["合计", *(sum(r[i] for r in rows) for i in (1, 2, 3))])
    return ReportSection(chapter=4, title="政策信息宣传", paragraphs=[text], tables=[ReportTable(
        caption=f"{year}年各乡镇政策宣传覆盖行政村情况",
        header=["乡镇", "行政村（个）", "已覆盖（个）", "未覆盖（个）"], rows=rows)])


def _vfilters(year: int):
    from xiezuo.labour.outreach.filters import VillageCoverageFilters

    return VillageCoverageFilters(year=year)


def _training(*, user, year: int) -> ReportSection:
    """Ch.4.3: the year's courses, places, completions and certificates."""
    from xiezuo.labour.training import selectors as training
    from xiezuo.labour.training.choices import TraineeSource
    from xiezuo.labour.training.filters import CourseFilters, TraineeFilters

    courses = list(training.course_list(user=user, filters=CourseFilters(year=year)))
    places = training.trainee_list(user=user, filters=TraineeFilters(year=year))
    done = training.trainee_list(user=user, filters=TraineeFilters(completed_year=year))
    if not courses:
        return ReportSection(chapter=4, title="劳动力培训", paragraphs=[
            f"{year}年尚无职业技能培训记录。"])
    youth = places.filter(source=TraineeSource.YOUTH_LIST).count()
    certified = done.exclude(certificate_number="").count()
    text = (f"{year}年依托{len({c.base_id for c in courses})}个培训基地举办就业技能和劳务品牌"
            f"培训班{len(courses)}期，培训{places.count()}人次（其中“两后生”{youth}人次），"
            f"结业{done.count()}人次，取得职业资格或技能证书{certified}人次；"
            f"证书已记入学员的劳动力信息，用于人岗匹配。")
    rows = [[c.title, c.base.name, c.starts_on.isoformat(), c.n_trainees, c.n_completed]
            for c in courses]
    return ReportSection(chapter=4, title="劳动力培训", paragraphs=[text], tables=[ReportTable(
        caption=f"{year}年职业技能培训班", header=["培训班", "培训基地", "开班日期", "学员（人次）",
                                                 "结业（人次）"], rows=rows)])

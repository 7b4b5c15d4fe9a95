"""Chapter 3 in the annual self-assessment report (core.reports): the 产业合作 section as the
yearly East–West assessment reads it — enterprises brought in, 到位资金, 带贫人数 and the
households of the interest linkage, the east's purchases of western products (assessed from
2019), the trade fairs attended and the e-commerce and showcase.

The five assessed figures are the plan's own indicators (industry/indicators.py, one query:
selectors.plan_figures), so each equals the dashboard's figure and the total of the list it
links to; the table names that list. The rest are counted over the lists' selectors with the
report user's scope.
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.urls import reverse

from xiezuo.core.indicators import one_evaluation
from xiezuo.core.numbers import wan
from xiezuo.core.reports import ReportSection, ReportTable
from xiezuo.industry import selectors
from xiezuo.industry.choices import Certification, Channel, EventSeries, FollowUp, LinkageKind
from xiezuo.industry.filters import (
    DealFilters,
    EventFilters,
    LinkageFilters,
    ProductFilters,
    ProjectFilters,
    SaleFilters,
)
from xiezuo.industry.indicators import INDICATORS

#: the year the national assessment began to score the east's purchases of western products
SALES_ASSESSED_FROM = 2019
ZERO = Decimal(0)


def figures(*, user, year: int) -> dict[str, tuple[Decimal, str]]:
    """{indicator key: (the year's figure, the list it links to)} for industry's indicators,
    read as the plan reads them (one query for all five)."""
    by_key = {ind.key: ind for ind in INDICATORS}
    with one_evaluation():
        return {key: (ind.per_year(user=user).get(year, ZERO), ind.url(year))
                for key, ind in by_key.items()}


def _wan(amount) -> Decimal:
    """An amount in 万元 as a number (2 places), as the text beside it writes it."""
    return Decimal(wan(amount or ZERO).replace(",", ""))


def _list(url_name: str, filters) -> str:
    query = filters.query()
    return f"{reverse(url_name)}?{query}" if query else reverse(url_name)


def _series_text(events) -> str:
    """The platforms attended, in the plan's order: "5·18 海峡两岸经贸交易会 2 场、…"."""
    labels = dict(EventSeries.choices)
    counts: dict[str, int] = {}
    for e in events:
        counts[e.series] = counts.get(e.series, 0) + 1
    return "、".join(f"{labels[s]} {counts[s]} 场" for s in EventSeries.values if s in counts)


def sections(*, user, year) -> list[ReportSection]:
    f = figures(user=user, year=year)
    enterprises, invested, lifted, sold, reached = (
        f[k][0] for k in ("industry.enterprises_investing", "industry.invested",
                          "industry.poor_lifted", "industry.consumption_sales",
                          "industry.households_reached"))
    lifted_households = selectors.household_years(user=user, via="linkage").get(year, (0, 0))[0]
    linkages = selectors.linkage_list(user=user, filters=LinkageFilters(year=year))
    by_kind = dict(linkages.order_by().values_list("kind").annotate(
        n=Count("household", distinct=True)).values_list("kind", "n"))
    linkage_income = linkages.aggregate(v=Sum("amount"))["v"] or ZERO
    signed = selectors.project_list(user=user, filters=ProjectFilters(year=year, east=True))
    sales = selectors.sale_list(user=user, filters=SaleFilters(year=year))
    sales_n = sales.count()
    ecommerce = sales.filter(channel=Channel.ECOMMERCE).aggregate(
        n=Count("pk"), v=Sum("amount"))
    events = list(selectors.event_list(user=user, filters=EventFilters(year=year)))
    deals = selectors.deal_list(user=user, filters=DealFilters(year=year)).aggregate(
        n=Count("pk", distinct=True), v=Sum("amount"),
        project=Count("pk", filter=Q(follow_up=FollowUp.PROJECT), distinct=True),
        sale=Count("pk", filter=Q(follow_up=FollowUp.SALE), distinct=True))
    products = selectors.product_list(user=user, filters=ProductFilters(published="yes"))
    shown = products.aggregate(n=Count("pk"), certified=Count(
        "pk", filter=~Q(certification=Certification.NONE)))

    kinds = dict(LinkageKind.choices)
    kind_text = "、".join(f"{kinds[k]} {by_kind[k]} 户" for k in LinkageKind.values
                          if by_kind.get(k))
    paragraphs = [
        f"{year}年，引导仓山区及闽籍企业到临洮投资兴业，当年新签约的东部（含东部引进）投资企业 "
        f"{int(enterprises)} 家、项目 {signed.count()} 个；产业合作项目到位资金 {wan(invested)} 万元。",
        f"通过利益联结机制带动建档立卡贫困户 {lifted_households} 户、贫困人口 {int(lifted)} 人"
        f"（带贫人数，每户每年计一次）"
        + (f"，其中{kind_text}" if kind_text else "")
        + f"；贫困户当年从利益联结获得收益 {wan(linkage_income)} 万元。",
    ]
    assessed = "" if year >= SALES_ASSESSED_FROM else f"（{SALES_ASSESSED_FROM}年起纳入考核）"
    paragraphs.append(
        f"消费扶贫：东部购买西部产品{assessed}销售额 {wan(sold)} 万元，共 {sales_n} 笔，"
        f"带动建档立卡贫困户 {int(reached)} 户。")
    if events:
        paragraphs.append(
            f"组织参加经贸活动 {len(events)} 场（{_series_text(events)}），签约 {deals['n']} 项、"
            f"签约金额 {wan(deals['v'] or ZERO)} 万元，其中已落地为投资项目 {deals['project']} 项、"
            f"已形成销售 {deals['sale']} 项。")
    else:
        paragraphs.append("本年度未记录参加经贸活动。")
    paragraphs.append(
        f"电商销售 {wan(ecommerce['v'] or ZERO)} 万元（{ecommerce['n']} 笔）；"
        f"“定西好货·临洮馆”公开展示产品 {shown['n']} 种，其中获绿色食品、有机产品或地理标志认证的 "
        f"{shown['certified']} 种。")

    def url(key: str) -> str:
        return f[key][1]

    figures_table = ReportTable(
        caption=f"{year}年产业合作主要指标",
        header=["指标", "单位", f"{year}年", "核对清单"],
        rows=[
            ["引进企业（东部及东部引进的投资企业）", "家", int(enterprises),
             url("industry.enterprises_investing")],
            ["到位资金", "万元", _wan(invested), url("industry.invested")],
            ["带贫人数（利益联结带动贫困人口）", "人", int(lifted), url("industry.poor_lifted")],
            ["利益联结贫困户", "户", lifted_households, url("industry.poor_lifted")],
            [f"东部购买西部产品（消费扶贫销售额）{assessed}", "万元", _wan(sold),
             url("industry.consumption_sales")],
            ["消费扶贫带动贫困户", "户", int(reached), url("industry.households_reached")],
            ["参加经贸活动", "场", len(events), _list("industry:event_list", EventFilters(year=year))],
            ["经贸活动签约项目", "项", deals["n"], _list("industry:deal_list", DealFilters(year=year))],
            ["电商销售额", "万元", _wan(ecommerce["v"]), _list(
                "industry:sale_list", SaleFilters(year=year, channel=Channel.ECOMMERCE))],
            ["公开展示产品（定西好货·临洮馆）", "种", shown["n"],
             _list("industry:product_list", ProductFilters(published="yes"))],
        ])
    rows = [[p.code, p.name, p.investor.name, p.get_sector_display(), p.get_stage_display(),
             _wan(p.contracted_amount),
             _wan(sum((a.amount for a in p.arrivals.all() if a.year == year), ZERO))]
            for p in selectors.project_list(user=user, filters=ProjectFilters())
            .prefetch_related("arrivals") if p.signed_on and p.signed_on.year <= year]
    tables = [figures_table,
              ReportTable(caption=f"截至{year}年的产业合作项目",
                          header=["项目编号", "项目名称", "投资主体", "产业", "阶段",
                                  "协议投资额（万元）", f"{year}年到位资金（万元）"], rows=rows)]
    if events:
        labels = dict(EventSeries.choices)
        tables.append(ReportTable(
            caption=f"{year}年参加的经贸活动", header=["活动", "平台", "日期", "签约项目（项）"],
            rows=[[e.name, labels.get(e.series, e.series), e.started_on.isoformat(), e.n_deals]
                  for e in events]))
    return [ReportSection(chapter=3, title=f"产业合作（{year}年）", paragraphs=paragraphs,
                          tables=tables)]


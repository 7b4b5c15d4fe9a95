"""Chapter 3 in the annual self-assessment report (core.reports): the enterprises brought in,
money arrived, poor people lifted and the consumption sales of the year, counted over the
industry lists' selectors (the same as the pages and the plan's indicators)."""

from decimal import Decimal

from django.db.models import Count, Sum

from xiezuo.core.reports import ReportSection, ReportTable
from xiezuo.industry import selectors
from xiezuo.industry.choices import Channel
from xiezuo.industry.filters import ArrivalFilters, InvestorFilters, ProjectFilters, SaleFilters


def sections(*, user, year) -> list[ReportSection]:
    investors = selectors.investor_list(user=user, filters=InvestorFilters(year=year, east=True))
    arrived = selectors.arrival_list(user=user, filters=ArrivalFilters(year=year)).aggregate(
        v=Sum("amount"))["v"] or Decimal(0)
    linked = selectors.household_years(user=user, via="linkage").get(year, (0, 0))
    reached = selectors.household_years(user=user, via="sale").get(year, (0, 0))
    sales = selectors.sale_list(user=user, filters=SaleFilters(year=year))
    sold = sales.aggregate(v=Sum("amount"))["v"] or Decimal(0)
    projects = selectors.project_list(user=user, filters=ProjectFilters())
    rows = [[p.code, p.name, p.investor.name, p.get_sector_display(), p.get_stage_display(),
             p.contracted_amount,
             sum((a.amount for a in p.arrivals.all() if a.year == year), Decimal(0))]
            for p in projects.prefetch_related("arrivals")]
    labels = dict(Channel.choices)
    by_channel = [[str(labels.get(c, c)), n, v] for c, n, v in sales.order_by().values(
        "channel").annotate(n=Count("pk"), v=Sum("amount")).values_list("channel", "n", "v")]
    return [ReportSection(
        chapter=3, title=f"产业合作与消费扶贫（{year}年）",
        paragraphs=[
            f"{year}年东部引进或投资的企业 {investors.count()} 家，到位资金 {arrived:,.2f} 元；"
            f"通过利益联结带动贫困户 {linked[0]} 户 {linked[1]} 人。",
            f"{year}年消费扶贫销售额 {sold:,.2f} 元，共 {sales.count()} 笔，"
            f"带动贫困户 {reached[0]} 户。",
        ],
        tables=[
            ReportTable(caption="投资项目", header=["项目编号", "项目名称", "投资主体", "产业", "阶段",
                                                "协议投资额（元）", f"{year}年到位资金（元）"],
                        rows=rows),
            ReportTable(caption="消费扶贫按销售渠道", header=["销售渠道", "笔数", "金额（元）"],
                        rows=by_channel),
        ])]

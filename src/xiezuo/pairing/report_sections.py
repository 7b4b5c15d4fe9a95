"""The pairing part's section of the annual self-assessment report (core.reports), chapter 7:
the coverage of the townships and deep-poverty villages in the year, every township with the
Cangshan towns (streets) it is paired with, and the donations by purpose, each yuan once (the
money already passed into the cooperation funds named apart). Counted over the same lists the
pages show."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from xiezuo.core.reports import ReportSection, ReportTable
from xiezuo.pairing import selectors
from xiezuo.pairing.choices import DonationKind, Purpose
from xiezuo.pairing.filters import DonationFilters, ServiceFilters, TownPairingFilters

ZERO = Decimal("0.00")


def _coverage(user, year: int) -> tuple[str, ReportTable]:
    towns = selectors.township_coverage(user=user, year=year)
    villages = selectors.village_coverage(user=user, year=year)
    partners: dict[str, list[str]] = {}
    for code, name, started in (selectors.town_pairing_list(
            user=user, filters=TownPairingFilters(year=year))
            .values_list("west_township__code", "east_town__name", "started_on")):
        partners.setdefault(code, []).append(f"{name}（{started:%Y年%m月}起）")
    n_towns = sum(1 for m in towns if m.paired)
    missing = [m.name for m in towns if not m.paired]
    n_villages = sum(1 for m in villages if m.paired)
    text = (f"{year}年，{len(towns)}个乡镇中有{n_towns}个与仓山区镇（街道）结对帮扶"
            + (f"，未结对的有{'、'.join(missing)}" if missing else "，实现全覆盖")
            + f"；{len(villages)}个深度贫困村中有{n_villages}个与企业结对（一企帮一村、多企帮一村）。"
            "结对在该年度内至少有一天有效即计为已结对。")
    rows = [[m.name, "、".join(partners.get(m.code, [])) or "—", "是" if m.paired else "否"]
            for m in towns]
    rows.append(["合计", f"{n_towns}个乡镇已结对", f"{n_towns}/{len(towns)}"])
    return text, ReportTable(caption=f"{year}年乡镇结对帮扶覆盖情况",
                             header=["乡镇", "结对的仓山区镇（街道）", "是否结对"], rows=rows)


def _donations(user, year: int) -> tuple[str, ReportTable | None]:
    qs = selectors.donation_list(user=user, filters=DonationFilters(year=year)).order_by()
    by_purpose = {r["purpose"]: r for r in qs.values("purpose").annotate(
        n=Count("pk"),
        money=Sum("amount", filter=Q(kind=DonationKind.MONEY)),
        goods=Sum("amount", filter=Q(kind=DonationKind.GOODS)),
        in_funds=Sum("amount", filter=Q(kind=DonationKind.MONEY,
                                        funds_allocation_id__isnull=False)))}
    totals = selectors.donation_totals(user=user, filters=DonationFilters(year=year))
    if not totals["count"]:
        return f"{year}年尚无社会捐赠记录。", None
    rows = []
    for value, label in Purpose.choices:
        r = by_purpose.get(value)
        if r is None:
            continue
        rows.append([str(label), r["n"], (r["money"] or ZERO).quantize(ZERO),
                     (r["goods"] or ZERO).quantize(ZERO), (r["in_funds"] or ZERO).quantize(ZERO)])
    rows.append(["合计", totals["count"], totals["money"], totals["goods"],
                 totals["money_in_funds"]])
    text = (f"{year}年，社会各界捐赠{totals['count']}笔，合计{totals['total']:,.2f}元，其中捐款"
            f"{totals['money']:,.2f}元、物资折价{totals['goods']:,.2f}元。捐款中"
            f"{totals['money_in_funds']:,.2f}元已作为社会捐赠拨入东西部协作资金，在第六章资金中"
            "计入，不重复计算。")
    return text, ReportTable(caption=f"{year}年社会捐赠情况（按用途）",
                             header=["用途", "笔数", "捐款（元）", "物资折价（元）",
                                     "其中已拨入协作资金（元）"], rows=rows)


def sections(*, user, year: int) -> list[ReportSection]:
    cov_text, cov_table = _coverage(user, year)
    don_text, don_table = _donations(user, year)
    s = selectors.service_totals(user=user, filters=ServiceFilters(year=year))
    vol_text = (f"{year}年，社会组织和志愿者开展志愿服务{s['count']}次，服务时长{s['hours']}小时，"
                f"服务{s['people_served']}人次。" if s["count"] else f"{year}年尚无志愿服务记录。")
    return [ReportSection(chapter=7, title="结对帮扶与社会捐赠",
                          paragraphs=[cov_text, don_text, vol_text],
                          tables=[cov_table] + ([don_table] if don_table else []))]

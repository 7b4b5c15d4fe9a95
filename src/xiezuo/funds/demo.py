"""Four plan years of money: allocations growing each year, a few hundred projects over the
villages (more to deep-poverty ones), their disbursements, and a handful of flaws for the
supervision page to find. Written through the bulk services, so the ledger chain is real."""

import datetime
from collections import defaultdict
from decimal import Decimal

from xiezuo.core.synthetic import DemoContext
from xiezuo.funds import services
from xiezuo.funds.choices import Category, ProjectStatus, Source
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area

# Eastern fiscal aid per year (the plan: ≥ 5,000,000 and more each year; Cangshan had given
# 34.87 million by mid-2018), plus social donations.
EAST_FISCAL = {2017: 6_000_000, 2018: 12_500_000, 2019: 18_000_000, 2020: 22_000_000}
DONATIONS = {2017: 600_000, 2018: 1_200_000, 2019: 1_800_000, 2020: 2_400_000}
PROJECTS_PER_YEAR = {2017: 45, 2018: 70, 2019: 85, 2020: 100}
CATEGORY_WEIGHTS = {Category.ROAD: 30, Category.HOUSING: 20, Category.WATER: 15,
                    Category.RELOCATION: 8, Category.INDUSTRY: 17, Category.TRAINING: 5,
                    Category.OTHER: 5}
NAMES = {
    Category.ROAD: "{v}村组道路硬化工程", Category.HOUSING: "{v}危房改造项目",
    Category.WATER: "{v}安全饮水巩固提升工程", Category.RELOCATION: "{v}易地扶贫搬迁配套工程",
    Category.INDUSTRY: "{v}中药材种植产业扶持项目", Category.TRAINING: "{v}贫困劳动力技能培训",
    Category.OTHER: "{v}村级综合服务设施",
}


def flush_guard(connection):
    """What `xiezuo demo --rebuild` wraps its flush in: the ledger's triggers refuse the DELETEs
    that flush issues on SQLite, so they are dropped for the flush and put back."""
    from xiezuo.funds.triggers import unlocked

    return unlocked(connection)


DONORS = ["仓山区慈善总会", "福州某医药集团", "仓山区工商联", "福建某建设集团", "仓山区红十字会"]


def _money(x: float) -> Decimal:
    return Decimal(int(x // 100) * 100)  # whole hundreds, as budgets are approved


def build(ctx: DemoContext) -> None:
    rng = ctx.sub_rng("funds")
    officer = ctx.users["funds"]
    county = ctx.county or Area.objects.get(code="621124000000")
    villages = list(Area.objects.filter(level=Level.VILLAGE, code__startswith=county.code[:6])
                    .select_related("parent").order_by("code"))
    weights = [3.0 if (v.deep_poverty or v.parent.deep_poverty) else 1.0 for v in villages]
    households = defaultdict(list)
    try:
        from xiezuo.registry.models import Household

        for h in Household.objects.filter(county=county).only("pk", "village_id", "number"):
            households[h.village_id].append(h)
    except Exception:  # noqa: BLE001 - the registry's tables may not exist yet in a partial tree
        households = defaultdict(list)

    for year in EAST_FISCAL:
        for i, share in enumerate((0.6, 0.4)):
            services.allocation_record(
                actor=officer, county=county, year=year, source=Source.EAST_FISCAL,
                amount=_money(EAST_FISCAL[year] * share),
                date=datetime.date(year, 3 + 5 * i, 15),
                document_no=f"仓财〔{year}〕{12 + 30 * i}号", donor="福州市仓山区财政局")
        services.allocation_record(
            actor=officer, county=county, year=year, source=Source.DONATION,
            amount=_money(DONATIONS[year]), date=datetime.date(year, 6, 30),
            document_no=f"仓慈〔{year}〕{5 + year % 10}号", donor=rng.choice(DONORS))

    today = datetime.date.today()
    items, paid_plans = [], []
    for year, n in PROJECTS_PER_YEAR.items():
        pool = Decimal(EAST_FISCAL[year] + DONATIONS[year])
        shares = [rng.uniform(0.4, 1.6) for _ in range(n)]
        year_items = []
        for k in range(n):
            category = rng.choices(list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))[0]
            chosen = {rng.choices(villages, weights)[0].pk: None
                      for _ in range(1 if rng.random() < 0.8 else rng.randint(2, 3))}
            project_villages = [v for v in villages if v.pk in chosen]
            weight = 1.4 if any(v.deep_poverty or v.parent.deep_poverty
                                for v in project_villages) else 1.0
            raw = shares[k] * weight
            start = datetime.date(year, rng.randint(3, 7), rng.randint(1, 28))
            planned_end = start + datetime.timedelta(days=rng.randint(90, 240))
            late = rng.random() < 0.04
            # The demo looks back from after 2020: all done but the few late ones.
            actual_end = None if late else planned_end - datetime.timedelta(
                days=rng.randint(0, 30))
            status = (ProjectStatus.IN_PROGRESS if actual_end is None
                      else ProjectStatus.COMPLETED)
            beneficiaries = []
            if category not in (Category.TRAINING, Category.OTHER) and rng.random() > 0.03:
                pool_h = [h for v in project_villages for h in households[v.pk]]
                beneficiaries = rng.sample(pool_h, min(len(pool_h), rng.randint(5, 40)))
            first = project_villages[0]
            items.append(services.ProjectData(
                code=f"LT{year}-{k + 1:03d}", name=NAMES[category].format(v=first.name),
                category=category, year=year, villages=project_villages, budget=raw,
                approval_doc=f"临扶发〔{year}〕{k + 20}号", start_date=start,
                planned_end=planned_end, actual_end=actual_end, status=status,
                plaque=(rng.choice(DONORS) + "援建") if rng.random() < 0.08 else "",
                beneficiaries=beneficiaries))
            year_items.append(items[-1])
            paid_plans.append([year, None, start, actual_end or min(planned_end, today)])
        # Budgets take about 93 % of the year's money, in proportion to their weights.
        total = sum(i.budget for i in year_items)
        for item, plan in zip(year_items, paid_plans[-len(year_items):], strict=True):
            item.budget = plan[1] = _money(float(pool) * 0.93 * item.budget / total)
    projects = services.projects_create_many(actor=officer, items=items)

    disbursements = []
    flaws = {"no_voucher": 0}
    for project, (year, budget, start, end) in zip(projects, paid_plans, strict=True):
        fraction = 1.0 if project.status == ProjectStatus.COMPLETED else rng.uniform(0.3, 0.85)
        target = _money(float(budget) * fraction)
        parts = rng.randint(1, 4)
        paid = Decimal(0)
        span = max((end - start).days, 1)
        for j in range(parts):
            amount = target - paid if j == parts - 1 else _money(float(target) / parts)
            if amount <= 0:
                continue
            day = min(start + datetime.timedelta(days=span * (j + 1) // parts), today)
            voucher = f"{year}-{len(disbursements) + 1:05d}"
            if flaws["no_voucher"] < 3 and year == 2019 and rng.random() < 0.05:
                voucher, flaws["no_voucher"] = "", flaws["no_voucher"] + 1
            disbursements.append(services.DisbursementData(
                project=project, amount=amount, date=day, voucher_no=voucher,
                payee=rng.choice(["临洮县", "定西市"]) + rng.choice(
                    ["路桥工程公司", "水务建设公司", "建筑安装公司", "农业开发合作社",
                     "职业培训学校"])))
            paid += amount
    services.disbursements_post_many(actor=officer, items=disbursements)
    n_files = _evidence(officer, projects)
    result = services.verify_ledger()
    ctx.log(f"  {len(projects)} projects, {len(disbursements)} disbursements, "
            f"{n_files} evidence files, "
            f"ledger of {result.entries} entries (chain {'intact' if result.ok else 'BROKEN'})")


def _demo_pdf(title: str) -> bytes:
    """A one-page PDF saying what it stands for (ASCII: the demo's files need no fonts)."""
    text = title.encode("ascii", "replace")
    stream = b"BT /F1 14 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


def _evidence(officer, projects) -> int:
    """Evidence files (xiezuo.evidence) as the offices keep them: each allocation's
    fund-arrival voucher and the first two projects' contracts of each year."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from xiezuo.evidence.choices import Kind
    from xiezuo.evidence.services import attachment_add
    from xiezuo.funds.access import EDITS_FUNDS
    from xiezuo.funds.models import Allocation

    n = 0
    for a in Allocation.objects.order_by("date", "pk"):
        attachment_add(actor=officer, record=a, kind=Kind.FUND_VOUCHER, capability=EDITS_FUNDS,
                       title=f"{a.document_no} 资金到位凭证",
                       upload=SimpleUploadedFile(f"资金到位凭证-{a.year}-{a.pk}.pdf", _demo_pdf(
                           f"DEMO fund-arrival voucher {a.year} {a.amount} yuan")))
        n += 1
    firsts: dict[int, int] = {}
    for p in projects:
        if firsts.get(p.year, 0) >= 2:
            continue
        firsts[p.year] = firsts.get(p.year, 0) + 1
        attachment_add(actor=officer, record=p, kind=Kind.CONTRACT, capability=EDITS_FUNDS,
                       title=f"{p.name} 施工合同",
                       upload=SimpleUploadedFile(f"施工合同-{p.code}.pdf",
                                                 _demo_pdf(f"DEMO contract {p.code}")))
        n += 1
    return n

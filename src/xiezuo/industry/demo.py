"""The synthetic industry story of 2017–2020 (runs after the registry's and labour's demo):
a dozen investment projects of eastern enterprises across the plan's sectors, with their stages
and money arrived; interest linkages to a few thousand registered households; the fairs of each
year (5·18, 6·18, 9·18, 闽商陇上行, the Dingxi potato conference, promotions in Cangshan) with
their deals; about 30,000 consumption sales; some published showcase products. Everything is
synthetic (names and credit codes drawn from a fixed seed); notes say so."""

import datetime
from decimal import Decimal

from xiezuo.core.synthetic import DemoContext, day_in, pick

SYNTHETIC = "演示数据（合成）"
YEARS = (2017, 2018, 2019, 2020)
SALES = 30_000

PROJECTS = [  # name, sector, contracted (万元), signed year, stage
    ("当归、黄芪中药材种植加工基地", "tcm", 8000, 2017, "operating"),
    ("马铃薯全粉精深加工", "potato", 12000, 2017, "operating"),
    ("肉牛养殖与饲草基地", "grass_livestock", 6000, 2018, "operating"),
    ("高原夏菜冷链分拣中心", "fruit_veg", 3000, 2018, "operating"),
    ("中药饮片生物提取车间", "biopharma", 9000, 2018, "started"),
    ("临洮—福州农产品物流园", "logistics", 5000, 2019, "started"),
    ("洮河花卉文化旅游小镇", "tourism", 15000, 2019, "started"),
    ("光伏扶贫电站", "energy", 4000, 2019, "operating"),
    ("百合、花卉种苗繁育", "fruit_veg", 2000, 2019, "signed"),
    ("马铃薯种薯脱毒繁育", "potato", 3500, 2020, "signed"),
    ("羊肚菌设施种植", "other", 1200, 2020, "started"),
    ("中药材电商仓储", "tcm", 1800, 2020, "talks"),
]
LINK_KINDS = [("wages", 3), ("dividend", 3), ("land_rent", 2), ("order", 2), ("asset", 1)]
LINK_AMOUNTS = {"wages": (6000, 24000), "dividend": (300, 1500), "land_rent": (400, 2400),
                "order": (800, 5000), "asset": (200, 1000)}
PRODUCTS = [  # product, unit, price per unit, weight
    ("马铃薯", "公斤", (1.6, 3.2), 5), ("高原夏菜", "公斤", (2.0, 6.0), 4),
    ("紫皮洋葱", "公斤", (1.5, 3.5), 2), ("百合", "公斤", (30, 60), 1),
    ("当归", "公斤", (40, 90), 1), ("黄芪", "公斤", (25, 60), 1),
    ("小杂粮", "公斤", (6, 15), 2), ("牛肉", "公斤", (60, 90), 1), ("花卉种苗", "株", (2, 8), 1),
]
BUYER_KINDS = [("canteen", "public_body", "仓山区{w}机关食堂", 8), ("union", "social_org",
               "仓山区{w}工会", 4), ("retail", "enterprise", "福州{w}超市有限公司", 5),
               ("enterprise", "enterprise", "福州{w}食品有限公司", 5),
               ("individual", "individual", "仓山区{w}社区团购点", 3)]
CHANNEL_OF = {"canteen": "canteen_union", "union": "canteen_union", "retail": "direct",
              "enterprise": "direct", "individual": "ecommerce"}
WORDS = ["闽江", "仓前", "上渡", "建新", "盖山", "城门", "螺洲", "对湖", "临江", "下渡", "金山", "三叉街",
         "高湖", "林浦", "首山", "红星", "榕城", "乌龙江", "东升", "海峡"]
EVENTS = [  # name, kind, series, area code, month, day, days
    ("海峡两岸经贸交易会（5·18）临洮展区", "fair", "518", "350100000000", 5, 18, 4),
    ("海峡项目成果交易会（6·18）", "negotiation", "618", "350100000000", 6, 18, 3),
    ("中国国际投资贸易洽谈会（9·18）临洮推介", "promotion", "918", "350200000000", 9, 8, 4),
    ("闽商陇上行·临洮招商推介会", "promotion", "minshang", "621124000000", 7, 10, 2),
    ("定西马铃薯大会", "expo", "potato", "621100000000", 9, 20, 3),
    ("仓山区临洮特色农产品展销会", "expo", "cangshan", "350104000000", 11, 15, 3),
]


def build(ctx: DemoContext) -> None:  # noqa: C901 - one story, told in order
    from django.db import connection

    from xiezuo.industry import rollup
    from xiezuo.industry.demo_photos import product_card
    from xiezuo.industry.models import (
        Deal,
        InvestmentArrival,
        InvestmentProject,
        Linkage,
        Product,
        Sale,
        SaleHousehold,
        StageChange,
        TradeEvent,
    )
    from xiezuo.industry.services import keep_photo_bytes
    from xiezuo.orgs import creditcode
    from xiezuo.orgs.models import Organisation, OrganisationRole
    from xiezuo.regions.models import Area
    from xiezuo.registry.models import Household
    from xiezuo.tabular.bulk import insert_rows

    rng = ctx.sub_rng("industry")
    areas = {a.code: a for a in Area.objects.filter(code__in=[
        "350104000000", "350100000000", "350200000000", "621124000000", "621100000000"])}
    # Xiamen (the 9·18 fair, investors from elsewhere in Fujian) is not among the reference
    # areas `xiezuo init` loads; its records then sit under Fuzhou, the nearest area there is.
    for missing, nearest in (("350200000000", "350100000000"), ("350100000000", "350104000000"),
                             ("621100000000", "621124000000")):
        if missing not in areas and nearest in areas:
            areas[missing] = areas[nearest]
    if "350104000000" not in areas or "621124000000" not in areas:
        ctx.log("  industry: the partnership's areas are missing; nothing built")
        return
    townships = list(Area.objects.filter(level="township", code__startswith="621124")
                     .order_by("code"))
    streets = list(Area.objects.filter(level="township", code__startswith="350104")
                   .order_by("code")) or [areas["350104000000"]]
    used: set[str] = set(Organisation.objects.values_list("name", flat=True))

    def org(name_pattern, *, area, kind, role, division):
        while True:
            name = name_pattern.format(w=rng.choice(WORDS) + rng.choice(["", "一", "二", "第三"]))
            if name not in used:
                used.add(name)
                break
        code = creditcode.generate(rng, division=division) if kind in (
            "enterprise", "cooperative") else ""
        o = Organisation.objects.create(name=name, credit_code=code, kind=kind, side=area.side,
                                        area=area, note=SYNTHETIC)
        OrganisationRole.objects.create(organisation=o, role=role)
        return o

    # --- investors and projects ------------------------------------------------------------------
    projects = []
    for i, (name, sector, wan, year, stage) in enumerate(PROJECTS, start=1):
        east = rng.random() < 0.85
        investor = org("福州{w}实业有限公司" if east else "厦门{w}投资有限公司",
                       area=rng.choice(streets) if east else areas["350200000000"],
                       kind="enterprise", role="investor",
                       division="350104" if east else "350200")
        township = rng.choice(townships)
        signed = day_in(rng, datetime.date(year, 3, 1), datetime.date(year, 10, 31))
        path = ["talks", "signed", "started", "operating"]
        steps = path[:path.index(stage) + 1]
        dates, d = [], signed - datetime.timedelta(days=rng.randint(30, 120))
        for s in steps:
            if s == "signed":
                d = signed
            elif s != "talks":
                d = min(d + datetime.timedelta(days=rng.randint(60, 300)), datetime.date(2020, 12, 1))
            dates.append(d)
        jobs = rng.randint(30, 400) if stage in ("started", "operating") else 0
        p = InvestmentProject.objects.create(
            code=f"LT-{year}-{i:03d}", name=name, investor=investor, introduced_by_east=not east,
            sector=sector, area=township, stage=stage, stage_on=dates[-1],
            signed_on=signed if stage != "talks" else None,
            contracted_amount=Decimal(wan) * 10000, jobs_created=jobs,
            poor_employed=int(jobs * rng.uniform(0.2, 0.5)), note=SYNTHETIC)
        old = ""
        for s, day in zip(steps, dates, strict=True):
            StageChange.objects.create(project=p, old=old, new=s, date=day)
            old = s
        if p.signed_on:
            left = p.contracted_amount
            for y in range(year, 2021):
                if left <= 0:
                    break
                part = min(left, (p.contracted_amount * Decimal(rng.uniform(0.15, 0.45))).quantize(
                    Decimal("1")))
                day = day_in(rng, max(datetime.date(y, 1, 10), signed), datetime.date(y, 12, 20))
                if day.year != y:
                    continue
                InvestmentArrival.objects.create(project=p, year=y, date=day, amount=part,
                                                 note=f"凭证 DZ-{y}-{i:03d}（合成）")
                left -= part
        projects.append(p)

    # --- linkages: a few thousand households, each to one project, every year since signing ----
    signed_projects = [p for p in projects if p.signed_on]
    households = list(Household.objects.filter(village__code__startswith="621124")
                      .order_by("id").values_list("id", flat=True))
    chosen = rng.sample(households, min(len(households), 3200))
    links = []
    for hid in chosen:
        p = rng.choice(signed_projects)
        kind = pick(rng, LINK_KINDS)
        low, high = LINK_AMOUNTS[kind]
        for y in range(p.signed_on.year, 2021):
            if y == p.signed_on.year or rng.random() < 0.85:
                links.append((p.pk, hid, kind, y, Decimal(rng.randint(low, high)), 1))

    # --- buyers and suppliers ------------------------------------------------------------------------
    buyers = []
    for kind, org_kind, pattern, n in BUYER_KINDS:
        for _ in range(n):
            buyers.append((kind, org("" + pattern, area=rng.choice(streets), kind=org_kind,
                                     role="buyer", division="350104")))
    suppliers = [(t, org(t.name.removesuffix("镇").removesuffix("乡") + "{w}种植专业合作社",
                         area=t, kind="cooperative", role="supplier", division="621124"))
                 for t in townships for _ in range(2)]

    # --- fairs and deals -----------------------------------------------------------------------------
    events = []
    for y in YEARS:
        for name, kind, series, code, month, day, days in EVENTS:
            area = areas.get(code) or areas["350104000000"]
            start = datetime.date(y, month, day)
            e = TradeEvent.objects.create(
                name=f"{y}年{name}", kind=kind, series=series, area=area, place=area.name,
                started_on=start, ended_on=start + datetime.timedelta(days=days - 1),
                participants="临洮县商务局、农业农村局及合作社代表（合成）",
                participant_count=rng.randint(8, 40), note=SYNTHETIC)
            events.append(e)
            for _ in range(rng.randint(0, 3)):
                landed = [p for p in projects if p.signed_on and p.signed_on.year == y]
                follow = pick(rng, [("pending", 3), ("project", 2 if landed else 0), ("sale", 2),
                                    ("dropped", 1)])
                d = Deal.objects.create(
                    event=e, title=rng.choice(["马铃薯采购意向", "中药材订单", "冷链物流合作",
                                               "农产品直供协议", "投资意向协议"]),
                    amount=Decimal(rng.randint(20, 3000)) * 10000,
                    follow_up="pending" if follow == "sale" else follow,
                    project=rng.choice(landed) if follow == "project" else None, note=SYNTHETIC)
                d.organisations.set([rng.choice(buyers)[1]])

    # --- consumption sales -----------------------------------------------------------------------------
    by_township: dict[int, list[int]] = {}
    for hid, township in Household.objects.filter(pk__in=households).values_list(
            "id", "township_id"):
        by_township.setdefault(township, []).append(hid)
    fair_events = {(e.started_on.year, e.series): e for e in events}
    growth = {2017: 0.12, 2018: 0.2, 2019: 0.3, 2020: 0.38}
    rows, household_rows = [], []
    base = (Sale.objects.order_by("-source_row").values_list("source_row", flat=True).first()
            or 0) + 1
    for n in range(SALES):
        y = pick(rng, list(growth.items()))
        product, unit, (lo, hi), _w = pick(rng, [(p, p[3]) for p in PRODUCTS])
        township, supplier = rng.choice(suppliers)
        buyer_kind, buyer = rng.choice(buyers)
        channel = CHANNEL_OF[buyer_kind]
        day = day_in(rng, datetime.date(y, 1, 5), datetime.date(y, 12, 28))
        event = None
        if rng.random() < 0.06:
            event = fair_events.get((y, rng.choice(["518", "cangshan", "potato"])))
            if event:
                channel, day = "fair", event.started_on
        qty = Decimal(rng.randint(20, 2000))
        amount = (qty * Decimal(str(round(rng.uniform(lo, hi), 2)))).quantize(Decimal("0.01"))
        rows.append((day, product, township.pk, supplier.pk, buyer.pk, buyer_kind, channel, qty,
                     unit, amount, event.pk if event else None, SYNTHETIC, base + n, 1))
        pool = by_township.get(township.pk)
        if pool and rng.random() < 0.4:
            for hid in rng.sample(pool, min(len(pool), rng.randint(1, 3))):
                household_rows.append((base + n, hid))
    # the linkages and sales in bulk: on SQLite the rollups' row triggers are off and the
    # rollups rebuilt once, not updated per sale and link nor a village recounted per linkage
    with rollup.deferred(connection):
        insert_rows(Linkage, ["project", "household", "kind", "year", "amount", "version"], links)
        insert_rows(Sale, ["date", "product", "township", "supplier", "buyer", "buyer_kind",
                           "channel", "quantity", "unit", "amount", "event", "note",
                           "source_row", "version"], rows)
        ids = dict(Sale.objects.filter(source_import=None, source_row__gte=base).values_list(
            "source_row", "id"))
        insert_rows(SaleHousehold, ["sale", "household"],
                    ((ids[row], hid) for row, hid in household_rows))

    # --- the showcase ----------------------------------------------------------------------------------
    certs = ["geo", "green", "organic", "none"]
    for i, (product, unit, (lo, hi), _w) in enumerate(PRODUCTS):
        township, supplier = suppliers[i % len(suppliers)]
        # a synthetic card (name, origin) kept through the showcase's own photo store
        photo, sha = keep_photo_bytes(product_card(f"临洮{product}", f"产地：{township.name}", i))
        Product.objects.create(
            photo=photo, photo_sha256=sha,
            name=f"临洮{product}", township=township, supplier=supplier,
            certification=certs[i % len(certs)],
            unit_price=Decimal(str(round((lo + hi) / 2, 2))), unit=unit,
            how_to_order="电话 0932-0000000（合成）或“定西好货”网店",
            description=f"产自临洮县{township.name}的{product}。{SYNTHETIC}",
            published=i < 7)
    ctx.log(f"  industry: {len(projects)} projects, {len(links)} linkages of {len(chosen)} "
            f"households, {len(events)} events, {len(rows)} sales, {len(PRODUCTS)} products "
            "(synthetic)")

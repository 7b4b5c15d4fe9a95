"""Four plan years of aggregate entries, so the dashboard tells a story (synthetic evidence).

Some targets are met, some behind: teacher training falls short in 2018, cadre exchange is
complete, job fairs are two a year, one year (2019) has no hospital pairing in operation,
maternal-and-child-health training ends short of its 10. Targets computed from a part's records
get entries here only while that part is missing, so the dashboard shows its story today and the
real records as soon as the part lands.
"""

import datetime
import hashlib
from decimal import Decimal

from django.utils import timezone

from xiezuo.core.synthetic import DemoContext
from xiezuo.plan import indicators
from xiezuo.plan.choices import EntryState
from xiezuo.plan.evaluation import current_plan
from xiezuo.plan.models import AggregateEntry, evidence_storage

YEARS = (2017, 2018, 2019, 2020)

# target key -> values 2017..2020 (None: no entry that year)
AGGREGATE = {
    "county-exit": (None, None, None, 1),
    "cadre-training-sessions": (1, 2, 2, 1),
    "cadre-training-people": (22, 25, 20, 18),
    "expert-lectures": (1, 2, 2, 2),
    "expert-lecture-trainees": (20, 40, 35, 24),
    "teachers-trained": (30, 18, 32, 35),
    "medical-staff-trained": (3, 3, 2, 3),
    "nursing-staff-trained": (2, 3, 3, 3),
    "mch-staff-trained": (2, 2, 2, 1),
    "cdc-staff-trained": (1, 1, 3, 5),
    "hospital-pairings": (1, 2, None, 2),
    "leading-group-east": (1, None, None, None),
    "leading-group-west": (1, None, None, None),
    "joint-meeting": (1, 1, 1, 1),
    "cadres-east-to-west": (2, None, 2, None),
    "cadres-west-to-east": (2, 2, 2, None),
    "annual-report": (1, 1, 1, 1),
}
# used only while the part that computes the target is not installed
FALLBACK = {
    "poor-exit": (12000, 15000, 18500, 11504),
    "deep-poverty-lean": (38, 45, 52, 51),
    "labour-workstation": (1, 1, 1, 1),
    "job-fairs": (2, 2, 2, 2),
    "workers-transferred": (420, 545, 380, 300),  # 965 by 2018 (Fuzhou press, 2018-07-13)
    "graduates-employed": (120, 180, 210, 240),
    "interns-placed": (500, 650, 700, 720),
    "funds-minimum": (12_000_000, 22_870_000, 25_000_000, 28_000_000),
    "funds-growth": (12_000_000, 22_870_000, 25_000_000, 28_000_000),
}
VENUES = ("west", "east", "west", "east")  # the joint meeting alternates
EAST_KEYS = {"leading-group-east", "cadres-east-to-west", "funds-minimum", "funds-growth",
             "teachers-trained", "expert-lectures", "expert-lecture-trainees"}
TOWNSHIP_WAVES = (10, 6, 2, 0)  # townships newly paired each year: all 18 by 2019
VILLAGE_WAVES = (8, 7, 6, 5)


def build_second_pair(ctx: DemoContext) -> None:
    """The synthetic second pair's plan (regions.demo made the pair) and a little money a year,
    so that the city offices' sums have two pairs behind them."""
    import datetime
    from importlib import resources

    from xiezuo.funds.choices import Source
    from xiezuo.funds.services.allocations import allocation_record
    from xiezuo.plan.services import plan_load
    from xiezuo.regions.demo import SECOND_PAIR
    from xiezuo.regions.models import Partnership

    p = Partnership.objects.filter(east__code=SECOND_PAIR["east"],
                                   west__code=SECOND_PAIR["west"]).first()
    if p is None:
        return
    name = SECOND_PAIR["plan_file"]
    plan_load(text=resources.files("xiezuo.plan").joinpath("plans", name).read_text("utf-8"),
              source=name)
    rng = ctx.sub_rng("plan-second-pair")
    for year in (2017, 2018, 2019):
        allocation_record(actor=None, county=p.west, year=year, source=Source.EAST_FISCAL,
                          amount=Decimal(rng.randrange(18, 26) * 100000),
                          date=datetime.date(year, 6, 30), donor=p.east.name,
                          note="合成演示数据")
    ctx.log(f"  second pair (synthetic): plan {name}, east fiscal funds 2017–2019")


def build(ctx: DemoContext) -> None:
    build_second_pair(ctx)
    plan = current_plan()
    if plan is None:
        return
    rng = ctx.sub_rng("plan")
    admin, east = ctx.users.get("admin"), ctx.users.get("east")
    if admin is None or east is None:
        ctx.log("  plan: demo users missing, no entries")
        return
    from xiezuo.regions.choices import Level
    from xiezuo.regions.models import Area

    county = Area.objects.get(code=plan.west_code)
    townships = list(Area.objects.filter(parent=county, level=Level.TOWNSHIP).order_by("code"))
    deep_villages = list(Area.objects.filter(code__startswith=plan.west_code[:6],
                                             level=Level.VILLAGE, deep_poverty=True)
                         .select_related("parent").order_by("code"))
    towns = plan.config.get("pairing_east_towns", [])
    east_names = dict(Area.objects.filter(code__in=towns).values_list("code", "name"))
    targets = {t.key: t for t in plan.targets.all()}
    storage = evidence_storage()
    now = timezone.now()
    rows: list[AggregateEntry] = []

    def add(key, year, value, *, area=county, member="", partner="", venue="", state=None,
            note=""):
        t = targets.get(key)
        if t is None or year not in t.years:
            return
        entrant, approver = (east, admin) if key in EAST_KEYS else (admin, east)
        body = (f"合成演示佐证材料（非真实文件）\n目标：{t.text_zh}\n年度：{year}\n数值：{value}\n"
                f"{partner}\n").encode()
        name = f"{key}-{year}{('-' + member) if member else ''}.txt"
        digest = hashlib.sha256(body).hexdigest()
        path = f"demo/{digest[:16]}-{name}"
        if not storage.exists(path):
            from django.core.files.base import ContentFile

            storage.save(path, ContentFile(body))
        st = state or EntryState.APPROVED
        at = timezone.make_aware(datetime.datetime(year, rng.randint(3, 12), rng.randint(1, 28)))
        rows.append(AggregateEntry(
            target=t, year=year, area=area, value=Decimal(value), member=member, partner=partner,
            venue_side=venue, description=note, evidence=path, evidence_name=name,
            evidence_sha256=digest, state=st, entered_by=entrant,
            decided_by=None if st == EntryState.PENDING else approver,
            decided_at=None if st == EntryState.PENDING else min(at, now),
        ))

    for key, values in AGGREGATE.items():
        for year, v in zip(YEARS, values, strict=True):
            if v is not None:
                add(key, year, v, venue=VENUES[YEARS.index(year)] if key == "joint-meeting"
                    else "")
    fallback = 0
    for key, values in FALLBACK.items():
        t = targets.get(key)
        if t is None or not t.indicator or indicators.find(t.indicator) is not None:
            continue
        fallback += 1
        for year, v in zip(YEARS, values, strict=True):
            add(key, year, v, note="演示：业务模块上线前的汇总数")
    # Town–township pairing: every township once, in waves; a Cangshan town as partner.
    order = rng.sample(townships, len(townships))
    i = 0
    for year, n in zip(YEARS, TOWNSHIP_WAVES, strict=True):
        for tw in order[i:i + n]:
            partner = east_names.get(towns[i % len(towns)], "") if towns else ""
            add("town-township-pairing", year, 1, area=tw, member=tw.code,
                partner=f"仓山区{partner}" if partner else "")
            i += 1
    picked = rng.sample(deep_villages, min(len(deep_villages), sum(VILLAGE_WAVES)))
    i = 0
    for year, n in zip(YEARS, VILLAGE_WAVES, strict=True):
        for v in picked[i:i + n]:
            add("enterprise-village-pairing", year, 1, area=v, member=v.code,
                partner=f"仓山区{rng.choice('闽榕鑫盛恒泰')}{rng.choice('达兴丰源')}有限公司（合成）")
            i += 1
    # The approval flow, visible: one entry waiting, one sent back.
    add("teachers-trained", 2020, 6, state=EntryState.PENDING, note="补报：第二批送教")
    add("expert-lecture-trainees", 2019, 12, state=EntryState.REJECTED, note="与已报数据重复")
    AggregateEntry.objects.bulk_create(rows, batch_size=500)
    ctx.log(f"  {len(rows)} aggregate entries with synthetic evidence ({fallback} targets on "
            "fallback while their part is missing)")

"""Synthetic villages of Lintao and synthetic deep-poverty flags (the real lists are not public)."""

from xiezuo.core.synthetic import DemoContext
from xiezuo.regions.choices import Level, Side
from xiezuo.regions.models import Area
from xiezuo.regions.reference import default_partnership
from xiezuo.regions.services import partnership_declare

VILLAGES = 323  # the plan, chapter 1
DEEP_TOWNSHIPS = 5  # the plan, chapter 2
DEEP_VILLAGES = 78
SOURCE = "合成演示数据（真实名单未公开）"

#: a second county pair for the demo: no plan states that Gulou helped Anding, so the pair, its
#: streets, townships and villages and its plan (plan/plans/synthetic-…) are all synthetic
SECOND_PAIR = {"east": "350102000000", "west": "621102000000", "start_year": 2017,
               "end_year": 2020, "plan_file": "synthetic-gulou-anding-2017-2020.yaml"}
SECOND_PAIR_TOWNSHIPS = ["合成凤翔镇", "合成内官营镇", "合成香泉镇"]
SECOND_PAIR_STREETS = ["合成鼓东街道", "合成鼓西街道"]

_SURNAMES = "李王张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_ENDINGS = ["家湾", "家沟", "家坪", "家庄", "家川", "家岔", "家山", "家坡", "家咀", "家塬", "家河", "家滩", "家堡", "家寨"]
_PLAIN = ["红崖", "大坪", "阳山", "石门", "杨柳", "三合", "新庄", "马坞", "白土", "槐树", "梨园", "西坪",
          "峡城", "古城", "上街", "下湾", "东山", "南坪", "北岔", "中坪", "黑石", "水泉", "柳林", "高崖"]


def _village_names(rng, n: int) -> list[str]:
    names: set[str] = set()
    while len(names) < n:
        if rng.random() < 0.75:
            names.add(rng.choice(_SURNAMES) + rng.choice(_ENDINGS) + "村")
        else:
            names.add(rng.choice(_PLAIN) + "村")
    out = sorted(names)
    rng.shuffle(out)
    return out


def build(ctx: DemoContext) -> None:
    rng = ctx.sub_rng("regions")
    partnership = default_partnership()
    county = partnership.west
    townships = list(Area.objects.filter(parent=county, level=Level.TOWNSHIP).order_by("code"))
    # Spread 323 villages over 18 townships: every township gets 10, the rest by weight.
    counts = {t.code: 10 for t in townships}
    weights = [rng.uniform(0.5, 1.5) for _ in townships]
    for _ in range(VILLAGES - 10 * len(townships)):
        counts[rng.choices(townships, weights)[0].code] += 1

    deep_townships = set(rng.sample([t.code for t in townships], DEEP_TOWNSHIPS))
    villages = []
    for t in townships:
        for i, name in enumerate(_village_names(rng, counts[t.code])):
            villages.append(Area(code=f"{t.code[:9]}{201 + i:03d}", name=name, level=Level.VILLAGE,
                                 parent=t, side=Side.WEST, synthetic=True))
    # Most deep-poverty villages lie in the deep-poverty townships, as in the plan's chapter 2.
    in_deep = [v for v in villages if v.parent.code in deep_townships]
    elsewhere = [v for v in villages if v.parent.code not in deep_townships]
    n_in = min(len(in_deep), round(DEEP_VILLAGES * 0.65))
    for v in rng.sample(in_deep, n_in) + rng.sample(elsewhere, DEEP_VILLAGES - n_in):
        v.deep_poverty, v.deep_poverty_source = True, SOURCE
    Area.objects.bulk_create(villages)
    Area.objects.filter(code__in=deep_townships).update(deep_poverty=True, deep_poverty_source=SOURCE)
    ctx.county, ctx.townships = county, townships
    build_second_pair(ctx)
    ctx.log(f"  {len(villages)} synthetic villages, {DEEP_TOWNSHIPS} deep-poverty townships, "
            f"{DEEP_VILLAGES} deep-poverty villages (synthetic flags)")


def build_second_pair(ctx: DemoContext) -> None:
    """The demo's second, synthetic pair (small: three townships of four villages, two streets),
    so that the city offices have two pairs to follow."""
    east = Area.objects.get(code=SECOND_PAIR["east"])
    west = Area.objects.get(code=SECOND_PAIR["west"])
    made = []
    for i, name in enumerate(SECOND_PAIR_STREETS):
        made.append(Area(code=f"{east.code[:6]}{1 + i:03d}000", name=name, level=Level.TOWNSHIP,
                         parent=east, side=Side.EAST, synthetic=True))
    for i, name in enumerate(SECOND_PAIR_TOWNSHIPS):
        made.append(Area(code=f"{west.code[:6]}{100 + i:03d}000", name=name,
                         level=Level.TOWNSHIP, parent=west, side=Side.WEST, synthetic=True))
    Area.objects.bulk_create(made)
    townships = {a.code: a for a in Area.objects.filter(parent=west, level=Level.TOWNSHIP)}
    villages = [Area(code=f"{t[:9]}{201 + j:03d}", name=f"{townships[t].name[2:-1]}{j + 1}村（合成）",
                     level=Level.VILLAGE, parent=townships[t], side=Side.WEST, synthetic=True)
                for t in sorted(townships) for j in range(4)]
    Area.objects.bulk_create(villages)
    partnership_declare(east_code=east.code, west_code=west.code,
                        start_year=SECOND_PAIR["start_year"], end_year=SECOND_PAIR["end_year"],
                        plan_file=SECOND_PAIR["plan_file"], synthetic=True)
    ctx.log(f"  second pair (synthetic): {east.name}–{west.name}, {len(townships)} townships, "
            f"{len(villages)} villages, {len(SECOND_PAIR_STREETS)} streets")

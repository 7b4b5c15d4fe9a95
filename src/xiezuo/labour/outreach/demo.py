"""The synthetic outreach story of 2017–2020 (called from labour.demo).

Three campaigns a year (two policy, one job information) delivered by village cadres and the
village work teams in most villages, never all: each year a few villages are missed, so the
coverage pages have villages to follow up. The registry's household phones become encrypted
contacts; each year's policy campaigns visit about a third of the households; the job campaigns
of 2019 and 2020 text three townships through the default FileBatchSender, and the platform's
delivery report (synthetic: most delivered, some failed, a few never reported) is imported
through the real import (sms_report_import).
"""

import datetime
import random
import tempfile
from pathlib import Path

from openpyxl import Workbook

D = datetime.date
YEARS = (2017, 2018, 2019, 2020)
CAMPAIGNS = [
    ("policy", "{y}年东西部扶贫协作劳务输转政策宣传", ["cadres", "work_team", "broadcast"]),
    ("policy", "{y}年“雨露计划”与职业技能培训补贴政策宣传", ["cadres", "wechat", "visit"]),
    ("jobs", "{y}年福州仓山春风行动岗位信息", ["work_team", "wechat", "sms"]),
]
MISSED = {2017: 26, 2018: 14, 2019: 9, 2020: 6}  # villages a year's campaigns did not reach
POSTS = ["村党支部书记", "村委会主任", "驻村工作队队长", "第一书记", "驻村工作队员"]
VISIT_SHARE = 0.33
SMS_TEXT = ("【临洮县扶贫办】福州仓山区企业招聘普工、缝纫工、电工等，月薪4000元以上，包吃住。"
            "详询村委会或县劳务工作站。")


def build(*, rng: random.Random, faker, log, county) -> dict:
    from django.core.exceptions import ValidationError
    from django.db import connection

    from xiezuo.labour.outreach import rollup, services
    from xiezuo.labour.outreach.imports import sms_report_import
    from xiezuo.labour.outreach.models import (
        Campaign,
        HouseholdReach,
        SmsBatch,
        VillageDelivery,
    )
    from xiezuo.regions.models import Area
    from xiezuo.registry.models import Household

    villages = list(Area.objects.filter(level="village", code__startswith=county.prefix)
                    .order_by("code").values_list("id", "code"))
    townships = list(Area.objects.filter(level="township", parent=county).order_by("code"))
    households = list(Household.objects.filter(county=county).order_by("id").values_list(
        "id", flat=True))
    contacts = services.contacts_from_registry(actor=None)
    deliveries, visits, made = [], [], []
    for year in YEARS:
        missed = set(rng.sample([v for v, _c in villages], min(MISSED[year], len(villages) // 3)))
        for kind, title, channels in CAMPAIGNS:
            c = Campaign.objects.create(
                county=county, title=title.format(y=year), kind=kind, year=year,
                started_on=D(year, rng.choice([3, 4, 5, 6]), rng.randint(1, 28)),
                channels=";".join(sorted(channels)),
                content="宣传东西部扶贫协作劳务输转、稳岗补贴和职业技能培训政策。",
                sms_text=SMS_TEXT if kind == "jobs" else "")
            made.append(c)
            for vid, _code in villages:
                if vid in missed or (kind == "jobs" and rng.random() < 0.15):
                    continue
                for ch in rng.sample(channels, rng.choice([1, 1, 2])):
                    if ch in ("sms", "visit"):
                        ch = "cadres"
                    deliveries.append(VillageDelivery(
                        campaign=c, village_id=vid, channel=ch, deliverer=faker.name(),
                        deliverer_post=rng.choice(POSTS),
                        date=c.started_on + datetime.timedelta(days=rng.randint(0, 60))))
            if kind == "policy":
                for hid in households:
                    if rng.random() < VISIT_SHARE:
                        visits.append(HouseholdReach(
                            campaign=c, household_id=hid, method="visit",
                            date=c.started_on + datetime.timedelta(days=rng.randint(5, 90)),
                            result="reached" if rng.random() < 0.9 else "not_home"))
    # the same village, channel and day once (two draws may coincide)
    seen, unique = set(), []
    for d in deliveries:
        key = (d.campaign_id, d.village_id, d.channel, d.date)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    VillageDelivery.objects.bulk_create(unique, batch_size=5000)
    with rollup.deferred(connection):  # SQLite: the rollup rebuilt once, not per visit
        HouseholdReach.objects.bulk_create(visits, batch_size=5000)

    reports = []
    for c in (x for x in made if x.kind == "jobs" and x.year >= 2019):
        for township in rng.sample(townships, min(3, len(townships))):
            try:
                batch = services.sms_batch_send(actor=None, campaign=c, township=township,
                                                today=c.started_on)
            except ValidationError:  # a township without phones: nothing to send
                continue
            reports.append(_report(rng, batch, c.started_on))
    imported = {"delivered": 0, "failed": 0}
    for path in reports:
        r = sms_report_import(actor=None, path=path, original_name=path.name)
        imported["delivered"] += r.delivered
        imported["failed"] += r.failed
    log(f"  outreach: {len(made)} campaigns, {len(unique)} village deliveries, {len(visits)} "
        f"household visits, {contacts['created']} contact phones, "
        f"{SmsBatch.objects.count()} SMS batches ({imported['delivered']} delivered, "
        f"{imported['failed']} failed) (synthetic)")
    return {"campaigns": len(made), "deliveries": len(unique), "visits": len(visits)}


def _report(rng: random.Random, batch, day: datetime.date) -> Path:
    """A delivery report as a platform returns it: the number masked, most delivered, some
    failed (空号、停机), a few never reported."""
    from xiezuo.labour.outreach.models import HouseholdReach

    wb = Workbook()
    ws = wb.active
    ws.append(["批次号", "序号", "手机号", "状态", "送达时间", "失败原因"])
    for seq, masked in HouseholdReach.objects.filter(sms_batch=batch).order_by(
            "sms_seq").values_list("sms_seq", "sms_phone_masked"):
        x = rng.random()
        if x < 0.02:
            continue
        ok = x < 0.93
        ws.append([batch.number, seq, masked, "DELIVRD" if ok else "UNDELIV",
                   f"{day + datetime.timedelta(days=1)} 10:{seq % 60:02d}:00",
                   "" if ok else rng.choice(["空号", "停机", "关机超时"])])
    path = Path(tempfile.mkdtemp()) / f"{batch.number}-回执.xlsx"
    wb.save(path)
    return path

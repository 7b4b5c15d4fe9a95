"""Writes to the outreach records: keyword-only, one transaction each, guarded and audited.

Campaigns and SMS batches are the county's (EDITS_LABOUR); deliveries in a village, household
visits and contact phones may also be recorded by a township clerk for the township's villages
(EDITS_OUTREACH). A phone number is stored only encrypted (registry.crypto); its full form is
read only through `contact_reveal` (SEES_FULL_ID, each reveal audited) and by `sms_batch_send`
on the way to the sender.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor, guard
from xiezuo.accounts.roles import SEES_FULL_ID
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import StaleEditError, check_version, stale_message
from xiezuo.labour.access import EDITS_LABOUR, EDITS_OUTREACH
from xiezuo.labour.outreach import phones, sms
from xiezuo.labour.outreach.choices import (
    Channel,
    ContactSource,
    ReachMethod,
    ReachResult,
)
from xiezuo.labour.outreach.models import (
    SEPARATOR,
    Campaign,
    HouseholdContact,
    HouseholdReach,
    SmsBatch,
    VillageDelivery,
)
from xiezuo.regions.choices import Level
from xiezuo.registry import crypto
from xiezuo.registry.models import Household

VISIT_RESULTS = (ReachResult.REACHED, ReachResult.NOT_HOME)
CAMPAIGN_FIELDS = ("title", "kind", "content", "sms_text", "year", "started_on", "channels")


def _guard_county(actor: Actor) -> None:
    guard(actor, EDITS_LABOUR, message=_("您没有登记宣传活动的权限"))


def _guard_local(actor: Actor, *, areas=(), records=None) -> None:
    guard(actor, EDITS_OUTREACH, message=_("您没有登记宣传情况的权限"), areas=areas,
          records=records, outside_message=_("%(area)s 不在您的负责区域内。"))


def _channels(values: Iterable[str] | str) -> str:
    items = values.split(SEPARATOR) if isinstance(values, str) else list(values)
    bad = [v for v in items if v and v not in Channel.values]
    if bad:
        raise ValidationError(_("未知的宣传渠道：%(v)s") % {"v": "、".join(bad)})
    return SEPARATOR.join(sorted({v for v in items if v}))


@transaction.atomic
def campaign_create(*, actor: Actor, county, title: str, kind: str, year: int,
                    started_on: datetime.date, channels: Iterable[str] | str = (),
                    content: str = "", sms_text: str = "") -> Campaign:
    _guard_county(actor)
    if county.level != Level.COUNTY:
        raise ValidationError(_("宣传活动应登记在县一级"))
    guard(actor, EDITS_LABOUR, areas=[county])
    c = Campaign.objects.create(county=county, title=title, kind=kind, year=year,
                                started_on=started_on, channels=_channels(channels),
                                content=content, sms_text=sms_text,
                                created_by=actor if actor is not None else None)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=c, area_code=county.code,
                 new={"title": title, "kind": kind, "year": year, "channels": c.channels})
    return c


@transaction.atomic
def campaign_update(*, actor: Actor, campaign: Campaign, version: int, **fields) -> Campaign:
    """Correct a campaign (the whole form) if nobody saved it since `version`."""
    from xiezuo.accounts.versioned import versioned_update

    _guard_county(actor)
    c = Campaign.objects.select_for_update().select_related("county").get(pk=campaign.pk)
    guard(actor, EDITS_LABOUR, areas=[c.county])
    changes = {k: v for k, v in fields.items() if k in CAMPAIGN_FIELDS}
    if "channels" in changes:
        changes["channels"] = _channels(changes["channels"])
    versioned_update(actor=actor, obj=c, version=version, changes=changes,
                     area_code=c.county.code, multi_value=("channels",))
    return c


def _village_of_campaign(campaign: Campaign, village) -> None:
    if village.level != Level.VILLAGE or not village.code.startswith(campaign.county.prefix):
        raise ValidationError(_("%(v)s 不是%(c)s的行政村") % {"v": village.name,
                                                          "c": campaign.county.name})


@transaction.atomic
def delivery_record(*, actor: Actor, campaign: Campaign, village, date: datetime.date,
                    deliverer: str, channel: str, deliverer_post: str = "",
                    note: str = "") -> VillageDelivery:
    """The campaign delivered in a village (the same village, channel and day once)."""
    _guard_local(actor, areas=[village])
    _village_of_campaign(campaign, village)
    if channel not in Channel.values:
        raise ValidationError(_("未知的宣传渠道：%(v)s") % {"v": channel})
    if date > timezone.localdate():
        raise ValidationError(_("宣传日期不能晚于今天"))
    if VillageDelivery.objects.filter(campaign=campaign, village=village, channel=channel,
                                      date=date).exists():
        raise ValidationError(_("该村当天已登记过此渠道的宣传"))
    d = VillageDelivery.objects.create(
        campaign=campaign, village=village, date=date, deliverer=deliverer, channel=channel,
        deliverer_post=deliverer_post, note=note, recorded_by=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=d, area_code=village.code,
                 new={"campaign": campaign.pk, "date": date, "deliverer": deliverer,
                      "channel": channel})
    return d


@transaction.atomic
def visit_record(*, actor: Actor, campaign: Campaign, household: Household,
                 date: datetime.date, result: str = ReachResult.REACHED,
                 note: str = "") -> HouseholdReach:
    """A visit to a household (入户宣传); a later visit replaces the household's visit record."""
    _guard_local(actor, records=Household.objects.filter(pk=household.pk))
    if result not in VISIT_RESULTS:
        raise ValidationError(_("入户宣传的结果应为“已入户宣传”或“未遇到”"))
    if not household.village.code.startswith(campaign.county.prefix):
        raise ValidationError(_("该户不在%(c)s") % {"c": campaign.county.name})
    r, created = HouseholdReach.objects.select_for_update().get_or_create(
        campaign=campaign, household=household, method=ReachMethod.VISIT,
        defaults={"date": date, "result": result, "note": note, "recorded_by": actor})
    if not created:
        old = {"date": r.date, "result": r.result}
        r.date, r.result, r.note, r.recorded_by = date, result, note, actor
        r.version += 1
        r.save()
    audit_record(actor=actor, action=AuditAction.CREATE if created else AuditAction.UPDATE,
                 obj=r, area_code=household.village.code, old=None if created else old,
                 new={"date": date, "result": result})
    return r


# --- contact phones ---------------------------------------------------------------------------

def _phone_fields(number: str) -> dict:
    return {"phone_cipher": crypto.encrypt_phone(number), "phone_hash": crypto.phone_hash(number),
            "phone_masked": crypto.mask_phone(number)}


@transaction.atomic
def contact_save(*, actor: Actor, household: Household, phone: str,
                 version: int | None = None) -> HouseholdContact:
    """Record or correct a household's mobile number (stored encrypted; the audit event holds
    only the masked forms). A correction needs the `version` the form read."""
    _guard_local(actor, records=Household.objects.filter(pk=household.pk))
    try:
        number = phones.parse_mobile(phone)
    except phones.PhoneError as e:
        raise ValidationError(e.reason) from None
    area = household.village.code
    existing = HouseholdContact.objects.select_for_update().filter(household=household).first()
    fields = _phone_fields(number)
    if existing is None:
        c = HouseholdContact.objects.create(household=household, source=ContactSource.ENTERED,
                                            **fields)
        audit_record(actor=actor, action=AuditAction.CREATE, obj=c, area_code=area,
                     new={"phone": c.phone_masked})
        return c
    if version is None:
        raise StaleEditError(_("该户的联系手机已由他人登记，请重新打开后再改"))
    check_version(existing, version)
    if existing.phone_hash == fields["phone_hash"]:
        return existing
    old = existing.phone_masked
    written = HouseholdContact.objects.filter(pk=existing.pk, version=version).update(
        **fields, source=ContactSource.ENTERED, version=version + 1, updated_at=timezone.now())
    if written != 1:
        raise StaleEditError(stale_message(existing, existing.version))
    existing.refresh_from_db()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=existing, area_code=area,
                 old={"phone": old}, new={"phone": existing.phone_masked})
    return existing


def contact_reveal(*, actor: Actor, contact: HouseholdContact) -> str:
    """The full number, for roles that may see full ID numbers; every view audited."""
    guard(actor, SEES_FULL_ID, message=_("您没有查看完整手机号码的权限"),
          records=HouseholdContact.objects.filter(pk=contact.pk),
          outside_message=_("该户不在您负责的区域内"))
    number = crypto.decrypt_phone(contact.phone_cipher)
    with transaction.atomic():
        audit_record(actor=actor, action=AuditAction.VIEW_ID, obj=contact,
                     area_code=contact.household.village.code, note=_("查看完整手机号码"))
    return number


@transaction.atomic
def contacts_from_registry(*, actor: Actor = None) -> dict[str, int]:
    """Copy the roster's household phones (registry Household.phone) into encrypted contacts
    for the households in the actor's scope that have none yet. Landlines and malformed numbers
    are skipped and counted: a text cannot reach them."""
    guard(actor, EDITS_LABOUR, message=_("您没有登记联系手机的权限"))
    have = set(HouseholdContact.objects.values_list("household_id", flat=True))
    made, invalid = [], 0
    for pk, raw in (Household.objects.visible_to(actor) if actor is not None
                    else Household.objects.all()).exclude(phone="").values_list("pk", "phone"):
        if pk in have:
            continue
        try:
            number = phones.parse_mobile(raw)
        except phones.PhoneError:
            invalid += 1
            continue
        made.append(HouseholdContact(household_id=pk, source=ContactSource.REGISTRY,
                                     **_phone_fields(number)))
    HouseholdContact.objects.bulk_create(made, batch_size=2000)
    out = {"created": len(made), "invalid": invalid}
    audit_record(actor=actor, action=AuditAction.IMPORT, object_type="labour.householdcontact",
                 object_repr=_("从花名册导入联系手机"), new=out)
    return out


# --- text messages ----------------------------------------------------------------------------

def _batch_number(campaign: Campaign) -> str:
    n = SmsBatch.objects.filter(campaign=campaign).count() + 1
    while True:
        number = f"DX{campaign.year}-{campaign.pk:04d}-{n:03d}"
        if not SmsBatch.objects.filter(number=number).exists():
            return number
        n += 1


@transaction.atomic
def sms_batch_send(*, actor: Actor, campaign: Campaign, content: str = "",
                   township=None, today: datetime.date | None = None) -> SmsBatch:
    """Text the campaign to every household in the actor's scope (or a township of it) that has
    a mobile number and has not been texted for this campaign yet, through the configured
    sender (sms.get_sender). One HouseholdReach per message, result 'sent' until the delivery
    report says delivered or failed."""
    _guard_county(actor)
    c = Campaign.objects.select_for_update().select_related("county").get(pk=campaign.pk)
    content = (content or c.sms_text).strip()
    if not content:
        raise ValidationError(_("请填写短信内容"))
    if len(content) > 500:
        raise ValidationError(_("短信内容过长（最多 500 个字符）"))
    households = (Household.objects.visible_to(actor) if actor is not None
                  else Household.objects.all()).filter(village__code__startswith=c.county.prefix)
    if township is not None:
        households = households.filter(township=township)
    texted = HouseholdReach.objects.filter(campaign=c, method=ReachMethod.SMS).values(
        "household_id")
    contacts = list(HouseholdContact.objects.filter(household__in=households)
                    .exclude(household_id__in=texted)
                    .select_related("household__village").order_by("household__village__code",
                                                                    "household__number"))
    if not contacts:
        raise ValidationError(_("没有需要发送的家庭：范围内的家庭都已发送过，或没有登记手机号"))
    today = today or timezone.localdate()
    sender_name = sms.sender_path()
    batch = SmsBatch.objects.create(campaign=c, number=_batch_number(c), content=content,
                                    messages=len(contacts), sender=sender_name,
                                    created_by=actor)
    messages, reaches = [], []
    for seq, contact in enumerate(contacts, start=1):
        number = crypto.decrypt_phone(contact.phone_cipher)
        messages.append(sms.Message(seq=seq, phone=number, content=content))
        reaches.append(HouseholdReach(
            campaign=c, household_id=contact.household_id, method=ReachMethod.SMS, date=today,
            result=ReachResult.SENT, sms_batch=batch, sms_seq=seq,
            sms_phone_hash=contact.phone_hash, sms_phone_masked=contact.phone_masked,
            recorded_by=actor))
    HouseholdReach.objects.bulk_create(reaches, batch_size=2000)
    sent = sms.get_sender().send(batch_number=batch.number, messages=messages)
    if sent.file:
        batch.file = sent.file
        batch.save(update_fields=["file"])
    audit_record(actor=actor, action=AuditAction.CREATE, obj=batch, area_code=c.county.code,
                 new={"messages": len(messages), "sender": sender_name, "file": batch.file})
    return batch

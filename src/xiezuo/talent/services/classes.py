"""Training classes and their trainees (ch.5.1–5.3): classes created and corrected, a trainee's
record corrected, the audited ID reveal, and the merge of two records of one person."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from xiezuo.accounts.audit import audit_record
from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor, guard
from xiezuo.accounts.versioned import check_version, versioned_update
from xiezuo.registry import crypto
from xiezuo.talent.access import REVEALS_ID
from xiezuo.talent.choices import ClassKind, Held, MergeState
from xiezuo.talent.identity import fold
from xiezuo.talent.models import Attendance, MergeCandidate, Trainee, TrainingClass
from xiezuo.talent.services.base import _guard, partnership_side

CLASS_FIELDS = ("name", "kind", "held", "start_date", "end_date", "hours", "organiser",
                "organiser_name", "teachers", "place", "note")


def _check_class(code: str, start_date, end_date, kind: str, held: str, *, pk=None) -> None:
    errors = {}
    if end_date < start_date:
        errors["end_date"] = _("结业日期不能早于开班日期")
    if TrainingClass.objects.filter(code=code).exclude(pk=pk).exists():
        errors["code"] = _("班次编号 %(c)s 已存在") % {"c": code}
    if kind not in ClassKind.values:
        errors["kind"] = _("未知的培训类别")
    if held not in Held.values:
        errors["held"] = _("请选择举办地")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def class_create(*, actor: Actor, code: str, name: str, kind: str, held: str,
                 start_date: datetime.date, end_date: datetime.date,
                 hours: Decimal = Decimal("0"), organiser=None, organiser_name: str = "",
                 teachers: str = "", place: str = "", note: str = "") -> TrainingClass:
    code = code.strip()
    _check_class(code, start_date, end_date, kind, held)
    area = partnership_side(held, actor)
    _guard(actor)
    c = TrainingClass.objects.create(
        code=code, name=name, kind=kind, held=held, area=area, start_date=start_date,
        end_date=end_date, hours=hours, organiser=organiser,
        organiser_name=organiser_name or (organiser.name if organiser else ""), teachers=teachers,
        place=place, note=note)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=c, area_code=area.code,
                 new={"code": code, "name": name, "kind": kind, "held": held,
                      "start_date": start_date.isoformat()})
    return c


@transaction.atomic
def class_update(*, actor: Actor, training_class: TrainingClass, version: int, **fields
                 ) -> TrainingClass:
    """Correct a class (its code stays: rosters name it)."""
    _guard(actor)
    c = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
    check_version(c, version)
    wanted = {k: fields[k] for k in CLASS_FIELDS if k in fields}
    _check_class(c.code, wanted.get("start_date", c.start_date),
                 wanted.get("end_date", c.end_date), wanted.get("kind", c.kind),
                 wanted.get("held", c.held), pk=c.pk)
    if "held" in wanted:
        wanted["area"] = partnership_side(wanted["held"], actor)
    versioned_update(actor=actor, obj=c, version=version, changes=wanted, area_code=c.area.code)
    return c


TRAINEE_FIELDS = ("name", "sex", "birth_date", "unit", "post", "area")


@transaction.atomic
def trainee_update(*, actor: Actor, trainee: Trainee, version: int, **fields) -> Trainee:
    """Correct a trainee's record (name, sex, birth date, unit, post, township)."""
    t = Trainee.objects.select_for_update().select_related("area").get(pk=trainee.pk)
    areas = [t.area] + ([fields["area"]] if fields.get("area") else [])
    _guard(actor, areas=areas)
    check_version(t, version)
    wanted = {k: fields[k] for k in TRAINEE_FIELDS if k in fields}
    if "name" in wanted:
        wanted["name_key"] = fold(wanted["name"])
    if "unit" in wanted:
        wanted["unit_key"] = fold(wanted["unit"])
    versioned_update(actor=actor, obj=t, version=version, changes=wanted,
                     area_code=(fields.get("area") or t.area).code)
    return t


def trainee_reveal_id(*, actor: Actor, trainee: Trainee) -> str:
    """The full ID number, for roles allowed to see it, each view audited."""
    guard(actor, REVEALS_ID, message=_("您没有查看完整证件号码的权限"),
          records=Trainee.objects.filter(pk=trainee.pk),
          outside_message=_("该学员不在您负责的区域内"))
    if not trainee.id_cipher:
        return ""
    number = crypto.decrypt_id(trainee.id_cipher)
    with transaction.atomic():
        audit_record(actor=actor, action=AuditAction.VIEW_ID, obj=trainee,
                     area_code=trainee.area.code)
    return number


@transaction.atomic
def trainee_merge(*, actor: Actor, candidate: MergeCandidate, keep: Trainee) -> Trainee:
    """Merge the pair into `keep`: the other's attendances move to it (a class both attended
    stays one attendance, completed if either was), its missing ID number, birth date, sex and
    post are taken from the other, the other record is removed, and other doubtful pairs naming
    it now name `keep`. Audited with both records."""
    c = MergeCandidate.objects.select_for_update().get(pk=candidate.pk)
    if c.state != MergeState.OPEN:
        raise ValidationError(_("这一对已处理"))
    if keep.pk not in (c.first_id, c.second_id):
        raise ValidationError(_("保留的学员必须是这一对中的一人"))
    drop_id = c.second_id if keep.pk == c.first_id else c.first_id
    pair = Trainee.objects.select_for_update().select_related("area").filter(
        pk__in=[keep.pk, drop_id])
    _guard(actor, records=Trainee.objects.filter(pk__in=[keep.pk, drop_id]))
    by_pk = {t.pk: t for t in pair}
    kept, drop = by_pk[keep.pk], by_pk[drop_id]
    if kept.id_hash and drop.id_hash and kept.id_hash != drop.id_hash:
        raise ValidationError(_("两人的证件号码不同，不能合并"))
    moved = 0
    kept_classes = dict(Attendance.objects.filter(trainee=kept).values_list(
        "training_class_id", "pk"))
    for a in Attendance.objects.filter(trainee=drop):
        if a.training_class_id in kept_classes:
            if a.completed:
                Attendance.objects.filter(pk=kept_classes[a.training_class_id]).update(
                    completed=True)
            a.delete()
        else:
            a.trainee = kept
            a.save(update_fields=["trainee"])
            moved += 1
    filled = {}
    for name in ("birth_date", "sex", "post"):
        if not getattr(kept, name) and getattr(drop, name):
            filled[name] = getattr(drop, name)
    if not kept.id_hash and drop.id_hash:
        filled.update(id_cipher=drop.id_cipher, id_hash=drop.id_hash, id_masked=drop.id_masked)
    old = {"kept": kept.pk, "removed": drop.pk, "removed_name": drop.name,
           "removed_unit": drop.unit, "removed_birth_date": str(drop.birth_date or "")}
    # other open pairs naming the removed record now name the kept one (or close, when that
    # pair is already known or would pair the kept record with itself)
    for other in MergeCandidate.objects.filter(state=MergeState.OPEN).exclude(pk=c.pk).filter(
            Q(first_id=drop.pk) | Q(second_id=drop.pk)):
        partner = other.second_id if other.first_id == drop.pk else other.first_id
        a, b = sorted((kept.pk, partner))
        if a == b or MergeCandidate.objects.filter(first_id=a, second_id=b).exists():
            other.delete()
        else:
            MergeCandidate.objects.filter(pk=other.pk).update(first_id=a, second_id=b)
    c.state, c.kept, c.decided_by, c.decided_at = (MergeState.MERGED, kept, actor,
                                                   timezone.now())
    c.save(update_fields=["state", "kept", "decided_by", "decided_at"])
    Trainee.objects.filter(pk=drop.pk).delete()  # this pair keeps `kept` and its label
    if filled:  # the unique ID hash moves only now that the other record is gone
        Trainee.objects.filter(pk=kept.pk).update(version=kept.version + 1, **filled)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=kept, area_code=kept.area.code,
                 old=old, new={"attendances_moved": moved,
                               "filled": sorted(k for k in filled if k != "id_cipher")},
                 note=_("合并疑似同一人的学员记录"))
    kept.refresh_from_db()
    return kept


@transaction.atomic
def merge_keep_apart(*, actor: Actor, candidate: MergeCandidate) -> MergeCandidate:
    """The clerk says the two are different people: the pair is closed, both records stay."""
    c = MergeCandidate.objects.select_for_update(of=("self",)).select_related("first__area").get(
        pk=candidate.pk)
    _guard(actor, records=Trainee.objects.filter(pk__in=[c.first_id, c.second_id]))
    if c.state != MergeState.OPEN:
        raise ValidationError(_("这一对已处理"))
    c.state, c.decided_by, c.decided_at = MergeState.APART, actor, timezone.now()
    c.save(update_fields=["state", "decided_by", "decided_at"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=c, area_code=c.first.area.code,
                 old={"state": MergeState.OPEN}, new={"state": MergeState.APART},
                 note=_("确认两条学员记录为不同的人"))
    return c

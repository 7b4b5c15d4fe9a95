"""Writes to vocational training: courses, enrolment, completion (and the certificate it puts in
the labour profile), drop-out. Keyword-only, one transaction each, guarded and audited; the
edits of a course or a trainee go through the versioned update."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor, guard
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import check_version, versioned_update
from xiezuo.labour.access import EDITS_LABOUR
from xiezuo.labour.models import LabourProfile, join, split
from xiezuo.labour.training.choices import TraineeSource, TraineeStatus
from xiezuo.labour.training.models import Course, CourseTrainee
from xiezuo.orgs.choices import OrgRole
from xiezuo.regions.choices import Level
from xiezuo.registry.models import Person

COURSE_FIELDS = ("base", "title", "kind", "skill", "certificate", "starts_on", "ends_on",
                 "place", "planned", "note")
TAG_LIMIT = 300  # LabourProfile.skills / certificates


def _guard(actor: Actor, *, records=None) -> None:
    guard(actor, EDITS_LABOUR, message=_("您没有登记职业培训的权限"), records=records,
          outside_message=_("该人员不在您负责的区域内"))


def _check_course(*, base, starts_on, ends_on, skill="", certificate="") -> None:
    if not base.has_role(OrgRole.TRAINING_BASE):
        raise ValidationError(_("%(b)s 不是登记的培训基地（请先在企业与组织中给它“培训基地”角色）")
                              % {"b": base.name})
    if ends_on < starts_on:
        raise ValidationError(_("结业日期不能早于开班日期"))
    for tag in (skill, certificate):
        if any(c in tag for c in ";；、"):
            raise ValidationError(_("技能和证书各填一项，不含分隔符"))


@transaction.atomic
def course_create(*, actor: Actor, county, base, title: str, kind: str,
                  starts_on: datetime.date, ends_on: datetime.date, place: str,
                  skill: str = "", certificate: str = "", planned: int = 0,
                  note: str = "") -> Course:
    _guard(actor)
    if county.level != Level.COUNTY:
        raise ValidationError(_("培训班的生源县应为县一级"))
    guard(actor, EDITS_LABOUR, areas=[county])
    _check_course(base=base, starts_on=starts_on, ends_on=ends_on, skill=skill,
                  certificate=certificate)
    c = Course.objects.create(county=county, base=base, title=title, kind=kind,
                              starts_on=starts_on, ends_on=ends_on, place=place,
                              skill=skill.strip(), certificate=certificate.strip(),
                              planned=planned, note=note, created_by=actor)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=c, area_code=county.code,
                 new={"title": title, "base": base.name, "certificate": c.certificate,
                      "starts_on": starts_on, "ends_on": ends_on})
    return c


@transaction.atomic
def course_update(*, actor: Actor, course: Course, version: int, **fields) -> Course:
    _guard(actor)
    c = Course.objects.select_for_update().select_related("county", "base").get(pk=course.pk)
    changes = {k: v for k, v in fields.items() if k in COURSE_FIELDS}
    merged = {k: changes.get(k, getattr(c, k)) for k in ("base", "starts_on", "ends_on",
                                                          "skill", "certificate")}
    _check_course(**merged)
    versioned_update(actor=actor, obj=c, version=version, changes=changes,
                     area_code=c.county.code)
    return c


@transaction.atomic
def trainee_enrol(*, actor: Actor, course: Course, person: Person,
                  source: str = TraineeSource.REGISTRY,
                  enrolled_on: datetime.date | None = None) -> CourseTrainee:
    """Put a registered person on a course (once per course)."""
    _guard(actor, records=Person.objects.filter(pk=person.pk))
    if CourseTrainee.objects.filter(course=course, person=person).exists():
        raise ValidationError(_("%(n)s 已在该培训班中") % {"n": person.name})
    t = CourseTrainee.objects.create(course=course, person=person, source=source,
                                     enrolled_on=enrolled_on or timezone.localdate())
    audit_record(actor=actor, action=AuditAction.CREATE, obj=t,
                 area_code=person.household.village.code,
                 new={"course": course.pk, "source": source})
    return t


def enrol_many(*, actor: Actor, course: Course, persons: Iterable[Person],
               source: str = TraineeSource.YOUTH_LIST) -> int:
    """Enrol several people picked from a list (those already on the course are skipped)."""
    n = 0
    with transaction.atomic():
        for p in persons:
            if not CourseTrainee.objects.filter(course=course, person=p).exists():
                trainee_enrol(actor=actor, course=course, person=p, source=source)
                n += 1
    return n


def credit_profile(*, actor: Actor, person: Person, course: Course) -> LabourProfile | None:
    """Write the course's certificate and skill into the person's labour profile (inside the
    caller's transaction), so the next matching run counts them. A person without a profile
    gets one holding only these (their willingness to work is still the survey's to record)."""
    tags = {k: v for k, v in (("certificates", course.certificate), ("skills", course.skill)) if v}
    if not tags:
        return None
    note = _("职业培训结业：%(c)s") % {"c": course.title}
    area = person.household.village.code
    profile = LabourProfile.objects.select_for_update().filter(person=person).first()
    if profile is None:
        profile = LabourProfile.objects.create(person=person, note=note[:500], **tags)
        audit_record(actor=actor, action=AuditAction.CREATE, obj=profile, area_code=area,
                     new=tags, note=note)
        return profile
    changes = {}
    for field, tag in tags.items():
        merged = join([*split(getattr(profile, field)), tag])
        if len(merged) > TAG_LIMIT:
            raise ValidationError(_("劳动力信息的%(f)s已满（最多 %(n)d 个字符）")
                                  % {"f": LabourProfile._meta.get_field(field).verbose_name,
                                     "n": TAG_LIMIT})
        changes[field] = merged
    versioned_update(actor=actor, obj=profile, version=profile.version, changes=changes,
                     area_code=area, multi_value=("skills", "certificates"), note=note)
    return profile


@transaction.atomic
def trainee_complete(*, actor: Actor, trainee: CourseTrainee, version: int,
                     completed_on: datetime.date, certificate_number: str = "",
                     certificate_date: datetime.date | None = None) -> CourseTrainee:
    """Completion (结业), with the certificate's number and date when the course grants one;
    the certificate goes into the labour profile in the same transaction."""
    t = CourseTrainee.objects.select_for_update().select_related(
        "course", "person__household__village").get(pk=trainee.pk)
    _guard(actor, records=CourseTrainee.objects.filter(pk=t.pk))
    check_version(t, version)
    if t.status == TraineeStatus.DROPPED:
        raise ValidationError(_("已退训的学员不能结业"))
    if completed_on < t.course.starts_on or completed_on > timezone.localdate():
        raise ValidationError(_("结业日期应在开班之后、今天之前"))
    if t.course.certificate and not certificate_number.strip():
        raise ValidationError(_("该培训班颁发%(c)s：请填写证书编号") % {"c": t.course.certificate})
    versioned_update(actor=actor, obj=t, version=version, changes={
        "status": TraineeStatus.COMPLETED, "completed_on": completed_on,
        "certificate_number": certificate_number.strip(),
        "certificate_date": certificate_date or (completed_on if certificate_number else None)},
        area_code=t.person.household.village.code)
    credit_profile(actor=actor, person=t.person, course=t.course)
    return t


@transaction.atomic
def trainee_drop(*, actor: Actor, trainee: CourseTrainee, version: int,
                 note: str = "") -> CourseTrainee:
    t = CourseTrainee.objects.select_for_update().select_related(
        "person__household__village").get(pk=trainee.pk)
    _guard(actor, records=CourseTrainee.objects.filter(pk=t.pk))
    if t.status == TraineeStatus.COMPLETED:
        raise ValidationError(_("已结业的学员不能退训"))
    versioned_update(actor=actor, obj=t, version=version,
                     changes={"status": TraineeStatus.DROPPED, "note": note},
                     area_code=t.person.household.village.code)
    return t

"""Directed enrolment (ch.5.2): a registered household's student admitted to a Fuzhou college,
and what each school year gave them (tuition waived, subsidies)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.audit import audit_record
from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.registry.models import Person
from xiezuo.talent.models import DirectedEnrolment, EnrolmentYear
from xiezuo.talent.services.base import _guard

CENT = Decimal("0.01")


def _code(person: Person) -> str:
    return person.household.village.code


@transaction.atomic
def enrolment_record(*, actor: Actor, person: Person, college: str, admitted_year: int,
                     major: str = "", years: int = 4, work_study: bool = False,
                     note: str = "") -> DirectedEnrolment:
    _guard(actor, records=Person.objects.filter(pk=person.pk))
    if DirectedEnrolment.objects.filter(person=person, college=college,
                                        admitted_year=admitted_year).exists():
        raise ValidationError(_("该学生的这条录取记录已登记"))
    if not 1 <= years <= 8:
        raise ValidationError({"years": _("学制应为 1 至 8 年")})
    e = DirectedEnrolment.objects.create(person=person, college=college, major=major,
                                         admitted_year=admitted_year, years=years,
                                         work_study=work_study, note=note)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=e, area_code=_code(person),
                 new={"person": person.pk, "college": college, "admitted_year": admitted_year})
    return e


@transaction.atomic
def enrolment_year_record(*, actor: Actor, enrolment: DirectedEnrolment, year: int,
                          tuition_waived: Decimal, subsidy: Decimal) -> EnrolmentYear:
    """One school year's support (a year already recorded is corrected, audited)."""
    e = DirectedEnrolment.objects.select_related("person__household__village").get(
        pk=enrolment.pk)
    _guard(actor, records=DirectedEnrolment.objects.filter(pk=e.pk))
    if not e.admitted_year <= year < e.admitted_year + e.years:
        raise ValidationError({"year": _("学年应在 %(a)d 至 %(b)d 之间")
                               % {"a": e.admitted_year, "b": e.admitted_year + e.years - 1}})
    if tuition_waived < 0 or subsidy < 0:
        raise ValidationError(_("金额不能为负"))
    tuition_waived, subsidy = Decimal(tuition_waived).quantize(CENT), Decimal(subsidy).quantize(
        CENT)
    row = EnrolmentYear.objects.filter(enrolment=e, year=year).first()
    old = ({"tuition_waived": str(row.tuition_waived), "subsidy": str(row.subsidy)}
           if row else None)
    row, _made = EnrolmentYear.objects.update_or_create(
        enrolment=e, year=year, defaults={"tuition_waived": tuition_waived,
                                          "subsidy": subsidy})
    audit_record(actor=actor, action=AuditAction.UPDATE if old else AuditAction.CREATE,
                 obj=row, area_code=_code(e.person), old=old,
                 new={"year": year, "tuition_waived": str(tuition_waived),
                      "subsidy": str(subsidy)})
    return row

"""A person's labour-survey profile (贫困劳动力信息库, ch.4.1), created or corrected."""

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import StaleEditError
from xiezuo.labour.models import (
    LabourProfile,
    join,
)
from xiezuo.labour.services.base import (
    TAG_FIELDS,
    _apply_edit,
    _guard,
    _person_code,
)
from xiezuo.registry.models import Person


def _tag_text(value: Iterable[str] | str) -> str:
    return value if isinstance(value, str) else join(value)


@transaction.atomic
def profile_save(*, actor: Actor, person: Person, version: int | None = None,
                 willing: bool = False, can_work_away: bool = False,
                 skills: Iterable[str] | str = (), certificates: Iterable[str] | str = (),
                 expected_wage: Decimal | None = None, current_employer: str = "",
                 note: str = "", destinations: Iterable[str] | str | None = None,
                 ) -> LabourProfile:
    """Record a person's survey answers: a new profile, or the existing one corrected through
    the versioned edit (`version` as the form read it; the form of a new profile has none).
    `destinations` None: as they are (the form does not edit them)."""
    _guard(actor)
    existing = LabourProfile.objects.filter(person=person).first()
    answers = {"willing": willing, "can_work_away": can_work_away, "skills": skills,
               "certificates": certificates, "expected_wage": expected_wage,
               "current_employer": current_employer, "note": note,
               "destinations": destinations}
    if existing is not None:
        if version is None:
            raise StaleEditError(_("该人员的劳动力信息已由他人登记，请重新打开后再改"))
        return profile_update(actor=actor, profile=existing, version=version, **answers)
    fields = {k: (_tag_text(v) if k in TAG_FIELDS else v) for k, v in answers.items()
              if v is not None or k == "expected_wage"}
    p = LabourProfile.objects.create(person=person, surveyed_on=timezone.localdate(), **fields)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=p,
                 area_code=_person_code(person), new=fields)
    return p


@transaction.atomic
def profile_update(*, actor: Actor, profile: LabourProfile, version: int,
                   willing: bool, can_work_away: bool, skills: Iterable[str] | str = (),
                   certificates: Iterable[str] | str = (), expected_wage: Decimal | None = None,
                   current_employer: str = "", note: str = "",
                   destinations: Iterable[str] | str | None = None) -> LabourProfile:
    """Correct a profile's answers (the whole form) if nobody saved it since `version`."""
    _guard(actor)
    p = LabourProfile.objects.select_for_update().select_related(
        "person__household__village").get(pk=profile.pk)
    changes = {"willing": willing, "can_work_away": can_work_away, "skills": _tag_text(skills),
               "certificates": _tag_text(certificates), "expected_wage": expected_wage,
               "current_employer": current_employer, "note": note}
    if destinations is not None:
        changes["destinations"] = _tag_text(destinations)
    return _apply_edit(actor, p, version, changes, area_code=_person_code(p.person))

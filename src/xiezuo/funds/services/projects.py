"""Projects: created one by one (the form) or in bulk (the import, the demo) from the same
checked `ProjectData`, edited through the versioned update, and their beneficiaries."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import check_version, versioned_update
from xiezuo.funds.choices import Category, EntryKind, ProjectStatus
from xiezuo.funds.models import Disbursement, Project
from xiezuo.funds.money import parse_amount, yuan
from xiezuo.funds.services.base import (
    FundsRuleError,
    check_year,
    lock_projects,
    project_area_code,
    raise_errors,
    require_editor,
)
from xiezuo.funds.services.ledger import Draft, ledger_append
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area


@dataclass
class ProjectData:
    """A project's fields before it is checked and stored. The one value `project_check` judges
    (a form, an imported row, the import's comparison with the stored project) and the item of
    the bulk writer (`projects_create_many`: the import, the demo); `project_create` takes the
    same fields as keyword arguments."""

    code: str
    name: str
    category: str
    year: int
    villages: list[Area]
    budget: Decimal | str | int
    approval_doc: str = ""
    start_date: datetime.date | None = None
    planned_end: datetime.date | None = None
    actual_end: datetime.date | None = None
    status: str = ProjectStatus.PLANNED
    plaque: str = ""
    note: str = ""
    beneficiaries: list = field(default_factory=list)


def project_check(data: ProjectData) -> list[tuple[str, str]]:
    """The rules a project must meet, as (field, message) pairs; empty when it is valid."""
    errors: list[tuple[str, str]] = []
    if not data.code.strip():
        errors.append(("code", str(_("项目编号不能为空。"))))
    if not data.name.strip():
        errors.append(("name", str(_("项目名称不能为空。"))))
    if data.category not in Category.values:
        errors.append(("category", str(_("项目类别不正确：%(v)s，可选：%(allowed)s") % {
            "v": data.category, "allowed": "、".join(str(c) for c in Category.labels)})))
    if data.status not in ProjectStatus.values:
        errors.append(("status", str(_("项目状态不正确：%(v)s，可选：%(allowed)s") % {
            "v": data.status, "allowed": "、".join(str(c) for c in ProjectStatus.labels)})))
    try:
        check_year(data.year)
    except FundsRuleError as exc:
        errors.append(("year", exc.messages[0]))
    if not data.villages:
        errors.append(("villages", str(_("每个项目至少要有一个实施村。"))))
    elif any(v.level != Level.VILLAGE for v in data.villages):
        errors.append(("villages", str(_("实施地点必须是行政村。"))))
    elif len({v.code[:6] for v in data.villages}) > 1:
        errors.append(("villages", str(_("一个项目的实施村必须在同一个县。"))))
    try:
        data.budget = parse_amount(data.budget)
    except ValidationError as exc:
        errors.append(("budget", exc.messages[0]))
    if data.start_date and data.planned_end and data.planned_end < data.start_date:
        errors.append(("planned_end", str(_("计划完工日期早于开工日期。"))))
    if data.start_date and data.actual_end and data.actual_end < data.start_date:
        errors.append(("actual_end", str(_("实际完工日期早于开工日期。"))))
    if data.beneficiaries and data.villages:
        village_ids = {v.pk for v in data.villages}
        strays = [h.number for h in data.beneficiaries if h.village_id not in village_ids]
        if strays:
            errors.append(("beneficiaries", str(_("受益户不在项目的实施村：%(v)s") % {
                "v": "、".join(strays[:5])})))
    return errors


@transaction.atomic
def project_create(*, actor: Actor, code: str, name: str, category: str, year: int,
                   villages: Sequence[Area], budget: Decimal | str | int, approval_doc: str = "",
                   start_date: datetime.date | None = None,
                   planned_end: datetime.date | None = None,
                   actual_end: datetime.date | None = None, status: str = ProjectStatus.PLANNED,
                   plaque: str = "", note: str = "", beneficiaries: Sequence = ()) -> Project:
    """One project (the form, the API): checked by `project_check`, with its budget entry and
    its audit event. The bulk writers build the same fields as `ProjectData`."""
    require_editor(actor)
    data = ProjectData(code=code, name=name, category=category, year=year,
                       villages=list(villages), budget=budget, approval_doc=approval_doc,
                       start_date=start_date, planned_end=planned_end, actual_end=actual_end,
                       status=status, plaque=plaque, note=note,
                       beneficiaries=list(beneficiaries))
    return projects_create_many(actor=actor, items=[data], audit=True)[0]


def projects_create_many(*, actor, items: Sequence[ProjectData], audit: bool = False,
                         ) -> list[Project]:
    """Create checked projects in bulk with one budget entry each (imports and the demo)."""
    require_editor(actor, [v for data in items for v in data.villages])
    for data in items:
        raise_errors(project_check(data))
    with transaction.atomic():
        county_ids = {}
        codes = {v.code[:6] + "000000" for d in items for v in d.villages}
        for a in Area.objects.filter(code__in=codes, level=Level.COUNTY):
            county_ids[a.code] = a.pk
        projects = [Project(
            code=d.code.strip(), name=d.name.strip(), category=d.category, year=d.year,
            county_id=county_ids[d.villages[0].code[:6] + "000000"], budget=d.budget,
            approval_doc=d.approval_doc.strip(), start_date=d.start_date,
            planned_end=d.planned_end, actual_end=d.actual_end, status=d.status,
            plaque=d.plaque.strip(), note=d.note.strip(), created_by=actor) for d in items]
        Project.objects.bulk_create(projects, batch_size=500)
        through = Project.villages.through
        through.objects.bulk_create([through(project_id=p.pk, area_id=v.pk)
                                     for p, d in zip(projects, items, strict=True)
                                     for v in d.villages], batch_size=2000)
        ben = Project.beneficiaries.through
        ben.objects.bulk_create([ben(project_id=p.pk, household_id=h.pk)
                                 for p, d in zip(projects, items, strict=True)
                                 for h in d.beneficiaries], batch_size=5000)
        ledger_append([Draft(EntryKind.BUDGET, p.year, project_area_code(d.villages), p.budget,
                             {"code": p.code, "category": p.category, "budget": p.budget,
                              "villages": sorted(v.code for v in d.villages)}, project_id=p.pk)
                       for p, d in zip(projects, items, strict=True)])
        if audit:
            for p, d in zip(projects, items, strict=True):
                audit_record(actor=actor, action=AuditAction.CREATE, obj=p,
                             area_code=project_area_code(d.villages),
                             new={"code": p.code, "budget": p.budget, "year": p.year,
                                  "villages": [v.code for v in d.villages]})
    return projects


PROJECT_FIELDS = ("name", "category", "budget", "approval_doc", "start_date", "planned_end",
                  "actual_end", "status", "plaque", "note")


@transaction.atomic
def project_update(*, actor: Actor, project: Project, version: int, changes: dict,
                   villages: list[Area] | None = None) -> Project:
    """Save the project form if nobody saved the project since it read `version` (StaleEditError
    otherwise, nothing written). A new budget is a ledger entry and never below what was paid;
    only the fields that changed are written and audited (the villages as a set)."""
    require_editor(actor)
    project = lock_projects([project.pk])[project.pk]
    check_version(project, version)
    current_villages = list(project.villages.all())
    require_editor(actor, current_villages)
    data = ProjectData(code=project.code, year=project.year,
                       villages=villages if villages is not None else current_villages,
                       **{f: getattr(project, f) for f in PROJECT_FIELDS})
    for key, value in changes.items():
        if key not in PROJECT_FIELDS:
            raise FundsRuleError(_("不能修改的字段：%(v)s") % {"v": key})
        setattr(data, key, value)
    raise_errors(project_check(data))
    require_editor(actor, data.villages)
    if ({v.pk for v in data.villages} != {v.pk for v in current_villages}
            and Disbursement.objects.filter(project=project).exists()):
        # The ledger booked its payments under these villages' area; moving them would move
        # paid money into another township's scope and figures.
        raise FundsRuleError({"villages": [_(
            "项目 %(code)s 已有支出，不能再修改实施村（已支付的资金记在这些村）。") % {
            "code": project.code}]})
    if data.budget < project.disbursed:
        raise FundsRuleError({"budget": [_("预算不能少于已支出的 %(paid)s 元。") % {
            "paid": yuan(project.disbursed)}]})
    old_budget = project.budget
    area_code = project_area_code(data.villages)
    wanted = {f: getattr(data, f) for f in PROJECT_FIELDS if f in changes}
    if villages is not None:
        wanted["villages"] = list(villages)
    changed = versioned_update(actor=actor, obj=project, version=version, changes=wanted,
                               area_code=area_code)
    if "budget" in changed:
        ledger_append([Draft(EntryKind.BUDGET, project.year, area_code, project.budget,
                             {"code": project.code, "budget": project.budget,
                              "previous": old_budget}, project_id=project.pk)])
    return project


@transaction.atomic
def project_set_beneficiaries(*, actor, project: Project, households: Iterable) -> Project:
    """The registered households the project benefits; they must live in its villages."""
    villages = list(project.villages.all())
    require_editor(actor, villages)
    households = list(households)
    village_ids = {v.pk for v in villages}
    strays = [h.number for h in households if h.village_id not in village_ids]
    if strays:
        raise FundsRuleError(_("受益户不在项目的实施村：%(v)s") % {"v": "、".join(strays[:5])})
    old = sorted(project.beneficiaries.values_list("number", flat=True))
    project.beneficiaries.set(households)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=project,
                 area_code=project_area_code(villages), old={"beneficiaries": len(old)},
                 new={"beneficiaries": len(households)})
    return project

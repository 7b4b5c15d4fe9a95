"""Writes to the organisations register: keyword-only, typed, one transaction each, guarded,
audited; edits through the one versioned update (accounts.versioned)."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.audit import audit_record
from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor, guard
from xiezuo.accounts.versioned import StaleEditError, check_version, versioned_update
from xiezuo.orgs import creditcode
from xiezuo.orgs.access import EDITS_ORGS, partnership_prefixes
from xiezuo.orgs.choices import CODE_REQUIRED, OrgKind, OrgRole, Sector
from xiezuo.orgs.models import Organisation, OrganisationRole
from xiezuo.regions.models import Area

__all__ = ["StaleEditError", "organisation_add_role", "organisation_create",
           "organisation_update", "organisations_ensure"]

_LIMITS = {"name": 200, "contact_name": 64, "contact_phone": 32, "address": 200, "note": 500}


def _guard(actor: Actor, area) -> None:
    guard(actor, EDITS_ORGS, message=_("您没有登记企业与组织的权限"))
    if actor is None:
        return
    prefixes = partnership_prefixes(actor, EDITS_ORGS)
    if prefixes is not None and not any(area.code.startswith(p) for p in prefixes):
        raise PermissionDenied(_("%(area)s 不在您所在协作关系的范围内。") % {"area": area.name})


def _checked(*, name: str, kind: str, credit_code: str, sector: str, exclude_pk=None,
             **texts) -> dict:
    """The fields as they will be stored, or ValidationError naming each wrong one."""
    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("名称不能为空")
    for field, value in {"name": name, **texts}.items():
        if len(value or "") > _LIMITS[field]:
            errors[field] = _("不能超过 %(n)d 个字") % {"n": _LIMITS[field]}
    try:
        kind = OrgKind(kind).value
    except ValueError:
        errors["kind"] = _("类型“%(v)s”无效") % {"v": kind}
    try:
        sector = Sector(sector or Sector.OTHER).value
    except ValueError:
        errors["sector"] = _("行业“%(v)s”无效") % {"v": sector}
    code = creditcode.normalise(credit_code)
    if code:
        try:
            code = creditcode.validate_credit_code(code)
        except creditcode.CreditCodeError as err:
            errors["credit_code"] = str(err)
        else:
            clash = Organisation.objects.filter(credit_code=code).exclude(pk=exclude_pk).first()
            if clash is not None:
                errors["credit_code"] = _("统一社会信用代码 %(c)s 已登记为“%(n)s”") % {
                    "c": code, "n": clash.name}
    elif kind in CODE_REQUIRED:
        errors["credit_code"] = _("企业和农民专业合作社须填写统一社会信用代码")
    if errors:
        raise ValidationError(errors)
    return {"name": name, "kind": kind, "credit_code": code, "sector": sector,
            **{k: (v or "").strip() for k, v in texts.items()}}


def _roles(roles: Iterable[str]) -> list[str]:
    try:
        wanted = {OrgRole(r).value for r in roles}
    except ValueError as err:
        raise ValidationError({"roles": _("角色无效：%(e)s") % {"e": err}}) from err
    return [r for r in OrgRole.values if r in wanted]


@transaction.atomic
def organisation_create(*, actor: Actor, name: str, area, kind: str = OrgKind.ENTERPRISE,
                        credit_code: str = "", sector: str = Sector.OTHER,
                        contact_name: str = "", contact_phone: str = "", address: str = "",
                        note: str = "", roles: Iterable[str] = ()) -> Organisation:
    """Register an organisation with its roles. The credit code is checked (GB 32100) and
    unique; enterprises and cooperatives must have one. Its side is its area's."""
    _guard(actor, area)
    fields = _checked(name=name, kind=kind, credit_code=credit_code, sector=sector,
                      contact_name=contact_name, contact_phone=contact_phone, address=address,
                      note=note)
    role_list = _roles(roles)
    org = Organisation.objects.create(area=area, side=area.side, **fields)
    OrganisationRole.objects.bulk_create(
        [OrganisationRole(organisation=org, role=r) for r in role_list])
    audit_record(actor=actor, action=AuditAction.CREATE, obj=org, area_code=area.code,
                 new={**fields, "area": area.code, "roles": role_list})
    return org


@transaction.atomic
def organisation_update(*, actor: Actor, organisation: Organisation, version: int, name: str,
                        area, kind: str, credit_code: str = "", sector: str = Sector.OTHER,
                        contact_name: str = "", contact_phone: str = "", address: str = "",
                        note: str = "", roles: Iterable[str] | None = None,
                        part_changes: Mapping[str, tuple[Any, Any]] | None = None,
                        ) -> Organisation:
    """Correct an organisation (the form read at `version`; a stale one is refused with
    StaleEditError, nothing written). `roles` None leaves the roles as they are; otherwise the
    roles become exactly these. `part_changes` ({field: (old, new)}) are fields a part keeps
    about the organisation that the same form changed (e.g. labour's employment base; the part
    writes them in the same transaction): like a change of roles, they move the version and are
    audited, so a form read before any of them is stale."""
    _guard(actor, organisation.area)
    _guard(actor, area)
    org = Organisation.objects.select_for_update().select_related("area").get(pk=organisation.pk)
    check_version(org, version)
    fields = _checked(name=name, kind=kind, credit_code=credit_code, sector=sector,
                      exclude_pk=org.pk, contact_name=contact_name,
                      contact_phone=contact_phone, address=address, note=note)
    changed = versioned_update(actor=actor, obj=org, version=version,
                               changes={**fields, "area": area, "side": area.side},
                               area_code=area.code)
    old_extra, new_extra = {}, {}
    if roles is not None:
        old, new = org.role_list, _roles(roles)
        if old != new:
            org.roles.exclude(role__in=new).delete()
            OrganisationRole.objects.bulk_create(
                [OrganisationRole(organisation=org, role=r) for r in new if r not in old])
            old_extra["roles"], new_extra["roles"] = old, new
    for key, (old, new) in (part_changes or {}).items():
        if old != new:
            old_extra[key], new_extra[key] = old, new
    if new_extra:
        if not changed:  # only the roles or a part's fields changed: the version moves for them
            Organisation.objects.filter(pk=org.pk, version=version).update(version=version + 1)
            org.version = version + 1
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=org, area_code=area.code,
                     old=old_extra, new=new_extra)
    # the roles are read again by whoever shows the record next
    org._prefetched_objects_cache = {}
    return org


@transaction.atomic
def organisation_add_role(*, actor: Actor, organisation: Organisation, role: str) -> bool:
    """Give the organisation `role` if it has not got it (True when added, audited); a part
    calls this when it first records the organisation in that role."""
    role = OrgRole(role).value
    _guard(actor, organisation.area)
    _role, created = OrganisationRole.objects.get_or_create(organisation=organisation, role=role)
    if created:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=organisation,
                     area_code=organisation.area.code, note=_("添加角色"),
                     new={"role": role})
        getattr(organisation, "_prefetched_objects_cache", {}).pop("roles", None)
    return created


@transaction.atomic
def organisations_ensure(*, actor: Actor, records: Mapping[str, Mapping[str, Any]],
                         role: str) -> dict[str, int]:
    """{credit code: organisation id} for `records`, keyed by valid normalised credit codes,
    each {"name", "area_id", "sector", "contact_name", "contact_phone"}: an organisation
    already registered under the code is given `role` if it lacks it; the others are created
    with it, in bulk (an import's path: the import's own audit event records the file)."""
    role = OrgRole(role).value
    guard(actor, EDITS_ORGS, message=_("您没有登记企业与组织的权限"))
    codes = list(records)
    found = dict(Organisation.objects.filter(credit_code__in=codes)
                 .values_list("credit_code", "pk"))
    new = {c: r for c, r in records.items() if c not in found}
    areas = {a.pk: a for a in Area.objects.filter(pk__in={r["area_id"] for r in new.values()})}
    for a in areas.values():
        _guard(actor, a)
    Organisation.objects.bulk_create(
        [Organisation(name=r["name"], credit_code=c, kind=creditcode.kind_for_code(c),
                      side=areas[r["area_id"]].side, area_id=r["area_id"],
                      sector=r.get("sector") or Sector.OTHER,
                      contact_name=r.get("contact_name", ""),
                      contact_phone=r.get("contact_phone", ""))
         for c, r in new.items()], batch_size=500)
    ids = dict(Organisation.objects.filter(credit_code__in=codes)
               .values_list("credit_code", "pk"))
    OrganisationRole.objects.bulk_create(
        [OrganisationRole(organisation_id=pk, role=role) for pk in ids.values()],
        batch_size=500, ignore_conflicts=True)
    return ids

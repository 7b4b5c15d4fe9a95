"""Villages are reference data: added by an administrator (audited), loaded from the statistics
bureau's code list, merged into the right one when created by mistake, removed while nothing
refers to them. An import never creates one silently (see roster rules).

These services sit in the registry rather than in `regions` because they are audited (accounts
sits above regions). A merge re-points every record of every part that refers to the area,
found through Django's relations (no part is imported): households, openings, projects' villages,
pairings… Codes kept as text in append-only records (the funds ledger's area code, audit events)
stay as they were written: they are history.
"""

import difflib
from dataclasses import dataclass

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.audit import audit_record
from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor, guard
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area
from xiezuo.registry.access import MANAGES_AREAS

VILLAGE_DIGITS = 3  # the last three digits of a 12-digit code number the villages of a township


class AreaRefused(Exception):
    """The change cannot be made; the message says why, in Chinese."""


# --- pure helpers ---------------------------------------------------------------------------

def closest_names(name: str, candidates: list[str], *, n: int = 3) -> list[str]:
    """The known names most like a misspelt one (for "did you mean …?")."""
    return difflib.get_close_matches(name, candidates, n=n, cutoff=0.4)


def next_village_code(township_code: str, taken: set[str]) -> str:
    """The first free village code under a township (001…999)."""
    stem = township_code[:9]
    for i in range(1, 10 ** VILLAGE_DIGITS):
        code = f"{stem}{i:03d}"
        if code not in taken:
            return code
    raise AreaRefused(_("乡镇 %(code)s 下已没有可用的村代码") % {"code": township_code})


# --- services -------------------------------------------------------------------------------

def village_create(*, actor: Actor, township: Area, name: str, code: str = "",
                   deep_poverty: bool = False) -> Area:
    """Add a village to a township (the statistics bureau's code if given, else the next free one)."""
    guard(actor, MANAGES_AREAS, areas=[township])
    name = name.strip()
    if township.level != Level.TOWNSHIP:
        raise AreaRefused(_("“%(name)s”不是乡镇，不能在其下新增行政村") % {"name": township.name})
    if not name:
        raise AreaRefused(_("请填写行政村名称"))
    with transaction.atomic():
        siblings = list(Area.objects.select_for_update().filter(parent=township))
        if any(a.name == name for a in siblings):
            raise AreaRefused(_("%(township)s已有名为“%(name)s”的行政村") % {
                "township": township.name, "name": name})
        if code:
            if len(code) != 12 or not code.isdigit() or code[:9] != township.code[:9] \
                    or code[9:] == "000":
                raise AreaRefused(_("代码 %(code)s 不是%(township)s（%(stem)s）下的村级代码") % {
                    "code": code, "township": township.name, "stem": township.code[:9]})
            if Area.objects.filter(code=code).exists():
                raise AreaRefused(_("代码 %(code)s 已被使用") % {"code": code})
        else:
            code = next_village_code(township.code, {a.code for a in siblings})
        village = Area.objects.create(code=code, name=name, level=Level.VILLAGE, parent=township,
                                      side=township.side, deep_poverty=deep_poverty)
        audit_record(actor=actor, action=AuditAction.CREATE, obj=village, area_code=village.code,
                     new={"code": code, "name": name, "parent": township.code,
                          "deep_poverty": deep_poverty})
    return village


@dataclass
class Reference:
    label: str  # the referring records' kind, in Chinese
    count: int


def references(area: Area) -> list[Reference]:
    """Every record of every part that refers to `area` (children areas included)."""
    out = []
    for rel in area._meta.related_objects:
        if not (rel.one_to_many or rel.one_to_one or rel.many_to_many):
            continue
        n = rel.related_model._base_manager.filter(**{rel.field.name: area}).count()
        if n:
            out.append(Reference(str(rel.related_model._meta.verbose_name), n))
    return out


def area_remove(*, actor: Actor, area: Area) -> None:
    """Remove an area nothing refers to (a village added by mistake)."""
    guard(actor, MANAGES_AREAS, areas=[area])
    if area.level != Level.VILLAGE:
        raise AreaRefused(_("只能删除行政村；乡镇及以上区划随参考数据维护"))
    with transaction.atomic():
        refs = references(area)
        if refs:
            raise AreaRefused(_("“%(name)s”仍被使用，不能删除：%(refs)s。请先合并到正确的行政村。") % {
                "name": area.name, "refs": "、".join(f"{r.label} {r.count}" for r in refs)})
        audit_record(actor=actor, action=AuditAction.DELETE, obj=area, area_code=area.code,
                     old={"code": area.code, "name": area.name, "parent": area.parent.code})
        area.delete()


def area_merge(*, actor: Actor, area: Area, into: Area) -> dict[str, int]:
    """Move everything that refers to `area` onto `into`, then remove `area`; one transaction.
    Returns the number of records moved per kind."""
    guard(actor, MANAGES_AREAS, areas=[area, into])
    if area.pk == into.pk:
        raise AreaRefused(_("不能合并到自身"))
    if area.level != Level.VILLAGE or into.level != Level.VILLAGE:
        raise AreaRefused(_("只能合并行政村"))
    if area.parent_id != into.parent_id:
        raise AreaRefused(_("“%(a)s”与“%(b)s”不在同一乡镇，不能合并") % {"a": area.name, "b": into.name})
    moved: dict[str, int] = {}
    try:
        with transaction.atomic():
            for rel in area._meta.related_objects:
                model = rel.related_model
                label = str(model._meta.verbose_name)
                if rel.many_to_many:
                    through = rel.through
                    src = [f for f in through._meta.fields
                           if isinstance(f, models.ForeignKey) and f.related_model is Area][0]
                    n = through.objects.filter(**{src.name: area}).update(**{src.name: into})
                elif rel.one_to_many or rel.one_to_one:
                    n = model._base_manager.filter(**{rel.field.name: area}).update(
                        **{rel.field.name: into})
                else:
                    continue
                if n:
                    moved[label] = moved.get(label, 0) + n
            for f in area._meta.many_to_many:  # an Area's own many-to-many (none today)
                getattr(into, f.name).add(*getattr(area, f.name).all())
            audit_record(actor=actor, action=AuditAction.UPDATE, obj=into, area_code=into.code,
                         old={"merged": area.code, "name": area.name}, new={"moved": moved},
                         note=f"合并行政村：{area.name}（{area.code}）并入{into.name}（{into.code}）")
            area.delete()
    except IntegrityError as e:
        raise AreaRefused(_("“%(a)s”与“%(b)s”下有重复的记录（如相同的户编号），不能自动合并，"
                            "请先更正。") % {"a": area.name, "b": into.name}) from e
    return moved

"""`xiezuo load_areas FILE`: the statistics bureau's code list (the columns of
shared/reference/divisions.csv: code, name, level, parent_code, side; Chinese headers accepted),
on the shared import pipeline. New areas are created and names corrected; an area is never moved
to another parent or level by a list (that is a merge, on the villages page), and a row whose
parent is neither known nor earlier in the file is rejected, so nothing is created under a typo.
"""

from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from xiezuo.accounts.audit import audit_record
from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import guard
from xiezuo.regions.choices import Level, Side
from xiezuo.regions.codes import level_of
from xiezuo.regions.models import Area
from xiezuo.registry.access import MANAGES_AREAS
from xiezuo.registry.models import AreaListImport
from xiezuo.tabular.columns import Col
from xiezuo.tabular.pipeline import Importer, Row, run_import
from xiezuo.tabular.result import ImportResult

LEVEL_WORDS = {"省": Level.PROVINCE, "市": Level.CITY, "县": Level.COUNTY, "区": Level.COUNTY,
               "乡": Level.TOWNSHIP, "镇": Level.TOWNSHIP, "乡镇": Level.TOWNSHIP,
               "街道": Level.TOWNSHIP, "村": Level.VILLAGE, "社区": Level.VILLAGE,
               "行政村": Level.VILLAGE}
SIDE_WORDS = {"东部": Side.EAST, "西部": Side.WEST, "东": Side.EAST, "西": Side.WEST}


@dataclass(kw_only=True)
class AreaListResult(ImportResult):
    created: int = 0
    updated: int = 0

    def counts(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated}


def parse_area_row(raw: dict, err) -> dict | None:
    """Pure: one row of a code list (code, name, level, parent_code, side) or errors."""
    code = str(raw.get("code") or "").strip()
    if code.endswith(".0"):
        code = code[:-2]  # a code typed as a number
    name = str(raw.get("name") or "").strip()
    ok = True
    if not (len(code) == 12 and code.isdigit()):
        err("code", _("区划代码应为 12 位数字")); ok = False  # noqa: E702
    if not name:
        err("name", _("名称不能为空")); ok = False  # noqa: E702
    level_text = str(raw.get("level") or "").strip()
    level = (level_text if level_text in Level.values else LEVEL_WORDS.get(level_text)) or (
        level_of(code) if ok else None)
    if level is None:
        err("level", _("级别应为 province/city/county/township/village 或 省/市/县/乡镇/村"))
        ok = False
    elif ok and level_of(code) != level:
        err("level", _("级别与区划代码不符（代码表示%(level)s）") % {"level": Level(level_of(code)).label})
        ok = False
    parent = str(raw.get("parent_code") or "").strip().removesuffix(".0")
    if parent and not (len(parent) == 12 and parent.isdigit()):
        err("parent_code", _("上级代码应为 12 位数字")); ok = False  # noqa: E702
    side_text = str(raw.get("side") or "").strip()
    side = side_text if side_text in Side.values else SIDE_WORDS.get(side_text)
    if side is None:
        err("side", _("协作方应为 east/west 或 东部/西部")); ok = False  # noqa: E702
    if not ok:
        return None
    if level != Level.PROVINCE and not parent:
        err("parent_code", _("省以下区划须填写上级代码"))
        return None
    return {"code": code, "name": name, "level": level, "parent_code": parent, "side": side}


class AreaListImporter(Importer):
    columns = (Col("code", "code", required=True), Col("区划代码", "code"),
               Col("name", "name", required=True), Col("名称", "name"),
               Col("level", "level"), Col("级别", "level"),
               Col("parent_code", "parent_code"), Col("上级代码", "parent_code"),
               Col("side", "side", required=True), Col("协作方", "side"))
    markers = ("code", "区划代码")
    any_marker = True
    limits = {"name": 64}
    kind, folder = "areas", "areas"

    def new_result(self, *, dry_run, strict):
        return AreaListResult(dry_run=dry_run, strict=strict)

    def check(self, actor) -> None:
        guard(actor, MANAGES_AREAS)

    def parse_row(self, row: Row):
        return parse_area_row(row.raw, row.error)

    def match(self, rows: list[Row]) -> None:
        existing = {a.code: a for a in Area.objects.all()}
        in_file: set[str] = set()
        self.create, self.update = [], []
        for row in rows:
            rec = row.record
            if rec is None or not row.ok:
                continue
            if rec["code"] in in_file:
                row.error("code", _("同一代码在文件中出现多次"))
                continue
            parent = rec["parent_code"]
            if parent and parent not in existing and parent not in in_file:
                row.error("parent_code", _("上级代码 %(code)s 既不在系统中，也不在本文件的前面行中")
                          % {"code": parent})
                continue
            area = existing.get(rec["code"])
            if area is None:
                in_file.add(rec["code"])
                self.create.append(rec)
            elif area.level != rec["level"] or (area.parent.code if area.parent else "") != parent:
                row.error("parent_code", _("已有区划 %(code)s（%(name)s）的级别或上级与文件不同；"
                                           "区划调整请在行政村页面合并") % {"code": area.code, "name": area.name})
            elif area.name != rec["name"] or area.side != rec["side"]:
                in_file.add(rec["code"])
                self.update.append((area, rec))
            else:
                in_file.add(rec["code"])
                self.result.unchanged += 1
        self.result.created, self.result.updated = len(self.create), len(self.update)

    def write(self, imp) -> None:
        by_code = {a.code: a for a in Area.objects.all()}
        for rec in self.create:  # parents come first in a code list; a child waits for its parent
            parent = by_code.get(rec["parent_code"]) if rec["parent_code"] else None
            by_code[rec["code"]] = Area.objects.create(
                code=rec["code"], name=rec["name"], level=rec["level"], side=rec["side"],
                parent=parent)
        for area, rec in self.update:
            Area.objects.filter(pk=area.pk).update(name=rec["name"], side=rec["side"])

    def import_record(self, *, kept, sha, original_name):
        return AreaListImport.objects.create(file=kept, sha256=sha, original_name=original_name,
                                             by=self.actor)

    def audit(self, imp, summary, original_name) -> None:
        audit_record(actor=self.actor, action=AuditAction.IMPORT, obj=imp,
                     new={k: summary[k] for k in ("rows", "created", "updated", "unchanged",
                                                  "rejected")},
                     note=original_name)


def area_list_import(*, actor=None, path: str | Path, dry_run: bool = False,
                     strict: bool = False, report_path=None, original_name: str = ""):
    spec = AreaListImporter(actor=actor, dry_run=dry_run, strict=strict)
    return run_import(spec, path=path, report_path=report_path, original_name=original_name)

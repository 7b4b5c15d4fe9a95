"""Importing agricultural population figures (农业人口) from the statistics bureau's sheet.

The figures are the denominator of poverty incidence (`AreaPopulation`, docs/registry.md,
"Poverty incidence"). `population_import` is the one path by which such a file enters the
database: the command `xiezuo import_population`, the web upload and its background task all call
it. It follows the rules of every import: nothing lost (each non-blank row is created, updated,
unchanged or rejected with its row, column, value and reason), a missing required column refuses
the file, `strict` stores nothing if any row is rejected, `dry_run` stores nothing, one
transaction, an error report, the file kept with its summary, audited.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import guard
from xiezuo.accounts.services import audit_record
from xiezuo.regions.choices import Level, Side
from xiezuo.regions.models import Area
from xiezuo.regions.scoping import scope_prefixes
from xiezuo.registry.access import EDITS_REGISTRY
from xiezuo.registry.models import AreaPopulation
from xiezuo.tabular import cells
from xiezuo.tabular.bulk import chunks
from xiezuo.tabular.columns import Col, header_key
from xiezuo.tabular.errors import FileRefused, RowError
from xiezuo.tabular.pipeline import Importer, Progress, Row, run_import
from xiezuo.tabular.read import HEADER_SEARCH_ROWS, Sheet, read_table
from xiezuo.tabular.result import ImportResult
from xiezuo.tabular.template import ImportTemplate, template_columns

#: the population import's name for the shared refusal
RosterFormatError = FileRefused

__all__ = ["TEMPLATE_HEADER", "PopulationImportResult", "PopulationImporter",
           "RosterFormatError", "parse_code", "parse_population", "parse_year",
           "population_import"]

LEVELS = (Level.VILLAGE, Level.TOWNSHIP, Level.COUNTY)
MIN_YEAR = 2000
MAX_POPULATION = 99_999_999  # far above any county; catches a pasted ID or phone number
MAX_SOURCE = 200  # AreaPopulation.source
FIELDS = ("agricultural", "year", "source", "synthetic")


# Several spellings of one column share its key; only the first spelling is marked required,
# so a missing column is named once, as the template spells it.
COLUMNS = (
    Col("区划代码", "code", required=True),
    Col("统计用区划代码", "code"),
    Col("行政区划代码", "code"),
    Col("地区名称", "name"),
    Col("区划名称", "name"),
    Col("名称", "name"),
    Col("农业人口", "agricultural", required=True),
    Col("农业人口(人)", "agricultural"),
    Col("农业人口数", "agricultural"),
    Col("年份", "year"),
    Col("年度", "year"),
    Col("来源", "source"),
    Col("数据来源", "source"),
)
#: each spelling of 农业人口 marks the header row (the first of the first 10 rows holding one)
MARKERS = tuple(c.header for c in COLUMNS if c.key == "agricultural")
#: the header row of the template the web page offers (tabular.template: one spelling a key)
TEMPLATE_HEADER = [c.header for c in template_columns(COLUMNS)]
TEMPLATE = ImportTemplate(
    title=gettext_lazy("农业人口导入模板"),
    example={"code": "621124100202", "name": "洮阳镇某村", "agricultural": 1250, "year": 2016,
             "source": "临洮县统计局"},
    notes={"code": gettext_lazy("村、乡镇或县的 12 位统计用区划代码（请设为文本格式）"),
           "name": gettext_lazy("供核对，导入按代码"), "agricultural": gettext_lazy("人，整数"),
           "year": gettext_lazy("统计年度；空白时用导入时指定的年份"),
           "source": gettext_lazy("数据来源；空白时用导入时指定的来源")})


@dataclass(kw_only=True)
class PopulationImportResult(ImportResult):
    """The population import's: figures created and updated, and the notes on its sums."""

    populations_created: int = 0
    populations_updated: int = 0
    #: a township (or county) whose figure differs from the sum of its villages (townships) in
    #: the same file: {"row", "code", "name", "figure", "parts", "parts_sum", "note"}
    notes: list[dict] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"populations_created": self.populations_created,
                "populations_updated": self.populations_updated}

    def details(self) -> dict:
        return {"notes": list(self.notes)}


# --- cells (pure) ---------------------------------------------------------------------------

_GROUPED = re.compile(r"\d{1,3}(,\d{3})+")


def parse_code(value: object) -> str | None:
    """A division code as 12 digits: a 12-digit code as is, a 6- or 9-digit prefix (a county's,
    a township's) padded with zeros; None when blank; CellError with the reason otherwise."""
    t = cells.code(value).replace(" ", "")
    if not t:
        return None
    if not t.isdigit() or len(t) not in (6, 9, 12):
        raise cells.CellError(_("“%(v)s”不是区划代码：应为 12 位数字（或县的 6 位、乡镇的 9 位前缀）")
                              % {"v": t})
    return t.ljust(12, "0")


def parse_population(value: object) -> int:
    """A non-negative whole number of people; "1,234" and "1 234" are read as 1234."""
    if isinstance(value, bool):
        raise cells.CellError(_("“%(v)s”不是整数") % {"v": cells.text(value)})
    if isinstance(value, int):
        n = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise cells.CellError(_("“%(v)s”不是整数") % {"v": cells.text(value)})
        n = int(value)
    else:
        t = cells.text(value).replace("，", ",").removesuffix("人")
        t = "".join(t.split())  # "1 234", and the thin spaces some sheets group digits with
        if not t:
            raise cells.CellError(_("农业人口不能为空"))
        if "," in t and not _GROUPED.fullmatch(t.lstrip("+-")):
            raise cells.CellError(_("“%(v)s”不是整数（千位分隔应如 1,234）") % {"v": t})
        digits = t.replace(",", "")
        if not re.fullmatch(r"[+-]?\d+(\.0+)?", digits):
            raise cells.CellError(_("“%(v)s”不是整数") % {"v": t})
        n = int(float(digits)) if "." in digits else int(digits)
    if n < 0:
        raise cells.CellError(_("农业人口不能为负数"))
    if n > MAX_POPULATION:
        raise cells.CellError(_("农业人口 %(n)d 超出范围（最多 %(max)d），请核对")
                              % {"n": n, "max": MAX_POPULATION})
    return n


def parse_year(value: object, *, this_year: int) -> int | None:
    """A year 2000 … this year (2016, 2016.0 from a numeric cell, 2016年); None when blank."""
    t = cells.text(value).removesuffix("年").strip()
    if not t:
        return None
    if not (t.isdigit() and len(t) == 4 and MIN_YEAR <= int(t) <= this_year):
        raise cells.CellError(_("年份应为 %(a)d 至 %(b)d 之间的四位数字")
                              % {"a": MIN_YEAR, "b": this_year})
    return int(t)


# --- areas ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Area:
    id: int
    code: str
    name: str
    level: str
    side: str
    parent: str | None  # the parent's code


class _Areas:
    """Every area by code, and the names of the county's villages, townships and itself."""

    def __init__(self, county: Area | None, why_none: str = "") -> None:
        self.why_none = why_none
        self.by_code: dict[str, _Area] = {}
        for row in Area.objects.values_list("id", "code", "name", "level", "side",
                                            "parent__code"):
            a = _Area(*row)
            self.by_code[a.code] = a
        self.county = county
        self.by_name: dict[str, list[str]] = {}
        if county is not None:
            for a in self.by_code.values():
                if a.code.startswith(county.prefix) and a.level in LEVELS:
                    self.by_name.setdefault(header_key(a.name), []).append(a.code)

    def by_code_checked(self, code: str) -> _Area:
        a = self.by_code.get(code)
        if a is None:
            raise cells.CellError(_("没有区划代码为 %(c)s 的地区") % {"c": code})
        if a.side != Side.WEST:
            raise cells.CellError(_("%(n)s（%(c)s）不是受援方（西部）的地区")
                                  % {"n": a.name, "c": code})
        if a.level not in LEVELS:
            raise cells.CellError(_("%(n)s（%(c)s）是%(level)s：农业人口只按县、乡镇和行政村导入")
                                  % {"n": a.name, "c": code, "level": Level(a.level).label})
        return a

    def by_name_checked(self, name: str) -> _Area:
        if self.county is None:
            raise cells.CellError(self.why_none or _("无法确定按名称查找地区的县，请填区划代码"))
        found = self.by_name.get(header_key(name), [])
        if not found:
            raise cells.CellError(_("%(county)s没有名为“%(n)s”的县、乡镇或行政村，请填区划代码")
                                  % {"county": self.county.name, "n": name})
        if len(found) > 1:
            raise cells.CellError(_("%(county)s有 %(k)d 个名为“%(n)s”的地区（%(codes)s），请填区划代码")
                                  % {"county": self.county.name, "k": len(found), "n": name,
                                     "codes": "、".join(sorted(found))})
        return self.by_code[found[0]]


def _county(county_code: str | None, actor) -> tuple[Area | None, str]:
    """The county names are looked up in: the one given, else the user's, else the western
    county of the only pair (regions.selectors.import_county), and why there is none: with
    several pairs and none named, rows by code still import and rows by name are rejected
    with the choices (a file of codes needs no county)."""
    from xiezuo.regions.selectors import import_county

    try:
        return import_county(actor, county_code=county_code), ""
    except FileRefused as e:
        if county_code:
            raise
        return None, str(e)


# --- the file -------------------------------------------------------------------------------

#: why a file without a 农业人口 header is refused (lazy: in the language of the request)
NO_HEADER = lazy(lambda: _("前 %(n)d 行中没有含“%(m)s”的表头行")
                 % {"n": HEADER_SEARCH_ROWS, "m": MARKERS[0]}, str)()


def read_population(path: str | Path) -> Sheet:
    """The first sheet whose first 10 rows hold a 农业人口 header (any of its spellings).

    RosterFormatError when the file is unreadable, no sheet has that header, or a required
    column is missing (the message names it)."""
    return read_table(path, columns=COLUMNS, markers=MARKERS, any_marker=True,
                      no_header=str(NO_HEADER))


@dataclass
class _Parsed:
    area: _Area | None  # None: not found, or outside the user's scope
    values: dict  # agricultural, year, source, synthetic (False)
    via: str  # the column key the area was found by (code or name), for errors


def parse_row(raw: dict, err, *, areas: _Areas, prefixes: list[str] | None, year: int | None,
              source: str, this_year: int) -> _Parsed:
    """A row to its area and figure; `err(key, reason)` for each problem. The areas come as a
    plain index read before the rows."""
    area, via = None, "code"
    try:
        code = parse_code(raw.get("code"))
        if code is not None:
            area = areas.by_code_checked(code)
        elif cells.text(raw.get("name")):
            via = "name"
            area = areas.by_name_checked(cells.text(raw.get("name")))
        else:
            err("code", _("区划代码为空（也没有可用的地区名称）"))
    except cells.CellError as e:
        err(via, e.reason)
    if area is not None and prefixes is not None and not any(
            area.code.startswith(p) for p in prefixes):
        err(via, _("%(n)s（%(c)s）不在您负责的区域内") % {"n": area.name, "c": area.code})
        area = None
    values: dict = {"synthetic": False}
    try:
        values["agricultural"] = parse_population(raw.get("agricultural"))
    except cells.CellError as e:
        err("agricultural", e.reason)
    try:
        values["year"] = parse_year(raw.get("year"), this_year=this_year) or year
        if values["year"] is None:
            err("year", _("没有年份：请在“年份”列填写，或导入时指定年份（--year）"))
    except cells.CellError as e:
        err("year", e.reason)
    text = cells.text(raw.get("source")) or source
    if len(text) > MAX_SOURCE:
        err("source", _("来源过长（最多 %(n)d 个字符）") % {"n": MAX_SOURCE})
    values["source"] = text
    return _Parsed(area, values, via)


def _notes(good: list[tuple[int, _Parsed]]) -> list[dict]:
    """A township (county) whose figure differs from the sum of its villages (townships) given in
    the same file: a note, not a rejection; the statistics bureau's sheets may round, or the file
    may hold only some of the villages."""
    children: dict[str, list[_Parsed]] = {}
    for _row, r in good:
        if r.area.parent:
            children.setdefault(r.area.parent, []).append(r)
    notes = []
    for row, r in good:
        parts = children.get(r.area.code)
        if r.area.level == Level.VILLAGE or not parts:
            continue
        total = sum(p.values["agricultural"] for p in parts)
        figure = r.values["agricultural"]
        if total == figure:
            continue
        if r.area.level == Level.TOWNSHIP:
            text = _("第 %(row)d 行 %(n)s 的农业人口 %(figure)d 与本文件中其下 %(k)d 个行政村之和"
                     " %(sum)d 不同（相差 %(diff)+d）")
        else:
            text = _("第 %(row)d 行 %(n)s 的农业人口 %(figure)d 与本文件中其下 %(k)d 个乡镇之和"
                     " %(sum)d 不同（相差 %(diff)+d）")
        notes.append({
            "row": row, "code": r.area.code, "name": r.area.name, "figure": figure,
            "parts": len(parts), "parts_sum": total,
            "note": text % {"row": row, "n": r.area.name, "figure": figure, "k": len(parts),
                            "sum": total, "diff": figure - total}})
    return notes


def _as_dict(p: AreaPopulation) -> dict:
    return {f: getattr(p, f) for f in FIELDS}


class PopulationImporter(Importer):
    """The population figures' hooks. Locked: the stored figures are read (and on PostgreSQL
    locked) inside the one transaction, so the old values the audit records are the ones
    replaced. There is no import row: the file is kept under uploads/population with its
    summary, and the import is one audit event beside one per figure."""

    columns, markers, any_marker, no_header = COLUMNS, MARKERS, True, NO_HEADER
    csv_delimiters = ",\t;"
    kind, folder = "population", "population"
    template = TEMPLATE
    locked = True

    def __init__(self, *, year: int | None = None, source: str = "",
                 county_code: str | None = None, **kw) -> None:
        super().__init__(**kw)
        self.year, self.source, self.county_code = year, cells.text(source), county_code

    def new_result(self, *, dry_run: bool, strict: bool) -> PopulationImportResult:
        return PopulationImportResult(dry_run=dry_run, strict=strict)

    def check(self, actor) -> None:
        guard(actor, EDITS_REGISTRY, message=_("您没有导入农业人口数据的权限"))
        # the arguments that stand for blank cells refuse the whole import when wrong
        self.this_year = timezone.localdate().year
        if self.year is not None and not MIN_YEAR <= self.year <= self.this_year:
            raise RosterFormatError(_("指定的年份 %(y)s 应在 %(a)d 至 %(b)d 之间")
                                    % {"y": self.year, "a": MIN_YEAR, "b": self.this_year})
        if len(self.source) > MAX_SOURCE:
            raise RosterFormatError(_("指定的来源过长（最多 %(n)d 个字符）") % {"n": MAX_SOURCE})

    def prepare(self) -> None:
        self.areas = _Areas(*_county(self.county_code, self.actor))
        self.prefixes = scope_prefixes(self.actor) if self.actor is not None else None

    def parse_row(self, row: Row) -> _Parsed:
        return parse_row(row.raw, row.error, areas=self.areas, prefixes=self.prefixes,
                         year=self.year, source=self.source, this_year=self.this_year)

    def match(self, rows: list[Row]) -> None:
        """The same area twice: the later row is rejected naming the earlier. A real figure of a
        later year is not replaced by an earlier one."""
        result = self.result
        first_seen: dict[str, int] = {}
        for row in rows:
            r = row.record
            if r.area is not None:
                earlier = first_seen.setdefault(r.area.code, row.row)
                if earlier != row.row:
                    row.error(r.via, _("与第 %(row)d 行是同一地区（%(n)s，%(c)s）")
                              % {"row": earlier, "n": r.area.name, "c": r.area.code})
        good = [row for row in rows if row.ok]
        ids = [row.record.area.id for row in good]
        existing = {p.area_id: p for chunk in chunks(ids)
                    for p in AreaPopulation.objects.select_for_update().filter(
                        area_id__in=chunk)}
        self.creates: list[tuple[int, _Parsed]] = []
        self.updates: list[tuple[int, _Parsed, AreaPopulation, dict]] = []
        accepted: list[tuple[int, _Parsed]] = []
        for row in good:
            r = row.record
            current = existing.get(r.area.id)
            if current is None:
                self.creates.append((row.row, r))
                accepted.append((row.row, r))
                continue
            if not current.synthetic and current.year > r.values["year"]:
                row.errors.append(RowError(
                    row.row, row.header_for.get("year"), str(r.values["year"]),
                    _("%(n)s 已有 %(y)d 年的农业人口 %(v)d，不用较早年份的数字覆盖")
                    % {"n": r.area.name, "y": current.year, "v": current.agricultural}))
                continue
            accepted.append((row.row, r))
            old = _as_dict(current)
            if old == r.values:
                result.unchanged += 1
            else:
                self.updates.append((row.row, r, current, old))
        result.notes = _notes(accepted)
        result.populations_created, result.populations_updated = (len(self.creates),
                                                                   len(self.updates))

    def import_record(self, *, kept: str, sha: str, original_name: str) -> None:
        return None

    def write(self, imp: None) -> None:
        """The figures, with one audit event per figure created or changed (old and new)."""
        creates, updates = self.creates, self.updates
        made = AreaPopulation.objects.bulk_create(
            [AreaPopulation(area_id=r.area.id, **r.values) for _row, r in creates])
        for (_row, r), p in zip(creates, made, strict=True):
            if p.pk is None:  # a backend that cannot return the keys of a bulk insert
                p.pk = AreaPopulation.objects.values_list("pk", flat=True).get(area_id=r.area.id)
        objs = []
        for _row, r, current, _old in updates:
            for k, v in r.values.items():
                setattr(current, k, v)
            objs.append(current)
        AreaPopulation.objects.bulk_update(objs, list(FIELDS))
        for row, r, p, old in [*[(row, r, p, None) for (row, r), p in zip(creates, made,
                                                                         strict=True)],
                               *updates]:
            audit_record(actor=self.actor,
                         action=AuditAction.CREATE if old is None else AuditAction.UPDATE,
                         obj=p, object_repr=f"{r.area.name} {p.agricultural}",
                         area_code=r.area.code, old=old, new=_as_dict(p),
                         note=_("导入农业人口 %(f)s 第 %(row)d 行")
                         % {"f": self.original_name, "row": row})

    def audit(self, imp: None, summary: dict, original_name: str) -> None:
        county = self.areas.county
        audit_record(actor=self.actor, action=AuditAction.IMPORT,
                     object_type="registry.areapopulation", object_repr=original_name,
                     area_code=county.code if county else "",
                     new={**{k: summary[k] for k in ("rows", "populations_created",
                                                     "populations_updated", "unchanged",
                                                     "rejected", "file")},
                          "sha256": self.sha256},
                     note=_("导入农业人口 %(f)s") % {"f": original_name})


def population_import(*, actor=None, path: str | Path, year: int | None = None,
                      source: str = "", county_code: str | None = None, dry_run: bool = False,
                      strict: bool = False, report_path: str | Path | None = None,
                      original_name: str = "", progress: Progress = None,
                      ) -> PopulationImportResult:
    """Import agricultural population figures (.xlsx, .xls, .csv) by docs/registry.md.

    `year` and `source` stand for a row's blank 年份 and 来源 cells. `county_code` is the county
    names are looked up in (by default the user's, else the default partnership's). `actor`
    None is the operator at the command line (no scope limit); a web user must be allowed to
    edit the registry, and rows of areas outside their scope are rejected. Raises
    RosterFormatError when the file cannot be imported at all (the command exits 2).
    """
    spec = PopulationImporter(actor=actor, dry_run=dry_run, strict=strict, progress=progress,
                              year=year, source=source, county_code=county_code)
    return run_import(spec, path=path, report_path=report_path, original_name=original_name)

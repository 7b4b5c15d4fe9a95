"""The roster import, on the shared pipeline (xiezuo.tabular.pipeline): `RosterImporter` gives
the hooks (the row rules in registry/roster/rules.py), `run_import` the sequence.

`household_import` is the one path by which a roster file enters the database (the command
`xiezuo import_roster`, the web upload and its background task all call it).
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import guard
from xiezuo.accounts.services import audit_record
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area
from xiezuo.regions.scoping import scope_prefixes
from xiezuo.registry import crypto, member_count
from xiezuo.registry.access import EDITS_REGISTRY
from xiezuo.registry.areas import closest_names
from xiezuo.registry.choices import ChangeSource, ExitStatus
from xiezuo.registry.models import Household, Person, RosterImport, StatusChange
from xiezuo.registry.roster import columns as roster_columns
from xiezuo.registry.roster.read import NO_HEADER, RosterFormatError
from xiezuo.registry.roster.result import RosterImportResult
from xiezuo.registry.roster.rules import (
    AreaIndex,
    HouseholdIn,
    RowError,
    group_households,
    parse_row,
    parsers_for,
)
from xiezuo.tabular import cells
from xiezuo.tabular.bulk import chunks, insert_rows
from xiezuo.tabular.cells import field_limits
from xiezuo.tabular.pipeline import Importer, Progress, Row, run_import
from xiezuo.tabular.template import ImportTemplate

__all__ = ["RosterFormatError", "RosterImportResult", "RosterImporter", "area_index",
           "household_import"]

BATCH = 2000  # rows per bulk statement group; the progress bar moves once per batch


def _county_for(county_code: str | None, actor=None) -> Area:
    """The county the roster's townships and villages belong to (regions.selectors.import_county:
    never a guess between several pairs)."""
    from xiezuo.regions.selectors import import_county

    county = import_county(actor, county_code=county_code)
    if county is None:
        raise RosterFormatError(_("请用 --county 指定县代码"))
    return county


def area_index(county: Area) -> AreaIndex:
    from xiezuo.tabular.columns import header_key

    townships: dict[str, str] = {}
    for t in Area.objects.filter(parent=county, level=Level.TOWNSHIP):
        townships[header_key(t.name)] = t.code
        townships[t.code] = t.code
    villages: dict[tuple[str, str], str] = {}
    for code, name, parent in Area.objects.filter(
            parent__parent=county, level=Level.VILLAGE).values_list("code", "name",
                                                                    "parent__code"):
        villages[(parent, header_key(name))] = code
        villages[(parent, code)] = code
    return AreaIndex(county_code=county.code, county_name=county.name, townships=townships,
                     villages=villages)



# What a created record holds for a column the file does not have.
_HOUSEHOLD_DEFAULTS = {f: Household._meta.get_field(f).get_default()
                       for f in roster_columns.HOUSEHOLD_FIELDS}
_HOUSEHOLD_DEFAULTS["exit_status"] = ExitStatus.NOT_EXITED
_PERSON_COLUMNS = ["number" if f == "person_number" else f for f in roster_columns.PERSON_FIELDS]
_PERSON_DEFAULTS = {f: Person._meta.get_field(c).get_default()
                    for f, c in zip(roster_columns.PERSON_FIELDS, _PERSON_COLUMNS, strict=True)}


def _after_batch(done: int) -> None:
    """Called inside the transaction after each written batch (tests interrupt the import here)."""


@dataclass
class _Plan:
    """What the import will write, worked out before the transaction opens."""

    hh_create: list[HouseholdIn] = field(default_factory=list)
    hh_update: list[tuple[Household, HouseholdIn, dict]] = field(default_factory=list)
    #: (household number, PersonIn, id hash)
    p_create: list[tuple[str, object, str]] = field(default_factory=list)
    #: (existing values, household number, PersonIn, changed fields)
    p_update: list[tuple[dict, str, object, dict]] = field(default_factory=list)
    #: (household number, old status, new status, row)
    status: list[tuple[str, str, str, int]] = field(default_factory=list)
    #: household number -> id of the stored households the file's rows belong to
    existing_ids: dict[str, int] = field(default_factory=dict)


def _out_of_scope() -> str:
    """Why a row that touches a household outside the user's area is refused: only that, never
    where the household or person is (number, township, village), even on a dry run."""
    return _("此行不能在您负责的区域内导入")


def _plan(households: dict[str, HouseholdIn], *, by_row: dict[int, Row], county: Area,
          header_for: dict[str, str], prefixes: list[str] | None, allow_moves: bool,
          result: RosterImportResult) -> _Plan:
    """What to write, from the stored households and people; rows the database refuses (out
    of scope, an ID registered in another household) get their error."""
    plan = _Plan()
    numbers = list(households)
    existing_hh: dict[str, Household] = {}
    for chunk in chunks(numbers):
        for h in Household.objects.filter(county=county, number__in=chunk).select_related(
                "village"):
            existing_hh[h.number] = h
    hashes: dict[int, str] = {}
    for hh in households.values():
        for p in hh.members:
            hashes[p.row] = crypto.id_hash(p.id_number)
    existing_p: dict[str, dict] = {}
    person_cols = ["id", "id_hash", "household_id", "household__county_id", "household__number",
                   "household__village__code", "household__village__name",
                   "household__township__name", "number",
                   *[f for f in roster_columns.PERSON_FIELDS if f != "person_number"]]
    for chunk in chunks(list(hashes.values())):
        for row in Person.objects.filter(id_hash__in=chunk).values(*person_cols):
            existing_p[row["id_hash"]] = row

    id_header = header_for["id_number"]
    for number, hh in households.items():
        current = existing_hh.get(number)
        if current is not None and prefixes is not None and not any(
                current.village.code.startswith(pfx) for pfx in prefixes):
            for p in hh.members:  # where it is stays unsaid
                by_row[p.row].errors.append(RowError(p.row, None, number, _out_of_scope()))
            continue
        kept = []
        for p in hh.members:
            ex = existing_p.get(hashes[p.row])
            if ex is not None and not (ex["household__county_id"] == county.id
                                       and ex["household__number"] == number):
                outside = prefixes is not None and not any(
                    ex["household__village__code"].startswith(pfx) for pfx in prefixes)
                if outside or not allow_moves:
                    where = f"{ex['household__number']}（{ex['household__township__name']}" \
                            f"{ex['household__village__name']}）"
                    reason = (_out_of_scope() if outside else
                              _("证件号码已登记在户 %(h)s；如确属迁户，请用“允许迁户”"
                                "（--allow-moves）重新导入") % {"h": where})
                    by_row[p.row].errors.append(RowError(p.row, id_header, p.id_number, reason))
                    continue
            kept.append((p, ex))
        if not kept:
            continue
        hh.members = [p for p, _ex in kept]
        if current is None:
            plan.hh_create.append(hh)
            plan.status.append((number, "", hh.fields.get("exit_status") or
                                ExitStatus.NOT_EXITED, hh.first_row))
        else:
            plan.existing_ids[number] = current.pk
            changes = {k: v for k, v in hh.fields.items() if getattr(current, k) != v}
            if hh.village_code != current.village.code:
                changes["village"] = hh.village_code or hh.village_name
            if changes:
                plan.hh_update.append((current, hh, changes))
                if "exit_status" in changes:
                    plan.status.append((number, current.exit_status, changes["exit_status"],
                                        hh.first_row))
        for p, ex in kept:
            if ex is None:
                plan.p_create.append((number, p, hashes[p.row]))
                continue
            wanted = {("number" if k == "person_number" else k): v for k, v in p.fields.items()}
            changes = {k: v for k, v in wanted.items() if ex[k] != v}
            if current is None or ex["household_id"] != current.id:
                changes["household"] = number
            if changes:
                plan.p_update.append((ex, number, p, changes))
            else:
                result.unchanged += 1
    return plan


#: the roster's text columns and the lengths their fields hold (both databases refuse longer)
ROSTER_LIMITS = {
    **field_limits(Person, {"name": "name", "ethnicity": "ethnicity",
                            "person_number": "number"}),
    **field_limits(Household, {"number": "number", "natural_village": "natural_village",
                               "phone": "phone"}),
    **field_limits(Area, {"village": "name"}),
}


def _new_villages(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], Area]:
    """Create the villages the file names that do not exist yet, under their townships."""
    made: dict[tuple[str, str], Area] = {}
    by_township: dict[str, list[str]] = {}
    for township_code, name in sorted(wanted):
        by_township.setdefault(township_code, []).append(name)
    for township_code, names in by_township.items():
        township = Area.objects.get(code=township_code)
        used = set(Area.objects.filter(parent=township).values_list("code", flat=True))
        # Villages (村委会) take codes 2xx in the statistics bureau's scheme, communities 0xx.
        free = (f"{township_code[:9]}{n:03d}" for n in range(201, 1000)
                if f"{township_code[:9]}{n:03d}" not in used)
        for name in names:
            made[(township_code, name)] = Area.objects.create(
                code=next(free), name=name, level=Level.VILLAGE, parent=township,
                side=township.side, synthetic=False)
    return made


def describe_unknown(counts: dict[tuple[str, str], int],
                     confirmed: set[tuple[str, str]] = frozenset()) -> list[dict]:
    """The unknown villages a file names, each with its township, the rows naming it, whether
    it is confirmed as new, and the known villages of the township most like it."""
    townships = dict(Area.objects.filter(code__in={t for t, _n in counts})
                     .values_list("code", "name"))
    known: dict[str, list[str]] = {}
    for parent, name in Area.objects.filter(parent__code__in=townships, level=Level.VILLAGE
                                            ).values_list("parent__code", "name"):
        known.setdefault(parent, []).append(name)
    return [{"township": townships.get(t, t), "township_code": t, "village": name,
             "rows": n, "created": (t, name) in confirmed,
             "suggestions": closest_names(name, known.get(t, []))}
            for (t, name), n in sorted(counts.items())]


def unknown_villages(sheet, *, county_code: str | None) -> list[dict]:
    """For the upload's preview: the villages the file names that the county does not have
    (rows whose township is known), so the clerk confirms them or corrects the file."""
    from xiezuo.tabular.columns import header_key

    try:
        county = _county_for(county_code)
    except RosterFormatError:
        return []
    index = area_index(county)
    col = {key: i for i, key in sheet.columns.items()}
    if "township" not in col or "village" not in col:
        return []
    counts: dict[tuple[str, str], int] = {}
    for _row, raw in sheet.rows:
        t = cells.text(raw[col["township"]]) if col["township"] < len(raw) else ""
        v = cells.text(raw[col["village"]]) if col["village"] < len(raw) else ""
        township = index.township(t) if t else None
        if township and v and index.villages.get((township, header_key(v))) is None:
            counts[(township, v)] = counts.get((township, v), 0) + 1
    return describe_unknown(counts)


class RosterImporter(Importer):
    """The roster's hooks: its columns, the row rules (roster/rules.py), the households and
    people already stored, and the bulk write."""

    columns, markers, limits = roster_columns.COLUMNS, roster_columns.HEADER_MARKERS, ROSTER_LIMITS
    csv_delimiters = ",\t;"
    no_header = NO_HEADER
    kind, folder = "roster", ""  # kept directly under uploads/, as before the pipeline
    template = ImportTemplate(
        title=gettext_lazy("建档立卡花名册导入模板"),
        example={"county": "临洮县", "township": "洮阳镇", "village": "某村",
                 "natural_village": "上庄", "number": "6211241002020001",
                 "person_number": "621124100202000101", "name": "张三",
                 "id_number": "621124198503120020", "size": 4, "relation": "户主",
                 "ethnicity": "汉族", "education": "初中", "schooling": "非在校生",
                 "health": "健康", "labour_capacity": "普通劳动力", "employment": "省外务工",
                 "months_worked": 8, "illness_insurance": "是", "exit_status": "未脱贫",
                 "exit_year": "", "poverty_attribute": "一般贫困户", "main_cause": "缺技术",
                 "dangerous_house": "否", "water_safe": "是", "water_difficulty": "否",
                 "income_per_capita": 2850.5, "phone": "13800000000",
                 "first_identified": "2014-05-01", "other_causes": "缺资金"},
        notes={"township": gettext_lazy("乡镇名称，须是系统中已有的乡镇"),
               "village": gettext_lazy("行政村名称；系统中没有的村在预览中列出，确认后才新建"),
               "number": gettext_lazy("户编号（请设为文本格式）；户信息在该户每个成员的行上重复"),
               "id_number": gettext_lazy("18 位证件号码（请设为文本格式，否则 Excel 只保留 15 位）"),
               "size": gettext_lazy("户人数，整数"), "months_worked": gettext_lazy("0–12"),
               "illness_insurance": gettext_lazy("是 或 否"), "dangerous_house": gettext_lazy("是 或 否"),
               "water_safe": gettext_lazy("是 或 否"), "water_difficulty": gettext_lazy("是 或 否"),
               "exit_year": gettext_lazy("如 2019"), "income_per_capita": gettext_lazy("元，数字"),
               "first_identified": gettext_lazy("日期，如 2014-05-01"),
               "other_causes": gettext_lazy("多项用“、”分隔")},
        text=("number", "person_number", "id_number", "phone"))

    def __init__(self, *, county_code: str | None = None, allow_moves: bool = False,
                 new_villages: bool | set[tuple[str, str]] = False, **kw) -> None:
        super().__init__(**kw)
        self.county_code, self.allow_moves = county_code, allow_moves
        # An unknown village is a question, not a new village: created only when confirmed
        # (True: every one the file names; a set: those (township code, name) pairs).
        self.confirmed_villages = new_villages

    def new_result(self, *, dry_run: bool, strict: bool) -> RosterImportResult:
        return RosterImportResult(dry_run=dry_run, strict=strict)

    def check(self, actor) -> None:
        guard(actor, EDITS_REGISTRY, message=_("您没有导入建档立卡数据的权限"))

    def prepare(self) -> None:
        self.county = _county_for(self.county_code, self.actor)
        self.areas = area_index(self.county)
        self.prefixes = scope_prefixes(self.actor) if self.actor is not None else None
        self.today = timezone.localdate()
        self.parsers = None

    def parse_row(self, row: Row) -> dict:
        if self.parsers is None:  # every row has the same columns
            self.parsers = parsers_for(list(row.raw), today=self.today)
        return parse_row(row.raw, row.error, areas=self.areas, prefixes=self.prefixes,
                         today=self.today, parsers=self.parsers)

    def match(self, rows: list[Row]) -> None:
        households, unknown = group_households(rows)
        result = self.result
        self.new_villages = self._confirm_villages(households, unknown, rows)
        self.plan = plan = _plan(
            households, by_row={r.row: r for r in rows}, county=self.county,
            header_for=rows[0].header_for if rows else {}, prefixes=self.prefixes,
            allow_moves=self.allow_moves, result=result)
        result.households_created = len(plan.hh_create)
        result.households_updated = len(plan.hh_update)
        result.persons_created = len(plan.p_create)
        result.persons_updated = len(plan.p_update)
        result.villages_created = len(self.new_villages)

    def _confirm_villages(self, households: dict, unknown: set[tuple[str, str]],
                          rows: list[Row]) -> set[tuple[str, str]]:
        """Reject the households of unknown villages that are not confirmed (the reason names
        the closest known villages of the township); list every unknown village in the result.
        Returns the villages to create."""
        if not unknown:
            return set()
        confirmed = unknown if self.confirmed_villages is True else (
            set(self.confirmed_villages or ()) & unknown)
        by_row = {r.row: r for r in rows}
        counts: dict[tuple[str, str], int] = {}
        for hh in households.values():
            if hh.village_code is None:
                key = (hh.township_code, hh.village_name)
                counts[key] = counts.get(key, 0) + len(hh.members)
        described = describe_unknown(counts, confirmed)
        by_key = {(v["township_code"], v["village"]): v for v in described}
        for number, hh in list(households.items()):
            key = (hh.township_code, hh.village_name)
            if hh.village_code is None and key not in confirmed:
                v = by_key[key]
                reason = (_("%(township)s没有名为“%(village)s”的行政村；相近的有：%(like)s。"
                            "请更正村名，或确认新增此村后再导入")
                          if v["suggestions"] else
                          _("%(township)s没有名为“%(village)s”的行政村。请更正村名，或确认新增此村后再导入")
                          ) % {"township": v["township"], "village": v["village"],
                               "like": "、".join(v["suggestions"])}
                for m in hh.members:
                    by_row[m.row].error("village", reason)
                del households[number]
        self.result.new_villages = described
        return {k for k in confirmed if k in counts}

    def import_record(self, *, kept: str, sha: str, original_name: str) -> RosterImport:
        return RosterImport.objects.create(file=kept, original_name=original_name, sha256=sha,
                                           county=self.county, by=self.actor)

    def audit(self, imp, summary: dict, original_name: str) -> None:
        audit_record(actor=self.actor, action=AuditAction.IMPORT, obj=imp,
                     area_code=self.county.code,
                     new={k: summary[k] for k in (
                         "rows", "households_created", "households_updated", "persons_created",
                         "persons_updated", "unchanged", "rejected", "villages_created")},
                     note=_("导入花名册 %(f)s") % {"f": original_name})

    def write(self, imp: RosterImport) -> None:
        plan, county, actor, progress = self.plan, self.county, self.actor, self.progress
        now = timezone.now()
        today = timezone.localdate()
        total = len(plan.hh_create) + len(plan.hh_update) + len(plan.p_create) + len(plan.p_update)
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            _after_batch(done)
            if progress:
                progress(done, total, _("已写入 %(n)d / %(total)d 条") % {"n": done, "total": total})

        with member_count.deferred(connection):
            new_villages = _new_villages(self.new_villages)
            village_ids = dict(Area.objects.filter(parent__parent=county, level=Level.VILLAGE)
                               .values_list("code", "id"))
            township_ids = dict(Area.objects.filter(parent=county).values_list("code", "id"))

            def village_id(hh: HouseholdIn) -> int:
                if hh.village_code:
                    return village_ids[hh.village_code]
                return new_villages[(hh.township_code, hh.village_name)].id

            hh_fields = ["county", "township", "village", "number", "source_import", "source_row",
                         "version", "created_at", "updated_at", *roster_columns.HOUSEHOLD_FIELDS]
            for batch in chunks(plan.hh_create, BATCH):
                rows = []
                for hh in batch:
                    f = hh.fields
                    rows.append((county.id, township_ids[hh.township_code], village_id(hh),
                                 hh.number, imp.pk, hh.first_row, 1, now, now,
                                 *[f.get(k, _HOUSEHOLD_DEFAULTS[k]) if k != "size"
                                   else f.get("size", len(hh.members))
                                   for k in roster_columns.HOUSEHOLD_FIELDS]))
                insert_rows(Household, hh_fields, rows)
                step(len(rows))
            hh_ids: dict[str, int] = dict(plan.existing_ids)
            for chunk in chunks([hh.number for hh in plan.hh_create]):
                hh_ids.update(Household.objects.filter(county=county, number__in=chunk)
                              .values_list("number", "id"))
            for batch in chunks(plan.hh_update, BATCH):
                objs, names = [], {"version", "updated_at", "source_import", "source_row"}
                for current, hh, _changes in batch:
                    for k, v in hh.fields.items():
                        setattr(current, k, v)
                    current.township_id = township_ids[hh.township_code]
                    current.village_id = village_id(hh)
                    current.version += 1
                    current.updated_at = now
                    current.source_import, current.source_row = imp, hh.first_row
                    names |= set(hh.fields) | {"township", "village"}
                    objs.append(current)
                Household.objects.bulk_update(objs, sorted(names))
                step(len(objs))

            p_fields = ["household", "id_cipher", "id_hash", "id_masked", "sex", "birth_date",
                        "source_import", "source_row", "version", "created_at", "updated_at",
                        *_PERSON_COLUMNS]
            for batch in chunks(plan.p_create, BATCH):
                rows = []
                for number, p, digest in batch:
                    f = p.fields
                    rows.append((hh_ids[number], crypto.encrypt_id(p.id_number), digest,
                                 crypto.mask_id(p.id_number), p.sex, p.birth_date, imp.pk, p.row, 1,
                                 now, now, *[f.get(k, _PERSON_DEFAULTS[k])
                                             for k in roster_columns.PERSON_FIELDS]))
                insert_rows(Person, p_fields, rows)
                step(len(rows))
            for batch in chunks(plan.p_update, BATCH):
                objs, names = [], {"version", "updated_at", "source_import", "source_row",
                                   "household"}
                for ex, number, p, _changes in batch:
                    obj = Person(pk=ex["id"], household_id=hh_ids[number], version=0)
                    fields = {("number" if k == "person_number" else k): v
                              for k, v in p.fields.items()}
                    for k, v in fields.items():
                        setattr(obj, k, v)
                    names |= set(fields)
                    obj.updated_at, obj.source_import, obj.source_row = now, imp, p.row
                    objs.append(obj)
                Person.objects.bulk_update(objs, sorted(names - {"version"}))
                Person.objects.filter(pk__in=[o.pk for o in objs]).update(version=F("version") + 1)
                step(len(objs))

            insert_rows(StatusChange, ["household", "old", "new", "date", "source", "source_import",
                                       "source_row", "actor", "at"],
                        [(hh_ids[number], old, new, today, ChangeSource.IMPORT, imp.pk, row,
                          actor.pk if actor else None, now)
                         for number, old, new, row in plan.status])


def household_import(*, actor=None, path: str | Path, county_code: str | None = None,
                     dry_run: bool = False, strict: bool = False, allow_moves: bool = False,
                     new_villages: bool | set[tuple[str, str]] = False,
                     report_path: str | Path | None = None, original_name: str = "",
                     progress: Progress = None) -> RosterImportResult:
    """Import a roster file (.xlsx, .xls, .csv) by the rules of issue 3 / docs/registry.md.

    `actor` None is the operator at the command line (no scope limit); a web user must be
    allowed to edit the registry and only touches townships in their scope. Raises
    RosterFormatError when the file cannot be imported at all (the command exits 2).
    """
    spec = RosterImporter(actor=actor, dry_run=dry_run, strict=strict, progress=progress,
                          county_code=county_code, allow_moves=allow_moves,
                          new_villages=new_villages)
    return run_import(spec, path=path, report_path=report_path, original_name=original_name)

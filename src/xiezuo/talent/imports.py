"""The trainee-roster import, by the roster import's rules (docs/talent.md).

A roster lists the people of one or more training classes: each row is one attendance
(a trainee in a class). Who the trainee is follows the identity rule (talent.identity): an ID
number settles it; without one, name, unit and birth date; doubtful pairs are recorded for the
merge page and a new trainee is kept meanwhile.

Nothing is lost: every non-blank row creates or updates an attendance, leaves it unchanged or
is rejected, and every rejection names the row (as Excel numbers it), the column (as the file
spells it), the value and the reason. `--strict` stores nothing if any row is rejected;
`--dry-run` stores nothing; the writes are one transaction. The file is kept under
DATA_DIR/uploads/talent with its summary.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import guard, within_scope
from xiezuo.accounts.services import audit_record
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area
from xiezuo.registry import crypto, idnumber
from xiezuo.tabular import cells
from xiezuo.tabular.bulk import chunks, insert_rows
from xiezuo.tabular.columns import Col, header_key
from xiezuo.tabular.errors import FileRefused
from xiezuo.tabular.pipeline import Importer, Progress, Row, run_import
from xiezuo.tabular.result import ImportResult
from xiezuo.tabular.template import ImportTemplate
from xiezuo.talent import identity
from xiezuo.talent.access import EDITS_TALENT
from xiezuo.talent.choices import ImportKind, Sex
from xiezuo.talent.models import (
    Attendance,
    MergeCandidate,
    TalentImport,
    Trainee,
    TrainingClass,
    pair_label,
)

__all__ = ["TraineeImport", "TraineeImportResult", "trainees_import"]

COLUMNS = (
    Col("班次编号", "class_code"),
    Col("姓名", "name", required=True),
    Col("性别", "sex"),
    Col("出生日期", "birth_date"),
    Col("证件号码", "id_number"),
    Col("身份证号码", "id_number"),
    Col("工作单位", "unit", required=True),
    Col("单位", "unit"),
    Col("职务", "post"),
    Col("乡镇", "township"),
    Col("是否结业", "completed"),
)
LIMITS = {"name": 64, "unit": 200, "post": 100}
SEX_WORDS = {"男": Sex.MALE, "女": Sex.FEMALE, "男性": Sex.MALE, "女性": Sex.FEMALE}
TRAINEE_NEW_FIELDS = ("name", "name_key", "sex", "birth_date", "unit", "unit_key", "post",
                      "area", "id_cipher", "id_hash", "id_masked", "source_import", "version")


@dataclass(kw_only=True)
class TraineeImportResult(ImportResult):
    created: int = 0  # attendances
    updated: int = 0  # attendances whose completion changed
    trainees_created: int = 0
    trainees_matched: int = 0  # rows of people already known (or earlier in the file)
    trainees_completed: int = 0  # known trainees given a missing ID number or birth date
    merge_candidates: int = 0  # doubtful pairs for the merge page

    def counts(self) -> dict[str, int]:
        return {"attendances_created": self.created, "attendances_updated": self.updated}

    def details(self) -> dict:
        return {"trainees_created": self.trainees_created,
                "trainees_matched": self.trainees_matched,
                "trainees_completed": self.trainees_completed,
                "merge_candidates": self.merge_candidates}


@dataclass
class Parsed:
    """A row's record: the person as the row gives them, the class code, completion."""

    class_code: str = ""
    name: str = ""
    unit: str = ""
    post: str = ""
    sex: str = ""
    birth_date: datetime.date | None = None
    number: str = ""  # the normalised ID number, or ""
    township: str = ""  # the area code, or "" (the county)
    completed: bool = True


class TownshipLookup:
    """The western county's townships by name (with or without 镇/乡) or code."""

    def __init__(self, county: Area | None) -> None:
        self.county = county
        self.by_key: dict[str, str] = {}
        if county is None:
            return
        for code, name in Area.objects.filter(parent=county, level=Level.TOWNSHIP).values_list(
                "code", "name"):
            for k in {name, name.removesuffix("镇"), name.removesuffix("乡"), code, code[:9]}:
                self.by_key[header_key(k)] = code

    def resolve(self, value: object) -> str:
        t = cells.text(value)
        if not t:
            return ""
        code = self.by_key.get(header_key(t))
        if code is None:
            raise cells.CellError(_("临洮县没有名为“%(v)s”的乡镇") % {"v": t})
        return code


def parse_trainee_row(raw: dict, err, *, townships: TownshipLookup, class_code: str,
                      today: datetime.date) -> Parsed:
    """Pure: the row's attendance and person, `err(key, reason)` for each problem."""
    p = Parsed()
    code = cells.text(raw.get("class_code"))
    if class_code:
        if code and code != class_code:
            err("class_code", _("与所选培训班 %(c)s 不一致") % {"c": class_code})
        p.class_code = class_code
    elif not code:
        err("class_code", _("此列不能为空（或在导入时选择培训班）"))
    else:
        p.class_code = code
    for key, limit in (("name", 64), ("unit", 200)):
        t = cells.text(raw.get(key))
        if not t:
            err(key, _("此列不能为空"))
        elif len(t) > limit:
            err(key, _("内容过长（最多 %(n)d 个字符）") % {"n": limit})
        setattr(p, key, t)
    p.post = cells.text(raw.get("post"))
    sex = cells.text(raw.get("sex"))
    if sex:
        if sex not in SEX_WORDS:
            err("sex", _("应为“男”或“女”"))
        else:
            p.sex = SEX_WORDS[sex]
    try:
        p.birth_date = cells.parse_date(raw.get("birth_date"), today=today)
    except cells.CellError as e:
        err("birth_date", e.reason)
    if p.birth_date is not None and not (
            datetime.date(1930, 1, 1) <= p.birth_date <= today - datetime.timedelta(days=16 * 365)):
        err("birth_date", _("出生日期 %(d)s 不合理（学员应年满 16 岁）")
            % {"d": p.birth_date.isoformat()})
    raw_id = raw.get("id_number")
    if cells.text(raw_id):
        reason = cells.numeric_code_error(raw_id)
        if reason:
            err("id_number", reason)
        else:
            try:
                parsed = idnumber.parse(cells.text(raw_id), today=today)
            except idnumber.IdNumberError as e:
                err("id_number", e.reason)
            else:
                p.number = parsed.number
                if p.birth_date is not None and p.birth_date != parsed.birth_date:
                    err("birth_date", _("与证件号码中的出生日期 %(d)s 不一致")
                        % {"d": parsed.birth_date.isoformat()})
                id_sex = Sex.MALE if parsed.male else Sex.FEMALE
                if p.sex and p.sex != id_sex:
                    err("sex", _("与证件号码中的性别（%(s)s）不一致") % {"s": id_sex})
                p.birth_date, p.sex = parsed.birth_date, id_sex
    try:
        p.township = townships.resolve(raw.get("township"))
    except cells.CellError as e:
        err("township", e.reason)
    try:
        done = cells.parse_yesno(raw.get("completed"))
        p.completed = True if done is None else done
    except cells.CellError as e:
        err("completed", e.reason)
    return p


class TraineeImport(Importer):
    columns, markers, limits = COLUMNS, ("姓名", "工作单位"), LIMITS
    kind, folder = ImportKind.TRAINEES, "talent"
    template = ImportTemplate(
        title=gettext_lazy("培训学员名单导入模板"),
        example={"class_code": "PX2019-01", "name": "李四", "sex": "女",
                 "birth_date": "1985-03-12", "id_number": "621124198503120020",
                 "unit": "临洮县人民医院", "post": "护士长", "township": "洮阳镇",
                 "completed": "是"},
        notes={"class_code": gettext_lazy("培训班的班次编号；也可在导入页面选择培训班，此列留空"),
               "birth_date": gettext_lazy("日期，如 1985-03-12"),
               "id_number": gettext_lazy("18 位证件号码（请设为文本格式）；有号码的按号码认定同一人"),
               "completed": gettext_lazy("是 或 否，空白为是")})

    def __init__(self, *, class_code: str = "", county_code: str | None = None, **kw) -> None:
        self.class_code = (class_code or "").strip()
        self.county_code = county_code
        super().__init__(**kw)

    def new_result(self, *, dry_run: bool, strict: bool) -> TraineeImportResult:
        return TraineeImportResult(dry_run=dry_run, strict=strict)

    def check(self, actor) -> None:
        guard(actor, EDITS_TALENT, message=_("您没有导入培训学员的权限"))

    def prepare(self) -> None:
        from xiezuo.regions.selectors import import_county

        self.today = timezone.localdate()
        # the actor's pair's, or the one named; several pairs and none named: refused
        self.county = import_county(self.actor, county_code=self.county_code)
        self.townships = TownshipLookup(self.county)
        classes = TrainingClass.objects.all()
        if self.actor is not None:
            classes = classes.visible_to(self.actor)
        self.classes = dict(classes.values_list("code", "pk"))
        if self.class_code and self.class_code not in self.classes:
            raise FileRefused(_("没有编号为 %(c)s 的培训班（或您无权查看）") % {"c": self.class_code})
        self.area_ids = dict(Area.objects.filter(
            code__in=[*self.townships.by_key.values(),
                      *([self.county.code] if self.county else [])]).values_list("code", "id"))

    def parse_row(self, row: Row) -> Parsed:
        p = parse_trainee_row(row.raw, row.error, townships=self.townships,
                              class_code=self.class_code, today=self.today)
        if p.class_code and p.class_code not in self.classes and not self.class_code:
            row.error("class_code", _("没有编号为 %(c)s 的培训班，请先登记培训班") % {"c": p.class_code})
        return p

    def match(self, rows: list[Row]) -> None:
        result = self.result
        if self.county is None:
            raise FileRefused(_("尚未载入协作关系和区划，请先运行 xiezuo init"))
        good = [r for r in rows if r.ok]
        for r in good:
            code = r.record.township or self.county.code
            if self.actor is not None and not within_scope(self.actor, code):
                r.error("township", _("该乡镇不在您负责的区域内"))
        good = [r for r in good if r.ok]
        hashes = {}
        for r in good:
            if r.record.number:
                hashes[r.row] = crypto.id_hash(r.record.number)
        # the people already known who could be any of these: same ID hash or same name
        known: dict[int, Trainee] = {}
        names = sorted({identity.fold(r.record.name) for r in good})
        for chunk in chunks(names):
            for t in Trainee.objects.filter(name_key__in=chunk):
                known[t.pk] = t
        for chunk in chunks(sorted(set(hashes.values()))):
            for t in Trainee.objects.filter(id_hash__in=chunk):
                known[t.pk] = t
        by_name: dict[str, list[identity.Key]] = {}
        by_hash: dict[str, identity.Key] = {}

        def remember(key: identity.Key) -> None:
            by_name.setdefault(key.name_key, []).append(key)
            if key.id_hash:
                by_hash[key.id_hash] = key

        for t in known.values():
            remember(identity.Key(ref=("db", t.pk), name=t.name, unit=t.unit,
                                  birth_date=t.birth_date, id_hash=t.id_hash or ""))
        self.known = known
        existing_att: dict[tuple[int, int], Attendance] = {}
        for chunk in chunks(sorted(known)):
            for a in Attendance.objects.filter(trainee_id__in=chunk):
                existing_att[(a.training_class_id, a.trainee_id)] = a
        self.new_trainees: list[dict] = []  # in creation order; ref ("new", index)
        self.fills: dict[int, dict] = {}  # known trainee pk -> fields to fill
        self.new_att: list[tuple[int, tuple, bool]] = []  # row, (class pk, person ref), done
        self.att_updates: list[tuple[int, Attendance, bool]] = []
        self.pairs: dict[tuple, str] = {}  # (ref, ref) -> reason
        seen: dict[tuple, int] = {}  # (class pk, person ref) -> first row
        for r in good:
            p: Parsed = r.record
            h = hashes.get(r.row, "")
            key = identity.Key(ref=None, name=p.name, unit=p.unit, birth_date=p.birth_date,
                               id_hash=h)
            candidates = list(by_name.get(key.name_key, ()))
            if h and h in by_hash and by_hash[h] not in candidates:
                candidates.append(by_hash[h])
            verdict = identity.identify(key, candidates)
            class_pk = self.classes[p.class_code]
            if verdict.kind == identity.SAME:
                ref = verdict.match
            else:
                ref = ("new", len(self.new_trainees))
            slot = (class_pk, ref)
            earlier = seen.get(slot)
            if earlier is not None:
                r.error("name", _("与第 %(row)d 行是同一人、同一培训班") % {"row": earlier})
                continue
            seen[slot] = r.row
            if verdict.kind == identity.SAME:
                result.trainees_matched += 1
                self._fill(ref, p, h, by_hash, by_name)
            else:
                self.new_trainees.append({"row": r.row, "p": p, "hash": h})
                remember(identity.Key(ref=ref, name=p.name, unit=p.unit,
                                      birth_date=p.birth_date, id_hash=h))
                for other, reason in verdict.doubts:
                    self.pairs.setdefault(tuple(sorted((ref, other))), reason)
            current = existing_att.get((class_pk, ref[1])) if ref[0] == "db" else None
            if current is None:
                self.new_att.append((r.row, slot, p.completed))
            elif current.completed != p.completed:
                self.att_updates.append((r.row, current, p.completed))
            else:
                result.unchanged += 1
        # a pair already on the merge page (open or decided) is not recorded again
        db_pairs = [(a[1], b[1]) for a, b in self.pairs if a[0] == b[0] == "db"]
        if db_pairs:
            have = set(MergeCandidate.objects.filter(
                first_id__in=[a for a, _b in db_pairs]).values_list("first_id", "second_id"))
            for (a, b) in list(self.pairs):
                if a[0] == b[0] == "db" and (a[1], b[1]) in have:
                    del self.pairs[(a, b)]
        result.created, result.updated = len(self.new_att), len(self.att_updates)
        result.trainees_created = len(self.new_trainees)
        result.trainees_completed = len(self.fills)
        result.merge_candidates = len(self.pairs)

    def _fill(self, ref, p: Parsed, h: str, by_hash, by_name) -> None:
        """A known person matched without some of what this row gives: fill it in."""
        if ref[0] == "new":
            t = self.new_trainees[ref[1]]
            if h and not t["hash"] and h not in by_hash:
                t["hash"], t["p"].number = h, p.number
                by_hash[h] = identity.Key(ref=ref, name=p.name, unit=p.unit,
                                          birth_date=p.birth_date, id_hash=h)
            if t["p"].birth_date is None and p.birth_date is not None:
                t["p"].birth_date = p.birth_date
            return
        known = self.known[ref[1]]
        fill = self.fills.setdefault(ref[1], {})
        if h and not known.id_hash and h not in by_hash:
            fill.update(id_cipher=crypto.encrypt_id(p.number), id_hash=h,
                        id_masked=crypto.mask_id(p.number))
            by_hash[h] = identity.Key(ref=ref, name=p.name, unit=p.unit,
                                      birth_date=p.birth_date, id_hash=h)
        if known.birth_date is None and p.birth_date is not None:
            fill["birth_date"] = p.birth_date
        if not known.sex and p.sex:
            fill["sex"] = p.sex
        if not fill:
            del self.fills[ref[1]]

    def write(self, imp: TalentImport) -> None:
        county_code = self.county.code
        area_ids = self.area_ids
        rows = []
        for t in self.new_trainees:
            p: Parsed = t["p"]
            number = p.number if t["hash"] else ""
            rows.append((p.name, identity.fold(p.name), p.sex, p.birth_date, p.unit,
                         identity.fold(p.unit), p.post, area_ids[p.township or county_code],
                         crypto.encrypt_id(number) if number else None, t["hash"] or None,
                         crypto.mask_id(number) if number else "", imp.pk, 1))
        insert_rows(Trainee, TRAINEE_NEW_FIELDS, rows)
        new_ids = list(Trainee.objects.filter(source_import=imp).order_by("pk").values_list(
            "pk", flat=True))
        assert len(new_ids) == len(self.new_trainees)

        def pk_of(ref) -> int:
            return new_ids[ref[1]] if ref[0] == "new" else ref[1]

        for pk, fill in self.fills.items():
            version = self.known[pk].version
            Trainee.objects.filter(pk=pk).update(version=version + 1, **fill)
        insert_rows(Attendance, ("training_class", "trainee", "completed", "source_import",
                                 "source_row"),
                    ((slot[0], pk_of(slot[1]), done, imp.pk, row)
                     for row, slot, done in self.new_att))
        for row, a, done in self.att_updates:
            Attendance.objects.filter(pk=a.pk).update(completed=done, source_import=imp,
                                                      source_row=row)
        if self.progress:
            self.progress(len(self.new_att), len(self.new_att), "")
        if self.pairs:
            people = {t.pk: t for t in Trainee.objects.filter(
                pk__in=[pk_of(r) for pair in self.pairs for r in pair])}
            made = []
            for (a, b), reason in self.pairs.items():
                first, second = sorted((pk_of(a), pk_of(b)))
                made.append(MergeCandidate(first_id=first, second_id=second, reason=reason,
                                           label=pair_label(people[first], people[second])))
            MergeCandidate.objects.bulk_create(made, ignore_conflicts=True)

    def import_record(self, *, kept: str, sha: str, original_name: str) -> TalentImport:
        tc = self.classes.get(self.class_code) if self.class_code else None
        return TalentImport.objects.create(file=kept, sha256=sha, by=self.actor,
                                           original_name=original_name, training_class_id=tc)

    def audit(self, imp, summary: dict, original_name: str) -> None:
        keys = ("rows", "attendances_created", "attendances_updated", "unchanged", "rejected",
                "trainees_created", "trainees_matched", "merge_candidates")
        audit_record(actor=self.actor, action=AuditAction.IMPORT, obj=imp,
                     area_code=self.county.code,
                     new={k: summary.get(k) for k in keys},
                     note=_("导入培训学员名单 %(f)s") % {"f": original_name})


def trainees_import(*, actor=None, path: str | Path, class_code: str = "",
                    county_code: str | None = None, dry_run: bool = False, strict: bool = False,
                    report_path: str | Path | None = None, original_name: str = "",
                    progress: Progress = None) -> TraineeImportResult:
    """Import a trainee roster (TraineeImport on the shared pipeline)."""
    spec = TraineeImport(actor=actor, class_code=class_code, county_code=county_code,
                         dry_run=dry_run, strict=strict, progress=progress)
    return run_import(spec, path=path, report_path=report_path, original_name=original_name)

"""The import's rules over parsed rows: one row at a time, then per household, then per file.

Plain data in, plain data out; the database is consulted by the service before (the areas) and
after (IDs already stored elsewhere). Every rejection names the row as Excel numbers it, the
column as the file spells it (None for a household-level reason), the value and the reason.
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from xiezuo.registry import idnumber
from xiezuo.registry.choices import Relation
from xiezuo.registry.roster.columns import (
    ALIASES,
    BY_KEY,
    HOUSEHOLD_FIELDS,
    PERSON_FIELDS,
    header_key,
)
from xiezuo.tabular import cells
from xiezuo.tabular.errors import RowError
from xiezuo.tabular.read import Sheet

__all__ = ["AreaIndex", "Checked", "HouseholdIn", "PersonIn", "RowError", "check_rows",
           "parse_row"]

_CAUSE_SPLIT = re.compile(r"[、,，;；/\s]+")


def parse_causes(v: object, col) -> str:
    """其他致贫原因: at most two causes, separated by 、 , ; / or spaces."""
    t = cells.text(v)
    if not t:
        return ""
    out: list[str] = []
    for part in _CAUSE_SPLIT.split(t):
        if part:
            value = cells.parse_choice(part, col, ALIASES.get(col.key))
            if value not in out:
                out.append(value)
    if len(out) > 2:
        raise cells.CellError(_("其他致贫原因最多两项"))
    return "、".join(out)


@dataclass
class AreaIndex:
    """The county being imported and its townships and villages, as plain lookups."""

    county_code: str
    county_name: str
    #: header_key(name) or code -> township code
    townships: dict[str, str]
    #: (township code, header_key(name) or code) -> village code
    villages: dict[tuple[str, str], str]

    def __post_init__(self) -> None:
        self._seen: dict = {}  # the same few names on every row: look each spelling up once

    def township(self, value: str) -> str | None:
        key = ("t", value)
        if key not in self._seen:
            self._seen[key] = self.townships.get(header_key(value))
        return self._seen[key]

    def village(self, township_code: str, value: str) -> str | None:
        key = (township_code, value)
        if key not in self._seen:
            self._seen[key] = self.villages.get((township_code, header_key(value)))
        return self._seen[key]

    def is_county(self, value: str) -> bool:
        key = ("c", value)
        if key not in self._seen:
            self._seen[key] = header_key(value) in (header_key(self.county_name),
                                                    self.county_code, self.county_code[:6])
        return self._seen[key]


@dataclass
class PersonIn:
    row: int
    id_number: str
    birth_date: datetime.date
    sex: str
    fields: dict  # the person fields the file has columns for


@dataclass
class HouseholdIn:
    number: str
    township_code: str
    village_code: str | None  # None: a new village named village_name
    village_name: str
    fields: dict  # the household fields the file gives (blank cells do not count)
    first_row: int
    members: list[PersonIn] = field(default_factory=list)


@dataclass
class Checked:
    rows: int
    households: dict[str, HouseholdIn]
    errors: list[RowError]
    rejected_rows: set[int]
    new_villages: set[tuple[str, str]]  # (township code, village name as written)


@dataclass
class _Row:
    row: int
    raw: dict  # key -> raw cell
    values: dict = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    relation_key: str = ""
    signature: tuple = ()  # the row's household cells, in check_rows' `compared` order


def _parser(key: str, *, today: datetime.date) -> Callable[[object], object]:
    """The function that turns a raw cell of column `key` into its value (or CellError)."""
    col = BY_KEY[key]
    return {
        "text": cells.text,
        "area": cells.text,
        "code": cells.code,
        "int": lambda v: cells.parse_int(v, col),
        "year": lambda v: cells.parse_year(v, today=today),
        "decimal": cells.parse_decimal,
        "date": lambda v: cells.parse_date(v, today=today),
        "yesno": cells.parse_yesno,
        "choice": lambda v: cells.parse_choice(v, col, ALIASES.get(col.key)),
        "causes": lambda v: parse_causes(v, col),
    }[col.kind]


_UNIQUE_KINDS = frozenset({"text", "code"})  # names, numbers: nearly every value differs


def _memoised(parse: Callable[[object], object]) -> Callable[[object], object]:
    """Parse each distinct cell value of a column once: a roster repeats a few values per
    category, date or number column over tens of thousands of rows."""
    memo: dict = {}

    def run(v):
        key = (type(v), v)  # True == 1 == 1.0, but they are different cells
        hit = memo.get(key)
        if hit is None:
            try:
                hit = (True, parse(v))
            except cells.CellError as e:
                hit = (False, e.reason)
            if len(memo) < 10_000:
                memo[key] = hit
        if hit[0]:
            return hit[1]
        raise cells.CellError(hit[1])

    return run


def _parsers(keys, *, today: datetime.date) -> dict[str, Callable[[object], object]]:
    out = {}
    for k in keys:
        if k in _SEPARATE:
            continue
        parse = _parser(k, today=today)
        out[k] = parse if BY_KEY[k].kind in _UNIQUE_KINDS and k != "natural_village" \
            else _memoised(parse)
    return out


def _parse_id(raw: object, *, today: datetime.date) -> idnumber.IdNumber:
    reason = cells.numeric_code_error(raw)
    if reason:
        raise cells.CellError(reason)
    try:
        return idnumber.parse(cells.text(raw), today=today)
    except idnumber.IdNumberError as e:
        raise cells.CellError(e.reason) from None


_SEPARATE = frozenset({"id_number", "county", "township", "village"})


def parse_row(r: _Row, *, header_for: dict[str, str], areas: AreaIndex,
              prefixes: list[str] | None, today: datetime.date,
              parsers: dict[str, Callable[[object], object]] | None = None) -> None:
    """Fill r.values from r.raw, or r.errors with what is wrong (every defect of the row)."""

    def err(key: str | None, reason: str) -> None:
        r.errors.append(RowError(r.row, header_for.get(key) if key else None,
                                 cells.shown(r.raw.get(key)) if key else "", reason))

    if parsers is None:
        parsers = {k: _parser(k, today=today) for k in r.raw if k not in _SEPARATE}
    values = r.values
    for key, parse in parsers.items():
        try:
            values[key] = parse(r.raw.get(key))
        except cells.CellError as e:
            err(key, e.reason)
    for key in ("name", "number", "relation"):
        if key in r.raw and not r.values.get(key) and not any(
                e.column == header_for[key] for e in r.errors):
            err(key, _("此列不能为空"))
    try:
        r.values["id"] = _parse_id(r.raw.get("id_number"), today=today)
    except cells.CellError as e:
        err("id_number", e.reason)

    county = r.values["county"] = cells.text(r.raw.get("county"))
    if county and not areas.is_county(county):
        err("county", _("县“%(v)s”不是本次导入的县“%(county)s”")
            % {"v": county, "county": areas.county_name})
    township = r.values["township"] = cells.text(r.raw.get("township"))
    code = areas.township(township) if township else None
    if not township:
        err("township", _("此列不能为空"))
    elif code is None:
        err("township", _("乡(镇)“%(v)s”不属于%(county)s")
            % {"v": township, "county": areas.county_name})
    elif prefixes is not None and not any(code.startswith(p) for p in prefixes):
        err("township", _("乡(镇)“%(v)s”不在您负责的区域内") % {"v": township})
    else:
        r.values["township_code"] = code
        village = r.values["village"] = cells.text(r.raw.get("village"))
        if not village:
            err("village", _("此列不能为空"))
        else:
            r.values["village_name"] = village
            r.values["village_code"] = areas.village(code, village)


def _household_value(r: _Row, key: str):
    """A household cell as compared across rows: its parsed value, else its text."""
    if key in r.values:
        return r.values[key]
    return cells.text(r.raw.get(key))


def check_rows(sheet: Sheet, *, areas: AreaIndex, prefixes: list[str] | None = None,
               today: datetime.date | None = None, limits: dict[str, int] | None = None,
               progress: Callable[[int, int, str], None] | None = None) -> Checked:
    """Apply every rule that needs no database to the sheet's rows. `limits`: column key ->
    the length its model field holds (a longer text, or any control character, rejects the
    row)."""
    limits = limits or {}
    today = today or datetime.date.today()
    header_for = sheet.header_for
    keys = list(sheet.columns.items())
    total = len(sheet.rows)
    parsers = _parsers([k for _i, k in keys], today=today)
    # the household cells every row of a household must agree on
    compared = [k for k in ("township", "village", "county", *HOUSEHOLD_FIELDS)
                if k in header_for]
    rows: list[_Row] = []
    for n, (row_no, raw_cells) in enumerate(sheet.rows, 1):
        width = len(raw_cells)
        raw = {key: (raw_cells[i] if i < width else None) for i, key in keys}
        r = _Row(row_no, raw)
        parse_row(r, header_for=header_for, areas=areas, prefixes=prefixes, today=today,
                  parsers=parsers)
        for key, reason in cells.stored_text_problems(
                raw, limits, control=row_no in sheet.control_rows) if limits or \
                sheet.control_rows else ():
            r.errors.append(RowError(row_no, header_for.get(key), cells.shown(raw.get(key)),
                                     reason))
        r.relation_key = r.values.get("relation") or cells.text(raw.get("relation"))
        r.signature = tuple([_household_value(r, k) for k in compared])
        rows.append(r)
        if progress and n % 2000 == 0:
            progress(n, total, _("已检查 %(n)d / %(total)d 行") % {"n": n, "total": total})

    # The same ID twice in the file: the later row is rejected, naming the earlier one.
    first_seen: dict[str, int] = {}
    for r in rows:
        ident = r.values.get("id")
        if ident is None:
            continue
        earlier = first_seen.setdefault(ident.number, r.row)
        if earlier != r.row:
            r.errors.append(RowError(r.row, header_for["id_number"], cells.shown(
                r.raw["id_number"]), _("证件号码与第 %(row)d 行重复") % {"row": earlier}))

    # Household rules, over every row of the household in the file (rejected ones included).
    by_household: dict[str, list[_Row]] = defaultdict(list)
    for r in rows:
        number = r.values.get("number") or cells.text(r.raw.get("number"))
        if number:
            by_household[number].append(r)
    households: dict[str, HouseholdIn] = {}
    new_villages: set[tuple[str, str]] = set()
    for number, members in by_household.items():
        reasons = []
        heads = [r.row for r in members if r.relation_key == Relation.HEAD]
        if len(heads) != 1:
            reasons.append(
                _("户编号 %(n)s 在文件中没有户主（每户须恰有 1 个户主）") % {"n": number}
                if not heads else
                _("户编号 %(n)s 在文件中有 %(k)d 个户主（第 %(rows)s 行），每户须恰有 1 个")
                % {"n": number, "k": len(heads), "rows": "、".join(map(str, heads))})
        merged: dict = {}
        signatures = {r.signature for r in members}
        if len(signatures) == 1:  # the usual case: every row repeats the same household cells
            merged = {k: v for k, v in zip(compared, members[0].signature, strict=True)
                      if k in HOUSEHOLD_FIELDS and v not in ("", None)}
        else:
            for j, key in enumerate(compared):
                seen: dict = {}
                for r in members:
                    v = r.signature[j]
                    if v not in ("", None):
                        seen.setdefault(v, r.row)
                if len(seen) > 1:
                    parts = "、".join(f"{cells.shown(v)}（第 {row} 行）" for v, row in seen.items())
                    reasons.append(_("户编号 %(n)s 各行的“%(col)s”不一致：%(parts)s")
                                   % {"n": number, "col": header_for[key], "parts": parts})
                elif seen and key in HOUSEHOLD_FIELDS:
                    merged[key] = next(iter(seen))
        if reasons:
            for r in members:
                for reason in reasons:
                    r.errors.append(RowError(r.row, None, number, reason))
            continue
        valid = [r for r in members if not r.errors]
        if not valid:
            continue
        first = valid[0]
        hh = HouseholdIn(number=number, township_code=first.values["township_code"],
                         village_code=first.values.get("village_code"),
                         village_name=first.values["village_name"], fields=merged,
                         first_row=first.row)
        if hh.village_code is None:
            new_villages.add((hh.township_code, hh.village_name))
        for r in valid:
            ident = r.values["id"]
            hh.members.append(PersonIn(
                row=r.row, id_number=ident.number, birth_date=ident.birth_date, sex=ident.sex,
                fields={k: r.values[k] for k in PERSON_FIELDS if k in r.values}))
        households[number] = hh

    errors = [e for r in rows for e in r.errors]
    if progress:
        progress(total, total, _("已检查 %(n)d 行") % {"n": total})
    return Checked(rows=total, households=households, errors=errors,
                   rejected_rows={e.row for e in errors}, new_villages=new_villages)

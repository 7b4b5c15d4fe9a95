"""The roster import's rules: one row at a time (`parse_row`), then per household and per file
(`group_households`). The service (registry.services.roster_import) runs them on the shared
pipeline (xiezuo.tabular.pipeline).

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
from xiezuo.tabular.pipeline import Row

__all__ = ["AreaIndex", "HouseholdIn", "PersonIn", "RowError", "group_households", "parse_row",
           "parsers_for"]

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


def parsers_for(keys, *, today: datetime.date) -> dict[str, Callable[[object], object]]:
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


def parse_row(raw: dict, err: Callable[[str | None, str], None], *, areas: AreaIndex,
              prefixes: list[str] | None, today: datetime.date,
              parsers: dict[str, Callable[[object], object]] | None = None) -> dict:
    """The row's values from its cells (`raw`: column key -> cell); `err(key, reason)` for every
    defect of the row. Pure: the areas come as a plain index."""
    failed: set[str] = set()

    def fail(key: str, reason: str) -> None:
        failed.add(key)
        err(key, reason)

    if parsers is None:
        parsers = {k: _parser(k, today=today) for k in raw if k not in _SEPARATE}
    values: dict = {}
    for key, parse in parsers.items():
        try:
            values[key] = parse(raw.get(key))
        except cells.CellError as e:
            fail(key, e.reason)
    for key in ("name", "number", "relation"):
        if key in raw and not values.get(key) and key not in failed:
            fail(key, _("此列不能为空"))
    try:
        values["id"] = _parse_id(raw.get("id_number"), today=today)
    except cells.CellError as e:
        fail("id_number", e.reason)

    county = values["county"] = cells.text(raw.get("county"))
    if county and not areas.is_county(county):
        fail("county", _("县“%(v)s”不是本次导入的县“%(county)s”")
             % {"v": county, "county": areas.county_name})
    township = values["township"] = cells.text(raw.get("township"))
    code = areas.township(township) if township else None
    if not township:
        fail("township", _("此列不能为空"))
    elif code is None:
        fail("township", _("乡(镇)“%(v)s”不属于%(county)s")
             % {"v": township, "county": areas.county_name})
    elif prefixes is not None and not any(code.startswith(p) for p in prefixes):
        fail("township", _("乡(镇)“%(v)s”不在您负责的区域内") % {"v": township})
    else:
        values["township_code"] = code
        village = values["village"] = cells.text(raw.get("village"))
        if not village:
            fail("village", _("此列不能为空"))
        else:
            values["village_name"] = village
            values["village_code"] = areas.village(code, village)
    return values


def _household_value(values: dict, raw: dict, key: str):
    """A household cell as compared across rows: its parsed value, else its text."""
    if key in values:
        return values[key]
    return cells.text(raw.get(key))


def group_households(rows: list[Row]) -> tuple[dict[str, HouseholdIn], set[tuple[str, str]]]:
    """The file's households from its parsed rows (`row.record`: parse_row's values), by the
    rules over more than one row: the same ID twice (the later row is rejected, naming the
    earlier), exactly one head a household, and the household cells every row of a household
    repeats must agree. Errors go on the rows. Returns the households of the valid rows and the
    villages they name that do not exist yet, as (township code, village name as written)."""
    header_for = rows[0].header_for if rows else {}
    # The same ID twice in the file: the later row is rejected, naming the earlier one.
    first_seen: dict[str, int] = {}
    for r in rows:
        ident = r.record.get("id")
        if ident is None:
            continue
        earlier = first_seen.setdefault(ident.number, r.row)
        if earlier != r.row:
            r.errors.append(RowError(r.row, header_for["id_number"], cells.shown(
                r.raw["id_number"]), _("证件号码与第 %(row)d 行重复") % {"row": earlier}))

    # the household cells every row of a household must agree on
    compared = [k for k in ("township", "village", "county", *HOUSEHOLD_FIELDS)
                if k in header_for]
    # Household rules, over every row of the household in the file (rejected ones included).
    by_household: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        number = r.record.get("number") or cells.text(r.raw.get("number"))
        if number:
            by_household[number].append(r)
    households: dict[str, HouseholdIn] = {}
    new_villages: set[tuple[str, str]] = set()
    for number, members in by_household.items():
        reasons = []
        heads = [r.row for r in members
                 if (r.record.get("relation") or cells.text(r.raw.get("relation")))
                 == Relation.HEAD]
        if len(heads) != 1:
            reasons.append(
                _("户编号 %(n)s 在文件中没有户主（每户须恰有 1 个户主）") % {"n": number}
                if not heads else
                _("户编号 %(n)s 在文件中有 %(k)d 个户主（第 %(rows)s 行），每户须恰有 1 个")
                % {"n": number, "k": len(heads), "rows": "、".join(map(str, heads))})
        merged: dict = {}
        signatures = [tuple([_household_value(r.record, r.raw, k) for k in compared])
                      for r in members]
        if len(set(signatures)) == 1:  # the usual case: every row repeats the household cells
            merged = {k: v for k, v in zip(compared, signatures[0], strict=True)
                      if k in HOUSEHOLD_FIELDS and v not in ("", None)}
        else:
            for j, key in enumerate(compared):
                seen: dict = {}
                for r, signature in zip(members, signatures, strict=True):
                    v = signature[j]
                    if v not in ("", None):
                        seen.setdefault(v, r.row)
                if len(seen) > 1:
                    parts = "、".join(f"{cells.shown(v)}（第 {row} 行）" for v, row in seen.items())
                    reasons.append(_("户编号 %(n)s 各行的“%(col)s”不一致：%(parts)s")
                                   % {"n": number, "col": header_for[key], "parts": parts})
                elif seen and key in HOUSEHOLD_FIELDS:
                    merged[key] = next(iter(seen))
        if reasons:
            # Said once, on the household's first row; its other rows (rejected with it) point
            # there, so the report does not repeat one problem for every member.
            first = members[0].row
            for reason in reasons:
                members[0].errors.append(RowError(first, None, number, reason))
            for r in members[1:]:
                r.errors.append(RowError(r.row, None, number, _(
                    "户编号 %(n)s 整户未导入，原因见第 %(row)d 行") % {"n": number, "row": first}))
            continue
        valid = [r for r in members if not r.errors]
        if not valid:
            continue
        first = valid[0].record
        hh = HouseholdIn(number=number, township_code=first["township_code"],
                         village_code=first.get("village_code"),
                         village_name=first["village_name"], fields=merged,
                         first_row=valid[0].row)
        if hh.village_code is None:
            new_villages.add((hh.township_code, hh.village_name))
        for r in valid:
            values = r.record
            ident = values["id"]
            hh.members.append(PersonIn(
                row=r.row, id_number=ident.number, birth_date=ident.birth_date, sex=ident.sex,
                fields={k: values[k] for k in PERSON_FIELDS if k in values}))
        households[number] = hh
    return households, new_villages

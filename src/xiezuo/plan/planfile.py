"""Reading and checking a plan file (YAML). Pure: text in, a PlanSpec or errors that name lines.

PyYAML is kept (no ruamel): a loader that remembers each mapping's line is enough to point at the
offending line of every error.
"""

import datetime
import decimal
from dataclasses import dataclass, field
from decimal import Decimal

import yaml

from xiezuo.core.indicators import STOCK
from xiezuo.plan.choices import TargetKind, TargetSide


class PlanFileError(ValueError):
    """A plan file that cannot be loaded; `errors` holds one message per problem, each with a line."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


class _Map(dict):
    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Loader(yaml.SafeLoader):
    """SafeLoader whose mappings remember their line and their keys' lines (1-based)."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    out = _Map()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass
class TargetSpec:
    key: str
    line: int
    chapter: int
    section: str
    side: str
    text_zh: str
    text_en: str
    unit_zh: str
    unit_en: str
    kind: str
    value: Decimal | None
    value_max: Decimal | None
    years: list[int]
    due: int | None
    indicator: str
    value_indicator: str
    params: dict
    note_zh: str = ""
    note_en: str = ""


@dataclass
class PlanSpec:
    key: str
    name_zh: str
    name_en: str
    east_code: str
    west_code: str
    start_year: int
    end_year: int
    signed: datetime.date | None
    config: dict
    targets: list[TargetSpec] = field(default_factory=list)
    #: a pairing no real plan states (demo data): its partnership is labelled synthetic
    synthetic: bool = False

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


PLAN_KEYS = {"key", "name", "east", "west", "years", "signed", "config", "synthetic"}
TARGET_KEYS = {"key", "chapter", "section", "side", "text", "unit", "kind", "value", "min", "max",
               "years", "due", "source", "value_source", "each_year", "alternate_venues",
               "members", "min_count", "note"}
MEMBER_KEYS = {"children_of", "level", "deep_poverty", "codes"}


def parse_plan(text: str, *, source: str = "plan") -> PlanSpec:
    """Parse and check a plan file; raise PlanFileError listing every problem with its line."""
    try:
        doc = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise PlanFileError([f"{source}:{line}: YAML: {exc.problem or exc}"]) from exc
    except yaml.YAMLError as exc:
        raise PlanFileError([f"{source}: YAML: {exc}"]) from exc
    return _Checker(source).check(doc)


class _Checker:
    def __init__(self, source: str):
        self.source = source
        self.errors: list[str] = []

    def err(self, line: int, message: str) -> None:
        self.errors.append(f"{self.source}:{line}: {message}")

    # --- small typed readers ----------------------------------------------------------------
    def _text_pair(self, m: _Map, key: str, ctx: str, *, required: bool = True) -> tuple[str, str]:
        v = m.get(key)
        if v is None:
            if required:
                self.err(m.line, f"{ctx}: '{key}' is missing ({{zh: …, en: …}})")
            return "", ""
        if isinstance(v, str):
            self.err(m.line_of(key), f"{ctx}: '{key}' needs both languages: {{zh: …, en: …}}")
            return v, ""
        if not isinstance(v, dict) or not isinstance(v.get("zh"), str) \
                or not isinstance(v.get("en"), str) or not v["zh"].strip() or not v["en"].strip():
            self.err(m.line_of(key), f"{ctx}: '{key}' must be {{zh: text, en: text}}, both non-empty")
            return "", ""
        return v["zh"].strip(), v["en"].strip()

    def _number(self, m: _Map, key: str, ctx: str) -> Decimal | None:
        v = m.get(key)
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, int | float | str):
            self.err(m.line_of(key), f"{ctx}: '{key}' must be a number, not {v!r}")
            return None
        try:
            d = Decimal(str(v).replace(",", "").replace("_", ""))
        except decimal.InvalidOperation:
            self.err(m.line_of(key), f"{ctx}: '{key}' must be a number, not {v!r}")
            return None
        if d < 0:
            self.err(m.line_of(key), f"{ctx}: '{key}' must not be negative ({v})")
        return d

    def _code(self, m: _Map, key: str, ctx: str) -> str:
        v = str(m.get(key, "") or "")
        if len(v) != 12 or not v.isdigit():
            self.err(m.line_of(key), f"{ctx}: '{key}' must be a 12-digit division code, not {v!r}")
        return v

    @staticmethod
    def _known_indicators() -> dict:
        """The parts' indicators by key (plan.indicators finds them like nav.py and home.py)."""
        from xiezuo.plan.indicators import all_indicators

        return all_indicators()

    def _indicator(self, m: _Map, key: str, ctx: str, known: dict, *, stock: bool = False
                   ) -> str:
        v = m.get(key)
        if v is None or v == "aggregate":
            return ""
        if not isinstance(v, dict) or not isinstance(v.get("indicator"), str):
            self.err(m.line_of(key), f"{ctx}: '{key}' must be 'aggregate' or {{indicator: "
                     f"app.name}}, not {v!r}")
            return ""
        name = v["indicator"]
        if name not in known:
            self.err(m.line_of(key), f"{ctx}: unknown indicator {name!r}; known: "
                     + ", ".join(sorted(known)))
            return ""
        if stock and known[name].shape != STOCK:
            self.err(m.line_of(key), f"{ctx}: '{key}' needs a figure counted now (one of: "
                     + ", ".join(sorted(k for k, i in known.items() if i.shape == STOCK)) + ")")
            return ""
        return name

    # --- the document -----------------------------------------------------------------------
    def check(self, doc) -> PlanSpec:
        if not isinstance(doc, _Map):
            raise PlanFileError([f"{self.source}:1: a plan file is a mapping with 'plan' and "
                                 "'targets'"])
        for k in doc:
            if k not in {"plan", "targets"}:
                self.err(doc.line_of(k), f"unknown top-level key {k!r} (expected plan, targets)")
        p = doc.get("plan")
        if not isinstance(p, _Map):
            self.err(doc.line_of("plan"), "'plan' is missing or not a mapping")
            raise PlanFileError(self.errors)
        spec = self._plan(p)
        targets = doc.get("targets")
        if not isinstance(targets, list) or not targets:
            self.err(doc.line_of("targets"), "'targets' is missing or empty")
            raise PlanFileError(self.errors)
        seen: dict[str, int] = {}
        for i, t in enumerate(targets):
            if not isinstance(t, _Map):
                self.err(doc.line_of("targets"), f"target #{i + 1} is not a mapping")
                continue
            ts = self._target(t, spec)
            if ts is None:
                continue
            if ts.key in seen:
                self.err(t.line_of("key"), f"target key {ts.key!r} repeats (first on line "
                         f"{seen[ts.key]})")
            seen.setdefault(ts.key, t.line_of("key"))
            spec.targets.append(ts)
        if self.errors:
            raise PlanFileError(self.errors)
        return spec

    def _plan(self, p: _Map) -> PlanSpec:
        for k in p:
            if k not in PLAN_KEYS:
                self.err(p.line_of(k), f"plan: unknown key {k!r}")
        key = p.get("key")
        if not isinstance(key, str) or not key.replace("-", "").replace("_", "").isalnum():
            self.err(p.line_of("key"), f"plan: 'key' must be a slug, not {key!r}")
            key = ""
        name_zh, name_en = self._text_pair(p, "name", "plan")
        east, west = self._code(p, "east", "plan"), self._code(p, "west", "plan")
        years = p.get("years")
        start = end = 0
        if (not isinstance(years, list) or len(years) != 2
                or not all(isinstance(y, int) and 2000 <= y <= 2100 for y in years)
                or years[0] > years[1]):
            self.err(p.line_of("years"), f"plan: 'years' must be [first, last], not {years!r}")
        else:
            start, end = years
        signed = p.get("signed")
        if signed is not None and not isinstance(signed, datetime.date):
            self.err(p.line_of("signed"), f"plan: 'signed' must be a date YYYY-MM-DD, not {signed!r}")
            signed = None
        config = p.get("config") or {}
        if not isinstance(config, dict):
            self.err(p.line_of("config"), "plan: 'config' must be a mapping")
            config = {}
        synthetic = p.get("synthetic", False)
        if not isinstance(synthetic, bool):
            self.err(p.line_of("synthetic"), "plan: 'synthetic' must be true or false")
            synthetic = False
        return PlanSpec(key=key, name_zh=name_zh, name_en=name_en, east_code=east, west_code=west,
                        start_year=start, end_year=end, signed=signed, config=_plain(config),
                        synthetic=synthetic)

    def _target(self, t: _Map, plan: PlanSpec) -> TargetSpec | None:
        key = t.get("key")
        if not isinstance(key, str) or not key.replace("-", "").replace("_", "").isalnum():
            self.err(t.line, f"target: 'key' missing or not a slug ({key!r})")
            return None
        ctx = f"target {key!r}"
        for k in t:
            if k not in TARGET_KEYS:
                self.err(t.line_of(k), f"{ctx}: unknown key {k!r}")
        chapter = t.get("chapter")
        if not isinstance(chapter, int) or not 1 <= chapter <= 8:
            self.err(t.line_of("chapter"), f"{ctx}: 'chapter' must be 1–8, not {chapter!r}")
            chapter = 0
        side = t.get("side", "both")
        if side not in TargetSide.values:
            self.err(t.line_of("side"), f"{ctx}: 'side' must be one of {TargetSide.values}, "
                     f"not {side!r}")
        text_zh, text_en = self._text_pair(t, "text", ctx)
        unit_zh, unit_en = self._text_pair(t, "unit", ctx, required=False)
        note_zh, note_en = self._text_pair(t, "note", ctx, required=False)
        kind = t.get("kind")
        if kind not in TargetKind.values:
            self.err(t.line_of("kind"), f"{ctx}: 'kind' must be one of "
                     f"{', '.join(TargetKind.values)}, not {kind!r}")
            kind = None
        years = self._years(t, ctx, plan)
        due = t.get("due")
        if due is not None and (not isinstance(due, int) or (years and due not in years)):
            self.err(t.line_of("due"), f"{ctx}: 'due' must be one of the target's years "
                     f"{years}, not {due!r}")
            due = None
        value = self._number(t, "value", ctx)
        vmin, vmax = self._number(t, "min", ctx), self._number(t, "max", ctx)
        params: dict = {}
        if kind == TargetKind.RANGE:
            if vmin is None or vmax is None:
                self.err(t.line, f"{ctx}: a range target needs 'min' and 'max'")
            elif vmin > vmax:
                self.err(t.line_of("min"), f"{ctx}: 'min' {vmin} is above 'max' {vmax}")
            value, value_max = vmin, vmax
        else:
            value_max = None
            if vmin is not None or vmax is not None:
                self.err(t.line_of("min" if "min" in t else "max"),
                         f"{ctx}: 'min'/'max' belong to range targets only")
        if kind in {TargetKind.AT_LEAST, TargetKind.CUMULATIVE} and value is None:
            self.err(t.line, f"{ctx}: a {kind} target needs 'value'")
        if kind == TargetKind.CUMULATIVE and due is None and years:
            due = years[-1]
        if kind == TargetKind.MILESTONE:
            each = t.get("each_year", False)
            if not isinstance(each, bool):
                self.err(t.line_of("each_year"), f"{ctx}: 'each_year' must be true or false")
                each = False
            params["each_year"] = each
            alt = t.get("alternate_venues", False)
            if not isinstance(alt, bool):
                self.err(t.line_of("alternate_venues"), f"{ctx}: 'alternate_venues' must be "
                         "true or false")
                alt = False
            params["alternate_venues"] = alt
            if not each and due is None and years:
                due = years[-1]
        if kind == TargetKind.COVERAGE:
            params["members"] = self._members(t, ctx)
            mc = t.get("min_count")
            if mc is not None and (not isinstance(mc, int) or mc < 1):
                self.err(t.line_of("min_count"), f"{ctx}: 'min_count' must be a positive integer")
                mc = None
            params["min_count"] = mc
            if due is None and years:
                due = years[-1]
        known = self._known_indicators()
        indicator = self._indicator(t, "source", ctx, known)
        value_indicator = self._indicator(t, "value_source", ctx, known, stock=True)
        if indicator and kind == TargetKind.COVERAGE and known[indicator].members is None:
            with_members = sorted(k for k, i in known.items() if i.members is not None)
            self.err(t.line_of("source"), f"{ctx}: a coverage target's indicator must say which "
                     f"areas it covers each year (Indicator.members); {indicator!r} does not"
                     + (f" (ones that do: {', '.join(with_members)})" if with_members else ""))
            indicator = ""
        if kind == TargetKind.TRACKED and t.get("source") in (None, "aggregate"):
            self.err(t.line, f"{ctx}: a tracked target is read from records: it needs "
                     "'source: {indicator: app.name}'")
        if indicator and params.get("alternate_venues") and known[indicator].venues is None:
            with_venues = sorted(k for k, i in known.items() if i.venues is not None)
            self.err(t.line_of("source"), f"{ctx}: 'alternate_venues' needs an indicator that "
                     f"says where each meeting was held (Indicator.venues); {indicator!r} does "
                     "not" + (f" (ones that do: {', '.join(with_venues)})" if with_venues else ""))
            indicator = ""
        if indicator and kind in {TargetKind.MILESTONE, TargetKind.COVERAGE} \
                and known[indicator].shape == STOCK:
            self.err(t.line_of("source"), f"{ctx}: a {kind} target needs a per-year indicator; "
                     f"{indicator!r} is counted now only")
            indicator = ""
        return TargetSpec(
            key=key, line=t.line, chapter=chapter, section=str(t.get("section", "") or ""),
            side=side, text_zh=text_zh, text_en=text_en, unit_zh=unit_zh, unit_en=unit_en,
            kind=kind or "", value=value, value_max=value_max, years=years, due=due,
            indicator=indicator, value_indicator=value_indicator, params=params,
            note_zh=note_zh, note_en=note_en)

    def _years(self, t: _Map, ctx: str, plan: PlanSpec) -> list[int]:
        v = t.get("years")
        if v is None:
            return plan.years
        if not isinstance(v, list) or not v or not all(isinstance(y, int) for y in v):
            self.err(t.line_of("years"), f"{ctx}: 'years' must be a list of years, not {v!r}")
            return plan.years
        outside = [y for y in v if plan.years and y not in plan.years]
        if outside:
            self.err(t.line_of("years"), f"{ctx}: years {outside} are outside the plan's "
                     f"{plan.start_year}–{plan.end_year}")
            return [y for y in v if y not in outside] or plan.years
        return sorted(set(v))

    def _members(self, t: _Map, ctx: str) -> dict:
        m = t.get("members")
        if not isinstance(m, dict):
            self.err(t.line_of("members") if "members" in t else t.line,
                     f"{ctx}: a coverage target needs 'members' "
                     "({children_of: code, level: township} or {codes: [...]})")
            return {}
        for k in m:
            if k not in MEMBER_KEYS:
                self.err(t.line_of("members"), f"{ctx}: members: unknown key {k!r}")
        if "codes" in m:
            codes = m["codes"]
            if not isinstance(codes, list) or not all(
                    isinstance(c, str) and len(c) == 12 and c.isdigit() for c in codes):
                self.err(t.line_of("members"), f"{ctx}: members.codes must list 12-digit codes")
                return {}
            return {"codes": list(codes)}
        parent = str(m.get("children_of", ""))
        if len(parent) != 12 or not parent.isdigit():
            self.err(t.line_of("members"), f"{ctx}: members.children_of must be a 12-digit code")
            return {}
        level = m.get("level", "township")
        if level not in {"township", "village"}:
            self.err(t.line_of("members"), f"{ctx}: members.level must be township or village")
        out = {"children_of": parent, "level": level}
        if m.get("deep_poverty"):
            out["deep_poverty"] = True
        return out


def _plain(value):
    """Turn the loader's _Map into plain dicts (for JSON fields)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value

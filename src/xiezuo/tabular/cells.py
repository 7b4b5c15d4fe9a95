"""Turning one raw cell into a value, or into the reason it cannot be one. Pure functions.

Every import parses its cells here (roster, population, labour survey and openings, funds): the
same text, numbers, dates, yes/no and category values everywhere, and the same checks of what a
stored text may hold (`stored_text`: no control characters, the model field's length).
"""

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from xiezuo.core.amounts import not_plain_message, plain_amount, written_plainly
from xiezuo.tabular.columns import header_key

# Full-width digits and Latin letters (and the ideographic space) as their ASCII forms. Other
# full-width characters stay: the category values themselves are written with （）.
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
_FULL_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})
_FULL_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})
_FULL_WIDTH[0x3000] = 0x20
EXCEL_EPOCH = datetime.date(1899, 12, 30)  # serial 1 = 1900-01-01, counting Excel's 1900-02-29
CENT = Decimal("0.01")
AMOUNT_LIMIT = Decimal(10) ** 12  # as the funds' Decimal(14, 2)
EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number
_SCIENTIFIC = re.compile(r"^[0-9](\.[0-9]+)?E\+?[0-9]+$", re.IGNORECASE)
# A time after the date (2018-06-01 00:00:00, as some programs save date cells) is ignored.
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                        r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


class CellError(ValueError):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def is_number(v: object) -> bool:
    return type(v) in (int, float)  # not bool, a subclass of int


_TEXT_CACHE: dict[str, str] = {}
_TEXT_CACHE_MAX = 20_000  # a roster repeats few values per column; names and IDs are unique


def text(v: object) -> str:
    """The cell as trimmed text with full-width digits and letters converted."""
    if type(v) is str:  # the common case first: this runs for every cell of the file
        t = _TEXT_CACHE.get(v)
        if t is None:
            t = v.strip() if v.isascii() else v.translate(_FULL_WIDTH).strip()
            if len(_TEXT_CACHE) < _TEXT_CACHE_MAX:
                _TEXT_CACHE[v] = t
        return t
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else format(v, ".15g")
    if isinstance(v, datetime.datetime):
        return v.date().isoformat() if v.time() == datetime.time() else v.isoformat(sep=" ")
    if isinstance(v, datetime.date):
        return v.isoformat()
    return str(v).translate(_FULL_WIDTH).strip()


def folded(v: object) -> str:
    """The cell as text with every compatibility character folded (NFKC: full-width brackets
    and punctuation too), for codes, names and labels compared as typed in any width."""
    t = text(v)
    return t if t.isascii() else unicodedata.normalize("NFKC", t).strip()


SHOWN_CHARS = 500  # of a value in an error (the cell may hold 32,767)


def shown(v: object) -> str:
    """The value as an error message should show it (what the clerk sees in the cell): control
    characters as U+FFFD (no report, JSON column or page can hold a NUL), long text cut."""
    t = text(v)
    if len(t) > SHOWN_CHARS:
        t = t[:SHOWN_CHARS] + "…"
    return _CONTROL.sub("\ufffd", t) if not t.isprintable() else t


def numeric_code_error(v: object) -> str | None:
    """A number of more than 15 digits in a numeric cell: Excel has already changed it."""
    if is_number(v):
        digits = len(str(int(abs(v)))) if abs(v) >= 1 else 1
        if digits > EXCEL_DIGITS:
            return _("该单元格是数字格式：Excel 只保留 15 位有效数字，超过 15 位的号码已经失真"
                     "（末位变为 0，X 丢失）。请在原表中把该列设为“文本”格式、重新录入号码后再导入")
        return None
    if type(v) is str and ("E" in v or "e" in v) and _SCIENTIFIC.match(text(v)):
        return _("号码被保存为科学计数法（如 6.21124E+17），已经失真。请在 Excel 中把该列设为"
                 "“文本”格式、重新录入号码后再导入")
    return None


def code(v: object) -> str:
    reason = numeric_code_error(v)
    if reason:
        raise CellError(reason)
    return text(v)


def parse_int(v: object, col) -> int | None:
    """An integer within `col.low` .. `col.high` (either may be None)."""
    t = text(v)
    if not t:
        return None
    try:
        f = float(t)
    except ValueError:
        raise CellError(_("“%(v)s”不是整数") % {"v": t}) from None
    if not f.is_integer():
        raise CellError(_("“%(v)s”不是整数") % {"v": t})
    n = int(f)
    if (col.low is not None and n < col.low) or (col.high is not None and n > col.high):
        raise CellError(_("应在 %(low)s 到 %(high)s 之间") % {"low": col.low, "high": col.high})
    return n


def parse_year(v: object, *, today: datetime.date) -> int | None:
    t = text(v)
    if not t:
        return None
    t = t.removesuffix("年")
    if not t.isdigit() or not 2013 <= int(t) <= today.year:
        raise CellError(_("年度应为 2013 至 %(y)d 之间的四位数字") % {"y": today.year})
    return int(t)


def parse_decimal(v: object) -> Decimal | None:
    """An amount in yuan: a number cell, or plain digits (no "1e3", NaN, Infinity); more than
    2 decimals is refused, not rounded (core.amounts)."""
    if is_number(v):
        d = Decimal(repr(float(v)))
        if not d.is_finite() or d < 0:
            raise CellError(_("“%(v)s”不是金额") % {"v": v})
    else:
        t = text(v).replace(",", "").replace("，", "").removesuffix("元")
        if not t:
            return None
        if not written_plainly(t):
            raise CellError(not_plain_message(t))
        try:
            d = Decimal(t)
        except InvalidOperation:
            raise CellError(_("“%(v)s”不是金额") % {"v": t}) from None
        if d < 0:
            raise CellError(_("“%(v)s”不是金额") % {"v": t})
    if d >= AMOUNT_LIMIT:
        raise CellError(_("“%(v)s”不是金额") % {"v": text(v)})
    q = d.quantize(CENT)
    if d != q:
        raise CellError(plain_amount(str(d)) or "")
    return q


def parse_date(v: object, *, today: datetime.date) -> datetime.date | None:
    """A date given as a date cell, an Excel serial number, or text like 2014-05-01 / 2014年5月1日."""
    if isinstance(v, datetime.datetime):
        d = v.date()
    elif isinstance(v, datetime.date):
        d = v
    elif is_number(v) or (isinstance(v, str) and re.fullmatch(r"\d{5}(\.0+)?", text(v))):
        serial = float(text(v)) if isinstance(v, str) else float(v)
        if not 1 <= serial < 2958466:
            raise CellError(_("“%(v)s”不是日期") % {"v": text(v)})
        d = EXCEL_EPOCH + datetime.timedelta(days=int(serial))
    else:
        t = text(v)
        if not t:
            return None
        m = _DATE_TEXT.match(t) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", t)
        if not m:
            raise CellError(_("“%(v)s”不是日期（应如 2014-05-01）") % {"v": t})
        try:
            d = datetime.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise CellError(_("“%(v)s”不是有效日期") % {"v": t}) from None
    if d > today:
        raise CellError(_("日期 %(d)s 晚于今天") % {"d": d.isoformat()})
    return d


YES_NO = {"是": True, "否": False}


def parse_yesno(v: object) -> bool | None:
    if isinstance(v, bool):
        return v
    t = text(v)
    if not t:
        return None
    if t not in YES_NO:
        raise CellError(_("应为“是”或“否”"))
    return YES_NO[t]


_CHOICE_MAPS: dict[tuple, dict[str, str]] = {}


def parse_choice(v: object, col, aliases: dict[str, str] | None = None) -> str:
    """A category value of `col.choices`, compared ignoring full-/half-width brackets and spaces;
    `aliases` maps other spellings (as header_key gives them) to a value."""
    t = text(v)
    if not t:
        return ""
    cache = (col.key, col.choices)
    m = _CHOICE_MAPS.get(cache)
    if m is None:
        m = _CHOICE_MAPS[cache] = {header_key(x): x for x in col.choices} | (aliases or {})
    value = m.get(t)
    if value is None:
        value = m.get(header_key(t))
        if value is None:
            raise CellError(_("“%(v)s”不是允许的值；允许的值：%(allowed)s")
                            % {"v": t, "allowed": "、".join(col.choices)})
        if len(m) < 1000:  # remember this spelling (a file repeats a few of them)
            m[t] = value
    return value


# C0 controls but tab, line feed and carriage return (a cell may hold several lines), and DEL:
# a NUL in a name broke the whole county's .xlsx export.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control(row: list) -> bool:
    """Whether any text cell of the row holds a control character (one scan of the row)."""
    return bool(_CONTROL.search("\x20".join(v for v in row if type(v) is str)))


def field_limits(model, fields: dict[str, str]) -> dict[str, int]:
    """Column key -> the max_length of the model field it is stored in (`fields`: key -> field
    name), for `stored_text_problems`."""
    out = {}
    for key, name in fields.items():
        limit = getattr(model._meta.get_field(name), "max_length", None)
        if limit:
            out[key] = limit
    return out


def stored_text_problems(raw: dict, limits: dict[str, int], *,
                         control: bool = True) -> list[tuple[str, str]]:
    """(column key, reason) for each cell of a row that cannot be stored as it is: a control
    character in any cell the import reads (when `control`: the reader's `has_control` said
    the row has one), or text longer than the model field it goes to. SQLite would store the
    long text and PostgreSQL refuse the whole import; both refuse the row here."""
    out = []
    # without a control character in the row only the limited columns need a look
    items = raw.items() if control else [(k, raw[k]) for k in limits if k in raw]
    for key, v in items:
        if type(v) is not str:
            continue
        if control and _CONTROL.search(v):
            out.append((key, _("含有控制字符（如 NUL、换页符），不能保存；请删除后再导入")))
            continue
        limit = limits.get(key)
        if limit is not None and len(v) > limit and len(text(v)) > limit:
            out.append((key, _("内容过长：%(n)d 个字符，最多 %(max)d 个") % {"n": len(text(v)),
                                                                  "max": limit}))
    return out

"""How figures are written on pages, in summaries and in reports: one function per kind, so a
number reads the same everywhere (pure, no database). Templates use the same functions as
filters (core/templatetags/formats.py, built in: no {% load %}).

- `yuan`: an amount in yuan, thousands separators, 2 decimals: 1,234,567.50 (lists, records);
- `wan_yuan`: an amount in 万元 with 2 decimals and the unit: 123.46 万元 (summaries, home
  cards, reports: the unit officials write in);
- `percent`: a share with its sign: 31.4%;
- `count`: a whole number with thousands separators: 13,974;
- dates are Y-m-d everywhere (settings.FORMAT_MODULE_PATH, core/dateformats).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

TEN_THOUSAND = Decimal(10000)
CENT = Decimal("0.01")


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value or 0))


def yuan(amount) -> str:
    """1234567.5 -> "1,234,567.50"; None -> "—"."""
    if amount is None:
        return "—"
    return f"{_decimal(amount).quantize(CENT, ROUND_HALF_UP):,.2f}"


def wan(amount) -> str:
    """The number of 万元 (10,000 yuan), 2 decimals: 1234567.5 -> "123.46"."""
    return f"{(_decimal(amount) / TEN_THOUSAND).quantize(CENT, ROUND_HALF_UP):,.2f}"


def wan_yuan(amount) -> str:
    """1234567.5 -> "123.46 万元" ("123.46 × 10,000 yuan" in English); None -> "—"."""
    if amount is None:
        return "—"
    return _("%(n)s 万元") % {"n": wan(amount)}


def percent(value, places: int = 1) -> str:
    """A share already in percent (31.43 -> "31.4%"); None -> "—"."""
    if value is None:
        return "—"
    q = Decimal(1).scaleb(-places) if places else Decimal(1)
    return f"{_decimal(value).quantize(q, ROUND_HALF_UP)}%"


def share(part, whole, places: int = 1) -> str:
    """part / whole as a percentage ("—" when there is no whole)."""
    whole = _decimal(whole)
    if not whole:
        return "—"
    return percent(_decimal(part) * 100 / whole, places)


def count(n) -> str:
    """13974 -> "13,974"; None -> "—"; a figure already written ("17 / 18", "120.00") is kept."""
    if n is None:
        return "—"
    if isinstance(n, bool) or not isinstance(n, int):
        return str(n)
    return f"{n:,}"

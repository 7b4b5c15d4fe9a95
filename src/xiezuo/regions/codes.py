"""Pure helpers over 12-digit statistical division codes (no database)."""

from xiezuo.regions.choices import PREFIX_LENGTH, Level


def code_prefix(code: str, level: str) -> str:
    """The prefix every area inside `code` (an area of `level`) shares."""
    return code[: PREFIX_LENGTH[Level(level)]]


def level_of(code: str) -> Level:
    """The level a well-formed 12-digit code denotes, judged by its trailing zeros."""
    if len(code) != 12 or not code.isdigit():
        raise ValueError(f"not a 12-digit division code: {code!r}")
    if code[2:] == "0" * 10:
        return Level.PROVINCE
    if code[4:] == "0" * 8:
        return Level.CITY
    if code[6:] == "0" * 6:
        return Level.COUNTY
    if code[9:] == "000":
        return Level.TOWNSHIP
    return Level.VILLAGE


def is_within(code: str, prefixes: list[str] | tuple[str, ...]) -> bool:
    return any(code.startswith(p) for p in prefixes)


def overlaps(codes_or_prefixes, prefixes) -> bool:
    """Does any of the first prefixes lie within, or hold, any of the second (a county inside a
    city's scope; a township user inside a county's pair)?"""
    return any(a.startswith(b) or b.startswith(a) for a in codes_or_prefixes for b in prefixes)

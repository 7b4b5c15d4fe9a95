"""The import commands' choice of pair: `--county CODE` or `--partnership ID|CODE|NAME`. With
several partnerships loaded an import that names neither is refused with the choices
(regions.selectors.import_county), never given the first pair's county."""

from xiezuo.regions.selectors import partnership_named


def add_county_options(parser, *, what: str) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--county", help=f"the western county {what} (6 or 12 digits); needed, "
                       "or --partnership, when several partnerships are loaded")
    group.add_argument("--partnership", help="the partnership whose western county "
                       f"{what}: its id, or the code or name of either of its counties")


def county_from(options: dict) -> str | None:
    """The county code the options name (None: the import decides, refusing ambiguity)."""
    if options.get("county"):
        return options["county"]
    if options.get("partnership"):
        return partnership_named(options["partnership"]).west.code
    return None

"""Loading the reference areas and the default partnership (run by `xiezuo init`)."""

import csv
from importlib import resources

from django.db import transaction

from xiezuo.regions.choices import Level, Side
from xiezuo.regions.models import Area, Partnership

#: the partnership's two sides, and the two townships whose clerks the demo (and the tests) use
CANGSHAN, LINTAO = "350104000000", "621124000000"  # 仓山区, 临洮县
TAOYANG, XINDIAN = "621124100000", "621124103000"  # 洮阳镇, 辛店镇

DEFAULT_PARTNERSHIP = {"east": CANGSHAN, "west": LINTAO, "start_year": 2017,
                       "end_year": 2020, "name": "仓山·临洮东西部扶贫协作（2017—2020年）"}


def read_divisions() -> list[dict[str, str]]:
    """The package's copy of shared/reference/divisions.csv (the package never reads ../shared)."""
    text = resources.files("xiezuo.regions").joinpath("data/divisions.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@transaction.atomic
def load_reference() -> dict[str, int]:
    """Create or correct the reference areas and the default partnership; a second run is a no-op."""
    created = updated = 0
    by_code: dict[str, Area] = {a.code: a for a in Area.objects.filter(synthetic=False)}
    for row in read_divisions():  # parents come before children in the file
        parent = by_code.get(row["parent_code"]) if row["parent_code"] else None
        wanted = {"name": row["name"], "level": Level(row["level"]), "side": Side(row["side"]),
                  "parent": parent}
        area = by_code.get(row["code"])
        if area is None:
            area = Area.objects.create(code=row["code"], **wanted)
            created += 1
        elif any(getattr(area, k) != v for k, v in wanted.items()):
            for k, v in wanted.items():
                setattr(area, k, v)
            area.save()
            updated += 1
        by_code[area.code] = area
    p = DEFAULT_PARTNERSHIP
    _, made = Partnership.objects.get_or_create(
        east=by_code[p["east"]], west=by_code[p["west"]], start_year=p["start_year"],
        defaults={"end_year": p["end_year"], "name": p["name"]},
    )
    return {"areas_created": created, "areas_updated": updated, "partnerships_created": int(made)}


def default_partnership() -> Partnership:
    return Partnership.objects.select_related("east", "west").get(
        east__code=DEFAULT_PARTNERSHIP["east"], west__code=DEFAULT_PARTNERSHIP["west"],
        start_year=DEFAULT_PARTNERSHIP["start_year"])

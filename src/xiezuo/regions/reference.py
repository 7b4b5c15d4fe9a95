"""Loading the reference areas and the default partnership (run by `xiezuo init`).

Two reference files, both the package's byte copies of ../shared/reference: `divisions.csv` (the
plan's two counties with their townships) and `divisions-cities.csv` (the county-level divisions
of the two cities under the Fuzhou–Dingxi framework: Dingxi's 7, Fuzhou's 13). Only
Cangshan–Lintao is a pairing the plan states; any other pair is declared with its plan file
(`xiezuo add_partnership`) or, in the demo, marked synthetic.
"""

import csv
from importlib import resources

from django.db import transaction

from xiezuo.regions.choices import Level, Side
from xiezuo.regions.models import Area, Partnership

#: the partnership's two sides, and the two townships whose clerks the demo (and the tests) use
CANGSHAN, LINTAO = "350104000000", "621124000000"  # 仓山区, 临洮县
TAOYANG, XINDIAN = "621124100000", "621124103000"  # 洮阳镇, 辛店镇

DINGXI, FUZHOU = "621100000000", "350100000000"  # 定西市, 福州市: the framework's two cities

DEFAULT_PLAN_FILE = "cangshan-lintao-2017-2020.yaml"
DEFAULT_PARTNERSHIP = {"east": CANGSHAN, "west": LINTAO, "start_year": 2017,
                       "end_year": 2020, "name": "仓山·临洮东西部扶贫协作（2017—2020年）"}

REFERENCE_FILES = ("data/divisions.csv", "data/divisions-cities.csv")


def read_divisions() -> list[dict[str, str]]:
    """The package's copies of shared/reference/divisions.csv and divisions-cities.csv (the
    package never reads ../shared), parents before children; an area in both files once."""
    rows: dict[str, dict[str, str]] = {}
    for name in REFERENCE_FILES:
        text = resources.files("xiezuo.regions").joinpath(name).read_text("utf-8")
        for row in csv.DictReader(text.splitlines()):
            rows.setdefault(row["code"], row)
    return list(rows.values())


@transaction.atomic
def load_reference() -> dict[str, int]:
    """Create or correct the reference areas and the default partnership; a second run is a no-op."""
    created = updated = 0
    by_code: dict[str, Area] = {a.code: a for a in Area.objects.filter(synthetic=False)}
    for row in read_divisions():  # parents come before children in the files
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
        defaults={"end_year": p["end_year"], "name": p["name"], "plan_file": DEFAULT_PLAN_FILE},
    )
    return {"areas_created": created, "areas_updated": updated, "partnerships_created": int(made)}


def default_partnership() -> Partnership:
    return Partnership.objects.select_related("east", "west").get(
        east__code=DEFAULT_PARTNERSHIP["east"], west__code=DEFAULT_PARTNERSHIP["west"],
        start_year=DEFAULT_PARTNERSHIP["start_year"])

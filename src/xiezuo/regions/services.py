"""Declaring a partnership (a county pair). The caller audits: regions stands below accounts, so
the plan's `partnership_add` (and `plan_load`, whose file names the pair) write the event."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.regions.choices import Level, Side
from xiezuo.regions.models import Area, Partnership


def partnership_name(*, east: Area, west: Area, start_year: int, end_year: int,
                     synthetic: bool) -> str:
    name = f"{east.name}·{west.name}东西部扶贫协作（{start_year}—{end_year}年）"
    return name + ("（合成）" if synthetic else "")


def check_sides(*, east: Area, west: Area) -> None:
    """A pair is an eastern county-level division and a western county (the framework's unit)."""
    problems = []
    if east.level != Level.COUNTY or east.side != Side.EAST:
        problems.append(_("%(code)s %(name)s 不是东部县级区划") % {"code": east.code,
                                                                 "name": east.name})
    if west.level != Level.COUNTY or west.side != Side.WEST:
        problems.append(_("%(code)s %(name)s 不是西部县级区划") % {"code": west.code,
                                                                 "name": west.name})
    if problems:
        raise ValidationError("；".join(problems))


@transaction.atomic
def _refuse_shared_west(*, west: Area, start_year: int, end_year: int,
                        keep: Partnership | None) -> None:
    """One western county is in one pair at a time: two pairs sharing it in the same years
    would both count its records, and its city's sum would count each household twice
    (docs/decisions/0010). A later period with another eastern partner is allowed."""
    other = (Partnership.objects.filter(west=west, start_year__lte=end_year,
                                        end_year__gte=start_year)
             .exclude(pk=keep.pk if keep else None).select_related("east").first())
    if other is not None:
        raise ValidationError(
            _("%(west)s已在结对“%(pair)s”（%(start)s—%(end)s年）中：同一西部县同一年度只能属于一个结对，"
              "否则城市合计会把它的每一户算两次") % {
                "west": west.name, "pair": other.name, "start": other.start_year,
                "end": other.end_year})


def partnership_declare(*, east_code: str, west_code: str, start_year: int, end_year: int,
                        plan_file: str = "", synthetic: bool = False, name: str = ""
                        ) -> tuple[Partnership, bool]:
    """Create the pair (east, west, from start_year), or bring its end year, plan file and
    synthetic flag up to date; a second run with the same values changes nothing. Returns the
    partnership and whether anything was written."""
    areas = {a.code: a for a in Area.objects.filter(code__in=[east_code, west_code])}
    missing = [c for c in (east_code, west_code) if c not in areas]
    if missing:
        raise ValidationError(_("区划代码 %(codes)s 不在参考区划中（先运行 xiezuo init 或 "
                                "xiezuo load_areas）") % {"codes": ", ".join(missing)})
    east, west = areas[east_code], areas[west_code]
    check_sides(east=east, west=west)
    if end_year < start_year:
        raise ValidationError(_("结束年度 %(end)s 早于起始年度 %(start)s") % {
            "end": end_year, "start": start_year})
    wanted = {"end_year": end_year, "synthetic": synthetic,
              "name": name or partnership_name(east=east, west=west, start_year=start_year,
                                               end_year=end_year, synthetic=synthetic)}
    if plan_file:
        wanted["plan_file"] = plan_file
    p = Partnership.objects.filter(east=east, west=west, start_year=start_year).first()
    _refuse_shared_west(west=west, start_year=start_year, end_year=end_year, keep=p)
    if p is None:
        return Partnership.objects.create(east=east, west=west, start_year=start_year,
                                          **wanted), True
    if not name:  # an existing pair keeps the name it was given
        wanted.pop("name")
    changed = {k: v for k, v in wanted.items() if getattr(p, k) != v}
    for k, v in changed.items():
        setattr(p, k, v)
    if changed:
        p.save(update_fields=list(changed))
    return p, bool(changed)

"""The annual report's summary in the shape of the national East–West assessment (#14 item 5):
the six areas the national assessment scores, each figure read from the parts' indicators by
key (plan.indicators.find), for the report's year and the reader's scope. A part that is not
there (or an indicator it does not declare) gives "—" with a note saying so, never a guess.
The partner side's comments come from the existing comment flow (AssessmentComment).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from xiezuo.plan import indicators

#: the six areas and the indicators each reads, in the national assessment's order
AREAS: list[tuple[str, list[str]]] = [
    ("组织领导", ["mechanisms.leading_group_east", "mechanisms.leading_group_west",
              "mechanisms.joint_meetings", "mechanisms.cadres_east_to_west",
              "mechanisms.cadres_west_to_east"]),
    ("人才交流/支援", ["talent.cadre_people", "talent.teachers", "talent.expert_lectures",
                 "talent.hospital_pairings"]),
    ("资金使用/支持", ["funds.east_fiscal", "funds.deep_poverty_share"]),
    ("产业合作", ["industry.enterprises_investing", "industry.invested", "industry.poor_lifted",
              "industry.consumption_sales"]),
    ("劳务协作", ["labour.transferred_east", "labour.job_fairs", "labour.graduates_east",
              "labour.interns"]),
    ("携手奔小康", ["pairing.townships_paired", "pairing.deep_villages_paired",
               "pairing.donations", "pairing.volunteer_hours"]),
]
MISSING = "—"


@dataclass
class Figure:
    key: str
    label: str
    value: str  # as printed; "—" when there is no figure
    unit: str
    note: str = ""
    #: the figure itself (None: no figure), for typed cells in the report's Excel file
    number: Decimal | None = None


@dataclass
class Area:
    title: str
    figures: list[Figure] = field(default_factory=list)


def _text(v: Decimal) -> str:
    return f"{v:,.0f}" if v == v.to_integral_value() else f"{v:,.2f}"


def national_summary(*, user, year: int) -> list[Area]:
    """The six areas with their figures for `year` (the reader's scope, like the dashboard)."""
    current = timezone.localdate().year
    out = []
    for title, keys in AREAS:
        area = Area(title=title)
        for key in keys:
            ind = indicators.find(key)
            if ind is None:
                area.figures.append(Figure(key=key, label=key, value=MISSING, unit="",
                                           note="该业务模块未上线，暂无数据"))
                continue
            got = indicators.per_year(ind, user=user, years=[year], current_year=current)
            v = got.get(year)
            area.figures.append(Figure(
                key=key, label=str(ind.label), unit=str(ind.unit),
                value=_text(Decimal(v)) if v is not None else MISSING,
                note="" if v is not None else "本年度无业务记录",
                number=Decimal(v) if v is not None else None))
        out.append(area)
    return out


def comments_by_side(comments) -> list[tuple[str, str]]:
    """The partner side's comments as (who, text) lines for the summary."""
    sides = {"east": "东部", "west": "西部"}
    return [(f"{sides.get(c.side, '')}{c.author}", c.text) for c in comments]

"""The plan's numbers over HTTP: every target with its value and status per year, in scope."""

import datetime

from django.http import Http404
from ninja import Query, Router, Schema

from xiezuo.core.apikit import answers
from xiezuo.plan.evaluation import current_plan_targets, evaluate, reader_for

router = Router(tags=["plan"])


class YearOut(Schema):
    year: int
    applies: bool
    value: float | None
    total: float | None
    required: float | None
    status: str
    percent: int
    pending: int


class TargetOut(Schema):
    key: str
    chapter: int
    side: str
    kind: str
    text_zh: str
    text_en: str
    unit_zh: str
    source: str
    years: list[YearOut]


def _f(v):
    return None if v is None else float(v)


@router.get("/targets", response=answers({200: list[TargetOut]}, found=True))
def targets(request, side: str = Query("", max_length=8),
            as_of: datetime.date | None = None, plan: str = Query("", max_length=80)):
    """Every target of the plan of the user's county pair (`plan`: the key of one of a city
    office's pairs), computed within the signed-in user's area scope."""
    found, items = current_plan_targets(side=side, user=request.user, key=plan)
    if found is None:
        raise Http404("no plan loaded")
    result = evaluate(found, user=reader_for(request.user, found), as_of=as_of, targets=items)
    return [{
        "key": r.target.key, "chapter": r.target.chapter, "side": r.target.side,
        "kind": r.target.kind, "text_zh": r.target.text_zh, "text_en": r.target.text_en,
        "unit_zh": r.target.unit_zh, "source": r.source,
        "years": [{"year": y.year, "applies": y.applies, "value": _f(y.value),
                   "total": _f(y.total), "required": _f(y.required), "status": y.status,
                   "percent": y.percent, "pending": y.pending} for y in r.years.values()],
    } for r in result.targets]

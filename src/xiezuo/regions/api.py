from ninja import Query, Router, Schema
from ninja.pagination import paginate

from xiezuo.core.apikit import CODE_LENGTH, Pages, answers
from xiezuo.regions.selectors import areas_visible

router = Router(tags=["regions"])


class AreaOut(Schema):
    code: str
    name: str
    level: str
    side: str
    parent_code: str | None
    deep_poverty: bool
    deep_poverty_source: str
    synthetic: bool

    @staticmethod
    def resolve_parent_code(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


@router.get("/areas", response=answers({200: list[AreaOut]}))
@paginate(Pages, page_size=100)
def list_areas(request, level: str | None = Query(None, max_length=16),
               parent: str | None = Query(None, max_length=CODE_LENGTH)):
    """Areas the signed-in user may see, by level or parent code."""
    qs = areas_visible(user=request.user).select_related("parent")
    if level:
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent__code=parent)
    return qs

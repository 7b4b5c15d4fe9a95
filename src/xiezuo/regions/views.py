from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from xiezuo.regions.choices import Level
from xiezuo.regions.scoping import scope_label
from xiezuo.regions.selectors import areas_visible, partnerships_visible, townships_with_counts
from xiezuo.tabular.listexport import XCol, wants_xlsx, xlsx_response

TOWNSHIP_COLUMNS = [
    XCol(gettext_lazy("区划代码"), "code", width=15), XCol(gettext_lazy("名称"), "name"),
    XCol(gettext_lazy("所属"), "parent.name"), XCol(pgettext_lazy("how many", "行政村"), "villages", kind="int"),
    XCol(pgettext_lazy("how many", "深度贫困村"), "deep_villages", kind="int"),
    XCol(gettext_lazy("深度贫困乡镇"), "deep_poverty"),
]


@login_required
def area_list(request):
    if wants_xlsx(request):
        return xlsx_response(title=str(_("乡镇（街道）")), columns=TOWNSHIP_COLUMNS,
                             rows=townships_with_counts(user=request.user),
                             filename=str(_("乡镇与深度贫困")), scope=scope_label(request.user))
    return render(request, "regions/area_list.html", {
        "townships": townships_with_counts(user=request.user),
        "partnerships": partnerships_visible(user=request.user),
    })


@login_required
def area_detail(request, code: str):
    # Outside the user's scope the area does not exist for them: 404, never its data.
    area = get_object_or_404(areas_visible(user=request.user).select_related("parent"), code=code)
    children = (areas_visible(user=request.user).filter(parent=area)
                .annotate(n_children=Count("children", filter=Q(children__level=Level.VILLAGE))))
    return render(request, "regions/area_detail.html", {"area": area, "children": children})


@login_required
def area_picker(request):
    """The cascaded picker again after a change (htmx): the lists under what is now chosen,
    holding only areas the user sees."""
    from xiezuo.regions.picker import chain_from, picker_context

    name = request.GET.get("name", "")[:60]
    levels = [lv for lv in request.GET.get("levels", "").split(",") if lv in Level.values]
    side = request.GET.get("side", "west")
    if not name or not levels or side not in ("west", "east", ""):
        return render(request, "regions/_area_picker.html", {"widget": {"selects": []}},
                      status=400)
    label_id = request.GET.get("id", f"id_{name}")[:80]
    return render(request, "regions/_area_picker.html", {"widget": picker_context(
        user=request.user, name=name, levels=levels, side=side,
        chain=chain_from(request.GET, name, levels), label_id=label_id)})

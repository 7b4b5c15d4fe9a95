"""The villages page: a county administrator adds, merges and removes villages (audited)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xiezuo.accounts.access import require
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area
from xiezuo.regions.scoping import scope_label
from xiezuo.registry import areas as services
from xiezuo.registry.access import MANAGES_AREAS
from xiezuo.tabular.listexport import XCol, wants_xlsx, xlsx_response


class VillageForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("行政村名称"), max_length=64)
    code = forms.CharField(label=gettext_lazy("区划代码（可不填）"), max_length=12, required=False,
                           help_text=gettext_lazy("统计部门公布的 12 位代码；不填则按乡镇顺序编号"))
    deep_poverty = forms.BooleanField(label=gettext_lazy("深度贫困村"), required=False)


def _townships(user):
    return Area.objects.visible_to(user).filter(level=Level.TOWNSHIP, side="west").order_by("code")


VILLAGE_COLUMNS = [
    XCol(gettext_lazy("区划代码"), "code", width=15), XCol(gettext_lazy("行政村"), "name"),
    XCol(gettext_lazy("乡镇"), "parent.name"), XCol(gettext_lazy("深度贫困村"), "deep_poverty"),
    XCol(gettext_lazy("合成演示数据"), "synthetic"),
    XCol(gettext_lazy("建档立卡户数"), "n_households", kind="int"),
]


@require(MANAGES_AREAS)
def village_list(request):
    townships = list(_townships(request.user))
    chosen = next((t for t in townships if t.code == request.GET.get("township")),
                  townships[0] if townships else None)
    villages = []
    if chosen is not None:
        villages = list(Area.objects.visible_to(request.user).filter(parent=chosen)
                        .annotate(n_households=Count("households")).order_by("code"))
    if wants_xlsx(request):
        return xlsx_response(
            title=str(_("行政村")), columns=VILLAGE_COLUMNS, rows=villages,
            filename=f"{_('行政村')}-{chosen.name if chosen else ''}",
            scope=scope_label(request.user), filters=chosen.name if chosen else "")
    return render(request, "registry/village_list.html", {
        "townships": townships, "township": chosen, "villages": villages,
        "form": VillageForm()})


def _village(request, code: str) -> Area:
    return get_object_or_404(Area.objects.visible_to(request.user), code=code,
                             level=Level.VILLAGE)


@require(MANAGES_AREAS)
@require_POST
def village_create(request):
    township = get_object_or_404(_townships(request.user), code=request.POST.get("township", ""))
    form = VillageForm(request.POST)
    if form.is_valid():
        try:
            v = services.village_create(actor=request.user, township=township,
                                        name=form.cleaned_data["name"],
                                        code=form.cleaned_data["code"],
                                        deep_poverty=form.cleaned_data["deep_poverty"])
        except services.AreaRefused as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("已新增行政村：%(name)s（%(code)s）") % {"name": v.name,
                                                                          "code": v.code})
    else:
        messages.error(request, _("请填写行政村名称"))
    return redirect(f"{_list_url()}?township={township.code}")


def _list_url() -> str:
    from django.urls import reverse

    return reverse("registry:village_list")


@require(MANAGES_AREAS)
@require_POST
def village_merge(request, code: str):
    village = _village(request, code)
    into = get_object_or_404(Area.objects.visible_to(request.user), code=request.POST.get("into", ""),
                             level=Level.VILLAGE)
    try:
        moved = services.area_merge(actor=request.user, area=village, into=into)
    except services.AreaRefused as e:
        messages.error(request, str(e))
    except PermissionDenied:
        raise
    else:
        messages.success(request, _("已将%(a)s并入%(b)s：%(moved)s") % {
            "a": village.name, "b": into.name,
            "moved": "、".join(f"{k} {v}" for k, v in moved.items()) or _("没有需要移动的记录")})
    return redirect(f"{_list_url()}?township={village.parent.code}")


@require(MANAGES_AREAS)
@require_POST
def village_remove(request, code: str):
    village = _village(request, code)
    try:
        services.area_remove(actor=request.user, area=village)
    except services.AreaRefused as e:
        messages.error(request, str(e))
    else:
        messages.success(request, _("已删除行政村：%(name)s") % {"name": village.name})
    return redirect(f"{_list_url()}?township={village.parent.code}")

"""贫困发生率: registered poor persons over the agricultural population, by county, township and
village, for the baseline (everyone registered) or those still poor at the end of a year."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiezuo.accounts.access import require
from xiezuo.regions.models import Area
from xiezuo.regions.scoping import scope_label
from xiezuo.registry import selectors
from xiezuo.registry.access import READS_REGISTRY
from xiezuo.tabular.listexport import XCol, wants_xlsx, xlsx_response

YEARS = (2017, 2018, 2019, 2020)

COLUMNS = [
    XCol(gettext_lazy("区划代码"), "code", width=15), XCol(gettext_lazy("地区"), "name"),
    XCol(gettext_lazy("深度贫困"), "deep_poverty"),
    XCol(gettext_lazy("贫困人口（人）"), "poor", kind="int"),
    XCol(gettext_lazy("农业人口（人）"), "population", kind="int"),
    XCol(gettext_lazy("贫困发生率（%）"), "incidence", kind="decimal"),
]


@require(READS_REGISTRY)
def incidence(request):
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in YEARS else None
    township = request.GET.get("township", "")
    township_area = (Area.objects.visible_to(request.user).filter(code=township, level="township")
                     .first() if township else None)
    if township_area is not None:
        rows = selectors.incidence_by_village(user=request.user, year=year,
                                              township_code=township_area.code)
    else:
        rows = selectors.incidence_by_township(user=request.user, year=year)
    when = (_("%(year)s 年末仍未脱贫") % {"year": year}) if year else _("建档立卡时（全部登记人口）")
    if wants_xlsx(request):
        title = _("贫困发生率") + (f"：{township_area.name}" if township_area else "")
        return xlsx_response(title=title, columns=COLUMNS, rows=rows, filename=title,
                             scope=scope_label(request.user), filters=when)
    total = selectors.incidence_total(user=request.user, year=year)
    return render(request, "registry/incidence.html", {
        "rows": rows, "total": total, "year": year, "years": YEARS, "when": when,
        "township": township_area,
        "sum_poor": sum(r.poor for r in rows),
        "sum_population": sum(r.population or 0 for r in rows)})

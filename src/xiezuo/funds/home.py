"""The funds' home figures and the fund officer's to-do list.

Like with like: the year's money allocated (拨入, every source, its eastern fiscal aid named in
the note) is compared with what was spent of the year's projects; the spending cannot be split
by source (a project is paid from the year's pooled money), so it is never set against the
eastern fiscal aid alone. A township user sees what was spent in the township (no allocation of
its own); amounts in 万元 (core.numbers).
"""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import has
from xiezuo.core.cards import Card, Todo
from xiezuo.core.numbers import share, wan, wan_yuan
from xiezuo.funds.access import EDITS_FUNDS, READS_FUNDS
from xiezuo.funds.choices import Source
from xiezuo.funds.filters import ProjectFilters
from xiezuo.funds.selectors import (
    disbursed_per_year,
    disbursements_without_voucher,
    funds_by_source,
    funds_per_year,
    project_list,
    village_amounts,
)
from xiezuo.regions.scoping import below_county, on_east_side


def cards(user) -> list[Card]:
    if not has(user, READS_FUNDS):
        return []
    given = funds_per_year(user=user)
    paid = disbursed_per_year(user=user)
    if not given and not paid:
        return []
    year = max(set(given) | set(paid))
    url = reverse("funds:supervision") + f"?year={year}"
    if below_county(user):
        # A township holds no allocation: the money spent in its villages is its figure.
        spent = sum(village_amounts(user=user, year=year).values())
        return [Card(_("%(year)s 年在本辖区支出的协作资金") % {"year": year}, wan(spent), url,
                     _("多村项目按村平均分摊；拨入资金属于县，不分到乡镇"), _("万元"))]
    by_source = funds_by_source(user=user, year=year)
    allocated = sum(by_source.values())
    spent = paid.get(year, 0)
    east = by_source[Source.EAST_FISCAL]
    first = Card(
        _("%(year)s 年东部财政援助资金") % {"year": year} if on_east_side(user)
        else _("%(year)s 年拨入协作资金（各来源合计）") % {"year": year},
        wan(east if on_east_side(user) else allocated), url,
        _("仓山区拨付临洮县；规划要求每年不少于 500 万元") if on_east_side(user)
        else _("其中东部财政援助 %(e)s（规划要求每年不少于 500 万元）") % {"e": wan_yuan(east)}
        + "".join(_("，%(s)s %(v)s") % {"s": label, "v": wan_yuan(by_source[value])}
                  for value, label in Source.choices
                  if value != Source.EAST_FISCAL and by_source[value]), _("万元"))
    second = Card(
        _("%(year)s 年度项目已支出") % {"year": year}, wan(spent), url,
        _("占当年拨入（各来源合计 %(a)s）的 %(p)s；支出不按来源区分")
        % {"a": wan_yuan(allocated), "p": share(spent, allocated)}, _("万元"))
    return [first, second]


def todos(user) -> list:
    """The fund officer's: payments to check (no voucher number) and projects past their end."""
    if not has(user, EDITS_FUNDS):
        return []
    late = ProjectFilters(late=True)
    # One item per funding year: the supervision page lists a year's payments without voucher.
    years = (disbursements_without_voucher(user=user).order_by().values("project__year")
             .annotate(n=Count("pk")).order_by("project__year"))
    return [
        *(Todo(_("%(y)s 年度没有凭证号的支出：补录凭证号或附上凭证") % {"y": r["project__year"]},
               r["n"], reverse("funds:supervision") + f"?year={r['project__year']}#no-voucher",
               _("笔")) for r in years),
        Todo(_("逾期未完工或逾期完工的项目：核实进度"),
             project_list(user=user, filters=late).count(),
             reverse("funds:project_list") + "?" + late.query(), _("个")),
    ]

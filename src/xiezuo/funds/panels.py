"""What the funds part shows on other parts' pages (core.panels), without their importing it.

- `model_cases(year, user)`: the aided projects carrying a donor's name on a plaque (冠名, ch.8.5),
  shown beside the model cases (mechanisms' case list) so that one list holds both; a year
  narrows them to that funding year. Read through the funds list's own scope.
- `organisation(org, user)`: on an organisation's page in the register, the disbursements paid
  to it, matched by the payee's name as recorded on the voucher (收款单位或个人; a disbursement
  carries no credit code), within the user's funds scope. The count and the sum are over the
  rows listed (the latest 50 shown), each linking to its project.
"""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import has
from xiezuo.core.panels import Panel
from xiezuo.funds.access import READS_FUNDS
from xiezuo.funds.selectors import disbursements_visible, projects_visible

SHOWN = 50


def model_cases(year, user) -> list[Panel]:
    if not has(user, READS_FUNDS):
        return []
    qs = projects_visible(user=user).exclude(plaque="").select_related("county")
    if year:
        qs = qs.filter(year=year)
    projects = list(qs.order_by("-year", "code"))
    return [Panel(title=_("冠名"), template="funds/_plaque_panel.html",
                  context={"projects": projects}, order=50)]


def organisation(org, user) -> list[Panel]:
    if not has(user, READS_FUNDS):
        return []
    paid = disbursements_visible(user=user).filter(payee=org.name)
    totals = paid.order_by().aggregate(n=Count("id"), total=Sum("amount"))
    if not totals["n"]:
        return []
    rows = list(paid.select_related("project").order_by("-date", "-id")[:SHOWN])
    return [Panel(title=_("资金支持：收款记录"), template="funds/_organisation_panel.html",
                  context={"rows": rows, "n": totals["n"], "total": totals["total"],
                           "more": totals["n"] > SHOWN},
                  order=60)]

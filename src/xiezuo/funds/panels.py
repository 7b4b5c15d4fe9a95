"""What funds shows on an organisation's page in the register (core.panels): the disbursements
paid to it, matched by the payee's name as recorded on the voucher (收款单位或个人), within the
user's funds scope. The count and the sum are over the rows listed, each linking to its
project."""

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from xiezuo.accounts.roles import has
from xiezuo.core.panels import Panel
from xiezuo.funds.access import READS_FUNDS
from xiezuo.funds.selectors import disbursements_visible

SHOWN = 50


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

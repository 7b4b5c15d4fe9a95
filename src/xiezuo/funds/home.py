from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import has
from xiezuo.core.cards import Card
from xiezuo.funds.access import READS_FUNDS
from xiezuo.funds.money import yuan
from xiezuo.funds.selectors import disbursed_per_year, funds_per_year


def cards(user) -> list[Card]:
    if not has(user, READS_FUNDS):
        return []
    given = funds_per_year(user=user)
    paid = disbursed_per_year(user=user)
    if not given and not paid:
        return []
    url = reverse("funds:supervision")
    out = []
    if given:
        year = max(given)
        out.append(Card(_("%(year)s 年东部财政援助资金（元）") % {"year": year}, yuan(given[year]),
                        url, _("规划要求每年不少于 5,000,000 元")))
    if paid:
        year = max(paid)
        out.append(Card(_("%(year)s 年度资金已支出（元）") % {"year": year}, yuan(paid[year]), url))
    return out

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import has
from xiezuo.core.cards import Card
from xiezuo.core.numbers import wan, wan_yuan
from xiezuo.pairing import selectors
from xiezuo.pairing.access import READS_PAIRING
from xiezuo.pairing.filters import DonationFilters


def cards(user) -> list[Card]:
    if not has(user, READS_PAIRING):
        return []
    year = min(max(timezone.localdate().year, 2017), 2020)
    towns = selectors.township_coverage(user=user, year=year)
    villages = selectors.village_coverage(user=user, year=year)
    d = selectors.donation_totals(user=user, filters=DonationFilters(year=year))
    cov = reverse("pairing:coverage") + f"?year={year}"
    return [
        Card(_("已结对乡镇"), f"{sum(m.paired for m in towns)} / {len(towns)}", cov,
             _("%(y)s年，仓山区镇街与临洮县乡镇结对（第七章：全覆盖）") % {"y": year}, _("个")),
        Card(_("已结对深度贫困村"), f"{sum(m.paired for m in villages)} / {len(villages)}", cov,
             _("%(y)s年，一企帮一村、多企帮一村") % {"y": year}, _("个")),
        Card(_("社会捐赠"), wan(d["total"]),
             reverse("pairing:donation_list") + f"?year={year}",
             _("%(y)s年，含物资折价；其中已转入协作资金 %(f)s") % {
                 "y": year, "f": wan_yuan(d["money_in_funds"])}, _("万元")),
    ]

"""What the talent part adds to other parts' record pages (core.panels): a registered
household's students in directed enrolment (ch.5.2)."""

from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import has
from xiezuo.core.panels import Panel
from xiezuo.talent.access import READS_TALENT
from xiezuo.talent.filters import EnrolmentFilters
from xiezuo.talent.selectors import enrolment_list


def household(household, user) -> list[Panel]:
    if not has(user, READS_TALENT):
        return []
    rows = list(enrolment_list(user=user, filters=EnrolmentFilters()).filter(
        person__household=household).prefetch_related("school_years"))
    if not rows:
        return []
    return [Panel(title=_("定向招生（福州高校）"), template="talent/_household_panel.html",
                  context={"rows": rows}, order=40)]

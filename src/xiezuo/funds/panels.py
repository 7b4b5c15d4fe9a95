"""What the funds part shows on other parts' pages (core.panels), without their importing it.

- `model_cases(year, user)`: the aided projects carrying a donor's name on a plaque (冠名, ch.8.5),
  shown beside the model cases (mechanisms' case list) so that one list holds both; a year
  narrows them to that funding year. Read through the funds list's own scope.
"""

from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import has
from xiezuo.core.panels import Panel
from xiezuo.funds.access import READS_FUNDS
from xiezuo.funds.selectors import projects_visible


def model_cases(year, user) -> list[Panel]:
    if not has(user, READS_FUNDS):
        return []
    qs = projects_visible(user=user).exclude(plaque="").select_related("county")
    if year:
        qs = qs.filter(year=year)
    projects = list(qs.order_by("-year", "code"))
    return [Panel(title=_("冠名"), template="funds/_plaque_panel.html",
                  context={"projects": projects}, order=50)]

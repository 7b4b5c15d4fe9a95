"""What labour shows on an organisation's page in the register (core.panels): as an employer,
its openings, referrals and hires and the fairs it attended, each a count over the labour list it
links to. Labour's readers only; nothing for an organisation labour has no record of."""

from django.urls import reverse
from django.utils.translation import gettext as _

from xiezuo.accounts.roles import has
from xiezuo.core.panels import Panel
from xiezuo.labour import selectors
from xiezuo.labour.access import READS_LABOUR
from xiezuo.labour.filters import OpeningFilters, PlacementFilters
from xiezuo.labour.models import EmploymentBase, JobFair


def organisation(org, user) -> list[Panel]:
    if not has(user, READS_LABOUR):
        return []
    openings = selectors.opening_list(user=user, filters=OpeningFilters(status="all",
                                                                        employer=org.pk))
    everyone = PlacementFilters(employer=org.pk)
    hired = PlacementFilters(employer=org.pk, status="hired")
    n_openings = openings.count()
    n_placements = selectors.placement_list(user=user, filters=everyone).count()
    n_hired = selectors.placement_list(user=user, filters=hired).count()
    n_fairs = JobFair.objects.visible_to(user).filter(employers=org).count()
    base = EmploymentBase.objects.filter(organisation=org).exists()
    if not (n_openings or n_placements or n_fairs or base or org.has_role("employer")):
        return []
    rows = [
        (_("招聘岗位"), n_openings, reverse("labour:opening_list") + "?" + OpeningFilters(
            status="all", employer=org.pk).query()),
        (_("推荐就业（本人可见范围）"), n_placements,
         reverse("labour:placement_list") + "?" + everyone.query()),
        (_("其中在岗"), n_hired, reverse("labour:placement_list") + "?" + hired.query()),
        (_("参加招聘会"), n_fairs, reverse("labour:employer_detail", args=[org.pk])
         if org.has_role("employer") else ""),
    ]
    return [Panel(title=_("劳务协作：用工单位"), template="labour/_organisation_panel.html",
                  context={"rows": rows, "employment_base": base,
                           "employer_url": reverse("labour:employer_detail", args=[org.pk])
                           if org.has_role("employer") else ""},
                  order=40)]

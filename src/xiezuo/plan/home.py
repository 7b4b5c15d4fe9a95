from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xiezuo.core.cards import Card
from xiezuo.plan.choices import Status
from xiezuo.plan.evaluation import current_plan, default_year, evaluate


def cards(user) -> list[Card]:
    plan = current_plan()
    if plan is None:
        return []
    year = default_year(plan)
    counts = evaluate(plan, user=user).counts(year)
    applicable = sum(counts.values())
    return [Card(_("规划目标（%(year)s 年）") % {"year": year},
                 f"{counts.get(Status.MET, 0)} / {applicable}", reverse("plan:dashboard"),
                 _("已完成 / 适用目标；滞后 %(behind)s 项") % {
                     "behind": counts.get(Status.BEHIND, 0) + counts.get(Status.NOT_MET, 0)})]

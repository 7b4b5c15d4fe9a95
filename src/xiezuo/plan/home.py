from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xiezuo.core.cards import Card
from xiezuo.plan.choices import Status
from xiezuo.plan.evaluation import current_plan, default_year, evaluate, reader_for


def cards(user) -> list[Card]:
    plan = current_plan(user)  # the plan of the user's own county pair
    if plan is None:
        return []
    year = default_year(plan)
    result = evaluate(plan, user=reader_for(user, plan))
    counts = result.counts(year)
    applicable = sum(counts.values())
    title = _("规划目标（%(year)s 年）") % {"year": year}
    # The dashboard's words: 进度滞后 and 未完成 are two statuses, never added up under one.
    return [Card(title, f"{counts.get(Status.MET, 0)} / {applicable}", reverse("plan:dashboard"),
                 _("已完成 / 适用目标；%(behind_label)s %(behind)s 项，%(not_met_label)s "
                   "%(not_met)s 项") % {
                     "behind_label": Status.BEHIND.label, "behind": counts.get(Status.BEHIND, 0),
                     "not_met_label": Status.NOT_MET.label,
                     "not_met": counts.get(Status.NOT_MET, 0)})]

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import CITY_LEVEL, has
from xiezuo.core.cards import Card, Todo
from xiezuo.plan.access import APPROVES_AGGREGATES
from xiezuo.plan.choices import Status
from xiezuo.plan.evaluation import current_plan, default_year, evaluate, reader_for
from xiezuo.plan.selectors import pending_for_approval


def cards(user) -> list[Card]:
    if has(user, CITY_LEVEL) and not user.is_superuser:
        return _city_cards(user)
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
                     "not_met": counts.get(Status.NOT_MET, 0)}, _("项"))]


def _city_cards(user) -> list[Card]:
    """A city office's home: its pairs' targets added up, linking to the city dashboard."""
    from xiezuo.plan.city import city_evaluate

    result = city_evaluate(user=user)
    if not result.pairs:
        return []
    year = default_year(result.pairs[0][0])
    counts = result.counts(year)
    return [Card(_("各结对规划目标（%(year)s 年）") % {"year": year},
                 f"{counts.get(Status.MET, 0)} / {sum(counts.values())}", reverse("plan:city"),
                 _("%(pairs)s 个结对合计：已完成 / 适用目标") % {"pairs": len(result.pairs)},
                 _("项"))]


def todos(user) -> list[Todo]:
    """Aggregate entries another user entered, waiting for this user's approval."""
    if not has(user, APPROVES_AGGREGATES):
        return []
    plan = current_plan(user)  # the user's own pair's plan
    if plan is None:
        return []
    return [Todo(_("待审核的汇总数据：核对佐证材料后批准或退回"),
                 pending_for_approval(user=user, plan=plan).count(),
                 reverse("plan:pending_list"), _("条"))]

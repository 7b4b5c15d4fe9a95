from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import has
from xiezuo.core.cards import Card
from xiezuo.talent.access import READS_TALENT
from xiezuo.talent.selectors import talent_summary


def cards(user) -> list[Card]:
    if not has(user, READS_TALENT):
        return []
    s = talent_summary(user=user)
    return [
        Card(_("今年参训人数"), s["trainees"],
             reverse("talent:trainee_list") + f"?year={s['year']}",
             _("%(y)s 年开班的培训班 %(n)s 期（每人只计一次）") % {"y": s["year"], "n": s["classes"]}),
        Card(_("逾期的人才需求"), s["overdue"], reverse("talent:request_list") + "?overdue=1",
             _("已过要求完成日期、专家尚未完成帮扶的需求（双方可见）")),
    ]

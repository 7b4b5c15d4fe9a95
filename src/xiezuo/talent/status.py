"""The expert-request lifecycle (ch.5.4) as plain functions: which step may follow which, on
which dates, and when a request is overdue.

提出 → 受理 → 选派 → 在岗 → 完成 → 评价, one step at a time, each on or after the date of the
step before (and never in the future). A request is overdue when its due date has passed and
the experts have not finished (完成) yet; both sides see it (list filter, home card).
"""

import datetime

from django.utils.translation import gettext as _

from xiezuo.talent.choices import ExpertStatus

ORDER: tuple[str, ...] = tuple(ExpertStatus.values)
#: the date field each status is reached on
DATE_FIELD = {ExpertStatus.FILED: "filed_on", ExpertStatus.ACCEPTED: "accepted_on",
              ExpertStatus.ASSIGNED: "assigned_on", ExpertStatus.ON_SITE: "on_site_on",
              ExpertStatus.DONE: "done_on", ExpertStatus.EVALUATED: "evaluated_on"}
FINISHED = (ExpertStatus.DONE, ExpertStatus.EVALUATED)


def next_status(current: str) -> str | None:
    """The one step that may follow `current` (None after 评价)."""
    i = ORDER.index(current)
    return ORDER[i + 1] if i + 1 < len(ORDER) else None


def transition_error(current: str, target: str, *, on: datetime.date,
                     last: datetime.date, today: datetime.date, experts: int = 0,
                     outcome: str = "") -> str | None:
    """Why the request may not move from `current` to `target` on `on` (None: it may).

    `last` is the date of the step reached last; `experts` the number assigned; `outcome`
    what the experts achieved (needed to finish)."""
    if target not in ORDER or current not in ORDER:
        return _("未知的状态")
    if next_status(current) != target:
        want = next_status(current)
        if want is None:
            return _("该需求已评价，流程已结束")
        return _("“%(cur)s”之后只能进入“%(next)s”") % {
            "cur": ExpertStatus(current).label, "next": ExpertStatus(want).label}
    if on > today:
        return _("日期不能晚于今天")
    if on < last:
        return _("日期不能早于上一步的日期 %(d)s") % {"d": last.isoformat()}
    if target in (ExpertStatus.ASSIGNED, ExpertStatus.ON_SITE) and experts < 1:
        return _("请先登记选派的专家")
    if target == ExpertStatus.DONE and not outcome.strip():
        return _("完成时请填写帮扶成效")
    return None


def is_overdue(status: str, due_on: datetime.date | None, today: datetime.date) -> bool:
    """Past its due date and not finished by the experts."""
    return due_on is not None and due_on < today and status not in FINISHED

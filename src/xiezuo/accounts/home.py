import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.roles import MANAGES_USERS, SEES_AUDIT_LOG, has
from xiezuo.accounts.selectors import accounts_in_scope, audit_events
from xiezuo.core.cards import Card, Todo

#: the auditor's review looks back this many days
REVIEW_DAYS = 7


def cards(user) -> list[Card]:
    """For those who manage accounts: how many there are in their area."""
    if not has(user, MANAGES_USERS):
        return []
    qs = accounts_in_scope(user=user)
    inactive = qs.filter(is_active=False).count()
    note = (_("您负责区域内在用的账号，另有已停用 %(n)s 个") % {"n": inactive} if inactive
            else _("您负责区域内在用的账号"))
    return [Card(_("用户账号"), qs.filter(is_active=True).count(), reverse("accounts:user_list"),
                 note, _("个"))]


def todos(user) -> list[Todo]:
    """The auditor's review of the last week: every full ID number shown and every export
    (the audit log filtered the same way: the link opens exactly these events)."""
    if not has(user, SEES_AUDIT_LOG):
        return []
    since = timezone.localdate() - datetime.timedelta(days=REVIEW_DAYS)
    out = []
    for action, label in ((AuditAction.VIEW_ID, _("近 7 天查看完整证件号码的记录：核查是否因公")),
                          (AuditAction.EXPORT, _("近 7 天的导出记录：核查导出的范围"))):
        n = audit_events(user=user, action=action, date_from=since).count()
        out.append(Todo(label, n, reverse("accounts:audit_list")
                        + f"?action={action}&date_from={since:%Y-%m-%d}", _("次")))
    return out

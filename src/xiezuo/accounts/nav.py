from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import MANAGES_USERS, SEES_AUDIT_LOG
from xiezuo.core.navigation import NavItem

ITEMS = [
    NavItem(chapter=8, label=_("审计日志"), url_name="accounts:audit_list", capability=SEES_AUDIT_LOG),
    NavItem(chapter=8, label=_("用户管理"), url_name="accounts:user_list", capability=MANAGES_USERS,
            order=90),
]

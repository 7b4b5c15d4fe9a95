from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.roles import MANAGES_USERS, has
from xiezuo.accounts.selectors import accounts_in_scope
from xiezuo.core.cards import Card


def cards(user) -> list[Card]:
    """For those who manage accounts: how many there are in their area."""
    if not has(user, MANAGES_USERS):
        return []
    qs = accounts_in_scope(user=user)
    inactive = qs.filter(is_active=False).count()
    note = (_("您负责区域内在用的账号，另有已停用 %(n)s 个") % {"n": inactive} if inactive
            else _("您负责区域内在用的账号"))
    return [Card(_("用户账号"), qs.filter(is_active=True).count(), reverse("accounts:user_list"),
                 note)]

"""Navigation that follows the plan's chapters; each part registers its pages in `<app>/nav.py`."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

CHAPTERS: list[tuple[int, str, str]] = [
    (2, _("概况与建档立卡"), _("第一、二章")),
    (3, _("产业合作"), _("第三章")),
    (4, _("劳务协作"), _("第四章")),
    (5, _("人才支援"), _("第五章")),
    (6, _("资金支持"), _("第六章")),
    (7, _("社会参与"), _("第七章")),
    (8, _("保障机制"), _("第八章")),
]


@dataclass(frozen=True)
class NavItem:
    chapter: int
    label: str
    url_name: str
    capability: frozenset | None = None  # None: any signed-in user
    order: int = 50

    def url(self) -> str:
        return reverse(self.url_name)


def items_for(user) -> dict[int, list[NavItem]]:
    from xiezuo.accounts.roles import has
    from xiezuo.core.discovery import app_modules

    out: dict[int, list[NavItem]] = {n: [] for n, _l, _c in CHAPTERS}
    for module in app_modules("nav"):
        for item in getattr(module, "ITEMS", []):
            if item.capability is None or has(user, item.capability):
                out.setdefault(item.chapter, []).append(item)
    for items in out.values():
        items.sort(key=lambda i: i.order)
    return out

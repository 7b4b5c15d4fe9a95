"""Navigation that follows the plan's chapters; each part registers its pages in `<app>/nav.py`."""

from dataclasses import dataclass
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse
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
        return reversed_once(self.url_name)


def reversed_once(url_name: str) -> str:
    """`reverse(url_name)` of a URL without arguments, reversed once per script prefix and URL
    configuration (menus, the dashboard's links to the parts' lists)."""
    return _url(url_name, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=1024)
def _url(url_name: str, prefix: str, urlconf) -> str:
    """A menu item's URL: the same for every request under one script prefix and URL
    configuration, so reversed once (every page's menu asked for some 140 of them, a third of
    a small page's time)."""
    return reverse(url_name, urlconf=urlconf)


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

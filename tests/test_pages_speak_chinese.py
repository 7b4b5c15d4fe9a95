"""Every page a user reaches from the menu speaks Chinese: rendered in zh-Hans, the page's main
content holds no English word and no raw code value (snake_case choice keys such as
"unpaid_wages", model labels such as "accounts.user") outside a short allow-list of names that
are Chinese usage too (Excel, PDF, SHA-256, …)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from xiezuo.core.navigation import items_for

# Words a Chinese government page uses as they are.
ALLOWED = {
    "Excel", "Word", "WPS", "PDF", "SHA", "API", "OpenAPI", "ID", "QR", "CSV", "xlsx", "xls",
    "csv", "docx", "pdf", "English", "GB", "GDP", "TOTP", "App", "URL", "JSON", "EMS", "UTC", "UTF",
}
WORD = re.compile(r"[A-Za-z][A-Za-z_]{2,}")
SNAKE_OR_LABEL = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+\.[a-z]+(?:\s*#\d+)?\b")


class _MainText(HTMLParser):
    """The visible text inside <main>, without scripts, styles and code samples."""

    SKIP = {"script", "style", "code", "pre", "template"}

    def __init__(self):
        super().__init__()
        self.depth_main = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth_main += 1
        if tag in self.SKIP:
            self.skip += 1
        if self.depth_main and tag in {"input", "button"}:
            d = dict(attrs)
            if d.get("type") in {"submit", "button"} and d.get("value"):
                self.parts.append(d["value"])
        if self.depth_main and d_get(attrs, "placeholder"):
            self.parts.append(d_get(attrs, "placeholder"))

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth_main -= 1
        if tag in self.SKIP:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth_main and not self.skip:
            self.parts.append(data)


def d_get(attrs, name):
    for k, v in attrs:
        if k == name:
            return v
    return None


def foreign_words(html: str, *, allowed=()) -> list[str]:
    parser = _MainText()
    parser.feed(html)
    text = " ".join(parser.parts)
    found = [w for w in WORD.findall(text) if w not in ALLOWED and w not in allowed]
    found += SNAKE_OR_LABEL.findall(text)
    return sorted(set(found))


@pytest.mark.parametrize("html,expected", [
    ("<main><p>共 3 户</p></main>", []),
    ("<main><td>unpaid_wages</td></main>", ["unpaid_wages"]),
    ("<main><td>accounts.user #8</td></main>", ["accounts.user #8", "accounts", "user"]),
    ("<main><td>Status: done</td></main>", ["Status", "done"]),
    ("<main><td>导出 Excel</td><script>var x = 'english';</script></main>", []),
    ("<header>county_admin</header><main>临洮县</main>", []),
    ("<main><input placeholder='Search'></main>", ["Search"]),
])
def test_the_scan_finds_english_and_raw_codes(html, expected):
    assert foreign_words(html) == sorted(set(expected))


def _menu_urls(user) -> list[str]:
    urls = [reverse("core:home")]
    for items in items_for(user).values():
        urls += [i.url() for i in items]
    return list(dict.fromkeys(urls))


@pytest.mark.parametrize("role", ["county_admin", "township_clerk", "east_officer", "auditor",
                                  "fund_officer", "case_worker", "leadership"])
def test_every_menu_page_speaks_chinese(client, users, areas, funds_build, role):
    funds_build(areas, users)  # projects, an allocation and a payment to show
    user = users[role]
    usernames = {u.username for u in users.values()}  # account names are the users' own words
    client.force_login(user)
    problems = {}
    with translation.override("zh-hans"):
        for url in _menu_urls(user):
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            words = [w for w in foreign_words(response.content.decode())
                     if not any(w in name for name in usernames)]
            if words:
                problems[url] = words
    assert problems == {}

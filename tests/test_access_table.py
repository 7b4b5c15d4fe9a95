"""Every URL of every part is in its part's access table, and the table holds.

The test walks Django's URL resolver (so a new page cannot skip it), requires each named pattern
to appear in the `ACCESS` table of its part's access.py (core.access explains the table), then
checks each pattern: the anonymous are sent to log-in (except PUBLIC pages) and every role the
table does not allow gets 403. Objects are named by ids that do not exist: the capability is
checked before any object is read, so a refused role gets 403 whatever the id.
"""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from xiezuo.accounts.choices import Role
from xiezuo.core.access import PUBLIC, SIGNED_IN
from xiezuo.core.discovery import app_modules

#: a value for each kind of path argument (ids that do not exist)
SAMPLE = {"int": 999999, "uuid": uuid.UUID(int=1), "slug": "no-such-target", "str": "nothing",
          "path": "nothing"}
#: the API has its own refusals (tests/*/test_*_api.py); i18n and jsi18n are Django's own
NOT_PAGES = {"api", None}


def _patterns(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, p.namespace or namespace)
        elif isinstance(p, URLPattern) and namespace not in NOT_PAGES:
            yield namespace, p


def _tables() -> dict:
    out = {}
    for module in app_modules("access"):
        out.update(getattr(module, "ACCESS", {}))
    return out


def _url(name: str, pattern: URLPattern) -> str:
    kwargs = {}
    for key, converter in pattern.pattern.converters.items():
        kind = type(converter).__name__.replace("Converter", "").lower()
        kwargs[key] = SAMPLE.get(kind, "nothing")
    defaults = set(pattern.default_args or {})
    return reverse(name, kwargs={k: v for k, v in kwargs.items() if k not in defaults})


def _named() -> list[tuple[str, URLPattern]]:
    return [(f"{ns}:{p.name}", p) for ns, p in _patterns()]


def test_every_url_of_every_part_is_in_its_access_table():
    tables = _tables()
    named = _named()
    assert len(named) > 100
    missing = [name for name, _p in named if name not in tables]
    assert missing == [], f"pages without a line in their part's access.py ACCESS: {missing}"
    unnamed = [str(p.pattern) for ns, p in _patterns() if not p.name]
    assert unnamed == []
    stale = sorted(set(tables) - {name for name, _p in named})
    assert stale == [], f"access table lines for pages that do not exist: {stale}"


def _rule(entry, method: str):
    return entry.get(method, entry.get("GET")) if isinstance(entry, dict) else entry


@pytest.mark.django_db
def test_the_anonymous_are_sent_to_log_in(client, areas):
    tables = _tables()
    for name, pattern in _named():
        url = _url(name, pattern)
        for method in ("GET", "POST"):
            if _rule(tables[name], method) == PUBLIC:
                continue
            r = getattr(client, method.lower())(url)
            if r.status_code == 405:
                continue  # the page does not answer that method at all
            assert r.status_code == 302 and "/accounts/login/" in r["Location"], (
                method, name, r.status_code)


def test_roles_the_table_does_not_allow_get_403(client, users):
    tables = _tables()
    checked = 0
    by_role = {u.role: u for u in users.values()}
    for name, pattern in _named():
        url = _url(name, pattern)
        for method in ("GET", "POST"):
            rule = _rule(tables[name], method)
            if rule in (PUBLIC, SIGNED_IN):
                continue
            for role in Role:
                if role in rule:
                    continue
                client.force_login(by_role[role])
                r = getattr(client, method.lower())(url)
                if r.status_code == 405:
                    continue
                assert r.status_code == 403, (method, name, role.value, r.status_code)
                checked += 1
    assert checked > 200

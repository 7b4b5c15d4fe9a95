"""Headers and cookies on every kind of answer: Content-Security-Policy (only the site's own
scripts and styles), no caching of anything the application answers, framing and sniffing
refused, cookies HttpOnly/SameSite, and HSTS with Secure cookies when XIEZUO_HTTPS=1."""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from xiezuo.regions.reference import TAOYANG

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "xiezuo"
NEVER_SERVED = {"plan/templates/plan/report_pdf.html"}  # WeasyPrint's input, never a web page


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in header.split(";") if d.strip()}


def _person(areas):
    from xiezuo.registry import crypto
    from xiezuo.registry.models import Household, Person

    village = areas["621124100201"]
    hh = Household.objects.create(county=village.parent.parent, township=village.parent,
                                  village=village, number="H001", size=1)
    number = "62112419800101001X"
    return Person.objects.create(household=hh, name="张三", relation="head", sex="M",
                                 birth_date=datetime.date(1980, 1, 1),
                                 id_cipher=crypto.encrypt_id(number), id_hash=crypto.id_hash(number),
                                 id_masked=crypto.mask_id(number), number="H001-01")


def _answers(client, users, areas):
    """One answer of each kind: a signed-in page, an htmx fragment, the full-ID fragment, the API,
    a download, the log-in page; (what, response)."""
    person = _person(areas)
    clerk = users["township_clerk"]
    out = []
    client.force_login(clerk)
    out.append(("page", client.get(reverse("core:home"))))
    out.append(("registry", client.get(reverse("registry:household_list"))))
    out.append(("fragment", client.get(reverse("registry:village_options"),
                                       {"township": areas[TAOYANG].pk}, HTTP_HX_REQUEST="true")))
    out.append(("reveal", client.post(reverse("registry:person_reveal", args=[person.pk]))))
    out.append(("api", client.get("/api/regions/areas")))
    out.append(("download", client.get(reverse("registry:population_template"))))
    client.force_login(users["county_admin"])
    out.append(("admin page", client.get(reverse("accounts:user_list"))))
    client.logout()
    out.append(("log-in page", client.get(reverse("accounts:login"))))
    return out


def test_every_answer_carries_the_security_headers(client, users, areas):
    for what, response in _answers(client, users, areas):
        assert response.status_code in (200, 302), what
        csp = _directives(response)
        assert csp["default-src"] == ["'self'"], what
        assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"], what
        assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"], what
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], what
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], what
        assert "no-store" in response["Cache-Control"], what
        assert response["X-Frame-Options"] == "DENY", what
        assert response["X-Content-Type-Options"] == "nosniff", what
        assert response["Referrer-Policy"] == "same-origin", what


def test_static_files_keep_their_cache(client, db):
    response = client.get("/static/xiezuo/site.css")
    assert response.status_code == 200 and "no-store" not in response.get("Cache-Control", "")


def test_session_and_csrf_cookies_are_httponly_and_samesite(client, users):
    page = client.get(reverse("accounts:login"))
    csrf = page.cookies["csrftoken"]
    assert csrf["samesite"] == "Lax"
    response = client.post(reverse("accounts:login"), {
        "username": users["township_clerk"].username, "password": "pw-test-12345"})
    session = response.cookies["sessionid"]
    assert session["httponly"] is True and session["samesite"] == "Lax"
    assert not session["secure"]  # plain HTTP in tests: XIEZUO_HTTPS is off


def test_behind_tls_cookies_are_secure_and_hsts_is_sent(client, users, settings):
    # What XIEZUO_HTTPS=1 sets (checked in the settings module below), applied to this client.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = 31536000, True
    page = client.get(reverse("accounts:login"), secure=True)
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert page.cookies["csrftoken"]["secure"] is True
    response = client.post(reverse("accounts:login"), {
        "username": users["township_clerk"].username, "password": "pw-test-12345"}, secure=True)
    assert response.cookies["sessionid"]["secure"] is True


def _settings(env: dict[str, str]) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("XIEZUO_", "DATABASE_URL"))}
    proc = subprocess.run(
        [sys.executable, "-c", "import xiezuo.settings as s; print(getattr(s, 'SECURE_HSTS_SECONDS',"
         " 0), getattr(s, 'SESSION_COOKIE_SECURE', False), getattr(s, 'CSRF_COOKIE_SECURE', False))"],
        env={**clean, **env, "XIEZUO_SECRET_KEY": "x" * 50}, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_xiezuo_https_turns_on_hsts_and_secure_cookies(tmp_path):
    assert _settings({"XIEZUO_DATA_DIR": str(tmp_path)}) == "0 False False"
    assert _settings({"XIEZUO_DATA_DIR": str(tmp_path), "XIEZUO_HTTPS": "1"}) == \
        "31536000 True True"


def _templates():
    for path in sorted(PACKAGE.glob("*/templates/**/*.html")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel not in NEVER_SERVED:
            yield rel, path.read_text(encoding="utf-8")


@pytest.mark.parametrize("rel,html", [pytest.param(r, h, id=r) for r, h in _templates()])
def test_no_template_has_inline_script_or_style(rel, html):
    """The policy refuses inline code; a template that had some would break in the browser."""
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts), rel
    assert "<style" not in html, rel
    assert not re.search(r"\sstyle\s*=", html), rel
    assert not re.search(r"\son[a-z]+\s*=", html), rel
    assert "javascript:" not in html, rel

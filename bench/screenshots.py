"""Screenshots for docs/user-guide.md: log in to a running demo as each role and capture pages.

    .venv/bin/xiezuo demo --port 8010 &     # then
    .venv/bin/python bench/screenshots.py --base http://127.0.0.1:8010

Pages that do not exist yet (a part not built) are skipped with a note.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "img" / "guide"
PASSWORD = "Demo-user-2017"
# username -> pages to capture (path, file stem)
TOUR = {
    "admin": [("/", "admin-home"), ("/areas/", "admin-areas"), ("/registry/", "admin-registry"),
              ("/registry/import/", "admin-roster-import"), ("/registry/population/",
              "admin-population"), ("/accounts/users/", "admin-users"),
              ("/accounts/users/new/", "admin-user-new"), ("/orgs/", "admin-orgs"),
              ("/registry/incidence/", "admin-incidence"), ("/registry/areas/", "admin-villages"),
              ("/industry/", "admin-industry"), ("/industry/sales/totals/", "admin-sales-totals"),
              ("/talent/", "admin-talent"), ("/talent/requests/", "admin-expert-requests"),
              ("/pairing/", "admin-pairing"), ("/pairing/donations/", "admin-donations"),
              ("/mechanisms/", "admin-mechanisms"), ("/mechanisms/meetings/", "admin-meetings"),
              ("/labour/outreach/", "admin-outreach"), ("/labour/outreach/villages/",
              "admin-outreach-villages"), ("/labour/training/", "admin-training")],
    "clerk": [("/", "clerk-home"), ("/registry/", "clerk-registry")],
    "caseworker": [("/", "caseworker-home"), ("/labour/", "caseworker-labour"),
                   ("/labour/follow-ups/", "caseworker-followups"),
                   ("/labour/match/", "caseworker-matching"), ("/labour/figures/", "caseworker-figures"),
                   ("/labour/workstations/", "caseworker-workstations"),
                   ("/labour/employers/1/edit/", "caseworker-employer-edit")],
    "clerk2": [("/", "clerk2-home")],
    "funds": [("/", "funds-home"), ("/funds/", "funds-supervision"),
              ("/funds/projects/", "funds-projects"), ("/funds/ledger/", "funds-ledger")],
    "east": [("/", "east-home"), ("/labour/openings/", "east-openings")],
    "public": [("/showcase/", "public-showcase")],
    "leader": [("/", "leader-home"), ("/plan/", "leader-dashboard"),
               ("/plan/assessment/2018/", "leader-assessment")],
    "auditor": [("/", "auditor-home"), ("/accounts/audit/", "auditor-audit")],
}


def demo_code() -> str:
    """The current code of the demo's published two-factor secret (see docs/user-guide.md)."""
    import base64

    from django_otp.oath import totp

    from xiezuo.core.synthetic import DEMO_TOTP_SECRET

    key = base64.b32decode(DEMO_TOTP_SECRET + "=" * (-len(DEMO_TOTP_SECRET) % 8))
    return f"{totp(key):06d}"


def _capture(page, base: str, pages) -> None:
    for path, stem in pages:
        response = page.goto(base + path)
        if response is None or response.status != 200:
            print(f"skip {stem}: {path} -> {response.status if response else 'none'}")
            continue
        page.wait_for_timeout(800)  # let ECharts draw
        page.screenshot(path=str(OUT / f"{stem}.png"), full_page=False)
        print(f"ok   {stem}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8010")
    parser.add_argument("--lang", default="zh-hans")
    parser.add_argument("--only", default="", help="comma-separated file stems (default: all)")
    args = parser.parse_args()
    only = {s for s in args.only.split(",") if s}
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for username, pages in TOUR.items():
            pages = [(path, stem) for path, stem in pages if not only or stem in only]
            if not pages:
                continue
            ctx = browser.new_context(viewport={"width": 1280, "height": 860}, locale="zh-CN")
            page = ctx.new_page()
            if username == "public":  # the product showcase needs no log-in
                _capture(page, args.base, pages)
                ctx.close()
                continue
            page.goto(args.base + "/accounts/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", PASSWORD)
            page.click("#login-form button[type=submit]")
            page.wait_for_load_state()
            if "/accounts/two-factor/verify/" in page.url:  # admin, auditor: the demo's secret
                page.fill("#id_code", demo_code())
                page.click("#otp-form button[type=submit]")
                page.wait_for_load_state()
            _capture(page, args.base, pages)
            ctx.close()
        browser.close()


if __name__ == "__main__":
    main()

"""The catalogues are complete: zh-Hans and English, no untranslated or fuzzy entry, every
string in the code is in them and none that the code no longer has (catalogues re-extracted
from a copy of each app)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "xiezuo"
APPS_WITH_CATALOGUES = sorted(p.parent.parent.parent.parent.name
                              for p in PACKAGE.glob("*/locale/en/LC_MESSAGES/django.po"))


def _catalogue(app: str, language: str) -> polib.POFile:
    return polib.pofile(str(PACKAGE / app / "locale" / language / "LC_MESSAGES" / "django.po"))


def test_the_shell_apps_have_catalogues():
    assert {"core", "regions", "accounts"} <= set(APPS_WITH_CATALOGUES)


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
@pytest.mark.parametrize("app", APPS_WITH_CATALOGUES)
def test_no_untranslated_or_fuzzy_entry(app, language):
    po = _catalogue(app, language)
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
@pytest.mark.parametrize("app", APPS_WITH_CATALOGUES)
def test_compiled_catalogue_matches_its_source(app, language):
    po = _catalogue(app, language)
    mo = polib.mofile(str(PACKAGE / app / "locale" / language / "LC_MESSAGES" / "django.mo"))
    def key(e):  # a string with a context (pgettext) is an entry of its own
        return e.msgctxt or "", e.msgid

    assert {key(e): (e.msgstr or e.msgstr_plural.get(0)) for e in mo if e.msgid} == \
        {key(e): (e.msgstr or e.msgstr_plural.get(0)) for e in po.translated_entries()}


def _apps_with_strings() -> list[str]:
    marks = ("gettext", "{% translate", "{% blocktranslate", "_(\"", "_('")
    found = []
    for app in sorted(p for p in PACKAGE.iterdir() if (p / "apps.py").exists()):
        files = [f for f in app.rglob("*") if f.suffix in {".py", ".html", ".txt"}
                 and "migrations" not in f.parts]
        if any(m in f.read_text(encoding="utf-8", errors="ignore") for f in files for m in marks):
            found.append(app.name)
    return found


@pytest.mark.parametrize("app", _apps_with_strings())
def test_every_string_in_the_code_is_in_the_catalogue(app, tmp_path, skip_or_fail_in_ci):
    if not shutil.which("xgettext"):
        skip_or_fail_in_ci("GNU gettext (xgettext) is not installed")
    copy = tmp_path / app
    shutil.copytree(PACKAGE / app, copy, ignore=shutil.ignore_patterns("locale", "static"))
    (copy / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "xiezuo.settings_test"}
    subprocess.run([sys.executable, "-P", "-m", "django", "makemessages", "-l", "en", "--no-location"],
                   cwd=copy, env=env, check=True, capture_output=True)
    extracted = {e.msgid for e in polib.pofile(str(copy / "locale/en/LC_MESSAGES/django.po"))}
    assert (PACKAGE / app / "locale").exists(), f"{app} has strings but no catalogue"
    committed = {e.msgid for e in _catalogue(app, "en")}
    assert sorted(extracted - committed) == []
    # and nothing stale: an entry whose string the code no longer has is removed (obsolete)
    for language in ("en", "zh_Hans"):
        po = _catalogue(app, language)
        assert sorted({e.msgid for e in po} - extracted) == [], language
        assert [e.msgid for e in po.obsolete_entries()] == [], language


def test_no_string_is_translated_two_ways_across_the_catalogues():
    """Django merges the apps' catalogues and keeps one translation of each string, so a string
    translated two ways reads wrong somewhere (乡镇 read "Townships" in every table header):
    one translation where the meaning is one, a context (pgettext) where it differs."""
    from xiezuo.core.i18n_check import conflicts

    assert conflicts() == {}


def test_the_check_finds_a_string_translated_two_ways(tmp_path):
    from xiezuo.core.i18n_check import conflicts

    for app, text in (("a", "Township"), ("b", "Townships"), ("c", "Township")):
        po = polib.POFile()
        po.append(polib.POEntry(msgid="乡镇", msgstr=text))
        po.append(polib.POEntry(msgid="乡镇", msgctxt="how many", msgstr="Townships"))
        po.append(polib.POEntry(msgid="户", msgstr="Household" if app == "a" else ""))
        (tmp_path / app / "locale/en/LC_MESSAGES").mkdir(parents=True)
        po.save(str(tmp_path / app / "locale/en/LC_MESSAGES/django.po"))
    assert conflicts(root=tmp_path) == {("", "乡镇"): {"a": "Township", "b": "Townships",
                                                      "c": "Township"}}

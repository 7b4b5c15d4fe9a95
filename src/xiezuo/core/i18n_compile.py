"""Finish and compile every app's catalogues without GNU gettext (`make messages` runs this).

The source strings are Chinese, so the zh_Hans catalogue translates each string to itself; the
English catalogue is written by hand and must be complete (tests/test_translations.py checks).
"""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def catalogues(language: str) -> list[Path]:
    return sorted(ROOT.glob(f"*/locale/{language}/LC_MESSAGES/*.po"))


def complete_chinese(po: polib.POFile) -> None:
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")


def main() -> None:
    for path in catalogues("zh_Hans"):
        po = polib.pofile(str(path))
        complete_chinese(po)
        po.save()
    for language in ("zh_Hans", "en"):
        for path in catalogues(language):
            polib.pofile(str(path)).save_as_mofile(str(path.with_suffix(".mo")))
            print(f"compiled {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

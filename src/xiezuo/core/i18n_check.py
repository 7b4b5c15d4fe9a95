"""List the strings the apps' English catalogues translate differently (`make lint` runs this).

Django merges every app's catalogue into one and keeps one translation of each string (context
and msgid), whichever app's catalogue comes first; so a string translated two ways shows one of
them everywhere, e.g. 乡镇 as "Townships" in a table's header meant "Township". Where the meaning
is the same, give it the same translation; where it differs (个, 项, 人, 户 …), the code marks the
meaning with a context (pgettext, {% translate "…" context "…" %}) and each catalogue has the
entry with that msgctxt. Exits 1 and lists each conflict when there is any.
"""

import sys
from collections import defaultdict
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def conflicts(language: str = "en", root: Path = ROOT) -> dict[tuple, dict[str, str]]:
    """{(msgctxt, msgid[, msgid_plural]): {app: translation}} for each string translated more
    than one way."""
    seen: dict[tuple, dict[str, str]] = defaultdict(dict)
    for path in sorted(root.glob(f"*/locale/{language}/LC_MESSAGES/django.po")):
        app = path.relative_to(root).parts[0]
        for e in polib.pofile(str(path)):
            if e.obsolete or not e.translated():
                continue
            if e.msgid_plural:  # a plural entry is a string of its own in the merged catalogue
                key, text = (e.msgctxt or "", e.msgid, e.msgid_plural), " | ".join(
                    e.msgstr_plural[k] for k in sorted(e.msgstr_plural))
            else:
                key, text = (e.msgctxt or "", e.msgid), e.msgstr
            seen[key][app] = text
    return {key: apps for key, apps in seen.items() if len(set(apps.values())) > 1}


def main() -> int:
    found = conflicts()
    for (context, msgid, *_plural), apps in sorted(found.items()):
        print(f"{msgid!r}" + (f" (context {context!r})" if context else ""))
        for app, text in sorted(apps.items()):
            print(f"    {app}: {text!r}")
    if found:
        print(f"{len(found)} strings translated differently across the catalogues",
              file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

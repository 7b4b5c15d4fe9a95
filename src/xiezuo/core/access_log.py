"""The access log of `xiezuo serve` without personal data in it.

gunicorn logs the request line, the query string and the Referer as sent. A search by ID number
posts the number (the pages and the API refuse it in a URL), but a hand-made link, an old
bookmark or a client of the API may still carry ``?id_number=...``; this logger masks that
parameter's value and any full ID number in those fields before the line is written, so an
access log never holds one (docs/security.md, 个人信息保护).
"""

import re
from urllib.parse import unquote_plus

from gunicorn.glogging import Logger

from xiezuo.core.context_processors import PRIVATE_PARAMS
from xiezuo.tabular.safe import mask_ids

_PARAM = re.compile(r"(?i)((?:^|[?&;])(?:" + "|".join(PRIVATE_PARAMS) + r")=)[^&;#\s\"]*")
_FIELDS = ("r", "q", "f", "U", "{referer}i")


def scrub(text: str) -> str:
    """`text` (a request line, query string or URL) with private values hidden."""
    if not text or text == "-":
        return text
    text = _PARAM.sub(r"\1[hidden]", text)
    # An ID number percent-encoded or with a lowercase x still reads as one once unquoted.
    if mask_ids(unquote_plus(text)) != unquote_plus(text):
        text = mask_ids(unquote_plus(text))
    return mask_ids(text)


class PrivateLogger(Logger):
    """gunicorn's logger with `scrub` applied to the request line, query string and Referer."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in _FIELDS:
            if isinstance(atoms.get(key), str):
                atoms[key] = scrub(atoms[key])
        return atoms

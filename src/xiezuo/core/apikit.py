"""What every part's API shares: the error bodies, bounded pagination and bounded parameters.

The OpenAPI schema is a contract that `tests/test_api_schemathesis.py` holds the API to: every
answer an endpoint can give (401 signed out, 403 wrong role, 404 outside the scope, 422 input
that breaks the declared limits) is declared with its body, and every number or text a client
sends has the limits the database can hold, so out-of-range input is a 422, never a 500.
"""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

#: Pages beyond this are refused with 422: the offset (page - 1) × page size must stay far from
#: 2^63, where the databases' integers end (a page of 2^63 used to be a 500).
MAX_PAGE = 1_000_000
#: the funding and plan years any filter may name (the forms' limits)
YEAR_MIN, YEAR_MAX = 2000, 2100
#: a 12-digit area code
CODE_LENGTH = 12
#: database ids are 64-bit
ID_MAX = 2**63 - 1


class Error(Schema):
    """401, 403, 404 and 400 bodies: what was wrong, in words."""

    detail: str


class Invalid(Schema):
    """422: the input that broke the declared limits, one item per problem; or, from a rule
    the endpoint checks itself (an ID number that cannot be valid), the message."""

    detail: list[dict[str, Any]] | str


def answers(ok: dict | None = None, *, found: bool = False, refused: bool = False) -> dict:
    """The responses of an operation: `ok` (e.g. {200: Out}), always 401, 403 and 422; 404
    when it looks something up (`found`); 400 when it takes a body (malformed JSON) or a rule
    can refuse it (`refused`)."""
    out = dict(ok or {})
    out.update({401: Error, 403: Error, 422: Invalid})
    if found:
        out[404] = Error
    if refused:
        out[400] = Error
    return out


class Pages(PageNumberPagination):
    """Page-number pagination with the page bounded (see MAX_PAGE); a larger page size than
    the endpoint's maximum is served at the maximum, as before."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE)

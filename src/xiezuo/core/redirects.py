"""Where to go back to after a form: a user-supplied `next` only when it stays on this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def next_or(request, default: str) -> str:
    """The POST (or GET) `next` if it is a path on this host, else `default`.

    A `next` from the request is the user's (or an attacker's link's) to choose: sent unchecked
    to `redirect()` it makes the site an open redirect (`next=https://evil.example/`)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return candidate
    return default

"""The client's address for the request (audit events, log-in lock-out), proxy-aware.

Behind a reverse proxy every request comes from the proxy's address, and the client's is in
X-Forwarded-For. That header is whatever the sender wrote, so it is believed only when the
request came from a proxy listed in XIEZUO_TRUSTED_PROXIES (addresses or networks), and only
as far as the chain of trusted proxies goes: reading the header from the right, the first
address that is not a trusted proxy is the client. A forged header sent straight to the server,
or prepended by a client before the proxy appended its own entry, changes nothing.
"""

import contextvars
import ipaddress
from functools import lru_cache

from django.conf import settings

_client_address: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "xiezuo_client_address", default=None)


def current_client_address() -> str | None:
    return _client_address.get()


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(e, strict=False) for e in entries)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def client_address_of(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = _networks(tuple(getattr(settings, "XIEZUO_TRUSTED_PROXIES", ())))
    peer = _address(remote or "")
    if peer is None or not trusted or not any(peer in n for n in trusted):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    client = remote
    for hop in reversed([h for h in forwarded.split(",") if h.strip()]):
        address = _address(hop)
        if address is None:
            break  # garbage in the chain: stop at the last address we could trust
        client = str(address)
        if not any(address in n for n in trusted):
            break
    return client


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _client_address.set(client_address_of(request))
        try:
            return self.get_response(request)
        finally:
            _client_address.reset(token)

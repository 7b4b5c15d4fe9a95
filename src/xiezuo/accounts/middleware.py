"""Remember the client's address for the request, so audit events can name it."""

import contextvars

_client_address: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "xiezuo_client_address", default=None)


def current_client_address() -> str | None:
    return _client_address.get()


def client_address_of(request) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy sets it.
    return request.META.get("REMOTE_ADDR") or None


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _client_address.set(client_address_of(request))
        try:
            return self.get_response(request)
        finally:
            _client_address.reset(token)

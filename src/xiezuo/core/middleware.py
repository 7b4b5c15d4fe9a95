"""Chinese first: the language is Chinese unless the user picked English with the switch."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Like Django's, but the browser's Accept-Language is not consulted: the users read
    Chinese, and an office computer with an English browser must still open the site in Chinese.
    The language switch (Django's set_language) stores the choice in the language cookie."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = dict(settings.LANGUAGES)
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class NoStoreMiddleware:
    """Nothing the application answers is kept by a browser or a proxy cache: pages with people's
    names, the full-ID fragment, API answers and downloaded rosters would otherwise stay in the
    browser's cache (or a shared proxy's) after log-out. Static files (served by WhiteNoise,
    before this middleware) keep their long cache lifetimes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


class ApiNulGuardMiddleware:
    """An API request whose query or body carries a NUL character is refused with 422 before
    any query runs: PostgreSQL cannot hold NUL in text and answered such a filter with a
    database error (a 500; the forms' CharField already refuses NUL, the API's parameters
    did not). Found by the schemathesis run on PostgreSQL (`/api/regions/areas?level=%00…`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            bad = [k for k, values in request.GET.lists()
                   if "\x00" in k or any("\x00" in v for v in values)]
            if (not bad and request.method in {"POST", "PUT", "PATCH"}
                    and request.content_type == "application/json"):
                body = request.body
                if b"\x00" in body or b"\\u0000" in body:
                    bad = ["body"]
            if bad:
                from django.http import JsonResponse

                return JsonResponse({"detail": [
                    {"loc": ["query" if k != "body" else "body", k], "type": "value_error",
                     "msg": "不能含有空字符（NUL）"} for k in bad]}, status=422)
        return self.get_response(request)

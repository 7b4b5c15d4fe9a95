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

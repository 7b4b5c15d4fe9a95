"""The site's URLs: the shell's own, then each part's `<app>/urls.py`, found by discovery and
mounted at `/<app label>/` (or the AppConfig's `url_prefix`), in INSTALLED_APPS order."""

from django.apps import apps
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from xiezuo.api import build_api
from xiezuo.core.discovery import app_modules

api = build_api()

urlpatterns = [
    path("", include("xiezuo.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/", api.urls),
]

for module in app_modules("urls"):
    config = apps.get_containing_app_config(module.__name__)
    if config.name == "xiezuo.core":
        continue  # the shell, mounted at the root above
    prefix = getattr(config, "url_prefix", config.label)
    urlpatterns.append(path(f"{prefix}/", include(module)))

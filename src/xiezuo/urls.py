from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from xiezuo.api import build_api

api = build_api()

urlpatterns = [
    path("", include("xiezuo.core.urls")),
    path("accounts/", include("xiezuo.accounts.urls")),
    path("areas/", include("xiezuo.regions.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/", api.urls),
]

# Each later part mounts its pages here, under its own prefix.
for prefix, module in [("registry/", "xiezuo.registry.urls"), ("labour/", "xiezuo.labour.urls"),
                       ("funds/", "xiezuo.funds.urls"), ("plan/", "xiezuo.plan.urls")]:
    from importlib.util import find_spec

    if find_spec(module) is not None:
        urlpatterns.append(path(prefix, include(module)))

"""The HTTP API (django-ninja, OpenAPI schema at /api/openapi.json, docs at /api/docs,
both for signed-in users only).

Each part of the plan contributes a `router` in `<app>/api.py`; all endpoints need a signed-in
session and scope their answers with `visible_to(request.user)`.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from ninja import NinjaAPI, Swagger
from ninja.security import django_auth

from xiezuo.core.discovery import app_modules


class LocalSwagger(Swagger):
    """swagger-ui from static/vendor/swagger-ui (pinned, with its licence) and our own
    initialiser, never from a CDN into the site's origin. (django-ninja's own copy comes with
    "ninja" in INSTALLED_APPS, and with it 8 MB of redoc and source maps that every
    `collectstatic` would compress.)"""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        return render(request, "core/api_docs.html",
                      {"swagger_settings": self.settings, "api": api})


def build_api() -> NinjaAPI:
    # The docs and the schema need a signed-in session too (they map every endpoint and field).
    api = NinjaAPI(title="Xiezuo API", version="1", auth=django_auth, urls_namespace="api",
                   docs=LocalSwagger(), docs_decorator=login_required)
    for module in app_modules("api"):
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router(f"/{module.__name__.split('.')[1]}/", router)
    return api

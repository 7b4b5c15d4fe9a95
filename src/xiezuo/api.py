"""The HTTP API (django-ninja, OpenAPI schema at /api/openapi.json, docs at /api/docs,
both for signed-in users only).

Each part of the plan contributes a `router` in `<app>/api.py`; all endpoints need a signed-in
session and scope their answers with `visible_to(request.user)`.
"""

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.security import django_auth

from xiezuo.core.discovery import app_modules


def build_api() -> NinjaAPI:
    # The docs and the schema need a signed-in session too (they map every endpoint and field);
    # the docs page uses the swagger-ui that django-ninja ships (static/ninja/, "ninja" is in
    # INSTALLED_APPS), so nothing is loaded from a CDN into the site's origin.
    api = NinjaAPI(title="Xiezuo API", version="1", auth=django_auth, urls_namespace="api",
                   docs_decorator=login_required)
    for module in app_modules("api"):
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router(f"/{module.__name__.split('.')[1]}/", router)
    return api

"""The HTTP API (django-ninja, OpenAPI schema at /api/openapi.json, docs at /api/docs).

Each part of the plan contributes a `router` in `<app>/api.py`; all endpoints need a signed-in
session and scope their answers with `visible_to(request.user)`.
"""

from ninja import NinjaAPI
from ninja.security import django_auth

from xiezuo.core.discovery import app_modules


def build_api() -> NinjaAPI:
    api = NinjaAPI(title="Xiezuo API", version="1", auth=django_auth, urls_namespace="api")
    for module in app_modules("api"):
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router(f"/{module.__name__.split('.')[1]}/", router)
    return api

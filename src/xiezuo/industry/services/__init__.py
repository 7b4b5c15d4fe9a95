"""The industry part's writes: keyword-only, one transaction, guarded and audited."""

from xiezuo.accounts.versioned import StaleEditError
from xiezuo.industry.services.events import deal_create, deal_update, event_create, event_update
from xiezuo.industry.services.linkages import linkage_create, linkage_update
from xiezuo.industry.services.products import (
    PhotoRefused,
    keep_photo_bytes,
    photo_path,
    product_create,
    product_update,
)
from xiezuo.industry.services.projects import (
    arrival_create,
    arrival_update,
    project_create,
    project_set_stage,
    project_update,
)
from xiezuo.industry.services.sales import sale_create, sale_update

__all__ = ["PhotoRefused", "StaleEditError", "arrival_create", "arrival_update", "deal_create",
           "deal_update", "event_create", "event_update", "linkage_create", "linkage_update",
           "keep_photo_bytes", "photo_path", "product_create", "product_update", "project_create",
           "project_set_stage", "project_update", "sale_create", "sale_update"]

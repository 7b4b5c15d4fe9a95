"""The showcase's products (定西好货·临洮馆) and their photos, kept under DATA_DIR/showcase."""

import hashlib
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import Actor
from xiezuo.accounts.services import audit_record
from xiezuo.accounts.versioned import check_version
from xiezuo.industry.choices import Certification
from xiezuo.industry.models import Product
from xiezuo.industry.rules import PHOTO_MAX_BYTES, photo_kind
from xiezuo.industry.services.base import _apply_edit, _guard, money

FOLDER = "showcase"


class PhotoRefused(ValidationError):
    """The photo is not a JPEG or PNG by its content, or too large: nothing kept."""


def photo_path(name: str) -> Path:
    """The kept photo's path (a name this module gave it: <sha256>.<jpg|png>)."""
    return Path(settings.DATA_DIR) / FOLDER / Path(name).name


def _keep_photo(upload) -> tuple[str, str]:
    """(kept name, SHA-256) of an uploaded photo, its type read from its first bytes."""
    if upload.size > PHOTO_MAX_BYTES:
        raise PhotoRefused({"photo": _("照片不能大于 %(n)d MB") % {
            "n": PHOTO_MAX_BYTES // (1024 * 1024)}})
    return keep_photo_bytes(b"".join(upload.chunks()))


def keep_photo_bytes(data: bytes) -> tuple[str, str]:
    """(kept name, SHA-256) of a photo's bytes (an upload's, or the demo's synthetic card):
    the type from the first bytes, the size limit, one file per content."""
    if len(data) > PHOTO_MAX_BYTES:
        raise PhotoRefused({"photo": _("照片不能大于 %(n)d MB") % {
            "n": PHOTO_MAX_BYTES // (1024 * 1024)}})
    kind = photo_kind(data[:16])
    if kind is None:
        raise PhotoRefused({"photo": _("照片应为 JPEG 或 PNG 图片（按文件内容判断）")})
    sha = hashlib.sha256(data).hexdigest()
    name = f"{sha}.{kind}"
    target = photo_path(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        target.write_bytes(data)
    return name, sha


@transaction.atomic
def product_create(*, actor: Actor, name: str, township, supplier, unit_price: Decimal,
                   unit: str, how_to_order: str, certification: str = Certification.NONE,
                   description: str = "", published: bool = False, photo=None) -> Product:
    _guard(actor, areas=[township])
    kept, sha = _keep_photo(photo) if photo else ("", "")
    p = Product.objects.create(name=name, township=township, supplier=supplier,
                               unit_price=money(unit_price), unit=unit,
                               how_to_order=how_to_order,
                               certification=Certification(certification),
                               description=description, published=published, photo=kept,
                               photo_sha256=sha)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=p, area_code=township.code,
                 new={"name": name, "supplier": supplier.pk, "published": published,
                      "photo_sha256": sha})
    return p


@transaction.atomic
def product_update(*, actor: Actor, product: Product, version: int, name: str, township,
                   supplier, unit_price: Decimal, unit: str, how_to_order: str,
                   certification: str, description: str = "", published: bool = False,
                   photo=None) -> Product:
    _guard(actor, areas=[township])
    p = Product.objects.select_for_update().get(pk=product.pk)
    check_version(p, version)
    changes = {"name": name, "township": township, "supplier": supplier,
               "unit_price": money(unit_price), "unit": unit, "how_to_order": how_to_order,
               "certification": Certification(certification).value,
               "description": description, "published": published}
    if photo:
        changes["photo"], changes["photo_sha256"] = _keep_photo(photo)
    return _apply_edit(actor, p, version, changes, area_code=township.code)

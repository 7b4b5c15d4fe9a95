"""定西好货·临洮馆: the public product showcase, reachable without log-in (the only pages of
Xiezuo that are, besides log-in itself; industry.access lists them as PUBLIC).

Every page reads `selectors.showcase_products()` — published products only — so a product that
is not published is a 404 here, its photo and QR code too. Nothing else is shown: no sales, no
households, no prices beyond the one the supplier publishes.
"""

import io

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from xiezuo.industry.choices import Certification
from xiezuo.industry.selectors import showcase_products
from xiezuo.industry.services import photo_path

CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png"}


@require_GET
def index(request):
    products = showcase_products()
    cert = request.GET.get("cert", "")
    if cert in Certification.values:
        products = products.filter(certification=cert)
    return render(request, "showcase/index.html", {
        "products": products, "cert": cert, "certifications": [
            c for c in Certification.choices if c[0] != Certification.NONE]})


@require_GET
def product(request, pk: int):
    p = get_object_or_404(showcase_products(), pk=pk)
    return render(request, "showcase/product.html", {"p": p})


@require_GET
def sheet(request, pk: int):
    """A printable A4 sheet for the showcase in Cangshan, with a QR code to the product page."""
    p = get_object_or_404(showcase_products(), pk=pk)
    return render(request, "showcase/sheet.html", {
        "p": p, "url": request.build_absolute_uri(reverse("showcase:product", args=[p.pk]))})


@require_GET
def photo(request, pk: int):
    p = get_object_or_404(showcase_products(), pk=pk)
    if not p.photo:
        raise Http404
    path = photo_path(p.photo)
    if not path.exists():
        raise Http404
    kind = path.suffix.lstrip(".")
    return FileResponse(path.open("rb"), content_type=CONTENT_TYPES.get(kind, "image/jpeg"))


@require_GET
def qr(request, pk: int):
    """The QR code (SVG) of the product's public page."""
    import segno

    p = get_object_or_404(showcase_products(), pk=pk)
    url = request.build_absolute_uri(reverse("showcase:product", args=[p.pk]))
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=8, border=2)
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")

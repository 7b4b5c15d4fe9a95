"""The industry demo builds its four years from a fixed seed on the registry's households."""

import hashlib
import io

import pytest

from xiezuo.core.synthetic import DemoContext
from xiezuo.industry import demo
from xiezuo.industry.models import InvestmentProject, Linkage, Product, Sale, TradeEvent
from xiezuo.industry.services import photo_path

pytestmark = pytest.mark.django_db


def test_the_demo_builds_projects_linkages_fairs_sales_and_products(hh, monkeypatch):
    monkeypatch.setattr(demo, "SALES", 2000)
    for _ in range(20):
        hh()
        hh("621124103201")
    out = io.StringIO()
    demo.build(DemoContext(seed=7, stdout=out))
    assert InvestmentProject.objects.count() == 12
    assert set(InvestmentProject.objects.values_list("sector", flat=True)) >= {
        "tcm", "potato", "grass_livestock", "fruit_veg", "biopharma", "logistics", "tourism",
        "energy"}
    assert Linkage.objects.values("household").distinct().count() == 40
    assert TradeEvent.objects.count() == 24
    assert Sale.objects.count() == 2000
    assert not Sale.objects.exclude(township__code__startswith="621124").exists()
    assert Product.objects.filter(published=True).count() == 7
    assert "synthetic" in out.getvalue()
    # every product has a synthetic photo, kept by the showcase's own store (content-named PNG)
    for p in Product.objects.all():
        data = photo_path(p.photo).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert p.photo == f"{hashlib.sha256(data).hexdigest()}.png" and p.photo_sha256 in p.photo
    assert Product.objects.values("photo").distinct().count() == Product.objects.count()


def test_investors_from_outside_cangshan_sit_under_a_known_area(hh, monkeypatch):
    """The full demo's seed draws investors from elsewhere in Fujian (厦门…): the reference areas
    have no Xiamen, so they sit under Fuzhou rather than stopping the demo (KeyError before)."""
    monkeypatch.setattr(demo, "SALES", 200)
    for _ in range(4):
        hh()
    demo.build(DemoContext(seed=0, stdout=io.StringIO()))
    assert InvestmentProject.objects.exclude(investor__area__code__startswith="350104").exists()

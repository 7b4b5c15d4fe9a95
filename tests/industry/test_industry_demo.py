"""The industry demo builds its four years from a fixed seed on the registry's households."""

import io

import pytest

from xiezuo.core.synthetic import DemoContext
from xiezuo.industry import demo
from xiezuo.industry.models import InvestmentProject, Linkage, Product, Sale, TradeEvent

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

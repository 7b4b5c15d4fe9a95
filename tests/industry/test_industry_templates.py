"""The industry imports' templates (linkages, sales), filled in as a clerk would and imported
(the example row left in place and skipped), and again after LibreOffice saved them."""

import datetime

import pytest

from xiezuo.industry.imports import LinkageImport, SaleImport, linkages_import, sales_import
from xiezuo.industry.models import Linkage, Sale
from xiezuo.tabular.testing.templates import fill_template


@pytest.fixture
def filled(org, hh, project):
    investor = org("仓山区某投资公司")
    p = project(investor, code="LT-T01")
    buyer = org("仓山区某机关食堂", roles=("buyer",), kind="public_body")
    coop = org("临洮县某马铃薯专业合作社", area="621124100000", roles=("supplier",),
               kind="cooperative")
    h1, h2 = hh(), hh()
    return [
        ("linkages", fill_template(LinkageImport, [
            {"household": h1.number, "project_code": p.code, "kind": "入股分红", "year": 2019,
             "amount": 1200}]),
         lambda path, d: linkages_import(path=path, dry_run=d),
         {"linkages_created": 1, "rejected": 0}),
        ("sales", fill_template(SaleImport, [
            {"date": datetime.date(2019, 6, 18), "product": "马铃薯", "township": "洮阳镇",
             "supplier": coop.name, "buyer": buyer.name, "buyer_kind": "机关食堂",
             "channel": "机关食堂·工会采购", "quantity": 500, "unit": "公斤", "amount": 1500,
             "households": f"{h1.number}、{h2.number}"}]),
         lambda path, d: sales_import(path=path, dry_run=d),
         {"sales_created": 1, "rejected": 0}),
    ]



@pytest.mark.parametrize("libreoffice", [False, True], ids=["as-filled", "saved-by-libreoffice"])
def test_each_filled_template_imports(filled, libreoffice, import_filled_templates):
    import_filled_templates(filled, libreoffice=libreoffice)
    if not libreoffice:  # the real run (the LibreOffice copies are checked as a dry run)
        assert Linkage.objects.count() == 1 and Sale.objects.count() == 1

"""The donation ledger's template, filled in as a clerk would and imported (the example row left
in place and skipped), and again after LibreOffice saved it."""

import datetime
from decimal import Decimal

import pytest

from xiezuo.pairing.imports import DonationImport, donations_import
from xiezuo.pairing.models import Donation
from xiezuo.tabular.testing.templates import fill_template


@pytest.fixture
def filled(areas):
    return [("donations", fill_template(DonationImport, [
        {"date": datetime.date(2019, 9, 1), "donor_name": "王某某", "category": "侨胞",
         "amount": 20000, "purpose": "捐资助学", "receipt_no": "SJ-1", "township": "洮阳镇"},
        {"date": "2020-01-15", "donor_name": "李某", "category": "港澳台", "kind": "物资",
         "goods": "图书500册", "amount": "1500.50", "purpose": "捐资助学",
         "township": "辛店镇"}]),
        lambda p, d: donations_import(path=p, dry_run=d), {"donations_created": 2, "rejected": 0})]


@pytest.mark.parametrize("libreoffice", [False, True], ids=["as-filled", "saved-by-libreoffice"])
def test_each_filled_template_imports(filled, libreoffice, import_filled_templates):
    import_filled_templates(filled, libreoffice=libreoffice)
    if not libreoffice:  # the real run (the LibreOffice copies are checked as a dry run)
        assert Donation.objects.get(donor_name="李某").amount == Decimal("1500.50")

"""The donation ledger's template, filled in as a clerk would and imported (the example row left
in place and skipped)."""

import datetime

import pytest

from xiezuo.pairing.imports import DonationImport, donations_import
from xiezuo.tabular.testing.templates import fill_template

pytestmark = pytest.mark.django_db


def test_the_filled_template_imports(areas, tmp_path):
    path = tmp_path / "捐赠.xlsx"
    path.write_bytes(fill_template(DonationImport, [
        {"date": datetime.date(2019, 9, 1), "donor_name": "王某某", "category": "侨胞",
         "amount": 20000, "purpose": "捐资助学", "receipt_no": "SJ-1", "township": "洮阳镇"},
        {"date": "2020-01-15", "donor_name": "李某", "category": "港澳台", "kind": "物资",
         "goods": "图书500册", "amount": "1500.50", "purpose": "捐资助学",
         "township": "辛店镇"}]))
    got = donations_import(path=path).as_json()
    assert (got["donations_created"], got["rejected"]) == (2, 0), got["errors"]

"""The funds demo keeps evidence as the offices do: a fund-arrival voucher for every allocation
and the contracts of the first projects of each year, each a real PDF with its SHA-256."""

import hashlib
import io
from pathlib import Path

import pytest
from django.conf import settings

from xiezuo.core.synthetic import DemoContext
from xiezuo.evidence.models import Attachment
from xiezuo.funds import demo
from xiezuo.funds.models import Allocation

pytestmark = pytest.mark.django_db


def test_the_funds_demo_attaches_vouchers_and_contracts(areas, users):
    ctx = DemoContext(seed=20170626, stdout=io.StringIO())
    ctx.users = {"funds": users["fund_officer"]}
    ctx.county = areas["621124000000"]
    demo.build(ctx)
    vouchers = Attachment.objects.filter(kind="fund_voucher")
    assert vouchers.count() == Allocation.objects.count() > 0
    contracts = Attachment.objects.filter(kind="contract")
    assert contracts.count() == 8  # two a year, 2017–2020
    for a in Attachment.objects.all():
        data = (Path(settings.DATA_DIR) / a.path).read_bytes()
        assert data.startswith(b"%PDF-") and hashlib.sha256(data).hexdigest() == a.sha256
    assert "evidence files" in ctx.stdout.getvalue()

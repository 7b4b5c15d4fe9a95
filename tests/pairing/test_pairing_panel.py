"""The donations that reached a registered household are shown on its page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from xiezuo.pairing import services

pytestmark = pytest.mark.django_db
V_TAOYANG_DEEP = "621124100201"  # a deep-poverty village of 洮阳镇 (tests/conftest.py areas)

def area(code: str):
    from xiezuo.regions.models import Area

    return Area.objects.get(code=code)



def test_the_household_page_shows_its_donations(client, users, household):
    hh = household()
    services.donation_create(actor=None, donor_name="林先生", donor_category="hmt",
                             kind="money", amount=Decimal("3000.00"), purpose="medical",
                             date=datetime.date(2019, 8, 1), area=area(V_TAOYANG_DEEP),
                             households=[hh], receipt_no="P-1")
    client.force_login(users["township_clerk"])
    body = client.get(reverse("registry:household_detail", args=[hh.pk])).content.decode()
    assert "社会捐赠" in body and "林先生" in body and "3,000.00" in body
    other = household()
    body = client.get(reverse("registry:household_detail", args=[other.pk])).content.decode()
    assert "林先生" not in body
    client.force_login(users["case_worker"])  # sees the household, not the pairing part
    r = client.get(reverse("registry:household_detail", args=[hh.pk]))
    if r.status_code == 200:
        assert "林先生" not in r.content.decode()

"""Edits go through the versioned update: a form read before someone else's save is refused
and writes nothing."""

import datetime

import pytest
from django.urls import reverse

from xiezuo.pairing import services
from xiezuo.pairing.models import TownPairing

pytestmark = pytest.mark.django_db
V_TAOYANG_DEEP = "621124100201"  # a deep-poverty village of 洮阳镇 (tests/conftest.py areas)

def area(code: str):
    from xiezuo.regions.models import Area

    return Area.objects.get(code=code)



def test_a_stale_save_of_a_town_pairing_is_refused(users, town_pairing):
    p = town_pairing()
    kw = {"east_town": p.east_town, "west_township": p.west_township,
          "started_on": p.started_on}
    services.town_pairing_update(actor=None, pairing=p, version=1, agreement_no="A-1", **kw)
    with pytest.raises(services.StaleEditError):
        services.town_pairing_update(actor=None, pairing=p, version=1, agreement_no="B-2",
                                     **kw)
    p.refresh_from_db()
    assert (p.agreement_no, p.version) == ("A-1", 2)


def test_the_edit_page_shows_the_refusal_over_the_form(client, users, town_pairing):
    p = town_pairing()
    client.force_login(users["county_admin"])
    data = {"version": 1, "east_town": p.east_town_id, "west_township": p.west_township_id,
            "started_on": "2017-03-01", "ended_on": "2019-12-31"}
    assert client.post(reverse("pairing:town_edit", args=[p.pk]), data).status_code == 302
    r = client.post(reverse("pairing:town_edit", args=[p.pk]), {**data, "ended_on": ""})
    assert r.status_code == 200 and "已被他人修改" in r.content.decode()
    assert TownPairing.objects.get(pk=p.pk).ended_on == datetime.date(2019, 12, 31)


def test_a_stale_save_of_a_donation_is_refused(users):
    from decimal import Decimal


    d = services.donation_create(actor=None, donor_name="黄女士", donor_category="individual",
                                 kind="money", amount=Decimal("10.00"), purpose="charity",
                                 date=datetime.date(2019, 1, 1), area=area(V_TAOYANG_DEEP))
    kw = {"donor_category": "individual", "kind": "money", "amount": Decimal("10.00"),
          "purpose": "charity", "date": d.date, "area": d.area, "donor_name": "黄女士"}
    services.donation_update(actor=None, donation=d, version=1, receipt_no="S1", **kw)
    with pytest.raises(services.StaleEditError):
        services.donation_update(actor=None, donation=d, version=1, receipt_no="S2", **kw)


def test_a_pairing_page_offers_its_agreement_as_evidence(client, users, town_pairing):
    from xiezuo.evidence.registry import capability_for

    p = town_pairing()
    assert capability_for(p) is not None
    client.force_login(users["county_admin"])
    body = client.get(reverse("pairing:town_detail", args=[p.pk])).content.decode()
    assert "结对协议等佐证材料" in body
    assert reverse("evidence:attachment_add", args=["pairing.townpairing", p.pk]) in body


def test_a_stale_save_of_an_activity_is_refused(users, town_pairing):
    from decimal import Decimal

    p = town_pairing()
    a = services.activity_create(actor=None, town_pairing=p, date=datetime.date(2018, 5, 1),
                                 kind="money", money_amount=Decimal("100.00"))
    kw = {"date": a.date, "kind": "money"}
    services.activity_update(actor=None, activity=a, version=1, money_amount=Decimal("150.00"),
                             **kw)
    with pytest.raises(services.StaleEditError):
        services.activity_update(actor=None, activity=a, version=1,
                                 money_amount=Decimal("99.00"), **kw)
    a.refresh_from_db()
    assert a.money == Decimal("150.00")
